package dev.kit.model;

import java.util.Objects;

/**
 * The Git repository that holds the generated manifests, and where Argo CD runs.
 *
 * <pre>{@code
 * Repository repo = Repository.builder("shop")
 *     .gitUrl("https://github.com/acme/shop.git")
 *     .targetRevision("main")
 *     .argoCd(ArgoCd.builder().project("shop").build())
 *     .build();
 * }</pre>
 *
 * @param name the system the services belong to; the {@code app.kubernetes.io/part-of} label
 * @param gitUrl the URL Argo CD clones
 * @param targetRevision the branch, tag or commit Argo CD tracks
 * @param argoCd where the Applications live and deploy to
 */
public record Repository(String name, String gitUrl, String targetRevision, ArgoCd argoCd) {

  public Repository {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(gitUrl, "gitUrl");
    Objects.requireNonNull(targetRevision, "targetRevision");
    Objects.requireNonNull(argoCd, "argoCd");
  }

  public static Builder builder(String name) {
    return new Builder(name);
  }

  /** Builds a {@link Repository}; the Git URL is required, the revision defaults to {@code HEAD}. */
  public static final class Builder {
    private final String name;
    private String gitUrl;
    private String targetRevision = "HEAD";
    private ArgoCd argoCd = ArgoCd.defaults();

    private Builder(String name) {
      this.name = Objects.requireNonNull(name, "name");
    }

    public Builder gitUrl(String gitUrl) {
      this.gitUrl = Objects.requireNonNull(gitUrl, "gitUrl");
      return this;
    }

    public Builder targetRevision(String targetRevision) {
      this.targetRevision = Objects.requireNonNull(targetRevision, "targetRevision");
      return this;
    }

    public Builder argoCd(ArgoCd argoCd) {
      this.argoCd = Objects.requireNonNull(argoCd, "argoCd");
      return this;
    }

    public Repository build() {
      if (gitUrl == null) {
        throw new IllegalStateException("Repository.builder(\"" + name + "\"): call gitUrl(...) before build()");
      }
      return new Repository(name, gitUrl, targetRevision, argoCd);
    }
  }
}
