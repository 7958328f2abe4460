package dev.kit.model;

import java.util.Objects;

/**
 * Where the Argo CD {@code Application}s live and where they deploy.
 *
 * <pre>{@code
 * ArgoCd argo = ArgoCd.builder().namespace("argocd").project("shop").build();
 * }</pre>
 *
 * @param namespace the namespace Argo CD watches for Applications (default {@code argocd})
 * @param project the Argo CD project (default {@code default})
 * @param destinationServer the cluster API server (default: the cluster Argo CD runs in)
 */
public record ArgoCd(String namespace, String project, String destinationServer) {

  public static final String IN_CLUSTER = "https://kubernetes.default.svc";

  public ArgoCd {
    Objects.requireNonNull(namespace, "namespace");
    Objects.requireNonNull(project, "project");
    Objects.requireNonNull(destinationServer, "destinationServer");
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

    public ArgoCd build() {
      return new ArgoCd(namespace, project, destinationServer);
    }
  }
}
