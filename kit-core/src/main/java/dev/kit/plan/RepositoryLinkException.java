package dev.kit.plan;

import java.util.List;
import java.util.stream.Collectors;

/**
 * kit was asked to read through symbolic links that lead outside the repository or to nothing;
 * nothing was read through them. {@link dev.kit.Generator} reports each as a problem of the
 * description part that names the path.
 */
public final class RepositoryLinkException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final transient List<Link> links;

  /**
   * One link in the way.
   *
   * @param path the link, repository-relative
   * @param target where it points, as written in it
   * @param exists whether that exists (outside the repository); false for a dangling link
   */
  public record Link(String path, String target, boolean exists) {

    /** What is wrong, naming the link. */
    public String problem() {
      return path
          + " is a symbolic link to "
          + target
          + (exists ? ", outside the repository" : ", which does not exist");
    }

    /** What to do about it. */
    public String fix() {
      return exists
          ? "kit reads and writes only inside the repository: replace the link with the file or folder itself"
          : "restore what it points to, or delete the link";
    }
  }

  public RepositoryLinkException(Link link) {
    this(List.of(link));
  }

  public RepositoryLinkException(List<Link> links) {
    super(
        links.stream()
            .map(l -> l.problem() + " (" + l.fix() + ")")
            .collect(Collectors.joining("; ")));
    this.links = List.copyOf(links);
  }

  public List<Link> links() {
    return links;
  }
}
