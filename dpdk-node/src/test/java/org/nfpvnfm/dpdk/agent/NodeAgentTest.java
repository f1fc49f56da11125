package org.nfpvnfm.dpdk.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.stream.StreamSupport;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.nfpvnfm.dpdk.DpdkTestSupport;
import org.nfpvnfm.dpdk.agent.internal.ProblemMapper;
import org.nfpvnfm.dpdk.nf.NfFactory;
import org.nfpvnfm.dpdk.node.Node;
import org.nfpvnfm.dpdk.node.NodeConfig;
import org.nfpvnfm.engine.NfpCompiler;
import org.nfpvnfm.engine.ServiceGraph;
import org.nfpvnfm.engine.ServiceGraphJson;

/**
 * The agent's API on a real node (a real EAL, a {@code net_null} port) through a real HTTP server
 * on loopback. The node is paused: these tests are about the control path, not traffic.
 */
@Tag("integration")
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class NodeAgentTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);

  private final HttpClient http =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5))
          .build();

  private @Nullable Node node;
  private @Nullable NodeAgent agent;
  private String port = "";

  @BeforeAll
  static void eal() {
    DpdkTestSupport.eal();
  }

  @BeforeEach
  void startNodeAndAgent() {
    port = DpdkTestSupport.uniqueName("net_null_agent") + ",size=64";
    node = Node.startPaused(NodeConfig.defaults(port).withPools(1023, 511));
    agent = NodeAgent.start(node, NfFactory.profileNfs(), loopback());
  }

  @AfterEach
  void closeAgentAndNode() {
    if (agent != null) {
      agent.close();
    }
    if (node != null) {
      node.close();
    }
    http.close();
  }

  @Test
  void listensOnTheGivenAddressOnAnyFreePort() {
    URI uri = agent().uri();
    assertThat(uri.getHost()).isEqualTo("127.0.0.1");
    assertThat(uri.getPort()).isPositive().isEqualTo(agent().address().getPort());
    assertThat(uri.getPath()).isEqualTo("/api/v1/");
  }

  @Test
  void describesTheNodeItsPortAndWhereItsTasksRun() throws Exception {
    deploy("chain", paperChain());

    HttpResponse<String> r = send("GET", "node", null, null);

    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    assertThat(r.headers().firstValue("Content-Type"))
        .hasValueSatisfying(t -> assertThat(t).startsWith("application/json"));
    JsonNode body = JSON.readTree(r.body());
    assertThat(body.at("/config/inPort").asText()).isEqualTo(port);
    assertThat(body.at("/config/workers").asInt()).isEqualTo(2);
    assertThat(body.at("/config/mergerTimeout").asText()).isEqualTo("PT0.02S");
    assertThat(body.at("/ports/0/role").asText()).isEqualTo("in+out");
    assertThat(body.at("/graphs").toString()).isEqualTo("[\"chain\"]");
    List<String> tasks = new ArrayList<>();
    for (JsonNode w : body.get("workers")) {
      w.get("tasks").forEach(t -> tasks.add(t.asText()));
    }
    assertThat(body.get("workers")).hasSize(2);
    assertThat(tasks)
        .anyMatch(t -> t.startsWith("rx "))
        .anyMatch(t -> t.startsWith("tx "))
        .anyMatch(t -> t.startsWith("chain/merge 0#0"))
        .anyMatch(t -> t.startsWith("chain/"));
  }

  @Test
  void deploysAGraphAndGivesItBackInTheEnginesFormat() throws Exception {
    ServiceGraph graph = paperChain();

    HttpResponse<String> put =
        send("PUT", "graphs/chain", ServiceGraphJson.write(graph), JSON_TYPE);

    assertThat(put.statusCode()).as(put.body()).isEqualTo(201);
    assertThat(put.headers().firstValue("Location"))
        .hasValue(agent().uri().resolve("graphs/chain").toString());
    JsonNode info = JSON.readTree(put.body());
    assertThat(info.get("name").asText()).isEqualTo("chain");
    assertThat(info.get("graph").asText()).isEqualTo(graph.name());
    assertThat(info.get("shape").asText()).isEqualTo(graph.shape());
    assertThat(info.get("mergers").asInt()).isEqualTo(1);
    assertThat(node().graphs()).containsExactly("chain");

    HttpResponse<String> get = send("GET", "graphs/chain", null, null);
    assertThat(get.statusCode()).as(get.body()).isEqualTo(200);
    assertThat(ServiceGraphJson.read(get.body())).isEqualTo(graph);

    HttpResponse<String> list = send("GET", "graphs", null, null);
    assertThat(list.statusCode()).isEqualTo(200);
    JsonNode graphs = JSON.readTree(list.body());
    assertThat(graphs).hasSize(1);
    assertThat(graphs.get(0).get("shape").asText()).isEqualTo(graph.shape());
    assertThat(graphs.get(0).get("nfs")).hasSize(graph.nfs().size());
  }

  @Test
  void replacesTheGraphDeployedUnderTheSameName() throws Exception {
    deploy("chain", paperChain());
    ServiceGraph sequential =
        SampleGraphs.compile(SampleGraphs.PAPER_CHAIN, NfpCompiler.Plan.SEQUENTIAL);

    HttpResponse<String> put =
        send("PUT", "graphs/chain", ServiceGraphJson.write(sequential), JSON_TYPE);

    assertThat(put.statusCode()).as(put.body()).isEqualTo(200);
    assertThat(put.headers().firstValue("Location")).isEmpty();
    assertThat(JSON.readTree(put.body()).get("shape").asText()).isEqualTo(sequential.shape());
    assertThat(node().graph("chain")).isEqualTo(sequential);
    assertThat(ServiceGraphJson.read(send("GET", "graphs/chain", null, null).body()))
        .isEqualTo(sequential);
  }

  @Test
  void setsTheMergersOfAGraph() throws Exception {
    deploy("chain", paperChain());

    HttpResponse<String> r = send("PUT", "graphs/chain/mergers", "{\"mergers\": 2}", JSON_TYPE);

    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    assertThat(JSON.readTree(r.body()).get("mergers").asInt()).isEqualTo(2);
    JsonNode stats = JSON.readTree(send("GET", "stats/graphs/chain", null, null).body());
    assertThat(stats.at("/graph/mergers").asInt()).isEqualTo(2);
    assertThat(stats.get("mergers").findValuesAsText("instance")).containsExactly("0", "1");
  }

  @Test
  void givesTheNodesCountersAndOneGraphsAsJson() throws Exception {
    deploy("chain", paperChain());
    deploy("ns", SampleGraphs.compile(SampleGraphs.NORTH_SOUTH, NfpCompiler.Plan.PARALLEL));

    HttpResponse<String> all = send("GET", "stats", null, null);

    assertThat(all.statusCode()).as(all.body()).isEqualTo(200);
    JsonNode stats = JSON.readTree(all.body());
    assertThat(stats.get("ports")).hasSize(1);
    assertThat(stats.at("/ports/0/device").has("inPackets")).isTrue();
    assertThat(stats.get("graphs").findValuesAsText("name")).containsExactly("chain", "ns");
    assertThat(stats.get("pools")).hasSize(2);
    assertThat(stats.get("workers")).hasSize(2);
    assertThat(stats.at("/graphs/0/latency").has("p99")).isTrue();
    assertThat(stats.at("/graphs/0/accepted").asLong()).isZero();

    HttpResponse<String> one = send("GET", "stats/graphs/ns", null, null);
    assertThat(one.statusCode()).as(one.body()).isEqualTo(200);
    JsonNode graph = JSON.readTree(one.body());
    assertThat(graph.at("/graph/name").asText()).isEqualTo("ns");
    assertThat(graph.get("nfs")).isNotEmpty();
    assertThat(graph.get("nfs").findValuesAsText("graph")).containsOnly("ns");
  }

  @Test
  void undeploysAGraph() throws Exception {
    deploy("chain", paperChain());

    HttpResponse<String> r = send("DELETE", "graphs/chain", null, null);

    assertThat(r.statusCode()).as(r.body()).isEqualTo(204);
    assertThat(r.body()).isEmpty();
    assertThat(node().graphs()).isEmpty();
    assertThat(JSON.readTree(send("GET", "graphs", null, null).body())).isEmpty();
  }

  @Test
  void answers404WithProblemDetailsForAGraphThatIsNotDeployed() throws Exception {
    deploy("chain", paperChain());

    for (HttpResponse<String> r :
        List.of(
            send("GET", "graphs/nope", null, null),
            send("DELETE", "graphs/nope", null, null),
            send("PUT", "graphs/nope/mergers", "{\"mergers\": 2}", JSON_TYPE),
            send("GET", "stats/graphs/nope", null, null))) {
      JsonNode p = problem(r, 404);
      assertThat(p.get("detail").asText())
          .isEqualTo("no graph named nope is deployed (deployed: [chain])");
    }
  }

  @Test
  void refusesAGraphOfAnotherFormatVersion() throws Exception {
    ObjectNode graph = (ObjectNode) JSON.readTree(ServiceGraphJson.write(paperChain()));
    graph.put("formatVersion", 99);

    JsonNode p = problem(send("PUT", "graphs/chain", graph.toString(), JSON_TYPE), 400);

    assertThat(p.get("detail").asText())
        .isEqualTo("service graph formatVersion 99 is not supported (expected: 1)");
    assertThat(node().graphs()).isEmpty();
  }

  @Test
  void refusesAGraphWithAnUnknownFieldNamingTheField() throws Exception {
    ObjectNode graph = (ObjectNode) JSON.readTree(ServiceGraphJson.write(paperChain()));
    graph.put("colour", "blue");

    JsonNode p = problem(send("PUT", "graphs/chain", graph.toString(), JSON_TYPE), 400);

    assertThat(p.get("detail").asText())
        .startsWith("not a valid service graph: ")
        .contains("\"colour\"");
  }

  @Test
  void refusesMalformedJsonWithTheParsersMessage() throws Exception {
    JsonNode graph = problem(send("PUT", "graphs/chain", "{\"formatVersion\": 1,", JSON_TYPE), 400);
    assertThat(graph.get("detail").asText())
        .startsWith("not a valid service graph: ")
        .contains("end-of-input");

    JsonNode mergers = problem(send("PUT", "graphs/chain/mergers", "{mergers: 2}", JSON_TYPE), 400);
    assertThat(mergers.get("detail").asText())
        .startsWith("the body is not valid JSON: Unexpected character ('m'")
        .endsWith("(line 1, column 2)");
  }

  @Test
  void refusesAnEmptyBody() throws Exception {
    JsonNode p = problem(send("PUT", "graphs/chain", "", JSON_TYPE), 400);

    assertThat(p.get("detail").asText()).startsWith("the request has no body");
  }

  @Test
  void refusesAGraphNameThatIsNotPlain() throws Exception {
    JsonNode p =
        problem(send("PUT", "graphs/-chain", ServiceGraphJson.write(paperChain()), JSON_TYPE), 400);

    assertThat(p.get("detail").asText()).startsWith("graph name \"-chain\" is not allowed");
    assertThat(p.get("instance").asText()).isEqualTo("/api/v1/graphs/-chain");
  }

  @Test
  void refusesMergerCountsThatAreNotPositiveIntegers() throws Exception {
    deploy("chain", paperChain());

    assertThat(detail(send("PUT", "graphs/chain/mergers", "{\"mergers\": 0}", JSON_TYPE), 400))
        .isEqualTo("mergers: 0 (expected: >= 1)");
    assertThat(
            detail(send("PUT", "graphs/chain/mergers", "{\"mergers\": \"two\"}", JSON_TYPE), 400))
        .isEqualTo("mergers: \"two\" (expected: {\"mergers\": N} with N an integer >= 1)");
    assertThat(
            detail(
                send("PUT", "graphs/chain/mergers", "{\"mergers\": 2, \"x\": 1}", JSON_TYPE), 400))
        .startsWith("unknown fields [x]");
    assertThat(detail(send("PUT", "graphs/chain/mergers", "[2]", JSON_TYPE), 400))
        .startsWith("the body is a JSON ARRAY");
  }

  @Test
  void refusesAGraphWhoseNfsTheFactoryCannotMake() throws Exception {
    try (NodeAgent picky =
        NodeAgent.start(
            node(),
            (graph, nf) -> {
              throw new IllegalArgumentException("no implementation for NF " + nf.name());
            },
            loopback())) {
      HttpResponse<String> r =
          send(picky.uri(), "PUT", "graphs/chain", ServiceGraphJson.write(paperChain()), JSON_TYPE);

      assertThat(detail(r, 400)).startsWith("no implementation for NF ");
    }
    assertThat(node().graphs()).isEmpty();
  }

  @Test
  void refusesAnUnsupportedMediaType() throws Exception {
    JsonNode p =
        problem(
            send("PUT", "graphs/chain", ServiceGraphJson.write(paperChain()), "text/plain"), 415);

    assertThat(p.get("detail").asText())
        .isEqualTo(
            "content type text/plain is not accepted by PUT /api/v1/graphs/chain"
                + " (expected: application/json)");
  }

  @Test
  void refusesABodyOverTheLimit() throws Exception {
    String big = "{\"pad\": \"" + "x".repeat(NodeAgent.DEFAULT_MAX_REQUEST_BYTES) + "\"}";

    JsonNode p = problem(send("PUT", "graphs/chain", big, JSON_TYPE), 413);

    assertThat(p.get("detail").asText())
        .isEqualTo(
            "the request body has %d bytes (expected: at most %d bytes)"
                .formatted(big.length(), NodeAgent.DEFAULT_MAX_REQUEST_BYTES));
    assertThat(node().graphs()).isEmpty();
  }

  @Test
  void refusesAChunkedBodyOverTheLimit() throws Exception {
    byte[] big = new byte[NodeAgent.DEFAULT_MAX_REQUEST_BYTES + 1000];
    Arrays.fill(big, (byte) ' ');
    HttpRequest chunked =
        HttpRequest.newBuilder(agent().uri().resolve("graphs/chain"))
            .timeout(REQUEST_TIMEOUT)
            .header("Content-Type", JSON_TYPE)
            .PUT(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(big)))
            .build();

    HttpResponse<String> r = http.send(chunked, HttpResponse.BodyHandlers.ofString());

    assertThat(detail(r, 413))
        .isEqualTo(
            "the request body has at least %d bytes (expected: at most %d bytes)"
                .formatted(big.length, NodeAgent.DEFAULT_MAX_REQUEST_BYTES));
  }

  @Test
  void answersUnknownPathsAndMethodsWithProblemDetails() throws Exception {
    assertThat(detail(send("GET", "nodes", null, null), 404))
        .isEqualTo("nothing at GET /api/v1/nodes (the API is under /api/v1: node, graphs, stats)");
    assertThat(detail(send(agent().uri().resolve("/"), "GET", "", null, null), 404))
        .startsWith("nothing at GET /");

    HttpResponse<String> post = send("POST", "graphs/chain", "{}", JSON_TYPE);
    assertThat(detail(post, 405))
        .startsWith("POST is not allowed on /api/v1/graphs/chain (allowed: DELETE, GET");
    assertThat(post.headers().firstValue("Allow"))
        .hasValueSatisfying(a -> assertThat(a).contains("PUT"));
  }

  @Test
  void answersAnAcceptThatExcludesJsonWith406InProblemJson() throws Exception {
    HttpRequest html =
        HttpRequest.newBuilder(agent().uri().resolve("node"))
            .timeout(REQUEST_TIMEOUT)
            .header("Accept", "text/html")
            .build();

    HttpResponse<String> r = http.send(html, HttpResponse.BodyHandlers.ofString());

    assertThat(detail(r, 406))
        .isEqualTo(
            "none of the accepted types [text/html] can be produced by GET /api/v1/node"
                + " (expected: application/json)");
  }

  @Test
  void answersAFailureOfTheNodeWith500AndAnIdItLogged() throws Exception {
    List<LogRecord> logged = new ArrayList<>();
    Logger log = Logger.getLogger(ProblemMapper.class.getName());
    Handler capture =
        new Handler() {
          @Override
          public void publish(LogRecord r) {
            synchronized (logged) {
              logged.add(r);
            }
          }

          @Override
          public void flush() {}

          @Override
          public void close() {}
        };
    log.addHandler(capture);
    try (NodeAgent broken =
        NodeAgent.start(
            node(),
            (graph, nf) -> {
              throw new IllegalStateException("secret internals");
            },
            loopback())) {
      HttpResponse<String> r =
          send(
              broken.uri(), "PUT", "graphs/chain", ServiceGraphJson.write(paperChain()), JSON_TYPE);

      String detail = detail(r, 500);
      assertThat(detail)
          .matches("internal error; the node agent logged the cause under problem id [0-9a-f-]{36}")
          .doesNotContain("secret");
      String id = detail.substring(detail.lastIndexOf(' ') + 1);
      synchronized (logged) {
        assertThat(logged)
            .anySatisfy(
                rec -> {
                  assertThat(rec.getMessage()).contains(id).contains("PUT /api/v1/graphs/chain");
                  assertThat(rec.getThrown()).hasMessage("secret internals");
                });
      }
    } finally {
      log.removeHandler(capture);
    }
  }

  @Test
  void keepsTheNodeRunningWhenTheAgentCloses() throws Exception {
    deploy("chain", paperChain());
    URI uri = agent().uri();

    agent().close();

    assertThat(node().graphs()).containsExactly("chain");
    HttpRequest again =
        HttpRequest.newBuilder(uri.resolve("node")).timeout(REQUEST_TIMEOUT).build();
    assertThatThrownBy(() -> http.send(again, HttpResponse.BodyHandlers.ofString()))
        .isInstanceOf(IOException.class);
  }

  private static final String JSON_TYPE = "application/json";

  private static InetSocketAddress loopback() {
    return new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
  }

  private static ServiceGraph paperChain() {
    return SampleGraphs.compile(SampleGraphs.PAPER_CHAIN, NfpCompiler.Plan.PARALLEL);
  }

  private void deploy(String name, ServiceGraph graph) throws Exception {
    HttpResponse<String> r =
        send("PUT", "graphs/" + name, ServiceGraphJson.write(graph), JSON_TYPE);
    assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
  }

  /** The response's ProblemDetails, after checking its status and media type. */
  private static JsonNode problem(HttpResponse<String> r, int status) throws IOException {
    assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
    assertThat(r.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    JsonNode p = JSON.readTree(r.body());
    assertThat(p.get("status").asInt()).isEqualTo(status);
    assertThat(p.get("type").asText()).isEqualTo("about:blank");
    assertThat(p.get("title").asText()).isNotBlank();
    assertThat(p.get("detail").asText()).isNotBlank();
    assertThat(p.get("instance").asText()).isEqualTo(r.uri().getRawPath());
    assertThat(StreamSupport.stream(((Iterable<String>) p::fieldNames).spliterator(), false))
        .containsOnly("type", "title", "status", "detail", "instance");
    return p;
  }

  private static String detail(HttpResponse<String> r, int status) throws IOException {
    return problem(r, status).get("detail").asText();
  }

  private HttpResponse<String> send(
      String method, String path, @Nullable String body, @Nullable String type)
      throws IOException, InterruptedException {
    return send(agent().uri(), method, path, body, type);
  }

  private HttpResponse<String> send(
      URI base, String method, String path, @Nullable String body, @Nullable String type)
      throws IOException, InterruptedException {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(base.resolve(path))
            .timeout(REQUEST_TIMEOUT)
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body));
    if (type != null) {
      b.header("Content-Type", type);
    }
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  private NodeAgent agent() {
    return Objects.requireNonNull(agent);
  }

  private Node node() {
    return Objects.requireNonNull(node);
  }
}
