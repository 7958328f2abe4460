package dev.kit.model;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

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
 */
public final class Repository {

  private final String name;
  private final String gitUrl;
  private final String targetRevision;
  private final ArgoCd argoCd;

  private Repository(String name, String gitUrl, String targetRevision, ArgoCd argoCd) {
    this.name = name;
    this.gitUrl = gitUrl;
    this.targetRevision = targetRevision;
    this.argoCd = argoCd;
  }

  public static Builder builder(String name) {
    return new Builder(
        Objects.requireNonNull(
            name,
            "Repository.builder(name): name is null; pass the system the services belong to, such as shop"));
  }

  /** A builder holding this repository's settings, to change some of them. */
  public Builder toBuilder() {
    return new Builder(name).gitUrl(gitUrl).targetRevision(targetRevision).argoCd(argoCd);
  }

  /** The system the services belong to; the {@code app.kubernetes.io/part-of} label. */
  public String name() {
    return name;
  }

  /** The URL Argo CD clones. */
  public String gitUrl() {
    return gitUrl;
  }

  /** The branch, tag or commit Argo CD tracks. */
  public String targetRevision() {
    return targetRevision;
  }

  /** Where the Applications live and deploy to. */
  public ArgoCd argoCd() {
    return argoCd;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof Repository that
        && name.equals(that.name)
        && gitUrl.equals(that.gitUrl)
        && targetRevision.equals(that.targetRevision)
        && argoCd.equals(that.argoCd);
  }

  @Override
  public int hashCode() {
    return Objects.hash(name, gitUrl, targetRevision, argoCd);
  }

  @Override
  public String toString() {
    return "Repository[name="
        + name
        + ", gitUrl="
        + gitUrl
        + ", targetRevision="
        + targetRevision
        + ", argoCd="
        + argoCd
        + "]";
  }

  /**
   * Builds a {@link Repository}; the Git URL is required, the revision defaults to {@code HEAD}.
   */
  public static final class Builder {
    private final String name;
    private @Nullable String gitUrl;
    private String targetRevision = "HEAD";
    private ArgoCd argoCd = ArgoCd.defaults();

    private Builder(String name) {
      this.name = name;
    }

    public Builder gitUrl(String gitUrl) {
      this.gitUrl =
          Objects.requireNonNull(
              gitUrl,
              "Repository.Builder.gitUrl(gitUrl): gitUrl is null; "
                  + "pass the URL Argo CD clones, such as https://github.com/acme/shop.git");
      return this;
    }

    public Builder targetRevision(String targetRevision) {
      this.targetRevision =
          Objects.requireNonNull(
              targetRevision,
              "Repository.Builder.targetRevision(targetRevision): targetRevision is null; "
                  + "pass a branch, tag or commit, or leave it for HEAD");
      return this;
    }

    public Builder argoCd(ArgoCd argoCd) {
      this.argoCd =
          Objects.requireNonNull(
              argoCd,
              "Repository.Builder.argoCd(argoCd): argoCd is null; "
                  + "pass ArgoCd.builder()...build(), or leave it for ArgoCd.defaults()");
      return this;
    }

    public Repository build() {
      if (gitUrl == null) {
        throw new IllegalStateException(
            "Repository.builder(\"" + name + "\"): call gitUrl(...) before build()");
      }
      return new Repository(name, gitUrl, targetRevision, argoCd);
    }
  }
}
