package org.nfpvnfm.nf.firewall;

import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.nfpvnfm.nf.NfConfig;

/**
 * Reads a list of rules from an NF's configuration, from one of: the property {@code key} as a list
 * of strings (one rule each), the property as one string (one rule per line, as a YAML block
 * scalar), or the artifact {@code key} (one rule per line). Blank lines and lines whose first
 * non-blank character is {@code #} are skipped; the others keep their number for messages.
 */
public final class RuleLines {

  private RuleLines() {}

  /**
   * The rules under {@code key}, or null when the configuration gives neither a property nor an
   * artifact by that name. Giving both is a problem (reported to {@code config}), since neither
   * order of the two lists would be obviously right.
   */
  public static @Nullable List<RuleLine> read(NfConfig config, String key) {
    Object raw = config.raw(key);
    String artifact = config.artifact(key);
    if (raw != null && artifact != null) {
      config.problem(
          key
              + ": given both as a property and as an artifact (expected: one of them, so that the"
              + " rule order is plain)");
      return List.of();
    }
    if (artifact != null) {
      return lines("artifact " + key, artifact);
    }
    if (raw == null) {
      return null;
    }
    if (raw instanceof String text) {
      return lines(key, text);
    }
    List<String> items = config.strings(key);
    List<RuleLine> out = new ArrayList<>();
    for (int i = 0; i < items.size(); i++) {
      String text = items.get(i).strip();
      if (!skipped(text)) {
        out.add(new RuleLine(key + " item " + (i + 1), text));
      }
    }
    return out;
  }

  private static List<RuleLine> lines(String source, String text) {
    List<RuleLine> out = new ArrayList<>();
    List<String> lines = text.lines().toList();
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i).strip();
      if (!skipped(line)) {
        out.add(new RuleLine(source + " line " + (i + 1), line));
      }
    }
    return out;
  }

  private static boolean skipped(String line) {
    return line.isEmpty() || line.startsWith("#");
  }
}
