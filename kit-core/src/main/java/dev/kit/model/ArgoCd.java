package dev.kit.model;

import java.util.Objects;

/**
 * Where the Argo CD {@code Application}s live and where they deploy.
 *
 * <pre>{@code
 * ArgoCd argo = ArgoCd.builder().namespace("argocd").project("shop")
 *     .version("2.9").delivery(ArgoCd.Delivery.APP_OF_APPS).build();
 * }</pre>
 */
public final class ArgoCd {

  /** How service Applications are delivered. */
  public enum Delivery {
    /**
     * One {@code services/<svc>/application.yaml} each, applied however you like (the default).
     * Nothing orders a {@link Platform}'s Applications before them: apply {@code platform/} first
     * and wait (kit warns).
     */
    APPLICATION_PER_SERVICE,
    /**
     * Also a root Application ({@code platform/root.yaml}) that syncs the platform, then every
     * service Application.
     */
    APP_OF_APPS,
    /**
     * One ApplicationSet ({@code platform/applicationset.yaml}) with a Git directory generator over
     * {@code services/*}, synced by a root Application ({@code platform/root.yaml}) after the
     * platform.
     */
    APPLICATION_SET
  }

  public static final String IN_CLUSTER = "https://kubernetes.default.svc";

  /** The Argo CD release kit's output is tested against. */
  public static final String DEFAULT_VERSION = "3.5";

  private final String namespace;
  private final String project;
  private final String destinationServer;
  private final String version;
  private final Delivery delivery;

  private ArgoCd(
      String namespace,
      String project,
      String destinationServer,
      String version,
      Delivery delivery) {
    this.namespace = namespace;
    this.project = project;
    this.destinationServer = destinationServer;
    this.version = version;
    this.delivery = delivery;
  }

  public static ArgoCd defaults() {
    return builder().build();
  }

  public static Builder builder() {
    return new Builder();
  }

  /** A builder holding these settings, to change some of them. */
  public Builder toBuilder() {
    return builder()
        .namespace(namespace)
        .project(project)
        .destinationServer(destinationServer)
        .version(version)
        .delivery(delivery);
  }

  /** The namespace Argo CD watches for Applications (default {@code argocd}). */
  public String namespace() {
    return namespace;
  }

  /** The Argo CD project (default {@code default}). */
  public String project() {
    return project;
  }

  /** The cluster API server (default: the cluster Argo CD runs in). */
  public String destinationServer() {
    return destinationServer;
  }

  /**
   * The Argo CD version in use, such as {@code 3.5} or {@code 2.9.3}; it changes no output: the
   * health checks kit writes to {@code platform/argocd-cm.yaml} replace Argo CD's built-in ones on
   * every version.
   */
  public String version() {
    return version;
  }

  /** How the service Applications reach Argo CD. */
  public Delivery delivery() {
    return delivery;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof ArgoCd that
        && namespace.equals(that.namespace)
        && project.equals(that.project)
        && destinationServer.equals(that.destinationServer)
        && version.equals(that.version)
        && delivery.equals(that.delivery);
  }

  @Override
  public int hashCode() {
    return Objects.hash(namespace, project, destinationServer, version, delivery);
  }

  @Override
  public String toString() {
    return "ArgoCd[namespace="
        + namespace
        + ", project="
        + project
        + ", destinationServer="
        + destinationServer
        + ", version="
        + version
        + ", delivery="
        + delivery
        + "]";
  }

  /** Builds {@link ArgoCd} settings; every field has a default. */
  public static final class Builder {
    private String namespace = "argocd";
    private String project = "default";
    private String destinationServer = IN_CLUSTER;
    private String version = DEFAULT_VERSION;
    private Delivery delivery = Delivery.APPLICATION_PER_SERVICE;

    private Builder() {}

    public Builder namespace(String namespace) {
      this.namespace =
          Objects.requireNonNull(
              namespace,
              "ArgoCd.Builder.namespace(namespace): namespace is null; pass the namespace Argo CD watches, such as argocd");
      return this;
    }

    public Builder project(String project) {
      this.project =
          Objects.requireNonNull(
              project,
              "ArgoCd.Builder.project(project): project is null; pass an Argo CD project name, or leave it for default");
      return this;
    }

    public Builder destinationServer(String destinationServer) {
      this.destinationServer =
          Objects.requireNonNull(
              destinationServer,
              "ArgoCd.Builder.destinationServer(destinationServer): destinationServer is null; "
                  + "pass a cluster API server URL, or leave it for ArgoCd.IN_CLUSTER");
      return this;
    }

    public Builder version(String version) {
      this.version =
          Objects.requireNonNull(
              version,
              "ArgoCd.Builder.version(version): version is null; pass the Argo CD version in use, such as 3.5");
      return this;
    }

    public Builder delivery(Delivery delivery) {
      this.delivery =
          Objects.requireNonNull(
              delivery,
              "ArgoCd.Builder.delivery(delivery): delivery is null; "
                  + "pass ArgoCd.Delivery.APPLICATION_PER_SERVICE, APP_OF_APPS or APPLICATION_SET");
      return this;
    }

    public ArgoCd build() {
      return new ArgoCd(namespace, project, destinationServer, version, delivery);
    }
  }
}
