package dev.kit.templates;

import freemarker.template.Configuration;
import freemarker.template.Template;
import freemarker.template.TemplateException;
import freemarker.template.TemplateExceptionHandler;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.Locale;
import java.util.Map;
import java.util.TimeZone;

/**
 * Renders kit's FreeMarker templates (files under {@code dev/kit/templates/} on the class path):
 * the skeleton {@code kit:new-migration} writes, a file the user goes on to edit. The texts of a
 * generation (the runbook, {@code atlas.hcl}, {@code RETIRED.md}, a PlanetScale service's module)
 * are plain Java in kit-core, so a generation never loads FreeMarker (~0.3 s of CPU and ~520
 * classes in a cold JVM). Output never depends on the default locale or time zone.
 *
 * <pre>{@code
 * String sql = TextTemplates.render("new-migration.sql.ftl", Map.of("version", "20250101120000", "name", "add_orders"));
 * }</pre>
 */
public final class TextTemplates {

  private static final Configuration CONFIGURATION = configuration();

  private TextTemplates() {}

  /**
   * Renders {@code name} with {@code model}.
   *
   * @throws IllegalArgumentException if the template does not exist or refers to a missing value
   */
  public static String render(String name, Map<String, ?> model) {
    try {
      Template template = CONFIGURATION.getTemplate(name);
      StringWriter out = new StringWriter();
      template.process(model, out);
      return out.toString();
    } catch (TemplateException e) {
      throw new IllegalArgumentException(
          "template " + name + " failed: " + e.getMessageWithoutStackTop(), e);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read template " + name, e);
    }
  }

  private static Configuration configuration() {
    Configuration cfg = new Configuration(Configuration.VERSION_2_3_34);
    cfg.setClassForTemplateLoading(TextTemplates.class, "/dev/kit/templates");
    cfg.setDefaultEncoding("UTF-8");
    cfg.setLocale(Locale.ROOT);
    cfg.setTimeZone(TimeZone.getTimeZone("UTC"));
    cfg.setNumberFormat("computer");
    cfg.setBooleanFormat("c");
    cfg.setTemplateExceptionHandler(TemplateExceptionHandler.RETHROW_HANDLER);
    cfg.setLogTemplateExceptions(false);
    cfg.setWrapUncheckedExceptions(true);
    cfg.setFallbackOnNullLoopVariable(false);
    return cfg;
  }
}
