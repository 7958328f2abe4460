package dev.kit;

import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * The YAML reader for what kit reads back from the repository (manifests a generation retires or
 * compares, the team's own): built on first use, as most generations read none, and building it
 * loads hundreds of classes a cold JVM would pay for.
 */
final class ReadYaml {

  static final YAMLMapper MAPPER = YAMLMapper.builder().build();

  private ReadYaml() {}
}
