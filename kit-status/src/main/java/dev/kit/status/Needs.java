package dev.kit.status;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
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
   * @param type the Secret type the reader expects, such as {@code kubernetes.io/basic-auth}, or
   *     empty for any
   * @param known the values of keys the description decides and that are no secret, such as a
   *     managed role's {@code username}, by key
   * @param labels labels the reader wants on it, such as CloudNativePG's {@code cnpg.io/reload}, by
   *     key, each with why
   */
  record SecretUse(
      String namespace,
      String name,
      SortedSet<String> keys,
      String reader,
      Optional<String> type,
      Map<String, String> known,
      Map<String, Label> labels) {

    SecretUse {
      Objects.requireNonNull(type, "type");
      known = Map.copyOf(known);
      labels = Map.copyOf(labels);
    }

    /** A Secret of any type whose keys are all the team's to fill. */
    SecretUse(String namespace, String name, SortedSet<String> keys, String reader) {
      this(namespace, name, keys, reader, Optional.empty(), Map.of(), Map.of());
    }
  }

  /**
   * A label a Secret's reader wants on it.
   *
   * @param value its value
   * @param why what goes wrong without it
   */
  record Label(String value, String why) {}

  /** A kind that must be installed, and why, such as {@code cert-manager.io/Certificate}. */
  record KindUse(String group, String kind, String why) {}
}
