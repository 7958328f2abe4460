package dev.kit.status;

import java.util.List;

/**
 * The readers, once: the first that reads an object reads it; {@link PresenceReader} reads the
 * rest.
 */
final class KindReaders {

  private static final List<KindReader> READERS =
      List.of(
          new ApplicationReader(),
          new CnpgClusterReader(),
          new CnpgDatabaseReader(),
          new BarmanObjectStoreReader(),
          new PoolerReader(),
          new JobReader(),
          new AtlasOperatorReader(),
          new WorkspaceReader(),
          new WorkloadReader(),
          new PresenceReader());

  private KindReaders() {}

  static KindReader of(PlannedObject object) {
    return READERS.stream().filter(reader -> reader.reads(object)).findFirst().orElseThrow();
  }
}
