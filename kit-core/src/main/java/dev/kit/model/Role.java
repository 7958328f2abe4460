package dev.kit.model;

import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/**
 * A PostgreSQL role CloudNativePG manages in the cluster beside the database's owner ({@code
 * spec.managed.roles}): a group role the migrations grant privileges to, or a login for another
 * consumer such as a reporting tool. kit's health check holds the database's wave until
 * CloudNativePG has reconciled every role, so the migrations find them. Only what is set here is
 * written; CloudNativePG's defaults apply to the rest (no login, no password, inherit, no limit).
 *
 * <pre>{@code
 * db.role("readers", r -> r.comment("read-only access"))
 *   .role("reporting", r -> r.login().passwordSecret("orders-reporting").inRole("readers"))
 *   .dropRole("legacy_etl");
 * }</pre>
 *
 * <p>Superuser and replication roles are left out on purpose: the first is {@code
 * superuserAccess(true)} and the {@code postgres} Secret, the second CloudNativePG's own {@code
 * streaming_replica}; a patch of {@code /spec/managed/roles} can still set them.
 */
public final class Role {

  /**
   * PostgreSQL's predefined roles a role may be a member of, with the first major that has each
   * (the "Predefined Roles" page of each release's docs). {@code pg_database_owner} is not one: its
   * one member is the database's owner.
   */
  private static final Map<String, Integer> PREDEFINED = predefined();

  private final String name;
  private final boolean absent;
  private final Optional<String> comment;
  private final boolean login;
  private final Optional<String> passwordSecret;
  private final List<String> inRoles;
  private final Optional<Integer> connectionLimit;
  private final Optional<Instant> validUntil;
  private final boolean createDb;
  private final boolean createRole;
  private final boolean bypassRls;
  private final boolean inherit;

  private Role(Builder b) {
    this.name = b.name;
    this.absent = b.absent;
    this.comment = Optional.ofNullable(b.comment);
    this.login = b.login;
    this.passwordSecret = Optional.ofNullable(b.passwordSecret);
    this.inRoles = List.copyOf(b.inRoles);
    this.connectionLimit = Optional.ofNullable(b.connectionLimit);
    this.validUntil = Optional.ofNullable(b.validUntil);
    this.createDb = b.createDb;
    this.createRole = b.createRole;
    this.bypassRls = b.bypassRls;
    this.inherit = b.inherit;
  }

  private static Map<String, Integer> predefined() {
    Map<String, Integer> roles = new TreeMap<>();
    for (String role :
        List.of(
            "pg_execute_server_program",
            "pg_monitor",
            "pg_read_all_settings",
            "pg_read_all_stats",
            "pg_read_server_files",
            "pg_signal_backend",
            "pg_stat_scan_tables",
            "pg_write_server_files")) {
      roles.put(role, 11);
    }
    roles.put("pg_read_all_data", 14);
    roles.put("pg_write_all_data", 14);
    roles.put("pg_checkpoint", 15);
    roles.put("pg_create_subscription", 16);
    roles.put("pg_use_reserved_connections", 16);
    roles.put("pg_maintain", 17);
    roles.put("pg_signal_autovacuum_worker", 18);
    return Collections.unmodifiableMap(roles);
  }

  /**
   * The predefined roles of PostgreSQL {@code major} that {@link Builder#inRole} may name, sorted,
   * such as {@code pg_read_all_data} (14 and later).
   */
  public static Set<String> predefinedRoles(int major) {
    Set<String> roles = new TreeSet<>();
    for (Map.Entry<String, Integer> role : PREDEFINED.entrySet()) {
      if (role.getValue() <= major) {
        roles.add(role.getKey());
      }
    }
    return Collections.unmodifiableSet(roles);
  }

  /** The first major with the predefined role {@code name}, or empty for another name. */
  public static Optional<Integer> predefinedSince(String name) {
    return Optional.ofNullable(PREDEFINED.get(name));
  }

  /** A role named {@code name}, to be present, with CloudNativePG's defaults until set. */
  public static Builder builder(String name) {
    return new Builder(
        Objects.requireNonNull(
            name, "Role.builder(name): name is null; pass the role's name, such as \"reporting\""));
  }

  /**
   * A role CloudNativePG drops ({@code ensure: absent}); dropping fails while the role owns objects
   * or holds privileges, which the Cluster's health then reports.
   */
  public static Role absent(String name) {
    Builder builder =
        new Builder(
            Objects.requireNonNull(
                name,
                "Role.absent(name): name is null; pass the role's name, such as \"legacy_etl\""));
    builder.absent = true;
    return builder.build();
  }

  /** A builder holding these settings, to change some of them. */
  public Builder toBuilder() {
    Builder b = new Builder(name);
    b.absent = absent;
    b.comment = comment.orElse(null);
    b.login = login;
    b.passwordSecret = passwordSecret.orElse(null);
    b.inRoles.addAll(inRoles);
    b.connectionLimit = connectionLimit.orElse(null);
    b.validUntil = validUntil.orElse(null);
    b.createDb = createDb;
    b.createRole = createRole;
    b.bypassRls = bypassRls;
    b.inherit = inherit;
    return b;
  }

  /** The role's name, as the migrations' {@code GRANT ... TO} name it. */
  public String name() {
    return name;
  }

  /** Whether CloudNativePG drops the role ({@code ensure: absent}) rather than keeps it. */
  public boolean absent() {
    return absent;
  }

  /** The role's comment ({@code COMMENT ON ROLE}). */
  public Optional<String> comment() {
    return comment;
  }

  /** Whether the role may log in. */
  public boolean login() {
    return login;
  }

  /**
   * The {@code kubernetes.io/basic-auth} Secret holding the role's password, in the service's
   * namespace, its {@code username} the role's name; empty to leave the password to PostgreSQL.
   */
  public Optional<String> passwordSecret() {
    return passwordSecret;
  }

  /** The roles this role is a member of, sorted. */
  public List<String> inRoles() {
    return inRoles;
  }

  /** How many connections the role may hold at once; empty for no limit. */
  public Optional<Integer> connectionLimit() {
    return connectionLimit;
  }

  /** When the role's password stops being valid; empty for never. */
  public Optional<Instant> validUntil() {
    return validUntil;
  }

  public boolean createDb() {
    return createDb;
  }

  public boolean createRole() {
    return createRole;
  }

  public boolean bypassRls() {
    return bypassRls;
  }

  /** Whether the role uses the privileges of the roles it is a member of ({@code INHERIT}). */
  public boolean inherit() {
    return inherit;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof Role that
        && name.equals(that.name)
        && absent == that.absent
        && comment.equals(that.comment)
        && login == that.login
        && passwordSecret.equals(that.passwordSecret)
        && inRoles.equals(that.inRoles)
        && connectionLimit.equals(that.connectionLimit)
        && validUntil.equals(that.validUntil)
        && createDb == that.createDb
        && createRole == that.createRole
        && bypassRls == that.bypassRls
        && inherit == that.inherit;
  }

  @Override
  public int hashCode() {
    return Objects.hash(
        name,
        absent,
        comment,
        login,
        passwordSecret,
        inRoles,
        connectionLimit,
        validUntil,
        createDb,
        createRole,
        bypassRls,
        inherit);
  }

  @Override
  public String toString() {
    if (absent) {
      return "Role[" + name + ", absent]";
    }
    StringBuilder s = new StringBuilder("Role[").append(name);
    if (login) {
      s.append(", login");
    }
    passwordSecret.ifPresent(secret -> s.append(", passwordSecret=").append(secret));
    if (!inRoles.isEmpty()) {
      s.append(", inRoles=").append(inRoles);
    }
    connectionLimit.ifPresent(limit -> s.append(", connectionLimit=").append(limit));
    validUntil.ifPresent(until -> s.append(", validUntil=").append(until));
    if (createDb) {
      s.append(", createDb");
    }
    if (createRole) {
      s.append(", createRole");
    }
    if (bypassRls) {
      s.append(", bypassRls");
    }
    if (!inherit) {
      s.append(", noInherit");
    }
    comment.ifPresent(c -> s.append(", comment=").append(c));
    return s.append(']').toString();
  }

  /** Builds a {@link Role}; every setting but the name has CloudNativePG's default. */
  public static final class Builder {
    private final String name;
    private boolean absent;
    private @Nullable String comment;
    private boolean login;
    private @Nullable String passwordSecret;
    private final Set<String> inRoles = new TreeSet<>();
    private @Nullable Integer connectionLimit;
    private @Nullable Instant validUntil;
    private boolean createDb;
    private boolean createRole;
    private boolean bypassRls;
    private boolean inherit = true;

    private Builder(String name) {
      this.name = name;
    }

    public Builder comment(String comment) {
      this.comment =
          Objects.requireNonNull(
              comment, "Role.Builder.comment(comment): comment is null; pass the role's purpose");
      return this;
    }

    /** The role may log in. */
    public Builder login() {
      this.login = true;
      return this;
    }

    /**
     * The role's password, from a {@code kubernetes.io/basic-auth} Secret in the service's
     * namespace whose {@code username} is the role's name; needs {@link #login()}.
     */
    public Builder passwordSecret(String secretName) {
      this.passwordSecret =
          Objects.requireNonNull(
              secretName,
              "Role.Builder.passwordSecret(secretName): secretName is null; pass the name of a"
                  + " basic-auth Secret, such as \"orders-reporting\"");
      return this;
    }

    /**
     * Makes the role a member of {@code role}: another role of the database, the owner, or a
     * predefined role such as {@code pg_read_all_data}.
     */
    public Builder inRole(String role) {
      inRoles.add(
          Objects.requireNonNull(
              role,
              "Role.Builder.inRole(role): role is null; pass a role's name, such as \"pg_read_all_data\""));
      return this;
    }

    /** No membership in {@code role}: for an environment's override. */
    public Builder withoutInRole(String role) {
      inRoles.remove(
          Objects.requireNonNull(
              role,
              "Role.Builder.withoutInRole(role): role is null; pass the name of a role it is a member of"));
      return this;
    }

    public Builder connectionLimit(int connectionLimit) {
      this.connectionLimit = connectionLimit;
      return this;
    }

    /** The password stops being valid at {@code validUntil}. */
    public Builder validUntil(Instant validUntil) {
      this.validUntil =
          Objects.requireNonNull(
              validUntil,
              "Role.Builder.validUntil(validUntil): validUntil is null; pass an Instant, or leave it out for never");
      return this;
    }

    public Builder createDb() {
      this.createDb = true;
      return this;
    }

    public Builder createRole() {
      this.createRole = true;
      return this;
    }

    /** The role bypasses every row-level security policy. */
    public Builder bypassRls() {
      this.bypassRls = true;
      return this;
    }

    /** The role does not use the privileges of its roles until it {@code SET ROLE}s to one. */
    public Builder noInherit() {
      this.inherit = false;
      return this;
    }

    public Role build() {
      return new Role(this);
    }
  }
}
