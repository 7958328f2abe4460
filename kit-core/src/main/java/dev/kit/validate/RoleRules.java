package dev.kit.validate;

import static dev.kit.validate.Violations.shown;

import dev.kit.model.Kit;
import dev.kit.model.Role;
import dev.kit.model.Service;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The roles CloudNativePG manages beside a database's owner ({@code role(...)}, {@code
 * dropRole(...)}): names PostgreSQL takes unquoted and neither it nor CloudNativePG reserves,
 * memberships in roles that exist on the database's major and make no cycle, a password only for a
 * role that logs in.
 */
final class RoleRules {

  /**
   * Roles CloudNativePG makes and manages itself (its docs, "Database Role Management"), and the
   * names PostgreSQL refuses for a role ({@code CREATE ROLE}: "role name ... is reserved").
   */
  private static final Set<String> RESERVED =
      Set.of(
          "postgres",
          "streaming_replica",
          "cnpg_pooler_pgbouncer",
          "public",
          "none",
          "current_role",
          "current_user",
          "session_user");

  /** The Secrets CloudNativePG makes for a cluster, by suffix of the cluster's name. */
  private static final List<String> CNPG_SECRETS =
      List.of("-app", "-superuser", "-replication", "-ca", "-server");

  private RoleRules() {}

  /**
   * Checks {@code service}'s roles; {@code path} is its database's ({@code
   * services[orders].database}).
   */
  static void check(Kit kit, String path, Service service, Violations violations) {
    List<Role> roles = service.database().roles();
    if (roles.isEmpty()) {
      return;
    }
    String owner = kit.applicationDatabase(service).owner();
    int major = service.database().postgresMajor();
    Map<String, Role> declared = new HashMap<>();
    for (Role role : roles) {
      declared.put(role.name(), role);
    }
    // CNPG reads a role's Secret as basic-auth with the role's name as username: one Secret serves
    // one role, and CNPG's own Secrets of the cluster hold other users.
    Map<String, String> secretOwners = new HashMap<>();
    Set<String> cnpgSecrets = new HashSet<>();
    for (String suffix : CNPG_SECRETS) {
      cnpgSecrets.add(service.clusterName() + suffix);
    }
    for (Role role : roles) {
      String at = path + ".roles" + Violations.entry(role.name());
      name(at, role.name(), owner, service, violations);
      if (role.absent()) {
        continue;
      }
      if (role.passwordSecret().isPresent()) {
        String secret = role.passwordSecret().get();
        if (!role.login()) {
          violations.add(
              at + ".passwordSecret",
              "is set on a role that cannot log in, which has no use for a password",
              "add login(), or remove passwordSecret(\"" + secret + "\")");
        }
        String other = secretOwners.putIfAbsent(secret, role.name());
        if (cnpgSecrets.contains(secret)) {
          violations.add(
              at + ".passwordSecret",
              "is "
                  + secret
                  + ", a Secret CloudNativePG makes for the cluster and fills with another user",
              "give the role a Secret of its own, such as \""
                  + service.name()
                  + "-"
                  + role.name().replace('_', '-')
                  + "\"");
        } else if (other != null) {
          violations.add(
              at + ".passwordSecret",
              "is "
                  + secret
                  + ", role "
                  + other
                  + "'s too, and its username can name only one of them",
              "give each role a Secret of its own");
        }
        violations.invalid(
            at + ".passwordSecret",
            secret,
            KubernetesNames.dns1123Subdomain(secret),
            "use the name of a kubernetes.io/basic-auth Secret in namespace "
                + service.namespace()
                + ", such as \""
                + service.name()
                + "-"
                + role.name().replace('_', '-')
                + "\"");
      }
      if (role.connectionLimit().isPresent() && role.connectionLimit().get() < -1) {
        violations.add(
            at + ".connectionLimit",
            "is " + role.connectionLimit().get() + ", which PostgreSQL refuses",
            "use a number of connections, or leave connectionLimit(...) out for no limit");
      }
      for (String group : role.inRoles()) {
        membership(at, role, group, declared, owner, major, violations);
      }
    }
    cycles(path, roles, declared, violations);
  }

  private static void name(
      String at, String name, String owner, Service service, Violations violations) {
    if (!KubernetesNames.isSqlIdentifier(name)
        || name.startsWith("pg_")
        || RESERVED.contains(name)) {
      violations.add(
          at,
          shown(name, "the name") + " is not a usable role name",
          "use a lower-case identifier such as \"reporting\" (not pg_*, postgres,"
              + " streaming_replica or cnpg_pooler_pgbouncer, which PostgreSQL or CloudNativePG"
              + " reserve)");
    } else if (name.equals(owner)) {
      violations.add(
          at,
          "is the database's owner, whom CloudNativePG makes at bootstrap, with its password in"
              + " the "
              + service.clusterName()
              + "-app Secret",
          "remove role(\"" + name + "\"), or give the managed role another name");
    }
  }

  private static void membership(
      String at,
      Role role,
      String group,
      Map<String, Role> declared,
      String owner,
      int major,
      Violations violations) {
    String path = at + ".inRoles" + Violations.entry(group);
    Role other = declared.get(group);
    Optional<Integer> since = Role.predefinedSince(group);
    if (group.equals(role.name())) {
      violations.add(path, "makes the role a member of itself", "remove inRole(\"" + group + "\")");
    } else if (other != null) {
      if (other.absent()) {
        violations.add(
            path,
            "is a role dropRole(\"" + group + "\") drops",
            "remove inRole(\"" + group + "\"), or keep the role with role(\"" + group + "\", ...)");
      }
    } else if (group.equals("pg_database_owner")) {
      violations.add(
          path,
          "is pg_database_owner, which PostgreSQL gives no members: its one member is the"
              + " database's owner",
          "remove inRole(\"pg_database_owner\")");
    } else if (since.isPresent() && since.get() > major) {
      violations.add(
          path,
          "is a predefined role from PostgreSQL " + since.get() + ", and the database is " + major,
          "remove inRole(\"" + group + "\"), or raise postgresMajor(...)");
    } else if (!group.equals(owner) && since.isEmpty()) {
      violations.add(
          path,
          shown(group, "the role") + " is no role of the database",
          "declare it with role(\""
              + group
              + "\", r -> r), or use the owner or a predefined role such as pg_read_all_data");
    }
  }

  /**
   * A cycle of memberships among the declared roles, which PostgreSQL refuses ("role ... is a
   * member of role ..."), reported once, at its first role by name.
   */
  private static void cycles(
      String path, List<Role> roles, Map<String, Role> declared, Violations violations) {
    Set<String> reported = new HashSet<>();
    for (Role role : roles) {
      if (reported.contains(role.name())) {
        continue;
      }
      List<String> cycle = cycleFrom(role.name(), declared);
      if (!cycle.isEmpty()) {
        reported.addAll(cycle);
        violations.add(
            path + ".roles" + Violations.entry(role.name()) + ".inRoles",
            "make a cycle of memberships, which PostgreSQL refuses: "
                + String.join(" → ", cycle)
                + " → "
                + cycle.get(0),
            "remove one inRole(...) of the cycle");
      }
    }
  }

  /** The roles of a cycle through {@code start}, in membership order, or none. */
  private static List<String> cycleFrom(String start, Map<String, Role> declared) {
    List<String> trail = new ArrayList<>();
    trail.add(start);
    return walk(start, start, declared, trail, new HashSet<>()) ? trail : List.of();
  }

  private static boolean walk(
      String start,
      String at,
      Map<String, Role> declared,
      List<String> trail,
      Set<String> visited) {
    Role role = declared.get(at);
    if (role == null || !visited.add(at)) {
      return false;
    }
    for (String group : role.inRoles()) {
      if (group.equals(start)) {
        return trail.size() > 1;
      }
      trail.add(group);
      if (walk(start, group, declared, trail, visited)) {
        return true;
      }
      trail.remove(trail.size() - 1);
    }
    return false;
  }
}
