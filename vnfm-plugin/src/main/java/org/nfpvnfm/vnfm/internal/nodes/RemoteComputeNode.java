package org.nfpvnfm.vnfm.internal.nodes;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.nfpvnfm.dpdk.node.NodeStats;
import org.nfpvnfm.engine.ServiceGraph;
import org.nfpvnfm.engine.ServiceGraphJson;
import org.nfpvnfm.tosca.nfp.NfpModel;
import org.nfpvnfm.vnfm.internal.rest.Json;

/**
 * A compute node in another process or on another machine, driven through its node agent's REST API
 * ({@code nfp node}, {@code docs/node-agent.md}). The agent makes the node's NFs itself.
 */
public final class RemoteComputeNode implements ComputeNode {
  /** A change waits for the node's drain, which is bounded by its merger timeout plus 2 s. */
  private static final Duration CHANGE_TIMEOUT = Duration.ofSeconds(60);

  /**
   * A read waits at most for a change in progress (the node answers after its drain, a few seconds
   * at most); a node that accepted the connection but has not answered by then is taken as down, so
   * that placing a new VNF skips a hung node instead of waiting a minute for it.
   */
  static final Duration READ_TIMEOUT = Duration.ofSeconds(10);

  private static final ObjectMapper READER =
      Json.MAPPER.copy().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

  private final String name;
  private final URI api;
  private final HttpClient http;

  /**
   * @param name the node's name
   * @param agent the agent's root ({@code http://host:port/}); its API is under {@code /api/v1}
   */
  public RemoteComputeNode(String name, URI agent, HttpClient http) {
    this.name = name;
    String root = agent.toString().endsWith("/") ? agent.toString() : agent + "/";
    this.api = URI.create(root + "api/v1/");
    this.http = http;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public String location() {
    return api.toString();
  }

  @Override
  public int workers() {
    return node().path("config").path("workers").asInt(1);
  }

  @Override
  public void deploy(String deployment, ServiceGraph graph, @Nullable NfpModel model) {
    send("PUT", "graphs/" + encode(deployment), ServiceGraphJson.write(graph), 200, 201);
  }

  @Override
  public void undeploy(String deployment) {
    send("DELETE", "graphs/" + encode(deployment), null, 204, 404);
  }

  @Override
  public void setMergers(String deployment, int mergers) {
    send("PUT", "graphs/" + encode(deployment) + "/mergers", "{\"mergers\": " + mergers + "}", 200);
  }

  @Override
  public List<String> deployments() {
    return deployments(node());
  }

  private static List<String> deployments(JsonNode node) {
    List<String> out = new ArrayList<>();
    node.path("graphs").forEach(g -> out.add(g.asText()));
    return out;
  }

  @Override
  public double load() {
    JsonNode node = node();
    return (double) deployments(node).size()
        / Math.max(1, node.path("config").path("workers").asInt(1));
  }

  @Override
  public NodeStats stats() {
    try {
      return READER.readValue(send("GET", "stats", null, READ_TIMEOUT, 200), NodeStats.class);
    } catch (IOException e) {
      throw new NodeException(
          "node " + name + " sent counters this VNFM cannot read: " + e.getMessage(), true, e);
    }
  }

  private JsonNode node() {
    try {
      return READER.readTree(send("GET", "node", null, READ_TIMEOUT, 200));
    } catch (IOException e) {
      throw new NodeException("node " + name + " sent an unreadable description", true, e);
    }
  }

  private static String encode(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  private String send(String method, String path, @Nullable String body, int... ok) {
    return send(method, path, body, CHANGE_TIMEOUT, ok);
  }

  private String send(
      String method, String path, @Nullable String body, Duration timeout, int... ok) {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(api.resolve(path))
            .timeout(timeout)
            .header("Accept", "application/json")
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body));
    if (body != null) {
      b.header("Content-Type", "application/json");
    }
    HttpResponse<String> r;
    try {
      r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new NodeException(
          "node " + name + " at " + api + " cannot be reached: " + reason(e), true, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new NodeException("interrupted while calling node " + name, true, e);
    }
    for (int s : ok) {
      if (r.statusCode() == s) {
        return r.body();
      }
    }
    String detail = r.body();
    try {
      JsonNode problem = READER.readTree(r.body());
      if (problem.hasNonNull("detail")) {
        detail = problem.get("detail").asText();
      }
    } catch (IOException e) {
      // Not a ProblemDetails: the raw body says what happened.
    }
    throw new NodeException(
        "node "
            + name
            + " answered "
            + r.statusCode()
            + " to "
            + method
            + " "
            + path
            + ": "
            + detail,
        r.statusCode() >= 500 || r.statusCode() == 429);
  }

  /**
   * What went wrong, in words. The JDK's client throws a {@code ConnectException} without a message
   * (and without a cause) when nothing listens at the port, where "null" would tell an operator
   * nothing.
   */
  static String reason(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      String message = t.getMessage();
      if (message != null && !message.isBlank()) {
        return message;
      }
    }
    if (e instanceof ConnectException) {
      return "connection refused or failed (" + e.getClass().getName() + ")";
    }
    return e.getClass().getName();
  }

  @Override
  public void close() {}
}
