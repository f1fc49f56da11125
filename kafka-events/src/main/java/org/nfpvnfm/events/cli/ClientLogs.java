package org.nfpvnfm.events.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Keeps the Kafka client's log out of a command's output: its configuration dump and its connection
 * notes (INFO), and the warnings it repeats while no broker answers, which the command reports in
 * one sentence of its own. {@code -Dnfp.kafka.verbose=true} keeps them.
 */
final class ClientLogs {
  /** Held so that the levels set on them are not lost to garbage collection. */
  private static final List<Logger> QUIETED = new ArrayList<>();

  private ClientLogs() {}

  static synchronized void quiet() {
    if (!QUIETED.isEmpty() || Boolean.getBoolean("nfp.kafka.verbose")) {
      return;
    }
    set("org.apache.kafka", Level.WARNING);
    set("org.apache.kafka.clients.NetworkClient", Level.SEVERE);
    set("org.apache.kafka.clients.consumer", Level.SEVERE);
  }

  private static void set(String name, Level level) {
    Logger l = Logger.getLogger(name);
    l.setLevel(level);
    QUIETED.add(l);
  }
}
