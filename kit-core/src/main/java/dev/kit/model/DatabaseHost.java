package dev.kit.model;

/**
 * Where a service's database runs. {@link #CLOUDNATIVE_PG}, the default, is a CloudNativePG {@code
 * Cluster} in the service's namespace, configured by the {@link Database}'s own options ({@code
 * instances}, {@code storage}, {@code backups}, ...); any other host is a database kit does not
 * run, such as an {@link ExistingDatabase}. Each host has one provider ({@code
 * dev.kit.render.DatabaseProvider}) that renders it.
 */
public interface DatabaseHost {

  /** CloudNativePG in the service's namespace. */
  DatabaseHost CLOUDNATIVE_PG = new CloudNativePg();

  /** A CloudNativePG {@code Cluster}: its options are the {@link Database}'s. */
  record CloudNativePg() implements DatabaseHost {}
}
