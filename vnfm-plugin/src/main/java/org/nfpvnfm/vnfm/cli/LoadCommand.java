package org.nfpvnfm.vnfm.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.HdrHistogram.Histogram;
import org.jspecify.annotations.Nullable;
import org.nfpvnfm.cli.Nfp;
import org.nfpvnfm.cli.NfpSubcommand;
import org.nfpvnfm.vnfm.Vnfm;
import org.nfpvnfm.vnfm.VnfmConfig;
import org.nfpvnfm.vnfm.internal.rest.Json;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code nfp load}: a bounded load test of the VNFM's API on loopback. It onboards a package,
 * creates VNF instances, then measures, each for {@code --seconds}: reads of one instance, reads of
 * the instance list, and operation requests (a MODIFY_INFO per instance, each followed until
 * COMPLETED before its instance gets the next). It prints requests per second and latency
 * percentiles, and writes them as Markdown with the machine and the command.
 */
@Command(
    name = "load",
    description = {
      "Load-test the VNFM's SOL003 API on loopback: reads and operation requests from concurrent"
          + " clients for a bounded time; requests per second and latency percentiles.",
      "Without --uri it starts a VNFM of its own (embedded defaults in a temporary folder, no"
          + " compute node: the operations measured need none)."
    })
public final class LoadCommand implements Callable<Integer>, NfpSubcommand {

  @Spec @Nullable CommandSpec spec;

  @Option(
      names = {"-h", "--help"},
      usageHelp = true,
      description = "Show this help and exit.")
  boolean help;

  @Option(names = "--uri", paramLabel = "URI", description = "A running VNFM to load.")
  @Nullable URI uri;

  @Option(
      names = "--client",
      paramLabel = "ID:SECRET",
      description =
          "OAuth2 client credentials for the VNFM's token endpoint. Default: nfvo:nfvo-secret.")
  String client = "nfvo:nfvo-secret";

  @Option(names = "--clients", description = "Concurrent clients. Default: ${DEFAULT-VALUE}.")
  int clients = 16;

  @Option(names = "--seconds", description = "Seconds per measurement. Default: ${DEFAULT-VALUE}.")
  int seconds = 10;

  @Option(
      names = "--instances",
      description = "VNF instances to create. Default: ${DEFAULT-VALUE}.")
  int instances = 64;

  @Option(
      names = "--package",
      paramLabel = "PATH",
      description = "The package to onboard (folder or zip). Default: ${DEFAULT-VALUE}.")
  Path pkg = Path.of("samples-vnfd/valid/paper-chain-sol004");

  @Option(names = "--out", paramLabel = "FILE", description = "Also write the results as Markdown.")
  @Nullable Path out;

  private final HttpClient http =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5))
          .build();
  private String token = "";

  @Override
  public Object command() {
    return new LoadCommand();
  }

  /** One measurement: how many requests, how long, their latencies, the failures. */
  record Result(String what, long requests, double seconds, Histogram latency, long errors) {
    double perSecond() {
      return requests / seconds;
    }

    String row() {
      return String.format(
          Locale.ROOT,
          "| %s | %d | %.0f | %.2f | %.2f | %.2f | %d |",
          what,
          requests,
          perSecond(),
          latency.getValueAtPercentile(50) / 1000.0,
          latency.getValueAtPercentile(99) / 1000.0,
          latency.getMaxValue() / 1000.0,
          errors);
    }
  }

  @Override
  public Integer call() throws Exception {
    CommandLine cli = Objects.requireNonNull(spec).commandLine();
    PrintWriter stdout = cli.getOut();
    if (clients < 1 || seconds < 1 || instances < clients) {
      throw new CommandLine.ParameterException(
          cli, "--clients and --seconds must be at least 1, and --instances at least --clients");
    }
    Path tmp = null;
    Vnfm own = null;
    try {
      URI base = uri;
      if (base == null) {
        tmp = Files.createTempDirectory("nfp-load");
        VnfmConfig d = VnfmConfig.defaults(tmp);
        own =
            Vnfm.start(
                new VnfmConfig(
                    tmp,
                    new VnfmConfig.HttpConfig("127.0.0.1", 0, "", d.http().tls()),
                    d.database(),
                    d.security(),
                    d.nfvo(),
                    new VnfmConfig.NodesConfig(
                        new VnfmConfig.LocalNodeConfig(false, "", "", 1, List.of()),
                        d.nodes().remote()),
                    d.notifications()));
        base = own.uri();
      }
      URI root = base;
      stdout.printf("nfp load: %s, %d clients, %d s per measurement%n", root, clients, seconds);
      stdout.flush();
      token = token(root);
      String vnfdId = onboard(root);
      List<String> ids = new ArrayList<>();
      for (int i = 0; i < instances; i++) {
        JsonNode created =
            json(
                send(
                    root,
                    "POST",
                    "vnflcm/v2/vnf_instances",
                    "{\"vnfdId\": \"" + vnfdId + "\", \"vnfInstanceName\": \"load-" + i + "\"}",
                    "2.0.0",
                    201));
        ids.add(created.path("id").asText());
      }
      List<Result> results = new ArrayList<>();
      results.add(
          measure(
              "GET one VNF instance",
              c -> send(root, "GET", "vnflcm/v2/vnf_instances/" + pick(ids), null, "2.0.0", 200)));
      results.add(
          measure(
              "GET the instance list (" + instances + ")",
              c -> send(root, "GET", "vnflcm/v2/vnf_instances", null, "2.0.0", 200)));
      results.addAll(operations(root, ids));
      String table = table(results);
      stdout.println();
      stdout.print(table);
      stdout.flush();
      if (out != null) {
        Files.writeString(out, table);
      }
      return 0;
    } catch (IOException | IllegalStateException e) {
      cli.getErr().println("nfp load: " + e.getMessage());
      cli.getErr().flush();
      return Nfp.EXIT_PROBLEMS;
    } finally {
      if (own != null) {
        own.close();
      }
      if (tmp != null) {
        deleteTree(tmp);
      }
    }
  }

  private String table(List<Result> results) {
    StringBuilder b = new StringBuilder();
    b.append(
        "| request | count | per second | p50 [ms] | p99 [ms] | max [ms] | errors |\n"
            + "| --- | ---: | ---: | ---: | ---: | ---: | ---: |\n");
    results.forEach(r -> b.append(r.row()).append('\n'));
    b.append('\n')
        .append(
            String.format(
                Locale.ROOT,
                "%d concurrent clients, %d s each, %d VNF instances; %d cores, %s, JDK %s;"
                    + " `./nfp load --clients %d --seconds %d --instances %d`.%n",
                clients,
                seconds,
                instances,
                Runtime.getRuntime().availableProcessors(),
                cpuModel(),
                Runtime.version(),
                clients,
                seconds,
                instances));
    return b.toString();
  }

  static String cpuModel() {
    try (Stream<String> lines = Files.lines(Path.of("/proc/cpuinfo"))) {
      return lines
          .filter(l -> l.startsWith("model name"))
          .map(l -> l.substring(l.indexOf(':') + 1).strip())
          .findFirst()
          .orElse("unknown CPU");
    } catch (IOException | UncheckedIOException e) {
      return "unknown CPU";
    }
  }

  @FunctionalInterface
  private interface Call {
    void run(int client) throws IOException, InterruptedException;
  }

  private static String pick(List<String> ids) {
    return ids.get(ThreadLocalRandom.current().nextInt(ids.size()));
  }

  /** Runs {@code call} in a loop on every client for {@code seconds}. */
  private Result measure(String what, Call call) throws InterruptedException {
    Histogram all = new Histogram(3_600_000_000L, 3);
    AtomicLong errors = new AtomicLong();
    AtomicLong count = new AtomicLong();
    Instant end = Instant.now().plusSeconds(seconds);
    long t0 = System.nanoTime();
    List<Thread> threads = new ArrayList<>();
    for (int c = 0; c < clients; c++) {
      int client = c;
      threads.add(
          Thread.ofVirtual()
              .start(
                  () -> {
                    Histogram h = new Histogram(3_600_000_000L, 3);
                    while (Instant.now().isBefore(end)) {
                      long s = System.nanoTime();
                      try {
                        call.run(client);
                        h.recordValue((System.nanoTime() - s) / 1000);
                        count.incrementAndGet();
                      } catch (IOException | IllegalStateException e) {
                        errors.incrementAndGet();
                      } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return;
                      }
                    }
                    synchronized (all) {
                      all.add(h);
                    }
                  }));
    }
    for (Thread t : threads) {
      t.join();
    }
    return new Result(what, count.get(), (System.nanoTime() - t0) / 1e9, all, errors.get());
  }

  /**
   * Operation requests: each client modifies its own instances in turn (an instance takes one
   * operation at a time), timing the request (202) and the operation until COMPLETED.
   */
  private List<Result> operations(URI root, List<String> ids) throws InterruptedException {
    Histogram accepted = new Histogram(3_600_000_000L, 3);
    Result cycles =
        measure(
            "PATCH, then the occurrence until COMPLETED",
            client -> {
              List<String> mine = new ArrayList<>();
              for (int i = client; i < ids.size(); i += clients) {
                mine.add(ids.get(i));
              }
              String id = mine.get(ThreadLocalRandom.current().nextInt(mine.size()));
              long s = System.nanoTime();
              HttpResponse<String> r =
                  send(
                      root,
                      "PATCH",
                      "vnflcm/v2/vnf_instances/" + id,
                      "{\"vnfInstanceDescription\": \"load " + s + "\"}",
                      "2.0.0",
                      202);
              synchronized (accepted) {
                accepted.recordValue((System.nanoTime() - s) / 1000);
              }
              waitCompleted(URI.create(r.headers().firstValue("Location").orElseThrow()));
            });
    return List.of(
        new Result(
            "PATCH a VNF instance (202 Accepted)",
            accepted.getTotalCount(),
            cycles.seconds(),
            accepted,
            cycles.errors()),
        cycles);
  }

  private void waitCompleted(URI op) throws IOException, InterruptedException {
    Instant deadline = Instant.now().plusSeconds(30);
    while (Instant.now().isBefore(deadline)) {
      HttpResponse<String> r = send(op, "GET", "", null, "2.0.0", 200);
      String state = json(r).path("operationState").asText();
      if (state.equals("COMPLETED")) {
        return;
      }
      if (!state.equals("STARTING") && !state.equals("PROCESSING")) {
        throw new IllegalStateException("operation " + op + " ended " + state);
      }
      Thread.sleep(2);
    }
    throw new IllegalStateException("operation " + op + " did not complete in 30 s");
  }

  /** A token from the VNFM's built-in issuer, or none when it does not require one. */
  private String token(URI root) throws IOException, InterruptedException {
    int colon = client.indexOf(':');
    String id = colon < 0 ? client : client.substring(0, colon);
    String secret = colon < 0 ? "" : client.substring(colon + 1);
    HttpRequest req =
        HttpRequest.newBuilder(root.resolve("oauth2/token"))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .header(
                "Authorization",
                "Basic "
                    + Base64.getEncoder()
                        .encodeToString((id + ":" + secret).getBytes(StandardCharsets.UTF_8)))
            .POST(
                HttpRequest.BodyPublishers.ofString(
                    "grant_type="
                        + URLEncoder.encode("client_credentials", StandardCharsets.UTF_8)))
            .build();
    HttpResponse<String> r = http.send(req, HttpResponse.BodyHandlers.ofString());
    return r.statusCode() == 200 ? json(r).path("access_token").asText() : "";
  }

  private String onboard(URI root) throws IOException, InterruptedException {
    JsonNode pkgInfo = json(send(root, "POST", "vnfpkgm/v1/vnf_packages", "{}", "2.6.1", 201));
    String id = pkgInfo.path("id").asText();
    byte[] zip = Files.isDirectory(pkg) ? zip(pkg) : Files.readAllBytes(pkg);
    HttpRequest.Builder put =
        HttpRequest.newBuilder(root.resolve("vnfpkgm/v1/vnf_packages/" + id + "/package_content"))
            .header("Version", "2.6.1")
            .header("Content-Type", "application/zip")
            .PUT(HttpRequest.BodyPublishers.ofByteArray(zip));
    if (!token.isEmpty()) {
      put.header("Authorization", "Bearer " + token);
    }
    HttpResponse<String> r = http.send(put.build(), HttpResponse.BodyHandlers.ofString());
    if (r.statusCode() != 202) {
      throw new IllegalStateException(
          "uploading " + pkg + " answered " + r.statusCode() + ": " + r.body());
    }
    Instant deadline = Instant.now().plusSeconds(60);
    while (Instant.now().isBefore(deadline)) {
      JsonNode info = json(send(root, "GET", "vnfpkgm/v1/vnf_packages/" + id, null, "2.6.1", 200));
      switch (info.path("onboardingState").asText()) {
        case "ONBOARDED" -> {
          return info.path("vnfdId").asText();
        }
        case "ERROR" ->
            throw new IllegalStateException(
                "onboarding " + pkg + " failed: " + info.path("onboardingFailureDetails"));
        default -> Thread.sleep(20);
      }
    }
    throw new IllegalStateException("onboarding " + pkg + " did not finish in 60 s");
  }

  private HttpResponse<String> send(
      URI root, String method, String path, @Nullable String body, String version, int expected)
      throws IOException, InterruptedException {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(path.isEmpty() ? root : root.resolve(path))
            .timeout(Duration.ofSeconds(30))
            .header("Version", version)
            .header("Accept", "application/json")
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body));
    if (body != null) {
      b.header(
          "Content-Type",
          method.equals("PATCH") ? "application/merge-patch+json" : "application/json");
    }
    if (!token.isEmpty()) {
      b.header("Authorization", "Bearer " + token);
    }
    HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    if (r.statusCode() != expected) {
      throw new IllegalStateException(
          method
              + " "
              + path
              + " answered "
              + r.statusCode()
              + " (expected "
              + expected
              + "): "
              + r.body());
    }
    return r;
  }

  private static JsonNode json(HttpResponse<String> r) throws IOException {
    return Json.MAPPER.readTree(r.body());
  }

  private static byte[] zip(Path dir) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ZipOutputStream z = new ZipOutputStream(bytes);
        Stream<Path> files = Files.walk(dir)) {
      for (Path f : files.filter(Files::isRegularFile).sorted().toList()) {
        z.putNextEntry(new ZipEntry(dir.relativize(f).toString().replace('\\', '/')));
        z.write(Files.readAllBytes(f));
        z.closeEntry();
      }
    }
    return bytes.toByteArray();
  }

  static void deleteTree(Path dir) {
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // A temporary folder left behind is harmless.
    }
  }
}
