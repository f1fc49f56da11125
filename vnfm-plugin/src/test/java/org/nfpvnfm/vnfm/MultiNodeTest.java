package org.nfpvnfm.vnfm;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nfpvnfm.vnfm.internal.rest.Json;

/**
 * Several compute nodes: two {@code nfp node} processes (DPDK EAL on a {@code net_null} vdev, no
 * hugepages, each with its REST agent on loopback) and {@code nfp serve} as a third process with
 * only those two remote nodes, driven over HTTP as an NFVO drives it. Each new VNF goes whole on
 * the least loaded node that answers (a killed or a frozen node is skipped); stopping the VNFM
 * leaves the nodes serving. docs/multi-node.md describes this arrangement.
 */
@Tag("integration")
class MultiNodeTest {
  private static final Path PACKAGE = Path.of("../samples-vnfd/valid/paper-chain-sol004");
  private static final Duration START_TIMEOUT = Duration.ofSeconds(60);
  private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);
  private static final Duration OPERATION_TIMEOUT = Duration.ofSeconds(30);

  /** The exit status of a JVM that SIGTERM stopped (128 + 15), after its shutdown hooks ran. */
  private static final int STOPPED_BY_SIGTERM = 143;

  @TempDir Path dir;

  private final List<NfpProcess> processes = new ArrayList<>();
  private final List<String> filePrefixes = new ArrayList<>();
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final String secret = UUID.randomUUID().toString();

  @AfterEach
  void stopEverything() {
    // The VNFM first (it calls the nodes), then the nodes; each is killed if it does not stop.
    for (NfpProcess p : processes.reversed()) {
      p.close();
    }
    // A node killed on purpose left DPDK's runtime files behind (its exit hook did not run).
    for (String prefix : filePrefixes) {
      for (Path d : List.of(Path.of("/var/run/dpdk", prefix), Path.of("/tmp/dpdk", prefix))) {
        deleteTree(d);
      }
      String xdg = System.getenv("XDG_RUNTIME_DIR");
      if (xdg != null && !xdg.isBlank()) {
        deleteTree(Path.of(xdg, "dpdk", prefix));
      }
    }
  }

  @Test
  void placesEachNewVnfOnTheLeastLoadedNodeAndTheNodesOutliveTheVnfm() throws Exception {
    Map<String, Agent> agents = startNodes("node-a", "node-b");
    VnfmProcess vnfm = startVnfm(agents);
    String vnfdId = TestVnfm.onboard(vnfm.uri, vnfm.token, PACKAGE);

    // Both nodes are empty: the first VNF goes on the first configured, the second on the other.
    String first = vnfm.createAndInstantiate(vnfdId, "chain-1");
    assertPlacedOn(vnfm, first, "node-a", agents);
    String second = vnfm.createAndInstantiate(vnfdId, "chain-2");
    assertPlacedOn(vnfm, second, "node-b", agents);

    Agent a = agent(agents, "node-a");
    Agent b = agent(agents, "node-b");
    assertThat(a.graphs())
        .as(a.process.tail())
        .containsExactlyElementsOf(vnfm.deploymentsOf(first));
    assertThat(b.graphs())
        .as(b.process.tail())
        .containsExactlyElementsOf(vnfm.deploymentsOf(second));
    for (Agent agent : agents.values()) {
      JsonNode stats = agent.get("stats");
      assertThat(stats.path("graphs").findValuesAsText("name"))
          .as("graphs in %s's counters", agent.name)
          .containsExactlyElementsOf(agent.graphs());
      assertThat(stats.path("ports").findValuesAsText("name")).containsExactly("net_null0");
    }

    // Terminating drains and removes each VNF's graphs from its own node.
    vnfm.operate(first, "terminate", "{\"terminationType\": \"GRACEFUL\"}", "COMPLETED");
    assertThat(a.graphs()).as("node-a after terminating " + first).isEmpty();
    assertThat(b.graphs()).as("node-b after terminating " + first).isNotEmpty();
    vnfm.operate(second, "terminate", "{\"terminationType\": \"GRACEFUL\"}", "COMPLETED");
    assertThat(b.graphs()).as("node-b after terminating " + second).isEmpty();

    // SIGTERM stops the VNFM in order; the nodes it used go on serving.
    assertThat(vnfm.process.stop(STOP_TIMEOUT))
        .as("the VNFM's exit status after SIGTERM\n%s", vnfm.process.tail())
        .contains(STOPPED_BY_SIGTERM);
    for (Agent agent : agents.values()) {
      assertThat(agent.process.isAlive()).as(agent.process.tail()).isTrue();
      assertThat(agent.graphs()).as("%s after the VNFM stopped", agent.name).isEmpty();
      assertThat(agent.get("node").path("config").path("workers").asInt()).isEqualTo(1);
    }
    for (Agent agent : agents.values()) {
      assertThat(agent.process.stop(STOP_TIMEOUT))
          .as("%s's exit status after SIGTERM\n%s", agent.name, agent.process.tail())
          .contains(STOPPED_BY_SIGTERM);
    }
  }

  @Test
  void placesANewVnfOnANodeThatAnswersWhenTheLeastLoadedOneIsDown() throws Exception {
    Map<String, Agent> agents = startNodes("node-a", "node-b");
    VnfmProcess vnfm = startVnfm(agents);
    String vnfdId = TestVnfm.onboard(vnfm.uri, vnfm.token, PACKAGE);
    String first = vnfm.createAndInstantiate(vnfdId, "chain-1");
    assertPlacedOn(vnfm, first, "node-a", agents);

    // node-b, empty and so the choice for the next VNF, dies as a crashed machine would.
    agent(agents, "node-b").process.kill();
    String second = vnfm.createAndInstantiate(vnfdId, "chain-2");

    Agent a = agent(agents, "node-a");
    assertThat(vnfm.nodeOf(second))
        .as("node of %s\n%s", second, vnfm.process.tail())
        .isEqualTo("node-a");
    List<String> both = new ArrayList<>(vnfm.deploymentsOf(first));
    both.addAll(vnfm.deploymentsOf(second));
    assertThat(a.graphs())
        .as("node-a holds both VNFs\n%s", a.process.tail())
        .containsExactlyInAnyOrderElementsOf(both);

    // With no node left, an instantiation fails for now (retriable), saying why.
    a.process.kill();
    String third = vnfm.create(vnfdId, "chain-3");
    JsonNode op = vnfm.operate(third, "instantiate", "{\"flavourId\": \"default\"}", "FAILED_TEMP");
    assertThat(op.path("error").path("detail").asText())
        .as("%s", op)
        .startsWith("INSTANTIATE failed: no compute node can be reached: ")
        .containsPattern("node node-a at \\S+ cannot be reached: \\w")
        .containsPattern("node node-b at \\S+ cannot be reached: \\w")
        .doesNotContain("null");
  }

  @Test
  void placesANewVnfOnAnotherNodeWhenTheLeastLoadedOneHangs() throws Exception {
    Map<String, Agent> agents = startNodes("node-a", "node-b");
    VnfmProcess vnfm = startVnfm(agents);
    String vnfdId = TestVnfm.onboard(vnfm.uri, vnfm.token, PACKAGE);
    String first = vnfm.createAndInstantiate(vnfdId, "chain-1");
    assertPlacedOn(vnfm, first, "node-a", agents);

    // node-b, empty, freezes: its connections are accepted and never answered. The placement
    // gives up on it after the read timeout (operate's bound is 30 s) and uses node-a.
    Agent b = agent(agents, "node-b");
    b.process.suspend();
    String second = vnfm.createAndInstantiate(vnfdId, "chain-2");
    assertThat(vnfm.nodeOf(second))
        .as("node of %s\n%s", second, vnfm.process.tail())
        .isEqualTo("node-a");

    b.process.resume();
    assertThat(b.graphs()).as("node-b once it answers again").isEmpty();
    List<String> both = new ArrayList<>(vnfm.deploymentsOf(first));
    both.addAll(vnfm.deploymentsOf(second));
    assertThat(agent(agents, "node-a").graphs()).containsExactlyInAnyOrderElementsOf(both);
  }

  /**
   * The instance's VNFCs all name {@code node}, and that node's agent lists exactly the instance's
   * deployments (those of any other instance placed there before aside); no other node has any.
   */
  private void assertPlacedOn(
      VnfmProcess vnfm, String instance, String node, Map<String, Agent> agents) throws Exception {
    assertThat(vnfm.nodeOf(instance))
        .as("node of %s\n%s", instance, vnfm.process.tail())
        .isEqualTo(node);
    List<String> deployments = vnfm.deploymentsOf(instance);
    assertThat(deployments).as("deployments of %s", instance).isNotEmpty();
    for (Agent agent : agents.values()) {
      List<String> own = agent.graphs().stream().filter(g -> g.startsWith(instance + ".")).toList();
      assertThat(own)
          .as("%s's graphs of %s\n%s", agent.name, instance, agent.process.tail())
          .containsExactlyInAnyOrderElementsOf(agent.name.equals(node) ? deployments : List.of());
    }
  }

  // --- the processes ---

  /** A node agent: its process and its API's base URI ({@code http://127.0.0.1:P/api/v1/}). */
  private final class Agent {
    final String name;
    final NfpProcess process;
    final URI api;

    Agent(String name, NfpProcess process, URI api) {
      this.name = name;
      this.process = process;
      this.api = api;
    }

    /** The agent's root, as the VNFM's configuration names it. */
    URI root() {
      return api.resolve("/");
    }

    JsonNode get(String path) throws IOException, InterruptedException {
      HttpResponse<String> r =
          http.send(
              HttpRequest.newBuilder(api.resolve(path))
                  .timeout(Duration.ofSeconds(30))
                  .header("Accept", "application/json")
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(r.statusCode())
          .as("GET %s: %s\n%s", path, r.body(), process.tail())
          .isEqualTo(200);
      return Json.MAPPER.readTree(r.body());
    }

    /** The deployments on the node, by the name the VNFM gave them. */
    List<String> graphs() throws IOException, InterruptedException {
      return get("graphs").findValuesAsText("name");
    }
  }

  /** Starts {@code nfp node} per name, together, and waits until each agent serves. */
  private Map<String, Agent> startNodes(String... names) throws InterruptedException {
    Map<String, NfpProcess> started = new LinkedHashMap<>();
    for (String name : names) {
      // Two EALs on one machine need their own runtime files; --in-memory, which needs none,
      // cannot be combined with --no-huge.
      String prefix = "nfp-" + name + "-" + ProcessHandle.current().pid();
      filePrefixes.add(prefix);
      NfpProcess p =
          NfpProcess.start(
              name,
              dir,
              List.of(
                  "node",
                  "--in-port=net_null0",
                  "--vdev=net_null0,size=64,no-rx=1",
                  "--workers=1",
                  "--listen=127.0.0.1:0",
                  "--no-huge",
                  "--no-pci",
                  "-m",
                  "64",
                  "--file-prefix=" + prefix,
                  "--",
                  "--no-telemetry",
                  "--log-level=lib.eal:warning"));
      processes.add(p);
      started.put(name, p);
    }
    Map<String, Agent> agents = new LinkedHashMap<>();
    for (Map.Entry<String, NfpProcess> e : started.entrySet()) {
      URI api =
          URI.create(
              e.getValue()
                  .awaitLine(
                      java.util.regex.Pattern.compile("^nfp node: serving (\\S+) "), START_TIMEOUT)
                  .group(1));
      agents.put(e.getKey(), new Agent(e.getKey(), e.getValue(), api));
    }
    return agents;
  }

  /** The VNFM in its own process, with {@code agents} as its only nodes, and a token for it. */
  private final class VnfmProcess {
    final NfpProcess process;
    final URI uri;
    final String token;
    final TestVnfm.Client lcm;

    VnfmProcess(NfpProcess process, URI uri) {
      this.process = process;
      this.uri = uri;
      this.token = TestVnfm.token(uri, "nfvo", secret);
      this.lcm = new TestVnfm.Client(uri, "2.0.0").token(token);
    }

    String create(String vnfdId, String name) {
      TestVnfm.Reply r =
          lcm.post("/vnflcm/v2/vnf_instances", Map.of("vnfdId", vnfdId, "vnfInstanceName", name));
      assertThat(r.status()).as("create: %s\n%s", r.body(), process.tail()).isEqualTo(201);
      return r.json().path("id").asText();
    }

    String createAndInstantiate(String vnfdId, String name) throws InterruptedException {
      String id = create(vnfdId, name);
      operate(id, "instantiate", "{\"flavourId\": \"default\"}", "COMPLETED");
      return id;
    }

    /** Runs an operation; returns its occurrence once it is in a final state, {@code expected}. */
    JsonNode operate(String instance, String operation, String body, String expected)
        throws InterruptedException {
      TestVnfm.Reply r = lcm.post("/vnflcm/v2/vnf_instances/" + instance + "/" + operation, body);
      assertThat(r.status()).as("%s: %s\n%s", operation, r.body(), process.tail()).isEqualTo(202);
      String path = URI.create(Objects.requireNonNull(r.header("Location"))).getPath();
      Instant deadline = Instant.now().plus(OPERATION_TIMEOUT);
      JsonNode op = lcm.get(path).json();
      while (op.path("operationState").asText().matches("STARTING|PROCESSING|ROLLING_BACK")) {
        assertThat(Instant.now())
            .as(
                "%s of %s still %s: %s\n%s",
                operation, instance, op.path("operationState"), op, process.tail())
            .isBefore(deadline);
        Thread.sleep(50);
        op = lcm.get(path).json();
      }
      assertThat(op.path("operationState").asText())
          .as(
              "%s of %s: %s\nsteps: %s\n%s",
              operation, instance, op, lcm.get(path + "/steps").body(), process.tail())
          .isEqualTo(expected);
      return op;
    }

    /** The names the instance's graphs are deployed under: its VNFCs' {@code <deployment>/<NF>}. */
    List<String> deploymentsOf(String instance) {
      return lcm.get("/vnflcm/v2/vnf_instances/" + instance)
          .json()
          .path("instantiatedVnfInfo")
          .path("vnfcResourceInfo")
          .valueStream()
          .map(v -> v.path("computeResource").path("resourceId").asText())
          .map(r -> r.substring(0, r.indexOf('/')))
          .distinct()
          .toList();
    }

    /** The node the instance's VNFCs run on, which must be one node for all of them. */
    String nodeOf(String instance) {
      JsonNode vnfcs =
          lcm.get("/vnflcm/v2/vnf_instances/" + instance)
              .json()
              .path("instantiatedVnfInfo")
              .path("vnfcResourceInfo");
      List<String> nodes =
          vnfcs
              .valueStream()
              .map(v -> v.path("computeResource").path("resourceProviderId").asText())
              .toList();
      assertThat(nodes)
          .as("the VNFCs' nodes: %s", vnfcs)
          .isNotEmpty()
          .containsOnly(nodes.getFirst());
      return nodes.getFirst();
    }
  }

  private VnfmProcess startVnfm(Map<String, Agent> agents)
      throws IOException, InterruptedException {
    StringBuilder remote = new StringBuilder();
    agents.forEach(
        (name, a) -> remote.append("    ").append(name).append(": ").append(a.root()).append('\n'));
    Path data = dir.resolve("vnfm-data");
    Path config = dir.resolve("vnfm.yaml");
    Files.writeString(
        config,
        "dataDir: "
            + data
            + "\n"
            + "http: {host: 127.0.0.1, port: 0}\n"
            + "security:\n"
            + "  clients: [{clientId: nfvo, clientSecret: \""
            + secret
            + "\"}]\n"
            + "nodes:\n"
            + "  local: {enabled: false}\n"
            + "  remote:\n"
            + remote
            + "events: {enabled: false}\n");
    NfpProcess p = NfpProcess.start("vnfm", dir, List.of("serve", "--config", config.toString()));
    processes.add(p);
    URI uri =
        URI.create(
            p.awaitLine(
                    java.util.regex.Pattern.compile("^nfp serve: VNFM API at (\\S+)"),
                    START_TIMEOUT)
                .group(1));
    return new VnfmProcess(p, uri);
  }

  private static Agent agent(Map<String, Agent> agents, String name) {
    return Objects.requireNonNull(agents.get(name), name);
  }

  private static void deleteTree(Path d) {
    if (!Files.isDirectory(d)) {
      return;
    }
    try (Stream<Path> files = Files.walk(d)) {
      for (Path f : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(f);
      }
    } catch (IOException e) {
      // Only clutter in DPDK's runtime folder is left; the next run uses other prefixes.
    }
  }
}
