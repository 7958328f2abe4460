package dev.kit.model;

import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Continuous backup of a cluster to S3-compatible object storage with the Barman Cloud plugin
 * (CNPG's current way): an {@code ObjectStore}, the Cluster's WAL archiver plugin, and a {@code
 * ScheduledBackup}.
 *
 * <pre>{@code
 * Backups backups = Backups.builder("s3://acme-backups/orders/")
 *     .credentials(S3Credentials.fromSecret("orders-backup-s3", "ACCESS_KEY_ID", "ACCESS_SECRET_KEY"))
 *     .region("orders-backup-s3", "REGION")
 *     .walCompression(Compression.ZSTD)
 *     .dataCompression(Compression.GZIP)
 *     .retentionPolicy("30d")
 *     .schedule("0 0 2 * * *")          // seconds first: every night at 02:00
 *     .build();
 * }</pre>
 */
public final class Backups {

  /** Who owns the {@code Backup} objects a {@code ScheduledBackup} creates. */
  public enum BackupOwner {
    NONE("none"),
    SELF("self"),
    CLUSTER("cluster");

    private final String value;

    BackupOwner(String value) {
      this.value = value;
    }

    public String value() {
      return value;
    }
  }

  private final String destinationPath;
  private final Optional<String> endpointUrl;
  private final Optional<SecretKey> endpointCa;
  private final Optional<SecretKey> region;
  private final Optional<S3Credentials> credentials;
  private final Optional<Compression> walCompression;
  private final Optional<Compression> dataCompression;
  private final Optional<String> retentionPolicy;
  private final Optional<String> schedule;
  private final BackupOwner backupOwnerReference;
  private final boolean immediate;
  private final boolean legacyInTree;
  private final Optional<String> objectStoreName;

  private Backups(
      String destinationPath,
      Optional<String> endpointUrl,
      Optional<SecretKey> endpointCa,
      Optional<SecretKey> region,
      Optional<S3Credentials> credentials,
      Optional<Compression> walCompression,
      Optional<Compression> dataCompression,
      Optional<String> retentionPolicy,
      Optional<String> schedule,
      BackupOwner backupOwnerReference,
      boolean immediate,
      boolean legacyInTree,
      Optional<String> objectStoreName) {
    this.destinationPath = destinationPath;
    this.endpointUrl = endpointUrl;
    this.endpointCa = endpointCa;
    this.region = region;
    this.credentials = credentials;
    this.walCompression = walCompression;
    this.dataCompression = dataCompression;
    this.retentionPolicy = retentionPolicy;
    this.schedule = schedule;
    this.backupOwnerReference = backupOwnerReference;
    this.immediate = immediate;
    this.legacyInTree = legacyInTree;
    this.objectStoreName = objectStoreName;
  }

  /**
   * The IAM role IRSA binds to the cluster's service account, when the credentials come from one.
   */
  public Optional<String> irsaRoleArn() {
    return credentials.isPresent() && credentials.get() instanceof S3Credentials.IamRole role
        ? role.roleArn()
        : Optional.empty();
  }

  public static Builder builder(String destinationPath) {
    return new Builder(
        Objects.requireNonNull(
            destinationPath,
            "Backups.builder(destinationPath): destinationPath is null; "
                + "pass where backups go, such as s3://acme-backups/orders/"));
  }

  /** A builder holding these settings, to change some of them. */
  public Builder toBuilder() {
    Builder builder = new Builder(destinationPath);
    builder.endpointUrl = endpointUrl.orElse(null);
    builder.endpointCa = endpointCa.orElse(null);
    builder.region = region.orElse(null);
    builder.credentials = credentials.orElse(null);
    builder.walCompression = walCompression.orElse(null);
    builder.dataCompression = dataCompression.orElse(null);
    builder.retentionPolicy = retentionPolicy.orElse(null);
    builder.schedule = schedule.orElse(null);
    builder.backupOwnerReference = backupOwnerReference;
    builder.immediate = immediate;
    builder.legacyInTree = legacyInTree;
    builder.objectStoreName = objectStoreName.orElse(null);
    return builder;
  }

  /** Where backups go, such as {@code s3://bucket/path/}. */
  public String destinationPath() {
    return destinationPath;
  }

  /** An S3-compatible endpoint (MinIO, Ceph), or empty for AWS. */
  public Optional<String> endpointUrl() {
    return endpointUrl;
  }

  /** The CA bundle of that endpoint, from a Secret. */
  public Optional<SecretKey> endpointCa() {
    return endpointCa;
  }

  /** The S3 region, from a Secret. */
  public Optional<SecretKey> region() {
    return region;
  }

  /**
   * Keys from a Secret, or the IAM role; empty when the builder was given none, which validation
   * reports ({@code services[<service>].database.backups.credentials}) with every other problem.
   */
  public Optional<S3Credentials> credentials() {
    return credentials;
  }

  /** Compression of archived WAL files. */
  public Optional<Compression> walCompression() {
    return walCompression;
  }

  /** Compression of base backups. */
  public Optional<Compression> dataCompression() {
    return dataCompression;
  }

  /** How long backups are kept, such as {@code 30d} ({@code d}, {@code w} or {@code m}). */
  public Optional<String> retentionPolicy() {
    return retentionPolicy;
  }

  /** When base backups run: a six-field cron expression, seconds first; empty for none. */
  public Optional<String> schedule() {
    return schedule;
  }

  /**
   * Which object owns the Backup objects the schedule creates: {@code SELF} by default, so they go
   * with the schedule and show under it in Argo CD instead of outliving it.
   */
  public BackupOwner backupOwnerReference() {
    return backupOwnerReference;
  }

  /**
   * Whether the first backup runs as soon as the schedule is created (by default it does: a new
   * cluster has a backup, and its backup-age alert stays quiet, before the first scheduled run).
   */
  public boolean immediate() {
    return immediate;
  }

  /** Use the deprecated in-tree {@code spec.backup.barmanObjectStore} instead of the plugin. */
  public boolean legacyInTree() {
    return legacyInTree;
  }

  /** The ObjectStore's name, or empty for {@code <cluster>-backups}. */
  public Optional<String> objectStoreName() {
    return objectStoreName;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof Backups that
        && destinationPath.equals(that.destinationPath)
        && endpointUrl.equals(that.endpointUrl)
        && endpointCa.equals(that.endpointCa)
        && region.equals(that.region)
        && credentials.equals(that.credentials)
        && walCompression.equals(that.walCompression)
        && dataCompression.equals(that.dataCompression)
        && retentionPolicy.equals(that.retentionPolicy)
        && schedule.equals(that.schedule)
        && backupOwnerReference.equals(that.backupOwnerReference)
        && immediate == that.immediate
        && legacyInTree == that.legacyInTree
        && objectStoreName.equals(that.objectStoreName);
  }

  @Override
  public int hashCode() {
    return Objects.hash(
        destinationPath,
        endpointUrl,
        endpointCa,
        region,
        credentials,
        walCompression,
        dataCompression,
        retentionPolicy,
        schedule,
        backupOwnerReference,
        immediate,
        legacyInTree,
        objectStoreName);
  }

  @Override
  public String toString() {
    return "Backups[destinationPath="
        + destinationPath
        + ", endpointUrl="
        + endpointUrl
        + ", endpointCa="
        + endpointCa
        + ", region="
        + region
        + ", credentials="
        + credentials
        + ", walCompression="
        + walCompression
        + ", dataCompression="
        + dataCompression
        + ", retentionPolicy="
        + retentionPolicy
        + ", schedule="
        + schedule
        + ", backupOwnerReference="
        + backupOwnerReference
        + ", immediate="
        + immediate
        + ", legacyInTree="
        + legacyInTree
        + ", objectStoreName="
        + objectStoreName
        + "]";
  }

  /** Builds {@link Backups}; credentials are required, and validation says so when missing. */
  public static final class Builder {
    private String destinationPath;
    private @Nullable String endpointUrl;
    private @Nullable SecretKey endpointCa;
    private @Nullable SecretKey region;
    private @Nullable S3Credentials credentials;
    private @Nullable Compression walCompression;
    private @Nullable Compression dataCompression;
    private @Nullable String retentionPolicy;
    private @Nullable String schedule;
    private BackupOwner backupOwnerReference = BackupOwner.SELF;
    private boolean immediate = true;
    private boolean legacyInTree;
    private @Nullable String objectStoreName;

    private Builder(String destinationPath) {
      this.destinationPath = destinationPath;
    }

    /** Where backups go, such as an environment's own bucket: {@code s3://acme-dev/orders/}. */
    public Builder destinationPath(String destinationPath) {
      this.destinationPath =
          Objects.requireNonNull(
              destinationPath,
              "Backups.Builder.destinationPath(destinationPath): destinationPath is null; "
                  + "pass where backups go, such as s3://acme-backups/orders/");
      return this;
    }

    public Builder endpointUrl(String endpointUrl) {
      this.endpointUrl =
          Objects.requireNonNull(
              endpointUrl,
              "Backups.Builder.endpointUrl(endpointUrl): endpointUrl is null; "
                  + "pass an S3-compatible endpoint such as https://minio.example.com, or leave it out for AWS");
      return this;
    }

    public Builder endpointCa(String secret, String key) {
      this.endpointCa =
          new SecretKey(
              Objects.requireNonNull(
                  secret,
                  "Backups.Builder.endpointCa(secret, key): secret is null; "
                      + "pass the name of the Secret that holds the CA bundle"),
              Objects.requireNonNull(
                  key,
                  "Backups.Builder.endpointCa(secret, key): key is null; "
                      + "pass the Secret's key of the CA bundle, such as ca.crt"));
      return this;
    }

    public Builder region(String secret, String key) {
      this.region =
          new SecretKey(
              Objects.requireNonNull(
                  secret,
                  "Backups.Builder.region(secret, key): secret is null; pass the name of the Secret that holds the region"),
              Objects.requireNonNull(
                  key,
                  "Backups.Builder.region(secret, key): key is null; pass the Secret's key of the region, such as REGION"));
      return this;
    }

    public Builder credentials(S3Credentials credentials) {
      this.credentials =
          Objects.requireNonNull(
              credentials,
              "Backups.Builder.credentials(credentials): credentials is null; "
                  + "pass S3Credentials.fromSecret(...), inheritFromIamRole(roleArn) or inheritFromPodIdentity()");
      return this;
    }

    public Builder walCompression(Compression compression) {
      this.walCompression =
          Objects.requireNonNull(
              compression,
              "Backups.Builder.walCompression(compression): compression is null; "
                  + "pass a Compression such as Compression.ZSTD, or leave it out for none");
      return this;
    }

    public Builder dataCompression(Compression compression) {
      this.dataCompression =
          Objects.requireNonNull(
              compression,
              "Backups.Builder.dataCompression(compression): compression is null; "
                  + "pass Compression.GZIP, BZIP2, LZ4 or SNAPPY, or leave it out for none");
      return this;
    }

    public Builder retentionPolicy(String retentionPolicy) {
      this.retentionPolicy =
          Objects.requireNonNull(
              retentionPolicy,
              "Backups.Builder.retentionPolicy(retentionPolicy): retentionPolicy is null; "
                  + "pass a duration such as 30d (d, w or m), or leave it out to keep every backup");
      return this;
    }

    /** A six-field cron expression, seconds first, such as {@code "0 0 2 * * *"}. */
    public Builder schedule(String schedule) {
      this.schedule =
          Objects.requireNonNull(
              schedule,
              "Backups.Builder.schedule(schedule): schedule is null; "
                  + "pass a six-field cron expression, seconds first, such as 0 0 2 * * *, or leave it out for none");
      return this;
    }

    public Builder backupOwnerReference(BackupOwner owner) {
      this.backupOwnerReference =
          Objects.requireNonNull(
              owner,
              "Backups.Builder.backupOwnerReference(owner): owner is null; pass Backups.BackupOwner.SELF, CLUSTER or NONE");
      return this;
    }

    public Builder immediate(boolean immediate) {
      this.immediate = immediate;
      return this;
    }

    /**
     * Uses the deprecated in-tree {@code spec.backup.barmanObjectStore}; CNPG removes it in 1.31,
     * so prefer the plugin (the default). kit warns on every generation.
     */
    public Builder legacyInTree() {
      this.legacyInTree = true;
      return this;
    }

    /**
     * Names the ObjectStore (default {@code <cluster>-backups}), such as one that already exists.
     */
    public Builder objectStoreName(String name) {
      this.objectStoreName =
          Objects.requireNonNull(
              name,
              "Backups.Builder.objectStoreName(name): name is null; "
                  + "pass the ObjectStore name, or leave it out for <cluster>-backups");
      return this;
    }

    /** Builds the backups; credentials missing are reported by validation, not here. */
    public Backups build() {
      return new Backups(
          destinationPath,
          Optional.ofNullable(endpointUrl),
          Optional.ofNullable(endpointCa),
          Optional.ofNullable(region),
          Optional.ofNullable(credentials),
          Optional.ofNullable(walCompression),
          Optional.ofNullable(dataCompression),
          Optional.ofNullable(retentionPolicy),
          Optional.ofNullable(schedule),
          backupOwnerReference,
          immediate,
          legacyInTree,
          Optional.ofNullable(objectStoreName));
    }
  }
}
