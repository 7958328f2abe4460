package dev.kit;

import dev.kit.layout.RepositoryLayout;
import dev.kit.model.Environment;
import dev.kit.model.Kit;
import dev.kit.model.Service;
import dev.kit.plan.GeneratedHeader;
import dev.kit.plan.RepositoryRoot;
import dev.kit.render.PlatformContext;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.MappingIterator;

/**
 * The team's own manifests in a service's Application folder ({@code manifests/}, such as an
 * Ingress in {@code manifests/app/}) whose kind the services' {@code AppProject} does not permit.
 * kit writes that project with a Platform and permits only the kinds its own files sync and the
 * platform's {@code allowKind(...)}, so Argo CD refuses to sync anything else there ("is not
 * permitted in project"); kit says so at generation, with the fix, instead of at the sync.
 */
final class UnpermittedManifests {

  /**
   * Cluster-scoped kinds a team might put beside its manifests: the project permits only {@code
   * Namespace} of those, and {@code allowKind} (namespaced kinds) cannot help.
   */
  private static final Set<String> CLUSTER_SCOPED =
      Set.of(
          "/PersistentVolume",
          "apiextensions.k8s.io/CustomResourceDefinition",
          "admissionregistration.k8s.io/MutatingWebhookConfiguration",
          "admissionregistration.k8s.io/ValidatingWebhookConfiguration",
          "networking.k8s.io/IngressClass",
          "rbac.authorization.k8s.io/ClusterRole",
          "rbac.authorization.k8s.io/ClusterRoleBinding",
          "scheduling.k8s.io/PriorityClass",
          "storage.k8s.io/StorageClass");

  private UnpermittedManifests() {}

  /**
   * A warning for each kind in a file under a service's {@code manifests/} that is not in {@code
   * planned} and not kit's, which the project of its environment refuses; sorted by file.
   */
  static List<String> of(RepositoryRoot repository, Kit kit, Collection<String> planned) {
    Map<String, List<String>> byFile = new TreeMap<>();
    List<Environment> environments = kit.environments();
    if (environments.isEmpty()) {
      check(repository, kit, planned, byFile);
    }
    for (Environment environment : environments) {
      check(repository, kit.in(environment.name()), planned, byFile);
    }
    List<String> warnings = new ArrayList<>();
    for (List<String> each : byFile.values()) {
      warnings.addAll(each);
    }
    return warnings;
  }

  private static void check(
      RepositoryRoot repository,
      Kit kit,
      Collection<String> planned,
      Map<String, List<String>> byFile) {
    if (kit.platform().isEmpty()) {
      return; // no project of kit's: whoever runs the project decides
    }
    @Nullable Set<String> permitted =
        null; // asked once a service has files of its own: most have none
    String project = kit.repository().argoCd().project();
    for (Service service : kit.services()) {
      String manifests = RepositoryLayout.service(kit, service).manifests();
      for (Map.Entry<String, byte[]> file :
          ownFiles(repository.path(), manifests, planned).entrySet()) {
        if (permitted == null) {
          permitted = PlatformContext.permittedKinds(kit);
        }
        List<String> warnings = new ArrayList<>();
        for (String kind : kinds(file.getValue())) {
          if (permitted.contains(kind) || PlatformContext.CLUSTER_PERMITTED_KINDS.contains(kind)) {
            continue;
          }
          String group = kind.substring(0, kind.indexOf('/'));
          String name = kind.substring(kind.indexOf('/') + 1);
          String shown = group.isEmpty() ? name : kind;
          warnings.add(
              CLUSTER_SCOPED.contains(kind)
                  ? file.getKey()
                      + ": "
                      + shown
                      + " is cluster-scoped, and the AppProject \""
                      + project
                      + "\" permits only Namespaces there, so Argo CD refuses to sync it; install"
                      + " it with the platform, not from a service's folder"
                  : file.getKey()
                      + ": the AppProject \""
                      + project
                      + "\" does not permit "
                      + shown
                      + ", so Argo CD refuses to sync it (\"not permitted in project\"); add"
                      + " .allowKind(\""
                      + group
                      + "\", \""
                      + name
                      + "\") to the Platform if it is namespaced, or install it with the platform if"
                      + " it is cluster-scoped");
        }
        if (!warnings.isEmpty()) {
          byFile.put(file.getKey(), warnings);
        }
      }
    }
  }

  /**
   * The YAML and JSON files under {@code folder} (relative to {@code root}) that kit does not plan
   * and did not generate, with their content, links not followed, as Argo CD's directory source
   * reads them.
   */
  private static Map<String, byte[]> ownFiles(
      Path root, String folder, Collection<String> planned) {
    Path top = root.resolve(folder);
    if (!Files.isDirectory(top, LinkOption.NOFOLLOW_LINKS)) {
      return Map.of();
    }
    Map<String, byte[]> files = new TreeMap<>();
    try (Stream<Path> walk = Files.walk(top)) {
      for (Path path : (Iterable<Path>) walk::iterator) {
        String relative = folder + "/" + top.relativize(path).toString().replace('\\', '/');
        String lower = relative.toLowerCase(Locale.ROOT);
        if (!(lower.endsWith(".yaml") || lower.endsWith(".yml") || lower.endsWith(".json"))
            || planned.contains(relative)
            || !Files.isRegularFile(path, LinkOption.NOFOLLOW_LINKS)) {
          continue;
        }
        byte[] content = Files.readAllBytes(path);
        if (!GeneratedHeader.isPresent(content)) {
          files.put(relative, content);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + top, e);
    }
    return files;
  }

  /**
   * The {@code group/Kind} of each object in a file's {@code content}, items of a {@code v1 List}
   * too; none when it does not parse, which Argo CD reports itself.
   */
  private static Set<String> kinds(byte[] content) {
    Set<String> kinds = new java.util.TreeSet<>();
    try (MappingIterator<JsonNode> documents =
        ReadYaml.MAPPER.readerFor(JsonNode.class).readValues(content)) {
      while (documents.hasNext()) {
        add(documents.next(), kinds);
      }
    } catch (JacksonException e) {
      return Set.of();
    }
    return kinds;
  }

  private static void add(JsonNode object, Set<String> kinds) {
    String apiVersion = object.path("apiVersion").asString("");
    String kind = object.path("kind").asString("");
    // A kustomization is read by kustomize, never applied: the project does not see it.
    if (kind.isEmpty()
        || apiVersion.isEmpty()
        || apiVersion.startsWith("kustomize.config.k8s.io/")) {
      return;
    }
    if (kind.equals("List") && apiVersion.equals("v1")) {
      for (JsonNode item : object.path("items")) {
        add(item, kinds);
      }
      return;
    }
    int slash = apiVersion.indexOf('/');
    kinds.add((slash < 0 ? "" : apiVersion.substring(0, slash)) + "/" + kind);
  }
}
