package dev.kit.model;

import java.util.Objects;

/**
 * Where the Argo CD {@code Application}s live and where they deploy.
 *
 * <pre>{@code
 * ArgoCd argo = ArgoCd.builder().namespace("argocd").project("shop")
 *     .version("2.9").delivery(ArgoCd.Delivery.APP_OF_APPS).build();
 * }</pre>
 *
 * @param namespace the namespace Argo CD watches for Applications (default {@code argocd})
 * @param project the Argo CD project (default {@code default})
 * @param destinationServer the cluster API server (default: the cluster Argo CD runs in)
 * @param version the Argo CD version in use, such as {@code 3.5} or {@code 2.9.3}; it changes no output: the health
 *     checks kit writes to {@code platform/argocd-cm.yaml} replace Argo CD's built-in ones on every version
 * @param delivery how the service Applications reach Argo CD
 */
public record ArgoCd(String namespace, String project, String destinationServer, String version, Delivery delivery) {

  /** How service Applications are delivered. */
  public enum Delivery {
    /**
     * One {@code services/<svc>/application.yaml} each, applied however you like (the default). Nothing orders a
     * {@link Platform}'s Applications before them: apply {@code platform/} first and wait (kit warns).
     */
    APPLICATION_PER_SERVICE,
    /** Also a root Application ({@code platform/root.yaml}) that syncs the platform, then every service Application. */
    APP_OF_APPS,
    /**
     * One ApplicationSet ({@code platform/applicationset.yaml}) with a Git directory generator over {@code services/*},
     * synced by a root Application ({@code platform/root.yaml}) after the platform.
     */
    APPLICATION_SET
  }

  public static final String IN_CLUSTER = "https://kubernetes.default.svc";
  /** The Argo CD release kit's output is tested against. */
  public static final String DEFAULT_VERSION = "3.5";

  public ArgoCd {
    Objects.requireNonNull(namespace, "namespace");
    Objects.requireNonNull(project, "project");
    Objects.requireNonNull(destinationServer, "destinationServer");
    Objects.requireNonNull(version, "version");
    Objects.requireNonNull(delivery, "delivery");
  }

  public static ArgoCd defaults() {
    return builder().build();
  }

  public static Builder builder() {
    return new Builder();
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
      this.namespace = Objects.requireNonNull(namespace, "namespace");
      return this;
    }

    public Builder project(String project) {
      this.project = Objects.requireNonNull(project, "project");
      return this;
    }

    public Builder destinationServer(String destinationServer) {
      this.destinationServer = Objects.requireNonNull(destinationServer, "destinationServer");
      return this;
    }

    public Builder version(String version) {
      this.version = Objects.requireNonNull(version, "version");
      return this;
    }

    public Builder delivery(Delivery delivery) {
      this.delivery = Objects.requireNonNull(delivery, "delivery");
      return this;
    }

    public ArgoCd build() {
      return new ArgoCd(namespace, project, destinationServer, version, delivery);
    }
  }
}
