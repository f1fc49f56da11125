package org.nfpvnfm.events.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.nfpvnfm.cli.Nfp;

class NfpRegistrationTest {

  @Test
  void nfpFindsTheEventsAndKafkaCommandsOnTheClassPath() {
    var commands = Nfp.commandLine().getSubcommands();
    assertThat(commands).containsKeys("events", "kafka");
    assertThat(java.util.Objects.requireNonNull(commands.get("events")).getSubcommands())
        .containsKey("tail");
  }
}
