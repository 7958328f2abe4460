package dev.kit.model;

import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * One place the services run: its cluster, the revision Argo CD follows there, its Argo CD project,
 * how its namespaces are named and labels for everything in it. Every environment applies the same
 * migration files.
 *
 * <pre>{@code
 * Kit.builder()
 *     .environment("dev", e -> e.destinationServer("https://dev.k8s.acme.io").targetRevision("main"))
 *     .environment("prod", e -> e.destinationName("prod-eu").targetRevision("release").project("shop-prod"))
 *     ...
 * }</pre>
 */
public final class Environment {

  private final String name;
  private final Optional<String> destinationServer;
  private final Optional<String> destinationName;
  private final Optional<String> targetRevision;
  private final Optional<String> project;
  private final Optional<String> namespaceRule;
  private final Map<String, String> labels;

  private Environment(Builder b) {
    this.name = b.name;
    this.destinationServer = Optional.ofNullable(b.destinationServer);
    this.destinationName = Optional.ofNullable(b.destinationName);
    this.targetRevision = Optional.ofNullable(b.targetRevision);
    this.project = Optional.ofNullable(b.project);
    this.namespaceRule = Optional.ofNullable(b.namespaceRule);
    this.labels = Collections.unmodifiableSortedMap(new TreeMap<>(b.labels));
  }

  public static Builder builder(String name) {
    return new Builder(name);
  }

  /** A builder holding this environment's settings, to change some of them. */
  public Builder toBuilder() {
    Builder b = new Builder(name);
    b.destinationServer = destinationServer.orElse(null);
    b.destinationName = destinationName.orElse(null);
    b.targetRevision = targetRevision.orElse(null);
    b.project = project.orElse(null);
    b.namespaceRule = namespaceRule.orElse(null);
    b.labels.putAll(labels);
    return b;
  }

  /**
   * A DNS label that names its folders ({@code services/<svc>/envs/<name>/}, {@code
   * platform/<name>/}) and ends its Argo CD objects' names.
   */
  public String name() {
    return name;
  }

  /**
   * The cluster's API server URL; empty for {@link #destinationName()} or the repository's
   * destination.
   */
  public Optional<String> destinationServer() {
    return destinationServer;
  }

  /** The cluster's name as Argo CD knows it (its cluster Secret), instead of a server URL. */
  public Optional<String> destinationName() {
    return destinationName;
  }

  /** The branch, tag or commit Argo CD follows here; empty for the repository's. */
  public Optional<String> targetRevision() {
    return targetRevision;
  }

  /** The Argo CD project of this environment's Applications; empty for the repository's. */
  public Optional<String> project() {
    return project;
  }

  /**
   * How a service's namespace is named here: {@code {namespace}} stands for the service's own (such
   * as {@code "{namespace}-dev"}); empty keeps it, for an environment on a cluster of its own (two
   * environments on one cluster must not put a service in the same namespace).
   */
  public Optional<String> namespaceRule() {
    return namespaceRule;
  }

  /**
   * Labels put on every object of this environment's services, sorted by key; a service's own label
   * wins.
   */
  public Map<String, String> labels() {
    return labels;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof Environment that
        && name.equals(that.name)
        && destinationServer.equals(that.destinationServer)
        && destinationName.equals(that.destinationName)
        && targetRevision.equals(that.targetRevision)
        && project.equals(that.project)
        && namespaceRule.equals(that.namespaceRule)
        && labels.equals(that.labels);
  }

  @Override
  public int hashCode() {
    return Objects.hash(
        name, destinationServer, destinationName, targetRevision, project, namespaceRule, labels);
  }

  @Override
  public String toString() {
    return "Environment[name="
        + name
        + ", destinationServer="
        + destinationServer
        + ", destinationName="
        + destinationName
        + ", targetRevision="
        + targetRevision
        + ", project="
        + project
        + ", namespaceRule="
        + namespaceRule
        + ", labels="
        + labels
        + "]";
  }

  /** The namespace of a service whose own is {@code namespace}, by {@link #namespaceRule()}. */
  public String namespace(String namespace) {
    return namespaceRule.map(rule -> rule.replace("{namespace}", namespace)).orElse(namespace);
  }

  /**
   * Builds an {@link Environment}; everything but the name is optional and falls back to the
   * repository's.
   */
  public static final class Builder {
    private final String name;
    private @Nullable String destinationServer;
    private @Nullable String destinationName;
    private @Nullable String targetRevision;
    private @Nullable String project;
    private @Nullable String namespaceRule;
    private final Map<String, String> labels = new TreeMap<>();

    private Builder(String name) {
      this.name =
          Objects.requireNonNull(
              name, "Environment.builder(name): name is null; pass a name such as \"prod\"");
    }

    /** The cluster's API server URL, such as {@code https://prod.k8s.acme.io}. */
    public Builder destinationServer(String server) {
      this.destinationServer =
          Objects.requireNonNull(
              server,
              "destinationServer(server): server is null; pass the cluster's API server URL");
      return this;
    }

    /** The cluster's name in Argo CD, instead of a server URL. */
    public Builder destinationName(String cluster) {
      this.destinationName =
          Objects.requireNonNull(
              cluster,
              "destinationName(cluster): cluster is null; pass the cluster's name in Argo CD");
      return this;
    }

    public Builder targetRevision(String revision) {
      this.targetRevision =
          Objects.requireNonNull(
              revision,
              "targetRevision(revision): revision is null; pass a branch, tag or commit such as \"release\"");
      return this;
    }

    public Builder project(String project) {
      this.project =
          Objects.requireNonNull(
              project, "project(project): project is null; pass an AppProject name");
      return this;
    }

    /**
     * See {@link Environment#namespaceRule()}: {@code "{namespace}-dev"} puts orders in {@code
     * orders-dev}.
     */
    public Builder namespaceRule(String rule) {
      this.namespaceRule =
          Objects.requireNonNull(
              rule, "namespaceRule(rule): rule is null; pass a rule such as \"{namespace}-dev\"");
      return this;
    }

    public Builder label(String key, String value) {
      labels.put(
          Objects.requireNonNull(key, "label(key, value): key is null; pass a label key"),
          Objects.requireNonNull(value, "label(key, value): value is null; pass a label value"));
      return this;
    }

    public Environment build() {
      return new Environment(this);
    }
  }
}
