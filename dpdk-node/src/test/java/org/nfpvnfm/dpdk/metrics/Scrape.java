package org.nfpvnfm.dpdk.metrics;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A scrape in Prometheus's text format 0.0.4, parsed strictly for tests: every line must be a
 * {@code # HELP}, a {@code # TYPE} or a sample, each family's HELP and TYPE come once and before
 * its samples, and a sample's family (its name less {@code _bucket}, {@code _sum}, {@code _count}
 * for histograms and summaries) has been typed. A violation throws with the line.
 */
public record Scrape(Map<String, String> types, List<Sample> samples) {

  private static final Pattern HELP = Pattern.compile("# HELP ([a-zA-Z_:][a-zA-Z0-9_:]*) (.*)");
  private static final Pattern TYPE =
      Pattern.compile(
          "# TYPE ([a-zA-Z_:][a-zA-Z0-9_:]*) (counter|gauge|summary|histogram|untyped)");
  private static final Pattern SAMPLE =
      Pattern.compile(
          "([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{(.*)\\})? (NaN|[+-]Inf|[-+]?[0-9]+(\\.[0-9]+)?([eE][-+]?[0-9]+)?)");
  private static final Pattern LABEL =
      Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\\\n]|\\\\[\\\\\"n])*)\"(,|$)");

  /** One sample: its name, its labels (unescaped) and its value. */
  public record Sample(String name, Map<String, String> labels, double value) {
    public String label(String name) {
      return Objects.requireNonNull(labels.get(name), () -> "no label " + name + " on " + this);
    }
  }

  public Scrape {
    types = Map.copyOf(types);
    samples = List.copyOf(samples);
  }

  public static Scrape parse(String text) {
    if (!text.isEmpty() && !text.endsWith("\n")) {
      throw new IllegalArgumentException("the scrape does not end with a line feed");
    }
    Map<String, String> types = new LinkedHashMap<>();
    Map<String, String> helps = new HashMap<>();
    List<Sample> samples = new ArrayList<>();
    int n = 0;
    for (String line : text.split("\n", -1)) {
      n++;
      if (line.isEmpty()) {
        continue;
      }
      Matcher m;
      if ((m = HELP.matcher(line)).matches()) {
        if (helps.put(m.group(1), m.group(2)) != null) {
          throw bad(n, line, "a second HELP for " + m.group(1));
        }
      } else if ((m = TYPE.matcher(line)).matches()) {
        String typed = m.group(1);
        if (types.put(typed, m.group(2)) != null) {
          throw bad(n, line, "a second TYPE for " + typed);
        }
        if (samples.stream().anyMatch(s -> family(s.name(), types).equals(typed))) {
          throw bad(n, line, "TYPE after samples of its family");
        }
      } else if ((m = SAMPLE.matcher(line)).matches()) {
        Map<String, String> labels = labels(m.group(3) == null ? "" : m.group(3), n, line);
        String family = family(m.group(1), types);
        if (!types.containsKey(family)) {
          throw bad(n, line, "a sample of a family without TYPE");
        }
        samples.add(new Sample(m.group(1), labels, value(m.group(4))));
      } else {
        throw bad(n, line, "neither HELP, TYPE nor a sample");
      }
    }
    if (!helps.keySet().equals(types.keySet())) {
      throw new IllegalArgumentException(
          "families with HELP " + helps.keySet() + " and with TYPE " + types.keySet() + " differ");
    }
    return new Scrape(types, samples);
  }

  /** The samples named {@code name}. */
  public List<Sample> all(String name) {
    return samples.stream().filter(s -> s.name().equals(name)).toList();
  }

  /** The one sample named {@code name} with these labels (name/value pairs, at least these). */
  public double value(String name, String... labels) {
    List<Sample> found =
        all(name).stream()
            .filter(
                s -> {
                  for (int i = 0; i < labels.length; i += 2) {
                    if (!labels[i + 1].equals(s.labels().get(labels[i]))) {
                      return false;
                    }
                  }
                  return true;
                })
            .toList();
    if (found.size() != 1) {
      throw new AssertionError(
          found.size() + " samples " + name + " " + List.of(labels) + " (expected: 1): " + found);
    }
    return found.getFirst().value();
  }

  private static String family(String name, Map<String, String> types) {
    for (String suffix : List.of("_bucket", "_sum", "_count")) {
      if (name.endsWith(suffix)) {
        String base = name.substring(0, name.length() - suffix.length());
        String t = types.get(base);
        if ("histogram".equals(t) || ("summary".equals(t) && !suffix.equals("_bucket"))) {
          return base;
        }
      }
    }
    return name;
  }

  private static Map<String, String> labels(String body, int n, String line) {
    Map<String, String> out = new LinkedHashMap<>();
    Matcher m = LABEL.matcher(body);
    int at = 0;
    while (at < body.length()) {
      if (!m.find(at) || m.start() != at) {
        throw bad(n, line, "malformed labels at column " + at);
      }
      String value = unescape(m.group(2));
      if (out.put(m.group(1), value) != null) {
        throw bad(n, line, "label " + m.group(1) + " twice");
      }
      at = m.end();
    }
    return out;
  }

  private static String unescape(String s) {
    StringBuilder b = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '\\') {
        char next = s.charAt(++i);
        b.append(next == 'n' ? '\n' : next);
      } else {
        b.append(c);
      }
    }
    return b.toString();
  }

  private static double value(String s) {
    return switch (s) {
      case "NaN" -> Double.NaN;
      case "+Inf" -> Double.POSITIVE_INFINITY;
      case "-Inf" -> Double.NEGATIVE_INFINITY;
      default -> Double.parseDouble(s);
    };
  }

  private static IllegalArgumentException bad(int n, String line, String why) {
    return new IllegalArgumentException("line " + n + ": " + why + ": " + line);
  }
}
