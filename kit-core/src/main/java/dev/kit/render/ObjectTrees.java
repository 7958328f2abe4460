package dev.kit.render;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonAnySetter;
import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.fabric8.kubernetes.api.model.AnyType;
import io.fabric8.kubernetes.api.model.Quantity;
import java.lang.annotation.Annotation;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.annotation.JsonDeserialize;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Object → JSON tree for the shapes kit renders (its own records, the fabric8 model, maps, lists
 * and scalars), the same tree Jackson data binding builds ({@code ObjectTreesTest} holds them
 * equal), without building a serializer per type: on a cold JVM, data binding loaded ~500 classes
 * and kept the JIT busy for every run. What it does not know (another custom serializer, a null map
 * value, an uncommon number type) it reports as {@link Unsupported}, and the caller lets data
 * binding do it.
 */
final class ObjectTrees {

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  /** Each class's properties, found once. */
  private static final ClassValue<Shape> SHAPES =
      new ClassValue<>() {
        @Override
        protected Shape computeValue(Class<?> type) {
          try {
            return Shape.of(type);
          } catch (Unsupported e) {
            // Remembered: ClassValue does not cache a thrown exception, so a type left to data
            // binding would be inspected by reflection again for every object of it.
            return new Shape(List.of(), null, e.getMessage());
          }
        }
      };

  private ObjectTrees() {}

  /** A value this class cannot turn into the tree data binding builds. */
  static final class Unsupported extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Unsupported(String message) {
      super(message, null, false, false);
    }
  }

  /** The tree of {@code value}, which must not be null. */
  static JsonNode tree(Object value) {
    if (value instanceof String text) {
      return NODES.stringNode(text);
    }
    if (value instanceof AsciiLines text) {
      return NODES.stringNode(text.toString());
    }
    if (value instanceof Boolean bool) {
      return NODES.booleanNode(bool);
    }
    if (value instanceof Integer number) {
      return NODES.numberNode(number.intValue());
    }
    if (value instanceof Long number) {
      return NODES.numberNode(number.longValue());
    }
    if (value instanceof Double number) {
      return NODES.numberNode(number.doubleValue());
    }
    if (value instanceof Map<?, ?> map) {
      ObjectNode object = NODES.objectNode();
      map.forEach(
          (key, entry) -> {
            if (!(key instanceof String name) || entry == null) {
              throw new Unsupported("map entry " + key);
            }
            object.set(name, tree(entry));
          });
      return object;
    }
    if (value instanceof Collection<?> collection) {
      ArrayNode array = NODES.arrayNode(collection.size());
      for (Object element : collection) {
        array.add(element == null ? NODES.nullNode() : tree(element));
      }
      return array;
    }
    if (value instanceof Record) {
      // Before fabric8's types: a render of kit's records alone then never loads them.
      return SHAPES.get(value.getClass()).tree(value);
    }
    if (value instanceof Quantity quantity) {
      // Quantity's own serializer: amount and format run together.
      return NODES.stringNode(
          (quantity.getAmount() == null ? "" : quantity.getAmount())
              + (quantity.getFormat() == null ? "" : quantity.getFormat()));
    }
    if (value instanceof AnyType any) {
      // AnyType's serializer (IntOrString's too) writes the value it holds.
      return any.getValue() == null ? NODES.nullNode() : tree(any.getValue());
    }
    return SHAPES.get(value.getClass()).tree(value);
  }

  /**
   * The properties of {@code type}, one of kit's records, as {@link #tree} reads them; null when
   * {@link #tree} would not read it by its properties alone (an any-getter) or at all.
   */
  static @Nullable List<Property> properties(Class<?> type) {
    Shape shape = SHAPES.get(type);
    return shape.unsupported() != null || shape.anyGetter() != null ? null : shape.properties();
  }

  /** The value {@link #tree} writes for {@code record}'s property {@code name}, else null. */
  static @Nullable Object value(Record record, String name) {
    List<Property> properties = properties(record.getClass());
    if (properties != null) {
      for (Property property : properties) {
        if (property.name().equals(name)) {
          return property.value(record);
        }
      }
    }
    return null;
  }

  /** How to read one class's properties: a record's components or a bean's annotated fields. */
  private record Shape(
      List<Property> properties, @Nullable Field anyGetter, @Nullable String unsupported) {

    /**
     * The Jackson annotations this class reads; any other on a type or property leaves it to data
     * binding.
     */
    private static final Set<Class<?>> UNDERSTOOD =
        Set.of(
            JsonProperty.class,
            JsonInclude.class,
            JsonIgnore.class,
            JsonAnyGetter.class,
            JsonAnySetter.class,
            JsonPropertyOrder.class,
            JsonDeserialize.class,
            JsonCreator.class);

    static Shape of(Class<?> type) {
      if (type.isEnum()
          || type.isArray()
          || type.isPrimitive()
          || type.getName().startsWith("java.")) {
        throw new Unsupported(type.getName());
      }
      List<Property> properties = new ArrayList<>();
      Field anyGetter = null;
      JsonInclude.Include classInclusion = JsonInclude.Include.NON_NULL;
      for (Class<?> c = type;
          c != null && c != Object.class && c != Record.class;
          c = c.getSuperclass()) {
        understood(c.getAnnotations(), c);
        interfacesUnderstood(c);
        if (c == type) {
          classInclusion = inclusion(c.getAnnotation(JsonInclude.class), classInclusion);
        }
        for (Field field : c.getDeclaredFields()) {
          understood(field.getAnnotations(), field);
          JsonProperty named = field.getAnnotation(JsonProperty.class);
          // A record's components are its properties; fabric8's are the fields it annotates.
          boolean property = c.isRecord() || named != null;
          if (Modifier.isStatic(field.getModifiers())
              || !property
              || field.isAnnotationPresent(JsonIgnore.class)) {
            continue;
          }
          // Read the field, not the getter: a field read needs no generated accessor class.
          field.setAccessible(true);
          properties.add(
              new Property(
                  named == null || named.value().isEmpty() ? field.getName() : named.value(),
                  field,
                  inclusion(field.getAnnotation(JsonInclude.class), classInclusion)));
        }
        for (Method method : c.getDeclaredMethods()) {
          understood(method.getAnnotations(), method);
          if (method.isAnnotationPresent(JsonAnyGetter.class) && anyGetter == null) {
            // fabric8's any-getter returns its additionalProperties field: read the field, as
            // above.
            anyGetter = field(c, "additionalProperties");
          } else if (c.isRecord() && getter(method) && !accessor(c, method)) {
            // Data binding also writes a record's other getters; kit's records have none, and this
            // keeps it so.
            throw new Unsupported(c.getName() + "." + method.getName());
          }
        }
      }
      if (properties.isEmpty()) {
        throw new Unsupported(type.getName());
      }
      return new Shape(List.copyOf(properties), anyGetter, null);
    }

    /** Data binding reads a type's interfaces' annotations too (a type id, say). */
    private static void interfacesUnderstood(Class<?> type) {
      for (Class<?> implemented : type.getInterfaces()) {
        understood(implemented.getAnnotations(), implemented);
        interfacesUnderstood(implemented);
      }
    }

    private static void understood(Annotation[] annotations, Object where) {
      for (Annotation annotation : annotations) {
        String name = annotation.annotationType().getName();
        if ((name.startsWith("com.fasterxml.jackson.") || name.startsWith("tools.jackson."))
            && !UNDERSTOOD.contains(annotation.annotationType())) {
          throw new Unsupported(annotation + " on " + where);
        }
      }
    }

    /** Whether {@code method} is one of {@code record}'s component accessors. */
    private static boolean accessor(Class<?> record, Method method) {
      for (RecordComponent component : record.getRecordComponents()) {
        if (component.getAccessor().equals(method)) {
          return true;
        }
      }
      return false;
    }

    private static boolean getter(Method method) {
      String name = method.getName();
      return !Modifier.isStatic(method.getModifiers())
          && Modifier.isPublic(method.getModifiers())
          && method.getParameterCount() == 0
          && method.getReturnType() != void.class
          && ((name.startsWith("get") && name.length() > 3)
              || (name.startsWith("is") && name.length() > 2))
          && !method.isAnnotationPresent(JsonIgnore.class);
    }

    private static JsonInclude.Include inclusion(
        @Nullable JsonInclude annotation, JsonInclude.Include otherwise) {
      if (annotation == null || annotation.value() == JsonInclude.Include.USE_DEFAULTS) {
        return otherwise;
      }
      if (annotation.value() != JsonInclude.Include.NON_NULL
          && annotation.value() != JsonInclude.Include.NON_EMPTY) {
        throw new Unsupported("inclusion " + annotation.value());
      }
      return annotation.value();
    }

    ObjectNode tree(Object object) {
      if (unsupported != null) {
        throw new Unsupported(unsupported);
      }
      ObjectNode node = NODES.objectNode();
      for (Property property : properties) {
        Object value = property.value(object);
        if (value != null) {
          node.set(property.name(), ObjectTrees.tree(value));
        }
      }
      if (anyGetter != null) {
        Object more = read(anyGetter, object);
        if (more instanceof Map<?, ?> map) {
          map.forEach(
              (key, value) -> {
                if (!(key instanceof String name) || value == null) {
                  throw new Unsupported("property " + key);
                }
                node.set(name, ObjectTrees.tree(value));
              });
        } else if (more != null) {
          throw new Unsupported(anyGetter.toString());
        }
      }
      return node;
    }
  }

  /** One property: its key, the field holding it, and whether an empty value is left out. */
  record Property(String name, Field field, JsonInclude.Include inclusion) {

    /** The value written for this property of {@code object}; null when it is left out. */
    @Nullable Object value(Object object) {
      Object value = read(field, object);
      return value == null || (inclusion == JsonInclude.Include.NON_EMPTY && empty(value))
          ? null
          : value;
    }

    private static boolean empty(Object value) {
      return (value instanceof Collection<?> c && c.isEmpty())
          || (value instanceof Map<?, ?> m && m.isEmpty())
          || (value instanceof String s && s.isEmpty());
    }
  }

  private static Field field(Class<?> type, String name) {
    try {
      Field field = type.getDeclaredField(name);
      field.setAccessible(true);
      return field;
    } catch (NoSuchFieldException e) {
      throw new Unsupported(type.getName() + "." + name);
    }
  }

  private static @Nullable Object read(Field field, Object object) {
    try {
      return field.get(object);
    } catch (IllegalAccessException e) {
      throw new IllegalStateException(e);
    }
  }
}
