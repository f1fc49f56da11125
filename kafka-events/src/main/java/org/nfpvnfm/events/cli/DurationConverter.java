package org.nfpvnfm.events.cli;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine;

/**
 * Reads a duration as operators write it: {@code 500ms}, {@code 30s}, {@code 5m}, {@code 1h}, or
 * ISO-8601 ({@code PT30S}). It must be longer than zero.
 */
final class DurationConverter implements CommandLine.ITypeConverter<Duration> {
  private static final Pattern SHORT = Pattern.compile("(\\d+)(ms|s|m|h)");

  @Override
  public Duration convert(String value) {
    return parse(value);
  }

  static Duration parse(String value) {
    String v = value.strip().toLowerCase(Locale.ROOT);
    Duration d;
    Matcher m = SHORT.matcher(v);
    try {
      if (m.matches()) {
        long n = Long.parseLong(m.group(1));
        d =
            switch (m.group(2)) {
              case "ms" -> Duration.ofMillis(n);
              case "s" -> Duration.ofSeconds(n);
              case "m" -> Duration.ofMinutes(n);
              default -> Duration.ofHours(n);
            };
      } else {
        d = Duration.parse(value.strip());
      }
    } catch (NumberFormatException | DateTimeParseException | ArithmeticException e) {
      throw new CommandLine.TypeConversionException(
          "'" + value + "' is not a duration (expected e.g. 500ms, 30s, 5m, 1h or PT30S)");
    }
    if (d.isNegative() || d.isZero()) {
      throw new CommandLine.TypeConversionException(
          "'" + value + "' is not a duration longer than zero");
    }
    return d;
  }
}
