package org.nfpvnfm.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.nfpvnfm.tosca.Diagnostic;

/**
 * The contents of an invalid sample's {@code .expected} file: one {@code CODE file:line} per
 * diagnostic the sample must produce, blank lines and {@code #} comments ignored. A file matches a
 * reported one when it is the same or a trailing part of it ({@code Definitions/vnfd.yaml} matches
 * {@code pkg/Definitions/vnfd.yaml}), so the file does not depend on where the samples live.
 */
record ExpectedDiagnostics(List<Entry> entries) {

  private static final Pattern LINE = Pattern.compile("(\\S+)\\s+(\\S.*):(\\d+)");

  ExpectedDiagnostics {
    entries = List.copyOf(entries);
  }

  /** One expected diagnostic, with the line of the {@code .expected} file it came from. */
  record Entry(String code, String file, int line) {
    boolean matches(Diagnostic d) {
      String actual = d.location().file().replace('\\', '/');
      return d.code().id().equals(code)
          && d.location().line() == line
          && (actual.equals(file) || actual.endsWith("/" + file));
    }

    @Override
    public String toString() {
      return code + " " + file + ":" + line;
    }
  }

  /** What differs between the expected and the reported diagnostics; both empty means a match. */
  record Comparison(List<Entry> missing, List<Diagnostic> unexpected) {
    Comparison {
      missing = List.copyOf(missing);
      unexpected = List.copyOf(unexpected);
    }
  }

  /**
   * Reads the lines of an {@code .expected} file. A line that is not {@code CODE file:line} is an
   * expectation no diagnostic can meet, so a typo shows up as a failed sample, not a silent pass.
   */
  static ExpectedDiagnostics parse(List<String> lines) {
    List<Entry> entries = new ArrayList<>();
    for (String raw : lines) {
      int hash = raw.indexOf('#');
      String line = (hash >= 0 ? raw.substring(0, hash) : raw).strip();
      if (line.isEmpty()) {
        continue;
      }
      Matcher m = LINE.matcher(line);
      entries.add(
          m.matches()
              ? new Entry(m.group(1), m.group(2).strip(), Integer.parseInt(m.group(3)))
              : new Entry("(malformed: '" + line + "', expected 'CODE file:line')", "", -1));
    }
    return new ExpectedDiagnostics(entries);
  }

  /** Pairs each expected entry with one reported diagnostic, each used at most once. */
  Comparison compareWith(List<Diagnostic> reported) {
    List<Diagnostic> left = new ArrayList<>(reported);
    List<Entry> missing = new ArrayList<>();
    for (Entry entry : entries) {
      int index = -1;
      for (int i = 0; i < left.size(); i++) {
        if (entry.matches(left.get(i))) {
          index = i;
          break;
        }
      }
      if (index < 0) {
        missing.add(entry);
      } else {
        left.remove(index);
      }
    }
    return new Comparison(missing, left);
  }
}
