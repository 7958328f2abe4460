package dev.kit.status;

import java.util.List;
import java.util.Map;
import tools.jackson.core.util.DefaultIndenter;
import tools.jackson.core.util.DefaultPrettyPrinter;
import tools.jackson.core.util.Separators;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The reports as JSON for machines: fields in a fixed order, two-space indent, LF line ends on
 * every machine.
 */
final class ReportJson {

  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final DefaultPrettyPrinter PRETTY =
      new DefaultPrettyPrinter(
              Separators.createDefaultInstance()
                  .withObjectNameValueSpacing(Separators.Spacing.AFTER)
                  .withArrayEmptySeparator("")
                  .withObjectEmptySeparator(""))
          .withObjectIndenter(new DefaultIndenter("  ", "\n"))
          .withArrayIndenter(new DefaultIndenter("  ", "\n"));

  private ReportJson() {}

  static String status(List<ServiceStatus> services, boolean healthy) {
    ObjectNode root = JsonNodeFactory.instance.objectNode();
    root.put("healthy", healthy);
    ArrayNode rows = root.putArray("services");
    for (ServiceStatus service : services) {
      ObjectNode row = rows.addObject();
      row.put("service", service.service());
      row.put("namespace", service.namespace());
      row.put("health", service.health().label());
      ObjectNode cells = row.putObject("columns");
      for (Column column : Column.values()) {
        cells.put(column.header(), service.cell(column));
      }
      ArrayNode objects = row.putArray("objects");
      for (Finding finding : service.findings()) {
        ObjectNode object = objects.addObject();
        object.put("object", finding.object());
        object.put("column", finding.column().header());
        object.put("health", finding.health().label());
        object.put("text", finding.text());
        if (!finding.fix().isEmpty()) {
          object.put("fix", finding.fix());
        }
        if (!finding.facts().isEmpty()) {
          object.set("facts", facts(finding.facts()));
        }
      }
    }
    return write(root);
  }

  static String doctor(List<DoctorCheck> checks, boolean passed) {
    ObjectNode root = JsonNodeFactory.instance.objectNode();
    root.put("passed", passed);
    ArrayNode items = root.putArray("checks");
    for (DoctorCheck check : checks) {
      ObjectNode item = items.addObject();
      item.put("passed", check.passed());
      item.put("text", check.text());
      ArrayNode services = item.putArray("services");
      check.services().forEach(services::add);
      if (!check.fix().isEmpty()) {
        item.put("fix", check.fix());
      }
    }
    return write(root);
  }

  private static ObjectNode facts(Map<String, Object> facts) {
    ObjectNode node = JsonNodeFactory.instance.objectNode();
    facts.forEach(
        (key, value) -> {
          if (value instanceof Integer number) {
            node.put(key, number);
          } else if (value instanceof Long number) {
            node.put(key, number);
          } else if (value instanceof Boolean flag) {
            node.put(key, flag);
          } else if (value instanceof List<?> list) {
            ArrayNode items = node.putArray(key);
            list.forEach(item -> items.add(String.valueOf(item)));
          } else {
            node.put(key, String.valueOf(value));
          }
        });
    return node;
  }

  private static String write(ObjectNode root) {
    return JSON.writer().with(PRETTY).writeValueAsString(root) + "\n";
  }
}
