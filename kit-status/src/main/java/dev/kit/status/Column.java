package dev.kit.status;

/** The columns of {@code kit:status}: what a service's objects are grouped under. */
public enum Column {
  /** The service's Argo CD Application. */
  ARGO("argo"),
  /** The database and its backups (and its monitors). */
  DATABASE("database"),
  /** What applies the migrations: the Atlas Job, or the operator's resource. */
  MIGRATIONS("migrations"),
  /** The connection poolers. */
  POOLERS("poolers"),
  /** The application: kit's generated Deployment, or the team's own in {@code manifests/}. */
  APP("app");

  private final String header;

  Column(String header) {
    this.header = header;
  }

  /** The column's header in the table and its key in the JSON. */
  public String header() {
    return header;
  }
}
