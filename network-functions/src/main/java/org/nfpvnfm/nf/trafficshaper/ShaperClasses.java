package org.nfpvnfm.nf.trafficshaper;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.nfpvnfm.nf.firewall.Match;
import org.nfpvnfm.nf.firewall.MatchParser;
import org.nfpvnfm.nf.firewall.RuleLine;
import org.nfpvnfm.nf.firewall.Tokens;

/**
 * Parses the shaper's class lines: {@code NAME [match] --rate RATE [--burst SIZE] [--mark DSCP]},
 * the match in the firewall's syntax plus {@code --dscp}.
 */
final class ShaperClasses {

  /** The largest burst: keeps tokens, counted in bit-nanoseconds, within a long. */
  static final long MAX_BURST = 1L << 30;

  /** A full-size Ethernet frame without FCS: a smaller burst would never pass one. */
  static final long MIN_BURST = 1514;

  static final long MAX_RATE = 1_000_000_000_000L;

  private static final Pattern RATE =
      Pattern.compile("([0-9]+(?:\\.[0-9]+)?)(bit|kbit|mbit|gbit|tbit)", Pattern.CASE_INSENSITIVE);
  private static final Pattern SIZE =
      Pattern.compile("([0-9]+)(b|k|kb|m|mb)?", Pattern.CASE_INSENSITIVE);
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]*");

  /** One class, checked. */
  record ShaperClass(
      String name, RuleLine line, Match match, long bitsPerSecond, long burstBytes, int mark) {}

  private ShaperClasses() {}

  static List<ShaperClass> parse(List<RuleLine> lines, int defaultMark, Consumer<String> problems) {
    List<ShaperClass> out = new ArrayList<>();
    Map<String, RuleLine> names = new HashMap<>();
    for (RuleLine line : lines) {
      Consumer<String> lineProblems = m -> problems.accept(line + ": " + m);
      ShaperClass c = parseLine(line, defaultMark, lineProblems);
      if (c == null) {
        continue;
      }
      RuleLine earlier = names.putIfAbsent(c.name(), line);
      if (earlier != null) {
        lineProblems.accept(
            "class "
                + c.name()
                + " is already defined by "
                + earlier.where()
                + " (expected: a name per class)");
        continue;
      }
      out.add(c);
    }
    return out;
  }

  private static @Nullable ShaperClass parseLine(
      RuleLine line, int defaultMark, Consumer<String> problems) {
    int[] count = {0};
    Consumer<String> counted =
        m -> {
          count[0]++;
          problems.accept(m);
        };
    Tokens t = Tokens.split(line.text(), counted);
    if (t == null) {
      return null;
    }
    String name = t.next();
    if (!NAME.matcher(name).matches()) {
      counted.accept(
          "the class name "
              + name
              + " (expected: the line to start with a name of letters, digits, _, . or -, such"
              + " as voice)");
      return null;
    }
    MatchParser match = new MatchParser(true, counted);
    long rate = -1;
    long burst = -1;
    int mark = defaultMark;
    boolean negated = false;
    while (t.hasNext() && !match.stopped()) {
      String word = t.next();
      if (word.equals("!")) {
        negated = true;
        continue;
      }
      boolean not = negated;
      negated = false;
      switch (word) {
        case "--rate" -> {
          notNegated(word, not, counted);
          String v = t.value(word, "a rate such as 2mbit", counted);
          if (v != null) {
            rate = rate(v, counted);
          }
        }
        case "--burst" -> {
          notNegated(word, not, counted);
          String v = t.value(word, "a size in bytes such as 16kb", counted);
          if (v != null) {
            burst = burst(v, counted);
          }
        }
        case "--mark" -> {
          notNegated(word, not, counted);
          String v = t.value(word, "a DSCP value, 0 to 63", counted);
          if (v != null) {
            mark = mark("--mark", v, counted);
          }
        }
        default -> {
          if (!match.option(word, not, t)) {
            counted.accept(
                "unknown option "
                    + word
                    + " (expected: --rate, --burst, --mark, "
                    + match.options()
                    + "; the rest of the line is not read)");
            return null;
          }
        }
      }
    }
    if (match.stopped()) {
      return null;
    }
    if (rate < 0 && count[0] == 0) {
      counted.accept("no rate (expected: --rate such as --rate 2mbit)");
    }
    Match m = match.finish();
    if (count[0] > 0 || m == null) {
      return null;
    }
    if (burst < 0) {
      // Ten milliseconds at the rate, and at least one full-size frame.
      burst = Math.min(MAX_BURST, Math.max(MIN_BURST, rate / 8 / 100));
    }
    return new ShaperClass(name, line, m, rate, burst, mark);
  }

  private static void notNegated(String option, boolean negated, Consumer<String> problems) {
    if (negated) {
      problems.accept("! before " + option + " (expected: ! before a match option only)");
    }
  }

  /** Bits per second: SI units, as tc takes them; -1 after a problem. */
  static long rate(String text, Consumer<String> problems) {
    Matcher m = RATE.matcher(text);
    if (m.matches()) {
      long unit =
          switch (m.group(2).toLowerCase(Locale.ROOT)) {
            case "bit" -> 1L;
            case "kbit" -> 1_000L;
            case "mbit" -> 1_000_000L;
            case "gbit" -> 1_000_000_000L;
            default -> 1_000_000_000_000L;
          };
      BigDecimal bits = new BigDecimal(m.group(1)).multiply(BigDecimal.valueOf(unit));
      if (bits.compareTo(BigDecimal.valueOf(8)) >= 0
          && bits.compareTo(BigDecimal.valueOf(MAX_RATE)) <= 0) {
        return bits.longValue();
      }
    }
    problems.accept(
        "--rate "
            + text
            + " (expected: 8bit to 1tbit, a number and a unit: bit, kbit, mbit, gbit or tbit, such"
            + " as 2mbit or 1.5gbit)");
    return -1;
  }

  /** Bytes: b, k or kb (1024), m or mb (1024²), as tc takes them; -1 after a problem. */
  static long burst(String text, Consumer<String> problems) {
    Matcher m = SIZE.matcher(text);
    if (m.matches() && m.group(1).length() <= 10) {
      String unit = m.group(2) == null ? "b" : m.group(2).toLowerCase(Locale.ROOT);
      long scale = unit.startsWith("k") ? 1024L : unit.startsWith("m") ? 1024L * 1024 : 1L;
      long bytes = Long.parseLong(m.group(1)) * scale;
      if (bytes >= MIN_BURST && bytes <= MAX_BURST) {
        return bytes;
      }
    }
    problems.accept(
        "--burst "
            + text
            + " (expected: "
            + MIN_BURST
            + " bytes (one full-size frame) to 1024mb, a number with b, kb or mb, such as"
            + " 16kb)");
    return -1;
  }

  /** A DSCP value 0 to 63; 0 after a problem. */
  static int mark(String option, String text, Consumer<String> problems) {
    if (text.matches("0|[1-9][0-9]?") && Integer.parseInt(text) <= 63) {
      return Integer.parseInt(text);
    }
    problems.accept(option + " " + text + " (expected: a DSCP value from 0 to 63)");
    return 0;
  }
}
