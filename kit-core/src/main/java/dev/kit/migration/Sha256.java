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
   * A new SHA-256 digest, safe to call from several threads. Where the first provider's digests do
   * not clone (some FIPS set-ups) it is looked up instead; {@link AtlasSum} clones its running
   * digest per file either way, as Atlas's sum needs the hash so far.
   */
  public static MessageDigest newDigest() {
    try {
      return (MessageDigest) PROTOTYPE.clone();
    } catch (CloneNotSupportedException e) {
      return fromProviders(); // a provider whose digests do not clone, as some FIPS set-ups have
    }
  }

  private static MessageDigest fromProviders() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }
}
