package dev.kit.render;

/** A file a {@link ServiceKind} renders, relative to the service folder. */
public sealed interface ServiceFile {

  /** The file, relative to {@code services/<service>/}. */
  String file();

  /**
   * A Kubernetes object, written by {@link ManifestYaml} after the service's patches of its kind.
   *
   * @param object a fabric8 model object or one of kit's typed records
   */
  record Manifest(String file, Object object) implements ServiceFile {}

  /** A text file that starts with kit's header. */
  @SuppressWarnings("ArrayRecordComponent") // written once, never compared
  record Text(String file, byte[] content) implements ServiceFile {}

  /** An {@code atlas.sum}, whose format Atlas fixes: no header. */
  @SuppressWarnings("ArrayRecordComponent") // written once, never compared
  record AtlasSumFile(String file, byte[] content) implements ServiceFile {}
}
