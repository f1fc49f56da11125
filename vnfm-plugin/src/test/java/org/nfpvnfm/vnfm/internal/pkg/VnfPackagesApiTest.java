package org.nfpvnfm.vnfm.internal.pkg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.nfpvnfm.vnfm.internal.pkg.Packages.ROOT;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nfpvnfm.vnfm.TestVnfm;
import org.nfpvnfm.vnfm.Vnfm;

/** {@code /vnfpkgm/v1/vnf_packages} on a real VNFM over HTTP, with the repository's samples. */
@Tag("integration")
class VnfPackagesApiTest {
  private static final String PAPER = "valid/paper-chain-sol004";
  private static final String DC = "valid/datacenter-north-south";
  private static final String SCRIPT = "#!/bin/sh\necho configured\n";

  @TempDir Path dir;
  private Vnfm vnfm;
  private Packages.Api api;

  @BeforeEach
  void start() {
    vnfm = Vnfm.start(TestVnfm.config(dir));
    api = new Packages.Api(vnfm);
  }

  @AfterEach
  void stop() {
    vnfm.close();
  }

  private static byte[] paperWithScript() {
    return Packages.zip(Packages.folder(PAPER, Map.of("Scripts/install.sh", SCRIPT)));
  }

  private static String text(HttpResponse<byte[]> r) {
    return new String(r.body(), StandardCharsets.UTF_8);
  }

  @Test
  void onboardsAPackageFromCreationToDeletion() throws Exception {
    TestVnfm.Reply created = api.json.post(ROOT, Map.of("userDefinedData", Map.of("owner", "ops")));
    assertThat(created.status()).isEqualTo(201);
    String id = created.json().path("id").asText();
    assertThat(created.header("Location")).isEqualTo(vnfm.uri() + ROOT.substring(1) + "/" + id);
    assertThat(created.json().path("onboardingState").asText()).isEqualTo("CREATED");
    assertThat(created.json().path("operationalState").asText()).isEqualTo("DISABLED");
    assertThat(created.json().path("usageState").asText()).isEqualTo("NOT_IN_USE");
    assertThat(created.json().path("userDefinedData").path("owner").asText()).isEqualTo("ops");
    assertThat(created.json().has("vnfdId")).isFalse();

    byte[] zip = paperWithScript();
    HttpResponse<byte[]> put = api.upload(id, zip);
    assertThat(put.statusCode()).as(text(put)).isEqualTo(202);
    JsonNode info = api.awaitOnboarding(id);

    assertThat(info.path("onboardingState").asText()).as(info.toString()).isEqualTo("ONBOARDED");
    assertThat(info.path("operationalState").asText()).isEqualTo("ENABLED");
    assertThat(info.path("usageState").asText()).isEqualTo("NOT_IN_USE");
    assertThat(info.path("vnfdId").asText()).isEqualTo("paper-chain-nsd");
    assertThat(info.path("vnfProvider").asText()).isEqualTo("NFP-VNFM samples");
    assertThat(info.path("vnfProductName").asText()).isEqualTo("paper-chain-nsd");
    assertThat(info.path("vnfSoftwareVersion").asText()).isEqualTo("1.0.0");
    assertThat(info.path("vnfdVersion").asText()).isEqualTo("1.0.0");
    assertThat(info.path("checksum").path("algorithm").asText()).isEqualTo("SHA-256");
    assertThat(info.path("checksum").path("hash").asText()).isEqualTo(sha256(zip));
    assertThat(info.path("softwareImages").isArray()).isTrue();
    assertThat(info.path("softwareImages")).isEmpty();
    assertThat(info.path("additionalArtifacts")).hasSize(1);
    JsonNode artifact = info.path("additionalArtifacts").get(0);
    assertThat(artifact.path("artifactPath").asText()).isEqualTo("Scripts/install.sh");
    assertThat(artifact.path("checksum").path("hash").asText())
        .isEqualTo(sha256(SCRIPT.getBytes(StandardCharsets.UTF_8)));
    String self = vnfm.uri() + ROOT.substring(1) + "/" + id;
    assertThat(info.path("_links").path("self").path("href").asText()).isEqualTo(self);
    assertThat(info.path("_links").path("vnfd").path("href").asText()).isEqualTo(self + "/vnfd");
    assertThat(info.path("_links").path("packageContent").path("href").asText())
        .isEqualTo(self + "/package_content");

    // The VNFD: the main file as text, all its files as a zip, nothing else.
    HttpResponse<byte[]> vnfdText = api.get(ROOT + "/" + id + "/vnfd", "text/plain");
    assertThat(vnfdText.statusCode()).isEqualTo(200);
    assertThat(vnfdText.headers().firstValue("Content-Type").orElse("")).startsWith("text/plain");
    assertThat(vnfdText.body())
        .isEqualTo(
            Files.readAllBytes(Packages.sample(PAPER + "/Definitions/paper_chain_nsd.yaml")));
    HttpResponse<byte[]> vnfdZip = api.get(ROOT + "/" + id + "/vnfd", "application/zip");
    assertThat(vnfdZip.statusCode()).isEqualTo(200);
    assertThat(Packages.unzip(vnfdZip.body()).keySet())
        .containsExactlyInAnyOrder(
            "TOSCA-Metadata/TOSCA.meta",
            "Definitions/paper_chain_nsd.yaml",
            "Definitions/paper_chain_types.yaml");
    assertThat(api.get(ROOT + "/" + id + "/vnfd", "application/json").statusCode()).isEqualTo(406);

    // The content, whole and in part; the manifest; the artifact.
    HttpResponse<byte[]> content = api.get(ROOT + "/" + id + "/package_content", "application/zip");
    assertThat(content.statusCode()).isEqualTo(200);
    assertThat(content.body()).isEqualTo(zip);
    HttpResponse<byte[]> part =
        api.send(
            "GET",
            ROOT + "/" + id + "/package_content",
            new byte[0],
            Map.of("Accept", "application/zip", "Range", "bytes=10-19"));
    assertThat(part.statusCode()).isEqualTo(206);
    assertThat(part.body()).isEqualTo(java.util.Arrays.copyOfRange(zip, 10, 20));
    assertThat(part.headers().firstValue("Content-Range")).contains("bytes 10-19/" + zip.length);
    HttpResponse<byte[]> manifest = api.get(ROOT + "/" + id + "/manifest", "text/plain");
    assertThat(manifest.statusCode()).isEqualTo(200);
    assertThat(manifest.body())
        .isEqualTo(Files.readAllBytes(Packages.sample(PAPER + "/paper_chain_nsd.mf")));
    HttpResponse<byte[]> script = api.get(ROOT + "/" + id + "/artifacts/Scripts/install.sh", "*/*");
    assertThat(script.statusCode()).isEqualTo(200);
    assertThat(text(script)).isEqualTo(SCRIPT);

    // Disable, then delete.
    assertThat(api.json.delete(ROOT + "/" + id).status()).isEqualTo(409);
    TestVnfm.Reply disabled =
        api.json.patch(ROOT + "/" + id, Map.of("operationalState", "DISABLED"));
    assertThat(disabled.status()).isEqualTo(200);
    assertThat(disabled.json().path("operationalState").asText()).isEqualTo("DISABLED");
    assertThat(api.info(id).path("operationalState").asText()).isEqualTo("DISABLED");
    assertThat(api.json.delete(ROOT + "/" + id).status()).isEqualTo(204);
    assertThat(api.json.get(ROOT + "/" + id).status()).isEqualTo(404);
    assertThat(vnfm.config().packagesDir().resolve(id)).doesNotExist();
  }

  @Test
  void readsTheIdentityOfASol001VnfdFromItsOneVnfNode() {
    // The firewall VNFD of the wrong-hash sample, packaged without its (stale) manifest.
    Map<String, byte[]> files =
        new java.util.TreeMap<>(Packages.folder("invalid/manifest-wrong-hash", Map.of()));
    files.remove("firewall_vnfd.mf");
    files.put(
        "TOSCA-Metadata/TOSCA.meta",
        ("TOSCA-Meta-File-Version: 1.0\nCSAR-Version: 1.1\nCreated-By: test\n"
                + "Entry-Definitions: Definitions/firewall_vnfd.yaml\n")
            .getBytes(StandardCharsets.UTF_8));
    JsonNode info = api.onboard(Packages.zip(files));
    assertThat(info.path("onboardingState").asText()).as(info.toString()).isEqualTo("ONBOARDED");
    assertThat(info.path("vnfdId").asText()).isEqualTo("0f6c2f1a-4b1e-4c2d-9a57-2b0d6f3e7a02");
    assertThat(info.path("vnfProvider").asText()).isEqualTo("NFP-VNFM samples");
    assertThat(info.path("vnfProductName").asText()).isEqualTo("Sample firewall");
    assertThat(info.path("vnfSoftwareVersion").asText()).isEqualTo("1.8.10");
    assertThat(info.path("vnfdVersion").asText()).isEqualTo("1.0.0");
    assertThat(info.has("additionalArtifacts")).isTrue();
    assertThat(info.path("additionalArtifacts")).isEmpty();

    // A one-file VNFD comes as text when the client takes either; there is no manifest.
    String p = ROOT + "/" + info.path("id").asText();
    HttpResponse<byte[]> vnfd = api.get(p + "/vnfd", "text/plain, application/zip");
    assertThat(vnfd.statusCode()).isEqualTo(200);
    assertThat(vnfd.headers().firstValue("Content-Type").orElse("")).startsWith("text/plain");
    assertThat(vnfd.body()).isEqualTo(files.get("Definitions/firewall_vnfd.yaml"));
    assertThat(api.get(p + "/manifest", "text/plain").statusCode()).isEqualTo(404);
  }

  @Test
  void servesOnlyTheListedArtifactsAndNothingOutsideThePackage() {
    String id = api.onboard(paperWithScript()).path("id").asText();
    for (String path :
        List.of(
            "Scripts/nope.sh",
            "Definitions/paper_chain_nsd.yaml",
            "TOSCA-Metadata/TOSCA.meta",
            "paper_chain_nsd.mf",
            URLEncoder.encode("../../../etc/passwd", StandardCharsets.UTF_8),
            "Scripts/..%2F..%2F" + id + "%2Fpackage.zip",
            "%2E%2E/package.zip")) {
      HttpResponse<byte[]> r = api.get(ROOT + "/" + id + "/artifacts/" + path, "*/*");
      assertThat(r.statusCode()).as(path).isEqualTo(404);
      assertThat(text(r)).as(path).doesNotContain("root:");
    }
  }

  @Test
  void acceptsTheMultipartFormTackersClientSends() {
    String id = api.create();
    String boundary = "----nfp" + UUID.randomUUID();
    byte[] zip = Packages.zipOf(DC);
    java.io.ByteArrayOutputStream body = new java.io.ByteArrayOutputStream();
    body.writeBytes(
        ("--"
                + boundary
                + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"dc.zip\"\r\n"
                + "Content-Type: application/zip\r\n\r\n")
            .getBytes(StandardCharsets.UTF_8));
    body.writeBytes(zip);
    body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
    HttpResponse<byte[]> r =
        api.send(
            "PUT",
            ROOT + "/" + id + "/package_content",
            body.toByteArray(),
            Map.of("Content-Type", "multipart/form-data; boundary=" + boundary));
    assertThat(r.statusCode()).as(text(r)).isEqualTo(202);
    JsonNode info = api.awaitOnboarding(id);
    assertThat(info.path("onboardingState").asText()).as(info.toString()).isEqualTo("ONBOARDED");
    assertThat(info.path("vnfdId").asText()).isEqualTo("dc-north-south-nsd");
    assertThat(info.path("vnfdVersion").asText()).isEqualTo("1.2.0");
    assertThat(info.path("checksum").path("hash").asText()).isEqualTo(sha256(zip));
  }

  @Test
  void failsTheSecondPackageOfAnOnboardedVnfd() {
    JsonNode first = api.onboard(Packages.zipOf(PAPER));
    assertThat(first.path("onboardingState").asText()).isEqualTo("ONBOARDED");
    JsonNode second = api.onboard(Packages.zipOf(PAPER));
    assertThat(second.path("onboardingState").asText()).isEqualTo("ERROR");
    assertThat(second.path("operationalState").asText()).isEqualTo("DISABLED");
    assertThat(second.has("vnfdId")).isFalse();
    JsonNode failure = second.path("onboardingFailureDetails");
    assertThat(failure.path("status").asInt()).isEqualTo(409);
    assertThat(failure.path("detail").asText())
        .contains("paper-chain-nsd")
        .contains("already onboarded")
        .contains(first.path("id").asText());
  }

  @Test
  void reportsTheFrontEndsDiagnosticsWithFileAndLine() {
    Map<byte[], String> cases =
        Map.of(
            Packages.zipOf("invalid/manifest-wrong-hash"),
            "firewall_vnfd.mf:13: error TOSCA209: ",
            Packages.zipOfFile("invalid/unknown-node-type.yaml"),
            "unknown-node-type.yaml:10:13: error TOSCA405: ",
            Packages.zipOfFile("invalid/missing-required-property.yaml"),
            "missing-required-property.yaml:14:",
            Packages.zipOfFile("invalid/nfp-order-cycle.yaml"),
            "nfp-order-cycle.yaml:19:9: error NFP001: ");
    cases.forEach(
        (zip, expected) -> {
          JsonNode info = api.onboard(zip);
          List<String> lines = Packages.Api.failure(info);
          assertThat(lines.getFirst()).as(info.toString()).contains("not a valid VNF package");
          assertThat(lines).as(info.toString()).anyMatch(l -> l.startsWith(expected));
          assertThat(info.path("onboardingFailureDetails").path("status").asInt()).isEqualTo(422);
        });
  }

  @Test
  void refusesAZipSlipPackageWithoutWritingOutsideIt() throws Exception {
    JsonNode info = api.onboard(Files.readAllBytes(Packages.sample("invalid/zip-slip.zip")));
    List<String> lines = Packages.Api.failure(info);
    assertThat(lines).anyMatch(l -> l.startsWith("package.zip: error TOSCA206: "));
    assertThat(String.join("\n", lines)).doesNotContain(dir.toString());
    // packages/<id>/../../ is the data folder.
    assertThat(dir.resolve("nfp-zip-slip.txt")).doesNotExist();
  }

  @Test
  void failsOnboardingOfABodyThatIsNotAZip() {
    JsonNode info = api.onboard("this is not a zip".getBytes(StandardCharsets.UTF_8));
    List<String> lines = Packages.Api.failure(info);
    assertThat(lines).anyMatch(l -> l.startsWith("package.zip: error TOSCA200: "));
    assertThat(String.join("\n", lines)).doesNotContain(dir.toString());
    JsonNode empty = api.onboard(new byte[0]);
    assertThat(Packages.Api.failure(empty)).anyMatch(l -> l.contains("TOSCA200"));
  }

  @Test
  void enforcesTheStateRulesWith409() {
    String created = api.create();
    String p = ROOT + "/" + created;
    assertThat(api.json.patch(p, Map.of("operationalState", "ENABLED")).status()).isEqualTo(409);
    assertThat(api.json.patch(p, Map.of("userDefinedData", Map.of("a", "b"))).status())
        .isEqualTo(409);
    assertThat(api.get(p + "/vnfd", "text/plain").statusCode()).isEqualTo(409);
    assertThat(api.get(p + "/package_content", "application/zip").statusCode()).isEqualTo(409);
    assertThat(api.get(p + "/manifest", "text/plain").statusCode()).isEqualTo(409);
    assertThat(api.get(p + "/artifacts/Scripts/install.sh", "*/*").statusCode()).isEqualTo(409);

    JsonNode onboarded = api.onboard(Packages.zipOf(PAPER));
    String id = onboarded.path("id").asText();
    HttpResponse<byte[]> again = api.upload(id, Packages.zipOf(PAPER));
    assertThat(again.statusCode()).isEqualTo(409);
    assertThat(text(again)).contains("ONBOARDED").contains("CREATED");
    TestVnfm.Reply enable = api.json.patch(ROOT + "/" + id, Map.of("operationalState", "ENABLED"));
    assertThat(enable.status()).isEqualTo(409);
    assertThat(enable.json().path("detail").asText()).contains("already ENABLED");
    assertThat(api.json.patch(ROOT + "/" + id, Map.of("operationalState", "DISABLED")).status())
        .isEqualTo(200);
    assertThat(api.json.patch(ROOT + "/" + id, Map.of("operationalState", "DISABLED")).status())
        .isEqualTo(409);
    assertThat(api.json.patch(ROOT + "/" + id, Map.of("operationalState", "ENABLED")).status())
        .isEqualTo(200);
    JsonNode failed = api.onboard("junk".getBytes(StandardCharsets.UTF_8));
    assertThat(api.upload(failed.path("id").asText(), Packages.zipOf(DC)).statusCode())
        .isEqualTo(409);
  }

  @Test
  void mergesUserDefinedDataAndRefusesMalformedModifications() {
    String id = api.onboard(Packages.zipOf(PAPER)).path("id").asText();
    String p = ROOT + "/" + id;
    TestVnfm.Reply first = api.json.patch(p, Map.of("userDefinedData", Map.of("a", "1", "b", "2")));
    assertThat(first.status()).isEqualTo(200);
    assertThat(first.json().path("userDefinedData").path("a").asText()).isEqualTo("1");
    assertThat(api.json.patch(p, "{\"userDefinedData\": {\"a\": null, \"c\": \"3\"}}").status())
        .isEqualTo(200);
    JsonNode data = api.info(id).path("userDefinedData");
    assertThat(data.has("a")).isFalse();
    assertThat(data.path("b").asText()).isEqualTo("2");
    assertThat(data.path("c").asText()).isEqualTo("3");

    assertThat(api.json.patch(p, Map.of("operationalState", "ON")).status()).isEqualTo(400);
    assertThat(api.json.patch(p, Map.of("colour", "blue")).status()).isEqualTo(400);
    assertThat(api.json.patch(p, Map.of()).status()).isEqualTo(400);
    assertThat(api.json.patch(p, "{not json").status()).isEqualTo(400);
    assertThat(api.json.post(ROOT, Map.of("name", "x")).status()).isEqualTo(400);
    assertThat(api.json.post(ROOT, Map.of("userDefinedData", "x")).status()).isEqualTo(400);
  }

  @Test
  void answersUnknownPackagesWith404() {
    for (String id : List.of(UUID.randomUUID().toString(), "not-a-uuid", "..")) {
      String p = ROOT + "/" + id;
      assertThat(api.json.get(p).status()).as(id).isIn(404);
      assertThat(api.json.patch(p, Map.of("operationalState", "DISABLED")).status()).isEqualTo(404);
      assertThat(api.json.delete(p).status()).isEqualTo(404);
      assertThat(api.upload(id, Packages.zipOf(PAPER)).statusCode()).isEqualTo(404);
      assertThat(api.get(p + "/vnfd", "text/plain").statusCode()).isEqualTo(404);
      assertThat(api.get(p + "/package_content", "application/zip").statusCode()).isEqualTo(404);
    }
  }

  @Test
  void refusesDeletionWhileAVnfInstanceUsesTheVnfd() {
    String id = api.onboard(Packages.zipOf(PAPER)).path("id").asText();
    String instance = UUID.randomUUID().toString();
    vnfm.database()
        .inTransaction(
            c -> {
              try (PreparedStatement p =
                  c.prepareStatement(
                      "INSERT INTO vnf_instances (id, vnfd_id, instantiation_state, created_at, doc)"
                          + " VALUES (?, ?, 'NOT_INSTANTIATED', ?, '{}')")) {
                p.setString(1, instance);
                p.setString(2, "paper-chain-nsd");
                p.setObject(3, OffsetDateTime.now());
                p.executeUpdate();
              }
            });
    assertThat(api.info(id).path("usageState").asText()).isEqualTo("IN_USE");
    assertThat(api.json.patch(ROOT + "/" + id, Map.of("operationalState", "DISABLED")).status())
        .isEqualTo(200);
    TestVnfm.Reply refused = api.json.delete(ROOT + "/" + id);
    assertThat(refused.status()).isEqualTo(409);
    assertThat(refused.json().path("detail").asText()).contains("IN_USE");
    vnfm.database()
        .inTransaction(
            c -> {
              try (PreparedStatement p =
                  c.prepareStatement("DELETE FROM vnf_instances WHERE id = ?")) {
                p.setString(1, instance);
                p.executeUpdate();
              }
            });
    assertThat(api.info(id).path("usageState").asText()).isEqualTo("NOT_IN_USE");
    assertThat(api.json.delete(ROOT + "/" + id).status()).isEqualTo(204);
  }

  @Test
  void filtersTheListAndLeavesOutComplexAttributesByDefault() {
    String paper = api.onboard(Packages.zipOf(PAPER)).path("id").asText();
    String dc = api.onboard(Packages.zipOf(DC)).path("id").asText();
    String fresh = api.create();

    TestVnfm.Reply all = api.json.get(ROOT);
    assertThat(all.status()).isEqualTo(200);
    assertThat(ids(all.json())).containsExactly(paper, dc, fresh);
    assertThat(all.json().get(0).has("checksum")).isFalse();
    assertThat(all.json().get(0).has("vnfdId")).isTrue();
    assertThat(api.json.get(ROOT + "?all_fields").json().get(0).has("checksum")).isTrue();
    assertThat(api.json.get(ROOT + "?fields=checksum").json().get(0).has("checksum")).isTrue();
    assertThat(api.json.get(ROOT + "?exclude_fields=_links").json().get(0).has("_links")).isFalse();

    assertThat(ids(filter("(eq,onboardingState,ONBOARDED)"))).containsExactly(paper, dc);
    assertThat(ids(filter("(eq,onboardingState,CREATED)"))).containsExactly(fresh);
    assertThat(ids(filter("(eq,vnfdId,dc-north-south-nsd)"))).containsExactly(dc);
    assertThat(ids(filter("(eq,operationalState,ENABLED);(neq,vnfdId,dc-north-south-nsd)")))
        .containsExactly(paper);
    assertThat(ids(filter("(in,vnfdId,paper-chain-nsd,dc-north-south-nsd)")))
        .containsExactly(paper, dc);
    assertThat(ids(filter("(eq,checksum/algorithm,SHA-256)"))).containsExactly(paper, dc);
    assertThat(ids(filter("(eq,_links/self/href,nowhere)"))).isEmpty();

    TestVnfm.Reply bad = api.json.get(ROOT + "?filter=" + enc("(like,vnfdId,x)"));
    assertThat(bad.status()).isEqualTo(400);
    assertThat(bad.json().path("detail").asText()).contains("like");
    assertThat(api.json.get(ROOT + "?filter=" + enc("eq,vnfdId,x")).status()).isEqualTo(400);
    assertThat(api.json.get(ROOT + "?all_fields&fields=checksum").status()).isEqualTo(400);
  }

  private JsonNode filter(String f) {
    TestVnfm.Reply r = api.json.get(ROOT + "?filter=" + enc(f));
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    return r.json();
  }

  private static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  private static List<String> ids(JsonNode list) {
    return java.util.stream.StreamSupport.stream(list.spliterator(), false)
        .map(n -> n.path("id").asText())
        .toList();
  }

  @Test
  void refusesAPackageOverTheSizeLimitWith413() {
    PackagePart part = java.util.Objects.requireNonNull(vnfm.part(PackagePart.class));
    part.limits(new PackageLimits(1024, Duration.ofSeconds(5), Duration.ofSeconds(5)));
    String id = api.create();
    HttpResponse<byte[]> r = api.upload(id, Packages.zipOf(PAPER));
    assertThat(r.statusCode()).isEqualTo(413);
    assertThat(text(r)).contains("1024 bytes");
    assertThat(api.info(id).path("onboardingState").asText()).isEqualTo("CREATED");
    part.limits(PackageLimits.DEFAULT);
    assertThat(api.upload(id, Packages.zipOf(PAPER)).statusCode()).isEqualTo(202);
    assertThat(api.awaitOnboarding(id).path("onboardingState").asText()).isEqualTo("ONBOARDED");
  }

  @Test
  void keepsPackagesAcrossARestart() {
    byte[] zip = Packages.zipOf(PAPER);
    String id = api.onboard(zip).path("id").asText();
    vnfm.close();
    vnfm = Vnfm.start(TestVnfm.config(dir));
    api = new Packages.Api(vnfm);
    JsonNode info = api.info(id);
    assertThat(info.path("onboardingState").asText()).isEqualTo("ONBOARDED");
    assertThat(info.path("vnfdId").asText()).isEqualTo("paper-chain-nsd");
    assertThat(api.get(ROOT + "/" + id + "/package_content", "application/zip").body())
        .isEqualTo(zip);
  }

  @Test
  void finishesOnboardingThatAStopInterrupted() {
    String onboarded = api.onboard(Packages.zipOf(PAPER)).path("id").asText();
    String uploading = api.create();
    setState(onboarded, "PROCESSING");
    setState(uploading, "UPLOADING");
    vnfm.close();
    vnfm = Vnfm.start(TestVnfm.config(dir));
    api = new Packages.Api(vnfm);
    JsonNode redone = api.awaitOnboarding(onboarded);
    assertThat(redone.path("onboardingState").asText())
        .as(redone.toString())
        .isEqualTo("ONBOARDED");
    JsonNode cut = api.awaitOnboarding(uploading);
    assertThat(Packages.Api.failure(cut).getFirst()).contains("interrupted");
  }

  private void setState(String id, String state) {
    vnfm.database()
        .inTransaction(
            c -> {
              try (PreparedStatement p =
                  c.prepareStatement("UPDATE vnf_packages SET onboarding_state = ? WHERE id = ?")) {
                p.setString(1, state);
                p.setString(2, id);
                assertThat(p.executeUpdate()).isEqualTo(1);
              }
            });
  }

  @Test
  void catalogFindsTheOnboardedPackageByVnfdId() {
    String id = api.onboard(Packages.zipOf(DC)).path("id").asText();
    Optional<PackageCatalog.OnboardedPackage> found =
        vnfm.packageCatalog().byVnfdId("dc-north-south-nsd");
    assertThat(found).isPresent();
    assertThat(found.get().vnfPkgId()).isEqualTo(id);
    assertThat(found.get().enabled()).isTrue();
    assertThat(found.get().vnfProvider()).isEqualTo("NFP-VNFM samples");
    assertThat(found.get().content()).exists();
    assertThat(org.nfpvnfm.tosca.ToscaLoader.create().load(found.get().content()).ok()).isTrue();
    api.json.patch(ROOT + "/" + id, Map.of("operationalState", "DISABLED"));
    assertThat(vnfm.packageCatalog().byVnfdId("dc-north-south-nsd").orElseThrow().enabled())
        .isFalse();
    assertThat(vnfm.packageCatalog().byVnfdId("paper-chain-nsd")).isEmpty();
  }

  private static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
