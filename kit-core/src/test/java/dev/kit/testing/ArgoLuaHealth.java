package dev.kit.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.luaj.vm2.Globals;
import org.luaj.vm2.LuaError;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.lib.jse.JsePlatform;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * Runs an Argo CD resource health script (Lua 5.1) on an object the way Argo CD does ({@code
 * util/lua/lua.go}): the object, converted from JSON to Lua tables (arrays from index 1), is the
 * global {@code obj}; the script returns a table with {@code status} and {@code message}.
 */
public final class ArgoLuaHealth {

  private static final YAMLMapper YAML = new YAMLMapper();

  /**
   * What a health script said.
   *
   * @param status Healthy, Progressing, Degraded, Suspended, Missing or Unknown
   * @param message the message, empty when the script gave none
   */
  public record Result(String status, String message) {}

  private ArgoLuaHealth() {}

  /** Runs {@code script} on {@code object}; a script that fails is Unknown, as Argo CD shows it. */
  public static Result run(String script, JsonNode object) {
    Globals globals = JsePlatform.standardGlobals();
    globals.set("obj", toLua(object));
    LuaValue returned;
    try {
      returned = globals.load(script, "health.lua").call();
    } catch (LuaError e) {
      return new Result("Unknown", e.getMessage());
    }
    LuaValue status = returned.get("status");
    LuaValue message = returned.get("message");
    return new Result(
        status.isnil() ? null : status.tojstring(), message.isnil() ? "" : message.tojstring());
  }

  /** Runs the script in {@code scriptFile} on the object in {@code objectFile}. */
  public static Result run(Path scriptFile, Path objectFile) {
    return run(read(scriptFile), yaml(objectFile));
  }

  public static String read(Path file) {
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static JsonNode yaml(Path file) {
    return YAML.readTree(file.toFile());
  }

  public static JsonNode yaml(String text) {
    return YAML.readTree(text);
  }

  private static LuaValue toLua(JsonNode node) {
    if (node == null || node.isNull() || node.isMissingNode()) {
      return LuaValue.NIL;
    }
    if (node.isObject()) {
      LuaTable table = new LuaTable();
      for (Map.Entry<String, JsonNode> field : node.properties()) {
        table.set(field.getKey(), toLua(field.getValue()));
      }
      return table;
    }
    if (node.isArray()) {
      LuaTable table = new LuaTable();
      int index = 1;
      for (JsonNode item : node) {
        table.set(index++, toLua(item));
      }
      return table;
    }
    if (node.isBoolean()) {
      return LuaValue.valueOf(node.booleanValue());
    }
    if (node.isNumber()) {
      return LuaValue.valueOf(node.doubleValue());
    }
    return LuaValue.valueOf(node.asString());
  }
}
