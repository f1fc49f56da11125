package org.nfpvnfm.nf;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * An NF's configuration: the properties a descriptor gives it (YAML scalars, lists and maps, as the
 * TOSCA loader reads them) and its artifacts' contents by name (rule files, route tables). Typed
 * getters collect problems instead of throwing, so that {@link #check} can report all of them at
 * once in an {@link NfConfigException}.
 */
public final class NfConfig {
  private final String nf;
  private final Map<String, Object> properties;
  private final Map<String, String> artifacts;
  private final List<String> problems = new ArrayList<>();

  public NfConfig(String nf, Map<String, ?> properties, Map<String, String> artifacts) {
    this.nf = nf;
    this.properties = new LinkedHashMap<>(properties);
    this.artifacts = Map.copyOf(artifacts);
  }

  public static NfConfig empty(String nf) {
    return new NfConfig(nf, Map.of(), Map.of());
  }

  public static NfConfig of(String nf, Map<String, ?> properties) {
    return new NfConfig(nf, properties, Map.of());
  }

  /** The NF's name, for messages. */
  public String nf() {
    return nf;
  }

  public Map<String, Object> properties() {
    return Map.copyOf(properties);
  }

  /** A problem found while reading the configuration; reported by {@link #check}. */
  public void problem(String message) {
    problems.add(message);
  }

  public @Nullable Object raw(String key) {
    return properties.get(key);
  }

  public String string(String key, String fallback) {
    Object v = properties.get(key);
    if (v == null) {
      return fallback;
    }
    if (v instanceof String s) {
      return s;
    }
    problem(key + ": " + v + " (expected: a string)");
    return fallback;
  }

  public long integer(String key, long fallback, long min, long max) {
    Object v = properties.get(key);
    if (v == null) {
      return fallback;
    }
    if (v instanceof Number n && n.longValue() == n.doubleValue()) {
      long x = n.longValue();
      if (x < min || x > max) {
        problem(key + ": " + x + " (expected: " + min + " to " + max + ")");
        return fallback;
      }
      return x;
    }
    problem(key + ": " + v + " (expected: an integer from " + min + " to " + max + ")");
    return fallback;
  }

  public boolean bool(String key, boolean fallback) {
    Object v = properties.get(key);
    if (v == null) {
      return fallback;
    }
    if (v instanceof Boolean b) {
      return b;
    }
    problem(key + ": " + v + " (expected: true or false)");
    return fallback;
  }

  /** A list of strings (a YAML list of scalars); empty when absent. */
  public List<String> strings(String key) {
    Object v = properties.get(key);
    if (v == null) {
      return List.of();
    }
    if (v instanceof List<?> list) {
      List<String> out = new ArrayList<>();
      for (Object o : list) {
        if (o instanceof String s) {
          out.add(s);
        } else {
          problem(key + ": item " + o + " (expected: a string)");
        }
      }
      return out;
    }
    problem(key + ": " + v + " (expected: a list of strings)");
    return List.of();
  }

  /** An artifact's text (a rule file, say), or null when the descriptor has none by that name. */
  public @Nullable String artifact(String name) {
    return artifacts.get(name);
  }

  /**
   * Throws when a getter or the NF found problems.
   *
   * @throws NfConfigException listing every problem
   */
  public void check() {
    if (!problems.isEmpty()) {
      throw new NfConfigException(nf, problems);
    }
  }
}
