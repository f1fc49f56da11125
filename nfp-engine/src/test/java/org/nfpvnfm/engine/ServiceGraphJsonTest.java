package org.nfpvnfm.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ServiceGraphJsonTest {

  @ParameterizedTest
  @ValueSource(
      strings = {
        "valid/paper-chain-tacker-vnffgd.yaml",
        "valid/paper-chain-sol004",
        "valid/datacenter-north-south"
      })
  void readsBackExactlyWhatItWrote(String sample) {
    for (ServiceGraph g : Samples.compile(sample).serviceGraphs()) {
      String json = ServiceGraphJson.write(g);
      assertThat(ServiceGraphJson.read(json)).isEqualTo(g);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"valid/paper-chain-sol004", "valid/datacenter-north-south"})
  void compilationIsDeterministic(String sample) {
    String first = ServiceGraphJson.write(Samples.compile(sample).serviceGraphs().get(0));
    for (int i = 0; i < 5; i++) {
      assertThat(ServiceGraphJson.write(Samples.compile(sample).serviceGraphs().get(0)))
          .isEqualTo(first);
    }
  }

  @Test
  void refusesAnotherFormatVersion() {
    String json =
        ServiceGraphJson.write(Samples.compile("valid/paper-chain-sol004").serviceGraphs().get(0))
            .replace("\"formatVersion\" : 1", "\"formatVersion\" : 2");
    assertThatThrownBy(() -> ServiceGraphJson.read(json))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("service graph formatVersion 2 is not supported (expected: 1)");
  }

  @Test
  void refusesTextThatIsNotAServiceGraph() {
    assertThatThrownBy(() -> ServiceGraphJson.read("{\"hello\": 1}"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("no formatVersion");
    assertThatThrownBy(() -> ServiceGraphJson.read("{\"formatVersion\": 1, \"bogus\": true}"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not a valid service graph");
    assertThatThrownBy(() -> ServiceGraphJson.read("not json"))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
