package org.nfpvnfm.vnfm.internal.pkg;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.nfpvnfm.vnfm.TestVnfm;
import org.nfpvnfm.vnfm.Vnfm;

/**
 * Test support for packages: zips built from the repository's samples, raw HTTP for binary bodies,
 * and a bounded wait for onboarding to finish.
 */
final class Packages {
  static final String VERSION = "2.6.1";
  static final String ROOT = "/vnfpkgm/v1/vnf_packages";

  private Packages() {}

  /** A file or folder of {@code samples-vnfd}, found going up from the working directory. */
  static Path sample(String relative) {
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      Path p = dir.resolve("samples-vnfd").resolve(relative);
      if (Files.exists(p)) {
        return p;
      }
    }
    throw new IllegalStateException(
        "samples-vnfd/" + relative + " not found above " + Path.of("").toAbsolutePath());
  }

  /** The files of a sample folder, by their path in the package, plus {@code extra}. */
  static Map<String, byte[]> folder(String relative, Map<String, String> extra) {
    Path root = sample(relative);
    Map<String, byte[]> out = new TreeMap<>();
    try (Stream<Path> walk = Files.walk(root)) {
      for (Path f : walk.filter(Files::isRegularFile).toList()) {
        out.put(root.relativize(f).toString().replace('\\', '/'), Files.readAllBytes(f));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    extra.forEach((k, v) -> out.put(k, v.getBytes(StandardCharsets.UTF_8)));
    return out;
  }

  /** A zip of a sample folder. */
  static byte[] zipOf(String relative) {
    return zip(folder(relative, Map.of()));
  }

  /** A zip of one sample file at the package's root (the no-metadata form of SOL004). */
  static byte[] zipOfFile(String relative) {
    Path f = sample(relative);
    try {
      return zip(Map.of(f.getFileName().toString(), Files.readAllBytes(f)));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static byte[] zip(Map<String, byte[]> files) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ZipOutputStream out = new ZipOutputStream(bytes)) {
      for (Map.Entry<String, byte[]> e : files.entrySet()) {
        out.putNextEntry(new ZipEntry(e.getKey()));
        out.write(e.getValue());
        out.closeEntry();
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  /** The entries of a zip, by name. */
  static Map<String, byte[]> unzip(byte[] zip) {
    Map<String, byte[]> out = new LinkedHashMap<>();
    try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
      ZipEntry e;
      while ((e = in.getNextEntry()) != null) {
        out.put(e.getName(), in.readAllBytes());
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out;
  }

  /** A client of one VNFM's package API. */
  static final class Api {
    private final HttpClient http =
        HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final URI base;
    final TestVnfm.Client json;

    Api(Vnfm vnfm) {
      this.base = vnfm.uri();
      this.json = new TestVnfm.Client(vnfm.uri(), VERSION);
    }

    /** Creates a package; returns its id. */
    String create() {
      TestVnfm.Reply r = json.post(ROOT, Map.of());
      assertThat(r.status()).as(r.body()).isEqualTo(201);
      return r.json().path("id").asText();
    }

    HttpResponse<byte[]> send(String method, String path, byte[] body, Map<String, String> h) {
      HttpRequest.Builder b =
          HttpRequest.newBuilder(base.resolve(path.substring(1)))
              .timeout(Duration.ofSeconds(30))
              .header("Version", VERSION)
              .method(
                  method,
                  body.length == 0
                      ? HttpRequest.BodyPublishers.noBody()
                      : HttpRequest.BodyPublishers.ofByteArray(body));
      h.forEach(b::header);
      try {
        return http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }

    HttpResponse<byte[]> upload(String id, byte[] zip) {
      return send(
          "PUT",
          ROOT + "/" + id + "/package_content",
          zip,
          Map.of("Content-Type", "application/zip"));
    }

    HttpResponse<byte[]> get(String path, String accept) {
      return send("GET", path, new byte[0], Map.of("Accept", accept));
    }

    JsonNode info(String id) {
      TestVnfm.Reply r = json.get(ROOT + "/" + id);
      assertThat(r.status()).as(r.body()).isEqualTo(200);
      return r.json();
    }

    /** Polls until onboarding has ended (ONBOARDED or ERROR), for at most 60 s. */
    JsonNode awaitOnboarding(String id) {
      Instant deadline = Instant.now().plusSeconds(60);
      while (true) {
        JsonNode info = info(id);
        String state = info.path("onboardingState").asText();
        if (Set.of("ONBOARDED", "ERROR").contains(state)) {
          return info;
        }
        if (Instant.now().isAfter(deadline)) {
          throw new AssertionError("package " + id + " still " + state + " after 60 s");
        }
        try {
          Thread.sleep(50);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new AssertionError(e);
        }
      }
    }

    /** Creates, uploads and waits: the package's final VnfPkgInfo. */
    JsonNode onboard(byte[] zip) {
      String id = create();
      HttpResponse<byte[]> r = upload(id, zip);
      assertThat(r.statusCode()).as(new String(r.body(), StandardCharsets.UTF_8)).isEqualTo(202);
      return awaitOnboarding(id);
    }

    /** The lines of an ERROR package's failure detail. */
    static List<String> failure(JsonNode info) {
      assertThat(info.path("onboardingState").asText()).isEqualTo("ERROR");
      return List.of(info.path("onboardingFailureDetails").path("detail").asText().split("\n"));
    }
  }
}
