package org.nfpvnfm.nf.firewall;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * A rule's words, as a shell would split them: separated by blanks, with {@code "..."} or {@code
 * '...'} keeping blanks inside one word (a {@code --comment "two words"}), and a cursor over them.
 */
public final class Tokens {
  private final List<String> words;
  private int next;

  private Tokens(List<String> words) {
    this.words = words;
  }

  /** Splits {@code text}; an unterminated quote is a problem, and gives null. */
  public static @Nullable Tokens split(String text, Consumer<String> problems) {
    List<String> words = new ArrayList<>();
    StringBuilder word = new StringBuilder();
    boolean inWord = false;
    char quote = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (quote != 0) {
        if (c == quote) {
          quote = 0;
        } else {
          word.append(c);
        }
      } else if (c == '"' || c == '\'') {
        quote = c;
        inWord = true;
      } else if (Character.isWhitespace(c)) {
        if (inWord) {
          words.add(word.toString());
          word.setLength(0);
          inWord = false;
        }
      } else {
        word.append(c);
        inWord = true;
      }
    }
    if (quote != 0) {
      problems.accept("a quote " + quote + " is not closed (expected: a closing " + quote + ")");
      return null;
    }
    if (inWord) {
      words.add(word.toString());
    }
    return new Tokens(words);
  }

  public boolean hasNext() {
    return next < words.size();
  }

  /** The next word, consumed. */
  public String next() {
    if (!hasNext()) {
      throw new IllegalStateException("no word left");
    }
    return words.get(next++);
  }

  /** The next word, not consumed; null at the end. */
  public @Nullable String peek() {
    return hasNext() ? words.get(next) : null;
  }

  /**
   * The value after {@code option}, consumed; null, after telling {@code problems}, when the rule
   * ends first or the next word is another option.
   */
  public @Nullable String value(String option, String expected, Consumer<String> problems) {
    String v = peek();
    if (v == null || (v.startsWith("-") && v.length() > 1 && !Character.isDigit(v.charAt(1)))) {
      problems.accept(option + " needs a value (expected: " + expected + ")");
      return null;
    }
    next++;
    return v;
  }
}
