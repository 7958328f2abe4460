package dev.kit.conformance;

import com.networknt.schema.Error;
import com.networknt.schema.ExecutionContext;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaContext;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.dialect.Dialect;
import com.networknt.schema.dialect.Dialects;
import com.networknt.schema.format.Format;
import com.networknt.schema.path.PathType;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.MappingIterator;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The upstream schemas an API server would apply, chosen by apiVersion and kind: the CRDs in {@code
 * test-data/crds/} (each served version's {@code openAPIV3Schema}, made strict as the API server's
 * field validation is) and the core kinds' standalone-strict JSON schemas in {@code
 * test-data/k8s-schemas/}. On top of JSON Schema it checks rules the API server enforces in code,
 * not in its schemas: ObjectMeta (names, namespaces, label and annotation syntax and size),
 * ConfigMap keys, pod specs (quantities, requests within limits, volume references, port names),
 * selectors matching templates, and the 256 KiB of annotations that Argo CD's client-side apply
 * needs for {@code last-applied-configuration}.
 */
final class UpstreamSchemas {

  static final String CORE_SCHEMAS = "k8s-schemas/v1.31.0-standalone-strict";

  /** Which schema an object is validated against. */
  record Key(String apiVersion, String kind) {
    @Override
    public String toString() {
      return apiVersion + "/" + kind;
    }
  }

  private static final JsonMapper JSON = new JsonMapper();

  private final SchemaRegistry registry;
  private final Map<Key, Schema> schemas =
      new TreeMap<>((a, b) -> a.toString().compareTo(b.toString()));
  private final Map<Key, String> sources = new LinkedHashMap<>();
  private final Set<Key> customResources = new HashSet<>();

  /** Kinds whose CRD says {@code scope: Cluster}: they have no namespace. */
  private final Set<Key> clusterScoped = new HashSet<>();

  private Schema objectMeta;

  private UpstreamSchemas() {
    registry =
        SchemaRegistry.withDefaultDialect(
            kubernetesDialect(),
            b ->
                b.schemaRegistryConfig(
                    SchemaRegistryConfig.builder()
                        .pathType(PathType.JSON_PATH)
                        .formatAssertionsEnabled(true)
                        .build()));
  }

  /**
   * Reads every CRD under {@code <test-data>/crds} and every core schema under {@code
   * <test-data>/k8s-schemas/...}.
   */
  static UpstreamSchemas load(Path testData) {
    UpstreamSchemas catalog = new UpstreamSchemas();
    for (Path file : files(testData.resolve("crds"), ".yaml")) {
      try (MappingIterator<JsonNode> docs =
          GeneratedObjects.YAML.readerFor(JsonNode.class).readValues(file.toFile())) {
        while (docs.hasNext()) {
          JsonNode crd = docs.next();
          if (crd != null && "CustomResourceDefinition".equals(crd.path("kind").asString(""))) {
            catalog.addCrd(testData.relativize(file).toString(), crd);
          }
        }
      }
    }
    for (Path file : files(testData.resolve(CORE_SCHEMAS), ".json")) {
      catalog.addCore(testData.relativize(file).toString(), JSON.readTree(file.toFile()));
    }
    if (catalog.objectMeta == null) {
      throw new IllegalStateException(
          "no core schema with ObjectMeta (configmap-v1.json) under "
              + testData.resolve(CORE_SCHEMAS));
    }
    return catalog;
  }

  Set<Key> keys() {
    return schemas.keySet();
  }

  /** Where the schema for {@code key} came from, relative to the test-data folder. */
  String source(Key key) {
    return sources.get(key);
  }

  /**
   * Every problem the API server would report for this object, each as {@code <where>: <JSON path>:
   * [<rule>] <message>}; empty when it is valid. An apiVersion/kind without a schema is a problem.
   */
  List<String> validate(String where, JsonNode object) {
    List<String> problems = new ArrayList<>();
    Key key = new Key(object.path("apiVersion").asString(""), object.path("kind").asString(""));
    Schema schema = schemas.get(key);
    if (schema == null) {
      problems.add(
          where
              + ": $: [apiVersion/kind] no upstream schema for "
              + key
              + " (known: "
              + schemas.keySet()
              + ")");
      return problems;
    }
    for (Error error : schema.validate(object)) {
      problems.add(describe(where, "$", error));
    }
    if (customResources.contains(key)) {
      // A CRD's schema types metadata as a bare object; the API server validates it as ObjectMeta.
      for (Error error : objectMeta.validate(object.path("metadata"))) {
        problems.add(describe(where, "$.metadata", error));
      }
    }
    problems.addAll(
        ApiServerRules.check(
            where, key, object, !customResources.contains(key), clusterScoped.contains(key)));
    return problems;
  }

  /**
   * {@code <where>: <JSON path>: [<keyword>] <message> (schema <location>)}, the path from {@code
   * root}.
   */
  private static String describe(String where, String root, Error error) {
    String path =
        root
            + error
                .getInstanceLocation()
                .toString()
                .substring(1); // JSON_PATH locations start with "$"
    String property = error.getProperty();
    if (property != null
        && ("additionalProperties".equals(error.getKeyword())
            || "required".equals(error.getKeyword()))) {
      path = path + "." + property;
    }
    return where
        + ": "
        + path
        + ": ["
        + error.getKeyword()
        + "] "
        + error.getMessage()
        + " (schema "
        + error.getSchemaLocation()
        + ")";
  }

  private void addCrd(String source, JsonNode crd) {
    String group = crd.path("spec").path("group").asString();
    String kind = crd.path("spec").path("names").path("kind").asString();
    for (JsonNode version : crd.path("spec").path("versions")) {
      if (!version.path("served").asBoolean(false)) {
        continue; // the API server rejects what it does not serve
      }
      JsonNode openApi = version.path("schema").path("openAPIV3Schema");
      if (!openApi.isObject()) {
        throw new IllegalStateException(
            source + ": version " + version.path("name").asString() + " has no openAPIV3Schema");
      }
      ObjectNode strict = (ObjectNode) openApi.deepCopy();
      structural(strict);
      Key key = new Key(group + "/" + version.path("name").asString(), kind);
      schemas.put(key, registry.getSchema(strict));
      sources.put(key, source);
      customResources.add(key);
      if ("Cluster".equals(crd.path("spec").path("scope").asString(""))) {
        clusterScoped.add(key);
      }
    }
  }

  private void addCore(String source, JsonNode schema) {
    ObjectNode copy = (ObjectNode) schema.deepCopy();
    copy.remove(
        "$schema"); // "http://json-schema.org/schema#" names no draft; the dialect below applies
    String apiVersion =
        copy.path("properties").path("apiVersion").path("enum").path(0).asString("");
    String kind = copy.path("properties").path("kind").path("enum").path(0).asString("");
    if (apiVersion.isEmpty() || kind.isEmpty()) {
      throw new IllegalStateException(source + ": no apiVersion/kind enum to key it by");
    }
    Key key = new Key(apiVersion, kind);
    schemas.put(key, registry.getSchema(copy));
    sources.put(key, source);
    if (key.equals(new Key("v1", "ConfigMap"))) {
      objectMeta = registry.getSchema(copy.path("properties").path("metadata").deepCopy());
    }
  }

  /**
   * Turns a CRD's structural schema into the JSON Schema the API server effectively applies:
   * unknown fields are rejected unless preserved, int-or-string accepts both, nullable accepts
   * null. Only structural positions (properties, items, additionalProperties) are made strict,
   * never anyOf/allOf/oneOf/not branches, which in a structural schema only add value checks.
   */
  static void structural(ObjectNode schema) {
    if (schema.path("x-kubernetes-int-or-string").asBoolean(false)) {
      schema.remove("type");
      if (!schema.has("anyOf")) {
        ArrayNode anyOf = schema.putArray("anyOf");
        anyOf.addObject().put("type", "integer");
        anyOf.addObject().put("type", "string");
      }
    }
    if (schema.path("nullable").asBoolean(false) && schema.path("type").isString()) {
      String type = schema.path("type").asString();
      schema.putArray("type").add(type).add("null");
      if (schema.path("enum").isArray()) {
        ((ArrayNode) schema.get("enum")).addNull();
      }
    }
    boolean preserve = schema.path("x-kubernetes-preserve-unknown-fields").asBoolean(false);
    if (schema.has("properties") && !schema.has("additionalProperties") && !preserve) {
      schema.put("additionalProperties", false);
    }
    if (schema.path("properties").isObject()) {
      for (JsonNode property : schema.get("properties")) {
        if (property instanceof ObjectNode child) {
          structural(child);
        }
      }
    }
    if (schema.get("items") instanceof ObjectNode items) {
      structural(items);
    }
    if (schema.get("additionalProperties") instanceof ObjectNode additional) {
      structural(additional);
    }
  }

  /** Draft 7 plus the formats the Kubernetes OpenAPI schemas use, asserted. */
  private static Dialect kubernetesDialect() {
    return Dialect.builder("https://kit.dev/schemas/kubernetes-openapi", Dialects.getDraft7())
        .format(
            new IntegerFormat(
                "int32",
                BigInteger.valueOf(Integer.MIN_VALUE),
                BigInteger.valueOf(Integer.MAX_VALUE)))
        .format(
            new IntegerFormat(
                "int64", BigInteger.valueOf(Long.MIN_VALUE), BigInteger.valueOf(Long.MAX_VALUE)))
        .format(new ByteFormat())
        .build();
  }

  /**
   * {@code format: int32/int64}: an integer in range (the API server decodes into a Go
   * int32/int64).
   */
  private record IntegerFormat(String name, BigInteger min, BigInteger max) implements Format {
    @Override
    public String getName() {
      return name;
    }

    @Override
    public boolean matches(ExecutionContext context, SchemaContext schemaContext, JsonNode value) {
      if (!value.isNumber()) {
        return true; // the type keyword reports non-numbers
      }
      BigDecimal decimal = value.decimalValue();
      if (decimal.stripTrailingZeros().scale() > 0) {
        return false;
      }
      BigInteger integer = decimal.toBigInteger();
      return integer.compareTo(min) >= 0 && integer.compareTo(max) <= 0;
    }
  }

  /** {@code format: byte}: standard base64, as Go's encoding/json decodes a []byte. */
  private static final class ByteFormat implements Format {
    @Override
    public String getName() {
      return "byte";
    }

    @Override
    public boolean matches(ExecutionContext context, SchemaContext schemaContext, String value) {
      try {
        Base64.getDecoder().decode(value);
        return true;
      } catch (IllegalArgumentException e) {
        return false;
      }
    }
  }

  /**
   * API server rules (ValidateObjectMeta, ValidatePodSpec, ...) that no JSON schema here expresses.
   */
  static final class ApiServerRules {

    private static final Pattern DNS1123_LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?");
    private static final Pattern DNS1123_SUBDOMAIN =
        Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*");
    private static final Pattern DNS1035_LABEL = Pattern.compile("[a-z]([-a-z0-9]*[a-z0-9])?");
    private static final Pattern CONFIG_KEY = Pattern.compile("[-._a-zA-Z0-9]+");
    private static final Pattern IANA_SVC_NAME = Pattern.compile("[a-z0-9]([a-z0-9-]*[a-z0-9])?");
    private static final Pattern QUALIFIED_NAME =
        Pattern.compile("([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]");
    private static final Pattern LABEL_VALUE =
        Pattern.compile("(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?");

    /** Kubernetes resource.Quantity syntax (as in the CRDs' quantity pattern). */
    static final Pattern QUANTITY =
        Pattern.compile(
            "^(\\+|-)?(([0-9]+(\\.[0-9]*)?)|(\\.[0-9]+))(([KMGTPE]i)|[numkMGTPE]|([eE](\\+|-)?(([0-9]+(\\.[0-9]*)?)|(\\.[0-9]+))))?$");

    private static final int TOTAL_ANNOTATION_BYTES = 256 * 1024;

    private ApiServerRules() {}

    static List<String> check(
        String where, Key key, JsonNode object, boolean coreKind, boolean clusterScoped) {
      List<String> problems = new ArrayList<>();
      JsonNode metadata = object.path("metadata");
      if (!metadata.isObject()) {
        problems.add(where + ": $.metadata: [required] metadata is missing");
        return problems;
      }
      String name = metadata.path("name").asString("");
      if (!metadata.path("name").isString() || name.isEmpty()) {
        problems.add(
            where
                + ": $.metadata.name: [required] every generated object needs a name (no generateName: Argo CD tracks by name)");
      } else if (name.length() > 253 || !DNS1123_SUBDOMAIN.matcher(name).matches()) {
        problems.add(
            where
                + ": $.metadata.name: [dns1123Subdomain] '"
                + name
                + "' is not a DNS-1123 subdomain");
      } else if ("Job".equals(key.kind())
          && (name.length() > 63 || !DNS1123_LABEL.matcher(name).matches())) {
        problems.add(
            where
                + ": $.metadata.name: [dns1123Label] Job name '"
                + name
                + "' must be a DNS-1123 label: it becomes the pods' job-name label");
      }
      String namespace = metadata.path("namespace").asString("");
      if (clusterScoped) {
        if (metadata.has("namespace")) {
          problems.add(
              where
                  + ": $.metadata.namespace: [clusterScoped] "
                  + key
                  + " is cluster-scoped: it takes no namespace");
        }
      } else if (!metadata.path("namespace").isString() || namespace.isEmpty()) {
        problems.add(
            where
                + ": $.metadata.namespace: [required] every generated object is namespaced and names its namespace");
      } else if (namespace.length() > 63 || !DNS1123_LABEL.matcher(namespace).matches()) {
        problems.add(
            where
                + ": $.metadata.namespace: [dns1123Label] '"
                + namespace
                + "' is not a DNS-1123 label");
      }
      if ("Service".equals(key.kind())
          && !name.isEmpty()
          && (name.length() > 63 || !DNS1035_LABEL.matcher(name).matches())) {
        problems.add(
            where
                + ": $.metadata.name: [dns1035Label] Service name '"
                + name
                + "' must be a DNS-1035 label (start with a letter)");
      }
      labelsAndAnnotations(where, "$.metadata", metadata, problems);
      lastAppliedConfiguration(where, object, problems);
      if (!coreKind) {
        return problems; // a CRD's template (a Pooler's) is partial: its operator completes it
      }
      JsonNode template = object.path("spec").path("template");
      if (template.isObject()) {
        labelsAndAnnotations(
            where, "$.spec.template.metadata", template.path("metadata"), problems);
        podSpec(where, "$.spec.template.spec", key, template.path("spec"), problems);
        JsonNode selector = object.path("spec").path("selector").path("matchLabels");
        if (!"Job".equals(key.kind()) && selector.isObject()) {
          if (selector.isEmpty()) {
            problems.add(
                where + ": $.spec.selector: [required] an empty selector matches every pod");
          }
          selector
              .properties()
              .forEach(
                  e -> {
                    if (!e.getValue()
                        .equals(template.path("metadata").path("labels").path(e.getKey()))) {
                      problems.add(
                          where
                              + ": $.spec.selector.matchLabels['"
                              + e.getKey()
                              + "']: [selectorMatchesTemplate] the template's labels must match the selector");
                    }
                  });
        }
      }
      if ("ConfigMap".equals(key.kind()) || "Secret".equals(key.kind())) {
        configKeys(where, object, problems);
      }
      return problems;
    }

    /**
     * Argo CD applies client-side by default, which copies the whole object into the {@code
     * kubectl.kubernetes.io/last-applied-configuration} annotation; annotations may total 256 KiB,
     * so a larger object needs {@code argocd.argoproj.io/sync-options: ServerSideApply=true}.
     */
    private static void lastAppliedConfiguration(
        String where, JsonNode object, List<String> problems) {
      JsonNode annotations = object.path("metadata").path("annotations");
      if (List.of(annotations.path("argocd.argoproj.io/sync-options").asString("").split(","))
          .contains("ServerSideApply=true")) {
        return;
      }
      long bytes = JSON.writeValueAsBytes(object).length;
      for (var entry : annotations.properties()) {
        bytes +=
            entry.getKey().length()
                + entry.getValue().asString("").getBytes(StandardCharsets.UTF_8).length;
      }
      if (bytes > TOTAL_ANNOTATION_BYTES) {
        problems.add(
            where
                + ": $.metadata.annotations: [lastAppliedConfiguration] client-side apply would store "
                + bytes
                + " bytes of annotations, over 256 KiB; annotate argocd.argoproj.io/sync-options: ServerSideApply=true");
      }
    }

    private static void configKeys(String where, JsonNode object, List<String> problems) {
      long size = 0;
      Set<String> seen = new HashSet<>();
      for (String field : List.of("data", "binaryData", "stringData")) {
        for (var entry : object.path(field).properties()) {
          String key = entry.getKey();
          String at = "$." + field + "['" + key + "']";
          if (key.length() > 253
              || !CONFIG_KEY.matcher(key).matches()
              || key.equals(".")
              || key.equals("..")) {
            problems.add(
                where
                    + ": "
                    + at
                    + ": [configKey] '"
                    + key
                    + "' is not a valid key (letters, digits, '-', '_', '.')");
          }
          if (!seen.add(key)) {
            problems.add(
                where
                    + ": "
                    + at
                    + ": [unique] key '"
                    + key
                    + "' is in more than one of data and binaryData");
          }
          String value = entry.getValue().asString("");
          size +=
              key.length()
                  + ("binaryData".equals(field)
                      ? value.length() * 3L / 4
                      : value.getBytes(StandardCharsets.UTF_8).length);
        }
      }
      if (size > 1024 * 1024) {
        problems.add(
            where
                + ": $.data: [maxSize] keys and values total "
                + size
                + " bytes, over the 1 MiB a ConfigMap may hold");
      }
    }

    private static void labelsAndAnnotations(
        String where, String path, JsonNode metadata, List<String> problems) {
      JsonNode labels = metadata.path("labels");
      if (!labels.isMissingNode()) {
        if (!labels.isObject()) {
          problems.add(where + ": " + path + ".labels: [type] labels must be a map of strings");
        } else {
          labels
              .properties()
              .forEach(
                  e -> {
                    String at = path + ".labels['" + e.getKey() + "']";
                    qualifiedName(where, at, e.getKey(), problems);
                    if (!e.getValue().isString()) {
                      problems.add(
                          where
                              + ": "
                              + at
                              + ": [type] label value must be a string, was "
                              + e.getValue().getNodeType());
                    } else if (e.getValue().asString().length() > 63
                        || !LABEL_VALUE.matcher(e.getValue().asString()).matches()) {
                      problems.add(
                          where
                              + ": "
                              + at
                              + ": [labelValue] '"
                              + e.getValue().asString()
                              + "' is not a valid label value");
                    }
                  });
        }
      }
      JsonNode annotations = metadata.path("annotations");
      if (!annotations.isMissingNode()) {
        if (!annotations.isObject()) {
          problems.add(
              where + ": " + path + ".annotations: [type] annotations must be a map of strings");
        } else {
          long[] size = {0};
          annotations
              .properties()
              .forEach(
                  e -> {
                    String at = path + ".annotations['" + e.getKey() + "']";
                    qualifiedName(where, at, e.getKey(), problems);
                    if (!e.getValue().isString()) {
                      problems.add(
                          where
                              + ": "
                              + at
                              + ": [type] annotation value must be a string, was "
                              + e.getValue().getNodeType());
                    } else {
                      size[0] +=
                          e.getKey().length()
                              + e.getValue().asString().getBytes(StandardCharsets.UTF_8).length;
                    }
                  });
          if (size[0] > TOTAL_ANNOTATION_BYTES) {
            problems.add(
                where
                    + ": "
                    + path
                    + ".annotations: [maxSize] annotations total "
                    + size[0]
                    + " bytes, over 256 KiB");
          }
        }
      }
    }

    private static void qualifiedName(String where, String at, String key, List<String> problems) {
      int slash = key.indexOf('/');
      String prefix = slash < 0 ? null : key.substring(0, slash);
      String name = slash < 0 ? key : key.substring(slash + 1);
      if (prefix != null
          && (prefix.isEmpty()
              || prefix.length() > 253
              || !DNS1123_SUBDOMAIN.matcher(prefix).matches())) {
        problems.add(
            where
                + ": "
                + at
                + ": [qualifiedName] prefix '"
                + prefix
                + "' is not a DNS-1123 subdomain");
      }
      if (name.isEmpty() || name.length() > 63 || !QUALIFIED_NAME.matcher(name).matches()) {
        problems.add(
            where + ": " + at + ": [qualifiedName] '" + name + "' is not a valid key name");
      }
    }

    private static void podSpec(
        String where, String path, Key key, JsonNode spec, List<String> problems) {
      if ("Job".equals(key.kind())) {
        String restart = spec.path("restartPolicy").asString("");
        if (!restart.equals("Never") && !restart.equals("OnFailure")) {
          problems.add(
              where
                  + ": "
                  + path
                  + ".restartPolicy: [enum] a Job's pods need restartPolicy Never or OnFailure, was '"
                  + restart
                  + "'");
        }
      }
      Map<String, JsonNode> volumes = new LinkedHashMap<>();
      JsonNode volumeList = spec.path("volumes");
      for (int i = 0; i < volumeList.size(); i++) {
        String name = volumeList.get(i).path("name").asString("");
        if (name.length() > 63 || !DNS1123_LABEL.matcher(name).matches()) {
          problems.add(
              where
                  + ": "
                  + path
                  + ".volumes["
                  + i
                  + "].name: [dns1123Label] '"
                  + name
                  + "' is not a DNS-1123 label");
        }
        if (volumes.put(name, volumeList.get(i)) != null) {
          problems.add(
              where
                  + ": "
                  + path
                  + ".volumes["
                  + i
                  + "].name: [unique] volume '"
                  + name
                  + "' is declared twice");
        }
      }
      Set<String> containerNames = new HashSet<>();
      for (String list : List.of("initContainers", "containers")) {
        JsonNode containers = spec.path(list);
        if ("containers".equals(list) && containers.isEmpty()) {
          problems.add(
              where + ": " + path + ".containers: [minItems] a pod needs at least one container");
        }
        for (int c = 0; c < containers.size(); c++) {
          JsonNode container = containers.get(c);
          String at = path + "." + list + "[" + c + "]";
          String name = container.path("name").asString("");
          if (name.length() > 63 || !DNS1123_LABEL.matcher(name).matches()) {
            problems.add(
                where + ": " + at + ".name: [dns1123Label] '" + name + "' is not a DNS-1123 label");
          }
          if (!containerNames.add(name)) {
            problems.add(
                where + ": " + at + ".name: [unique] container '" + name + "' is declared twice");
          }
          if (container.path("image").asString("").isBlank()) {
            problems.add(where + ": " + at + ".image: [required] a container needs an image");
          }
          Set<String> mountPaths = new HashSet<>();
          JsonNode mounts = container.path("volumeMounts");
          for (int m = 0; m < mounts.size(); m++) {
            String volume = mounts.get(m).path("name").asString("");
            if (!volumes.containsKey(volume)) {
              problems.add(
                  where
                      + ": "
                      + at
                      + ".volumeMounts["
                      + m
                      + "].name: [reference] no volume named '"
                      + volume
                      + "'");
            }
            if (!mountPaths.add(mounts.get(m).path("mountPath").asString(""))) {
              problems.add(
                  where + ": " + at + ".volumeMounts[" + m + "].mountPath: [unique] mounted twice");
            }
          }
          resources(where, at + ".resources", container.path("resources"), problems);
          JsonNode ports = container.path("ports");
          for (int p = 0; p < ports.size(); p++) {
            String portName = ports.get(p).path("name").asString("");
            if (!portName.isEmpty()
                && (portName.length() > 15
                    || !IANA_SVC_NAME.matcher(portName).matches()
                    || portName.contains("--")
                    || portName.chars().noneMatch(Character::isLetter))) {
              problems.add(
                  where
                      + ": "
                      + at
                      + ".ports["
                      + p
                      + "].name: [ianaSvcName] '"
                      + portName
                      + "' is not an IANA service name (15 characters at most)");
            }
            int port = ports.get(p).path("containerPort").asInt(0);
            if (port < 1 || port > 65535) {
              problems.add(
                  where
                      + ": "
                      + at
                      + ".ports["
                      + p
                      + "].containerPort: [portRange] "
                      + port
                      + " is not in 1-65535");
            }
          }
          JsonNode env = container.path("env");
          for (int e = 0; e < env.size(); e++) {
            String envName = env.get(e).path("name").asString("");
            if (envName.isEmpty() || envName.contains("=")) {
              problems.add(
                  where
                      + ": "
                      + at
                      + ".env["
                      + e
                      + "].name: [envVarName] '"
                      + envName
                      + "' is not a valid variable name");
            }
            if (env.get(e).has("value") && env.get(e).has("valueFrom")) {
              problems.add(
                  where + ": " + at + ".env[" + e + "]: [oneOf] value and valueFrom are exclusive");
            }
          }
        }
      }
    }

    private static void resources(
        String where, String at, JsonNode resources, List<String> problems) {
      Map<String, BigDecimal> limits =
          quantities(where, at + ".limits", resources.path("limits"), problems);
      Map<String, BigDecimal> requests =
          quantities(where, at + ".requests", resources.path("requests"), problems);
      requests.forEach(
          (resource, request) -> {
            BigDecimal limit = limits.get(resource);
            if (limit != null && request.compareTo(limit) > 0) {
              problems.add(
                  where
                      + ": "
                      + at
                      + ".requests."
                      + resource
                      + ": [lessThanOrEqual] request must be at most the limit");
            }
          });
    }

    private static Map<String, BigDecimal> quantities(
        String where, String at, JsonNode map, List<String> problems) {
      Map<String, BigDecimal> values = new TreeMap<>();
      map.properties()
          .forEach(
              e -> {
                String text =
                    e.getValue().isNumber() ? e.getValue().asString() : e.getValue().asString("");
                if (!e.getValue().isValueNode() || !QUANTITY.matcher(text).matches()) {
                  problems.add(
                      where
                          + ": "
                          + at
                          + "."
                          + e.getKey()
                          + ": [quantity] '"
                          + e.getValue()
                          + "' is not a Kubernetes quantity");
                } else {
                  values.put(e.getKey(), quantityValue(text));
                }
              });
      return values;
    }

    /** The quantity's value, for comparing a request with a limit. */
    static BigDecimal quantityValue(String quantity) {
      String[][] suffixes = {
        {"Ki", "1024"},
        {"Mi", "1048576"},
        {"Gi", "1073741824"},
        {"Ti", "1099511627776"},
        {"Pi", "1125899906842624"},
        {"Ei", "1152921504606846976"},
        {"n", "1e-9"},
        {"u", "1e-6"},
        {"m", "1e-3"},
        {"k", "1e3"},
        {"M", "1e6"},
        {"G", "1e9"},
        {"T", "1e12"},
        {"P", "1e15"},
        {"E", "1e18"}
      };
      for (String[] suffix : suffixes) {
        if (quantity.endsWith(suffix[0])) {
          return new BigDecimal(quantity.substring(0, quantity.length() - suffix[0].length()))
              .multiply(new BigDecimal(suffix[1]));
        }
      }
      return new BigDecimal(quantity);
    }
  }

  private static List<Path> files(Path dir, String suffix) {
    if (!Files.isDirectory(dir)) {
      throw new IllegalStateException("missing schema folder " + dir);
    }
    try (Stream<Path> walk = Files.walk(dir)) {
      return walk.filter(Files::isRegularFile)
          .filter(f -> f.toString().endsWith(suffix))
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
