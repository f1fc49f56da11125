package org.nfpvnfm.vnfm.internal.lcm;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nfpvnfm.cli.LogFormat;
import org.nfpvnfm.dpdk.Eal;
import org.nfpvnfm.vnfm.TestDataplane;
import org.nfpvnfm.vnfm.TestVnfm;
import org.nfpvnfm.vnfm.Vnfm;
import org.nfpvnfm.vnfm.VnfmConfig;

/**
 * The JSON log format over a real instantiation and termination (a VNFM on HTTP, a local DPDK node
 * on the test EAL): every line is a JSON object, and the lines logged while an operation runs on
 * its thread carry its opId, operation and instance; each operation logs its start and its end.
 */
@Tag("integration")
class OperationLogsTest {
  private static final Path SAMPLE = Path.of("../samples-vnfd/valid/paper-chain-sol004");
  private static final ObjectMapper JSON = new ObjectMapper();

  /** Formats each record as it is published, on the logging thread, as the console does. */
  private static final class Capture extends Handler {
    final List<String> lines = new ArrayList<>();

    Capture() {
      setFormatter(LogFormat.JSON.formatter());
      setLevel(Level.INFO);
    }

    @Override
    public void publish(LogRecord record) {
      if (isLoggable(record)) {
        String line = getFormatter().format(record);
        synchronized (lines) {
          lines.add(line);
        }
      }
    }

    List<String> lines() {
      synchronized (lines) {
        return List.copyOf(lines);
      }
    }

    @Override
    public void flush() {}

    @Override
    public void close() {}
  }

  private final Logger root = Logger.getLogger("");
  private final Capture capture = new Capture();

  @BeforeEach
  void capture() {
    root.addHandler(capture);
  }

  @AfterEach
  void release() {
    root.removeHandler(capture);
  }

  @Test
  void linesLoggedDuringAnOperationCarryItsIdsAndItsStartAndEnd(@TempDir Path dir)
      throws Exception {
    Eal.startForTests();
    VnfmConfig config =
        TestDataplane.withLocalNode(TestVnfm.config(dir), VnfmConfig.MonitoringConfig.defaults());
    String id;
    String instantiate;
    String terminate;
    try (Vnfm vnfm = Vnfm.start(config)) {
      TestVnfm.Client lcm = new TestVnfm.Client(vnfm.uri(), "2.0.0");
      String vnfdId = TestVnfm.onboard(vnfm.uri(), null, SAMPLE);
      TestVnfm.Reply created = lcm.post("/vnflcm/v2/vnf_instances", Map.of("vnfdId", vnfdId));
      assertThat(created.status()).as(created.body()).isEqualTo(201);
      id = created.json().path("id").asText();
      instantiate = operate(lcm, id, "instantiate", "{\"flavourId\": \"default\"}");
      terminate = operate(lcm, id, "terminate", "{\"terminationType\": \"FORCEFUL\"}");
    }

    List<JsonNode> lines = new ArrayList<>();
    for (String line : capture.lines()) {
      assertThat(line).endsWith("}\n").hasLineCount(1);
      JsonNode j = JSON.readTree(line);
      for (String field : List.of("ts", "level", "logger", "thread", "msg")) {
        assertThat(j.path(field).isTextual()).as("%s in %s", field, line).isTrue();
      }
      assertThat(Instant.parse(j.path("ts").asText())).isBefore(Instant.now().plusSeconds(1));
      lines.add(j);
    }
    for (String[] op :
        List.of(new String[] {instantiate, "INSTANTIATE"}, new String[] {terminate, "TERMINATE"})) {
      List<JsonNode> tagged =
          lines.stream().filter(j -> j.path("opId").asText().equals(op[0])).toList();
      assertThat(tagged)
          .as("lines of %s", op[1])
          .allSatisfy(
              j -> {
                assertThat(j.path("operation").asText()).isEqualTo(op[1]);
                assertThat(j.path("vnfInstanceId").asText()).isEqualTo(id);
              });
      JsonNode start = only(tagged, op[1] + " " + op[0] + " of VNF instance " + id + " starts");
      JsonNode end =
          only(tagged, op[1] + " " + op[0] + " of VNF instance " + id + " ended COMPLETED after ");
      assertThat(start.path("level").asText()).isEqualTo("INFO");
      assertThat(end.path("logger").asText()).isEqualTo(Operations.class.getName());
      // Everything the operation's thread logged between the two lines carries the ids.
      int from = lines.indexOf(start);
      int to = lines.indexOf(end);
      String thread = start.path("thread").asText();
      assertThat(lines.subList(from, to + 1))
          .filteredOn(j -> j.path("thread").asText().equals(thread))
          .allSatisfy(j -> assertThat(j.path("opId").asText()).isEqualTo(op[0]));
    }
  }

  private static JsonNode only(List<JsonNode> lines, String text) {
    List<JsonNode> found =
        lines.stream().filter(j -> j.path("msg").asText().contains(text)).toList();
    assertThat(found).as("lines with '%s' among %s", text, lines).hasSize(1);
    return found.getFirst();
  }

  /** Runs an operation to COMPLETED (bounded); returns the occurrence's id. */
  private static String operate(TestVnfm.Client lcm, String id, String op, String body)
      throws InterruptedException {
    TestVnfm.Reply r = lcm.post("/vnflcm/v2/vnf_instances/" + id + "/" + op, body);
    assertThat(r.status()).as("%s: %s", op, r.body()).isEqualTo(202);
    String path = URI.create(Objects.requireNonNull(r.header("Location"))).getPath();
    Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
    JsonNode o = lcm.get(path).json();
    while (o.path("operationState").asText().matches("STARTING|PROCESSING")) {
      assertThat(Instant.now()).as("%s to finish; %s", op, o).isBefore(deadline);
      Thread.sleep(20);
      o = lcm.get(path).json();
    }
    assertThat(o.path("operationState").asText()).as("%s: %s", op, o).isEqualTo("COMPLETED");
    return o.path("id").asText();
  }
}
