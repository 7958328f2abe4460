package dev.kit.status;

import java.util.List;
import java.util.SortedSet;

/**
 * What one generated object needs from the cluster beyond its own kind, for {@code kit:doctor}.
 *
 * @param storageClasses storage classes its volumes name; an empty string for a volume that names
 *     none (the cluster's default class)
 * @param secrets Secrets it reads that the tree does not create
 * @param provides Secrets (names, in its namespace) that it creates, which others may read without
 *     doctor asking
 * @param kinds kinds its operator needs installed besides its own, as {@code group/Kind}, each with
 *     why
 */
record Needs(
    List<String> storageClasses,
    List<SecretUse> secrets,
    List<String> provides,
    List<KindUse> kinds) {

  static final Needs NONE = new Needs(List.of(), List.of(), List.of(), List.of());

  Needs {
    storageClasses = List.copyOf(storageClasses);
    secrets = List.copyOf(secrets);
    provides = List.copyOf(provides);
    kinds = List.copyOf(kinds);
  }

  /**
   * A Secret an object reads.
   *
   * @param namespace where the Secret must be
   * @param name its name
   * @param keys the keys read from it
   * @param reader who reads it, such as {@code the ObjectStore orders-cluster-backups}
   */
  record SecretUse(String namespace, String name, SortedSet<String> keys, String reader) {}

  /** A kind that must be installed, and why, such as {@code cert-manager.io/Certificate}. */
  record KindUse(String group, String kind, String why) {}
}
