package org.nfpvnfm.events.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;

class DurationConverterTest {

  @ParameterizedTest
  @CsvSource({
    "500ms, PT0.5S",
    "30s, PT30S",
    "5m, PT5M",
    "1h, PT1H",
    "PT1M30S, PT1M30S",
    "2S, PT2S"
  })
  void readsDurationsAsOperatorsWriteThem(String text, String expected) {
    assertThat(DurationConverter.parse(text)).isEqualTo(Duration.parse(expected));
  }

  @ParameterizedTest
  @ValueSource(strings = {"0s", "PT0S", "-5s", "PT-1S"})
  void refusesADurationThatIsNotLongerThanZero(String text) {
    assertThatThrownBy(() -> DurationConverter.parse(text))
        .isInstanceOf(CommandLine.TypeConversionException.class)
        .hasMessageContaining("'" + text + "'");
  }

  @ParameterizedTest
  @ValueSource(strings = {"soon", "30", "5 min", ""})
  void refusesTextThatIsNotADuration(String text) {
    assertThatThrownBy(() -> DurationConverter.parse(text))
        .isInstanceOf(CommandLine.TypeConversionException.class)
        .hasMessage("'" + text + "' is not a duration (expected e.g. 500ms, 30s, 5m, 1h or PT30S)");
  }
}
