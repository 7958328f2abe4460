package dev.kit.model;

import java.util.Objects;
import java.util.Optional;

/**
 * Continuous backup of a cluster to S3-compatible object storage with the Barman Cloud plugin (CNPG's
 * current way): an {@code ObjectStore}, the Cluster's WAL archiver plugin, and a {@code ScheduledBackup}.
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
 *
 * @param destinationPath where backups go, such as {@code s3://bucket/path/}
 * @param endpointUrl an S3-compatible endpoint (MinIO, Ceph), or empty for AWS
 * @param endpointCa the CA bundle of that endpoint, from a Secret
 * @param region the S3 region, from a Secret
 * @param credentials keys from a Secret, or the IAM role
 * @param walCompression compression of archived WAL files
 * @param dataCompression compression of base backups
 * @param retentionPolicy how long backups are kept, such as {@code 30d} ({@code d}, {@code w} or {@code m})
 * @param schedule when base backups run: a six-field cron expression, seconds first; empty for none
 * @param backupOwnerReference which object owns the Backup objects the schedule creates: {@code SELF} by default, so
 *     they go with the schedule and show under it in Argo CD instead of outliving it
 * @param immediate whether the first backup runs as soon as the schedule is created (by default it does: a new cluster
 *     has a backup, and its backup-age alert stays quiet, before the first scheduled run)
 * @param legacyInTree use the deprecated in-tree {@code spec.backup.barmanObjectStore} instead of the plugin
 * @param objectStoreName the ObjectStore's name, or empty for {@code <cluster>-backups}
 */
public record Backups(
    String destinationPath,
    Optional<String> endpointUrl,
    Optional<SecretKey> endpointCa,
    Optional<SecretKey> region,
    S3Credentials credentials,
    Optional<Compression> walCompression,
    Optional<Compression> dataCompression,
    Optional<String> retentionPolicy,
    Optional<String> schedule,
    BackupOwner backupOwnerReference,
    boolean immediate,
    boolean legacyInTree,
    Optional<String> objectStoreName) {

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

  public Backups {
    Objects.requireNonNull(destinationPath, "destinationPath");
    Objects.requireNonNull(endpointUrl, "endpointUrl");
    Objects.requireNonNull(endpointCa, "endpointCa");
    Objects.requireNonNull(region, "region");
    Objects.requireNonNull(credentials, "credentials");
    Objects.requireNonNull(walCompression, "walCompression");
    Objects.requireNonNull(dataCompression, "dataCompression");
    Objects.requireNonNull(retentionPolicy, "retentionPolicy");
    Objects.requireNonNull(schedule, "schedule");
    Objects.requireNonNull(backupOwnerReference, "backupOwnerReference");
    Objects.requireNonNull(objectStoreName, "objectStoreName");
  }

  /** The IAM role IRSA binds to the cluster's service account, when the credentials come from one. */
  public Optional<String> irsaRoleArn() {
    return credentials instanceof S3Credentials.IamRole role ? role.roleArn() : Optional.empty();
  }

  public static Builder builder(String destinationPath) {
    return new Builder(destinationPath);
  }

  /** Builds {@link Backups}; credentials are required. */
  public static final class Builder {
    private final String destinationPath;
    private String endpointUrl;
    private SecretKey endpointCa;
    private SecretKey region;
    private S3Credentials credentials;
    private Compression walCompression;
    private Compression dataCompression;
    private String retentionPolicy;
    private String schedule;
    private BackupOwner backupOwnerReference = BackupOwner.SELF;
    private boolean immediate = true;
    private boolean legacyInTree;
    private String objectStoreName;

    private Builder(String destinationPath) {
      this.destinationPath = Objects.requireNonNull(destinationPath, "destinationPath");
    }

    public Builder endpointUrl(String endpointUrl) {
      this.endpointUrl = Objects.requireNonNull(endpointUrl, "endpointUrl");
      return this;
    }

    public Builder endpointCa(String secret, String key) {
      this.endpointCa = new SecretKey(secret, key);
      return this;
    }

    public Builder region(String secret, String key) {
      this.region = new SecretKey(secret, key);
      return this;
    }

    public Builder credentials(S3Credentials credentials) {
      this.credentials = Objects.requireNonNull(credentials, "credentials");
      return this;
    }

    public Builder walCompression(Compression compression) {
      this.walCompression = Objects.requireNonNull(compression, "walCompression");
      return this;
    }

    public Builder dataCompression(Compression compression) {
      this.dataCompression = Objects.requireNonNull(compression, "dataCompression");
      return this;
    }

    public Builder retentionPolicy(String retentionPolicy) {
      this.retentionPolicy = Objects.requireNonNull(retentionPolicy, "retentionPolicy");
      return this;
    }

    /** A six-field cron expression, seconds first, such as {@code "0 0 2 * * *"}. */
    public Builder schedule(String schedule) {
      this.schedule = Objects.requireNonNull(schedule, "schedule");
      return this;
    }

    public Builder backupOwnerReference(BackupOwner owner) {
      this.backupOwnerReference = Objects.requireNonNull(owner, "backupOwnerReference");
      return this;
    }

    public Builder immediate(boolean immediate) {
      this.immediate = immediate;
      return this;
    }

    /**
     * Uses the deprecated in-tree {@code spec.backup.barmanObjectStore}; CNPG removes it in 1.31, so prefer
     * the plugin (the default). kit warns on every generation.
     */
    public Builder legacyInTree() {
      this.legacyInTree = true;
      return this;
    }

    /** Names the ObjectStore (default {@code <cluster>-backups}), such as one that already exists. */
    public Builder objectStoreName(String name) {
      this.objectStoreName = Objects.requireNonNull(name, "objectStoreName");
      return this;
    }

    public Backups build() {
      if (credentials == null) {
        throw new IllegalStateException("Backups.builder(\"" + destinationPath
            + "\"): call credentials(S3Credentials.fromSecret(...)), credentials(S3Credentials.inheritFromIamRole(roleArn)) or credentials(S3Credentials.inheritFromPodIdentity())");
      }
      return new Backups(destinationPath, Optional.ofNullable(endpointUrl), Optional.ofNullable(endpointCa),
          Optional.ofNullable(region), credentials, Optional.ofNullable(walCompression), Optional.ofNullable(dataCompression),
          Optional.ofNullable(retentionPolicy), Optional.ofNullable(schedule), backupOwnerReference,
          immediate, legacyInTree, Optional.ofNullable(objectStoreName));
    }
  }
}
