package dev.kit.migration;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * New SHA-256 digests for kit's own code (the {@code atlas.sum}, the generation cache's
 * fingerprints, content-addressed names), cloned from one that is never updated: {@code
 * MessageDigest.getInstance} looks the algorithm up among the security providers and builds it by
 * reflection on every call, ~40 us each in a cold JVM and ~10 ms of a 100-service run.
 */
public final class Sha256 {

  private static final MessageDigest PROTOTYPE = fromProviders();

  private Sha256() {}

  /**
   * A new SHA-256 digest, safe to call from several threads. The first provider's digests must
   * clone: {@link AtlasSum} clones its running digest per file, as Atlas's sum needs the hash so
   * far, so a provider whose digests do not could not write an {@code atlas.sum} either.
   */
  public static MessageDigest newDigest() {
    try {
      return (MessageDigest) PROTOTYPE.clone();
    } catch (CloneNotSupportedException e) {
      throw notCloneable(e);
    }
  }

  static IllegalStateException notCloneable(CloneNotSupportedException e) {
    return new IllegalStateException(
        "the first security provider's SHA-256 ("
            + PROTOTYPE.getProvider().getName()
            + ") does not clone its digests, which kit needs for atlas.sum: put the JDK's SUN"
            + " provider first",
        e);
  }

  private static MessageDigest fromProviders() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }
}
