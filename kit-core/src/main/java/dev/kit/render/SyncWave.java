package dev.kit.render;

/**
 * The sync-wave contract of DESIGN.md: Argo CD applies lower waves first and waits for them to be
 * healthy. What has no wave is at wave 0: the application and whatever needs the migrated database.
 */
public enum SyncWave {
  /** The platform's AppProject: service Applications need their project before anything else. */
  PLATFORM_PROJECT(-20),
  /** cert-manager: the Barman Cloud plugin's Certificates and Issuer need its CRDs and webhook. */
  CERT_MANAGER(-16),
  /** The operators' Applications (CNPG, Atlas): their CRDs before any service uses them. */
  OPERATOR(-15),
  /**
   * Operator plugins (Barman Cloud), and a Crossplane provider package with the Application that
   * syncs it: they need the operator's CRDs.
   */
  OPERATOR_PLUGIN(-14),
  /** A Crossplane ProviderConfig: it needs the CRDs its provider package installs. */
  PROVIDER_CONFIG(-13),
  /** The backup ObjectStore: the Cluster's WAL archiver needs it from its first minute. */
  BACKUP_STORE(-3),
  /**
   * The CNPG Cluster, its Poolers and the migrations ConfigMaps: the database is healthy before
   * anything migrates.
   */
  DATABASE(-2),
  /**
   * The Atlas migration Job (a Sync hook), or the AtlasMigration/AtlasSchema, alone: the schema is
   * migrated before the application exists, and a retried hook waits on nothing else.
   */
  MIGRATION(-1);

  public static final String ANNOTATION = "argocd.argoproj.io/sync-wave";

  private final int wave;

  SyncWave(int wave) {
    this.wave = wave;
  }

  /** The wave. */
  public int value() {
    return wave;
  }

  /** The annotation value: Argo CD reads waves as quoted integers. */
  public String annotationValue() {
    return Integer.toString(wave);
  }
}
