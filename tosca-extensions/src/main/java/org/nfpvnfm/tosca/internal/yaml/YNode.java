package org.nfpvnfm.tosca.internal.yaml;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.nfpvnfm.tosca.SourceLocation;

/**
 * An immutable YAML value that remembers where it was written, so every diagnostic can name a file,
 * line and column. Scalars are resolved the way PyYAML (YAML 1.1) resolves them, because that is
 * what the reference TOSCA parser reads descriptors with ({@code yes} is a boolean, {@code 1e5} a
 * string).
 */
public sealed interface YNode permits YNode.YMap, YNode.YSeq, YNode.YScalar {

  SourceLocation location();

  /** A short word for the node's shape in messages: "map", "list" or the scalar's type. */
  String kind();

  /** The value as plain Java: {@code Map<String,Object>}, {@code List<Object>}, or a scalar. */
  @Nullable Object toJava();

  /** One key of a mapping, with where the key was written. */
  record Entry(String key, SourceLocation keyLocation, YNode value) {}

  record YMap(List<Entry> entries, SourceLocation location) implements YNode {
    public YMap {
      entries = List.copyOf(entries);
    }

    public @Nullable YNode get(String key) {
      for (Entry e : entries) {
        if (e.key().equals(key)) {
          return e.value();
        }
      }
      return null;
    }

    public @Nullable Entry entry(String key) {
      for (Entry e : entries) {
        if (e.key().equals(key)) {
          return e;
        }
      }
      return null;
    }

    public boolean has(String key) {
      return entry(key) != null;
    }

    public List<String> keys() {
      List<String> keys = new ArrayList<>(entries.size());
      for (Entry e : entries) {
        keys.add(e.key());
      }
      return keys;
    }

    public boolean isEmpty() {
      return entries.isEmpty();
    }

    @Override
    public String kind() {
      return "map";
    }

    @Override
    public Map<String, @Nullable Object> toJava() {
      Map<String, @Nullable Object> out = new LinkedHashMap<>();
      for (Entry e : entries) {
        out.put(e.key(), e.value().toJava());
      }
      return out;
    }
  }

  record YSeq(List<YNode> items, SourceLocation location) implements YNode {
    public YSeq {
      items = List.copyOf(items);
    }

    @Override
    public String kind() {
      return "list";
    }

    @Override
    public List<@Nullable Object> toJava() {
      List<@Nullable Object> out = new ArrayList<>(items.size());
      for (YNode n : items) {
        out.add(n.toJava());
      }
      return out;
    }
  }

  /**
   * A scalar: {@code value} is a String, Long, BigInteger, Double, Boolean or null; {@code text} is
   * what was written.
   */
  record YScalar(@Nullable Object value, String text, boolean plain, SourceLocation location)
      implements YNode {

    public boolean isNull() {
      return value == null;
    }

    /** The scalar as text the way Python's {@code str()} would print it. */
    public String asText() {
      if (value == null) {
        return "None";
      }
      if (value instanceof Boolean b) {
        return b ? "True" : "False";
      }
      if (value instanceof String s) {
        return s;
      }
      return text;
    }

    @Override
    public String kind() {
      if (value == null) {
        return "null";
      }
      return switch (value) {
        case String s -> "string";
        case Boolean b -> "boolean";
        case Double d -> "float";
        default -> "integer";
      };
    }

    @Override
    public @Nullable Object toJava() {
      return value;
    }
  }
}
