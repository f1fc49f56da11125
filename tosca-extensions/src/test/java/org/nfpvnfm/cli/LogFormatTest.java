package org.nfpvnfm.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import org.junit.jupiter.api.Test;

class LogFormatTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private static LogRecord record(Level level, String message, Object... params) {
    LogRecord r = new LogRecord(level, message);
    r.setLoggerName("org.nfpvnfm.test");
    r.setParameters(params);
    r.setInstant(Instant.parse("2026-01-02T03:04:05.678Z"));
    return r;
  }

  @Test
  void writesOneJsonObjectPerLineWithTheContextOfTheLoggingThread() throws Exception {
    String line;
    try (LogContext.Scope s =
        LogContext.with(LogContext.OP_ID, "op-1", LogContext.OPERATION, "INSTANTIATE")) {
      line = LogFormat.JSON.formatter().format(record(Level.INFO, "deployed {0}", "g \"1\"\n2"));
    }

    assertThat(line).endsWith("}\n").doesNotContain("\n{").hasLineCount(1);
    JsonNode j = JSON.readTree(line);
    assertThat(j.path("ts").asText()).isEqualTo("2026-01-02T03:04:05.678Z");
    assertThat(j.path("level").asText()).isEqualTo("INFO");
    assertThat(j.path("logger").asText()).isEqualTo("org.nfpvnfm.test");
    assertThat(j.path("thread").asText()).isEqualTo(Thread.currentThread().getName());
    assertThat(j.path("msg").asText()).isEqualTo("deployed g \"1\"\n2");
    assertThat(j.path("opId").asText()).isEqualTo("op-1");
    assertThat(j.path("operation").asText()).isEqualTo("INSTANTIATE");
    assertThat(j.has("error")).isFalse();
    assertThat(
            JSON.readTree(LogFormat.JSON.formatter().format(record(Level.INFO, "x"))).has("opId"))
        .as("outside the scope")
        .isFalse();
  }

  @Test
  void writesAThrowablesClassMessageAndStack() throws Exception {
    LogRecord r = record(Level.SEVERE, "failed");
    r.setThrown(new IllegalStateException("broken\tbadly", new RuntimeException("cause")));

    JsonNode error = JSON.readTree(LogFormat.JSON.formatter().format(r)).path("error");

    assertThat(error.path("class").asText()).isEqualTo("java.lang.IllegalStateException");
    assertThat(error.path("message").asText()).isEqualTo("broken\tbadly");
    assertThat(error.path("stack").asText())
        .startsWith("java.lang.IllegalStateException: broken")
        .contains("LogFormatTest.writesAThrowablesClassMessageAndStack")
        .contains("Caused by: java.lang.RuntimeException: cause");
  }

  @Test
  void theTextFormatAppendsTheOpIdToTheMessageOnlyDuringAnOperation() {
    String plain = LogFormat.TEXT.formatter().format(record(Level.INFO, "hello {0}", "world"));
    String tagged;
    try (LogContext.Scope s = LogContext.with(LogContext.OP_ID, "op-7")) {
      tagged = LogFormat.TEXT.formatter().format(record(Level.INFO, "hello {0}", "world"));
    }

    assertThat(plain).contains("hello world").doesNotContain("opId");
    assertThat(tagged).contains("hello world opId=op-7");
    assertThat(tagged.replace(" opId=op-7", "")).isEqualTo(plain);
  }

  @Test
  void scopesNestAndRestoreWhatWasThere() throws Exception {
    try (LogContext.Scope outer = LogContext.with(LogContext.OP_ID, "a")) {
      try (LogContext.Scope inner = LogContext.with(LogContext.OP_ID, "b", "k", "v")) {
        assertThat(LogContext.current())
            .containsExactly(java.util.Map.entry("opId", "b"), java.util.Map.entry("k", "v"));
      }
      assertThat(LogContext.current()).containsExactly(java.util.Map.entry("opId", "a"));
      java.util.concurrent.atomic.AtomicReference<java.util.Map<String, String>> seen =
          new java.util.concurrent.atomic.AtomicReference<>();
      Thread other = new Thread(() -> seen.set(LogContext.current()));
      other.start();
      other.join();
      assertThat(seen.get()).as("another thread's context").isEmpty();
    }
    assertThat(LogContext.current()).isEmpty();
    assertThatThrownBy(() -> LogContext.with("odd")).hasMessageContaining("pairs");
  }

  @Test
  void namesTheTwoFormats() {
    assertThat(LogFormat.of("json")).isEqualTo(LogFormat.JSON);
    assertThat(LogFormat.of(" Text ")).isEqualTo(LogFormat.TEXT);
    assertThatThrownBy(() -> LogFormat.of("xml")).hasMessageContaining("expected: text or json");
  }
}
