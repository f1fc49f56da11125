package org.nfpvnfm.vnfm.internal.pkg;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.github.tomakehurst.wiremock.WireMockServer;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nfpvnfm.vnfm.TestVnfm;
import org.nfpvnfm.vnfm.Vnfm;
import org.nfpvnfm.vnfm.VnfmConfig;
import org.nfpvnfm.vnfm.internal.rest.ApiException;

/**
 * {@link PackageCatalog} on a real VNFM whose NFVO is a WireMock server: packages onboarded there
 * are fetched once with the NFVO's authentication, and its failures become 502/504.
 */
@Tag("integration")
class NfvoPackageCatalogTest {
  private static final String VNFD = "3b0e3a2c-6d2a-4f55-8f61-0d6c3c1a01ff";
  private static final String INFO = "/vnfpkgm/v2/onboarded_vnf_packages/" + VNFD;
  private static final String CONTENT = INFO + "/package_content";
  private static final String USER = "vnfm";
  private static final String PASSWORD = "s3cret-for-the-nfvo";

  @TempDir Path dir;
  private WireMockServer nfvo;
  private Vnfm vnfm;

  @BeforeEach
  void start() {
    nfvo = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
    nfvo.start();
    vnfm = Vnfm.start(config(nfvo.baseUrl()));
  }

  @AfterEach
  void stop() {
    vnfm.close();
    nfvo.stop();
  }

  private VnfmConfig config(String nfvoUri) {
    VnfmConfig c = TestVnfm.config(dir);
    return new VnfmConfig(
        c.dataDir(),
        c.http(),
        c.database(),
        c.security(),
        new VnfmConfig.NfvoConfig(
            "self",
            nfvoUri,
            new VnfmConfig.ClientAuth("basic", USER, PASSWORD, "", "", ""),
            c.nfvo().grantTimeout(),
            c.nfvo().grantPollInterval()),
        c.nodes(),
        c.notifications());
  }

  private static String info(String pkgId, String operationalState) {
    return """
        {"id": "%s", "vnfdId": "%s", "vnfProvider": "Example NFVO vendor",
         "vnfProductName": "dc edge", "vnfSoftwareVersion": "3.1.4", "vnfdVersion": "1.2.0",
         "onboardingState": "ONBOARDED", "operationalState": "%s", "usageState": "NOT_IN_USE",
         "_links": {"self": {"href": "http://nfvo/x"}, "packageContent": {"href": "http://nfvo/y"}}}
        """
        .formatted(pkgId, VNFD, operationalState);
  }

  private void stubPackage(String pkgId, byte[] zip) {
    nfvo.stubFor(
        get(urlEqualTo(INFO))
            .withBasicAuth(USER, PASSWORD)
            .withHeader("Version", equalTo("2.1.0"))
            .willReturn(
                aResponse()
                    .withHeader("Content-Type", "application/json")
                    .withBody(info(pkgId, "ENABLED"))));
    nfvo.stubFor(
        get(urlEqualTo(CONTENT))
            .withBasicAuth(USER, PASSWORD)
            .withHeader("Version", equalTo("2.1.0"))
            .willReturn(aResponse().withHeader("Content-Type", "application/zip").withBody(zip)));
  }

  @Test
  void fetchesAnNfvoPackageOnceWithTheNfvoCredentials() throws IOException {
    byte[] zip = Packages.zipOf("valid/datacenter-north-south");
    stubPackage("nfvo-pkg-1", zip);

    PackageCatalog.OnboardedPackage first = vnfm.packageCatalog().byVnfdId(VNFD).orElseThrow();
    assertThat(first.vnfPkgId()).isEqualTo("nfvo-pkg-1");
    assertThat(first.vnfdId()).isEqualTo(VNFD);
    assertThat(first.vnfProvider()).isEqualTo("Example NFVO vendor");
    assertThat(first.vnfSoftwareVersion()).isEqualTo("3.1.4");
    assertThat(first.enabled()).isTrue();
    assertThat(first.content()).startsWith(vnfm.config().packagesDir());
    assertThat(Files.readAllBytes(first.content())).isEqualTo(zip);

    PackageCatalog.OnboardedPackage second = vnfm.packageCatalog().byVnfdId(VNFD).orElseThrow();
    assertThat(second.content()).isEqualTo(first.content());
    nfvo.verify(2, getRequestedFor(urlEqualTo(INFO)));
    nfvo.verify(1, getRequestedFor(urlEqualTo(CONTENT)));

    // Kept across a restart too; and the NFVO's operational state is read each time.
    vnfm.close();
    vnfm = Vnfm.start(config(nfvo.baseUrl()));
    nfvo.stubFor(
        get(urlEqualTo(INFO))
            .withBasicAuth(USER, PASSWORD)
            .willReturn(aResponse().withBody(info("nfvo-pkg-1", "DISABLED"))));
    PackageCatalog.OnboardedPackage third = vnfm.packageCatalog().byVnfdId(VNFD).orElseThrow();
    assertThat(third.enabled()).isFalse();
    assertThat(Files.readAllBytes(third.content())).isEqualTo(zip);
    nfvo.verify(1, getRequestedFor(urlEqualTo(CONTENT)));
  }

  @Test
  void fetchesAgainWhenTheNfvoOnboardedAnotherPackageOfTheVnfd() throws IOException {
    stubPackage("nfvo-pkg-1", Packages.zipOf("valid/datacenter-north-south"));
    Path before = vnfm.packageCatalog().byVnfdId(VNFD).orElseThrow().content();
    byte[] other = Packages.zipOf("valid/paper-chain-sol004");
    stubPackage("nfvo-pkg-2", other);
    PackageCatalog.OnboardedPackage after = vnfm.packageCatalog().byVnfdId(VNFD).orElseThrow();
    assertThat(after.vnfPkgId()).isEqualTo("nfvo-pkg-2");
    assertThat(Files.readAllBytes(after.content())).isEqualTo(other);
    assertThat(before).doesNotExist();
  }

  @Test
  void answersEmptyWhenTheNfvoHasNoSuchPackage() {
    nfvo.stubFor(get(urlEqualTo(INFO)).willReturn(aResponse().withStatus(404)));
    assertThat(vnfm.packageCatalog().byVnfdId(VNFD)).isEmpty();
    nfvo.verify(0, getRequestedFor(urlEqualTo(CONTENT)));
  }

  @Test
  void answers502WhenTheNfvoFails() {
    nfvo.stubFor(get(urlEqualTo(INFO)).willReturn(aResponse().withStatus(500)));
    ApiException e =
        catchThrowableOfType(ApiException.class, () -> vnfm.packageCatalog().byVnfdId(VNFD));
    assertThat(e.status()).isEqualTo(502);
    assertThat(e.getMessage()).contains("500").contains(INFO).doesNotContain(PASSWORD);
  }

  @Test
  void answers502WhenTheNfvoCannotBeReached() throws IOException {
    int closed;
    try (ServerSocket s = new ServerSocket(0)) {
      closed = s.getLocalPort();
    }
    vnfm.close();
    vnfm = Vnfm.start(config("http://127.0.0.1:" + closed));
    ApiException e =
        catchThrowableOfType(ApiException.class, () -> vnfm.packageCatalog().byVnfdId(VNFD));
    assertThat(e.status()).isEqualTo(502);
    assertThat(e.getMessage()).contains("could not be reached");
  }

  @Test
  void answers504WhenTheNfvoIsTooSlow() {
    Objects.requireNonNull(vnfm.part(PackagePart.class))
        .limits(
            new PackageLimits(
                PackageLimits.DEFAULT.maxPackageBytes(),
                Duration.ofMillis(300),
                Duration.ofSeconds(5)));
    nfvo.stubFor(
        get(urlEqualTo(INFO))
            .willReturn(aResponse().withFixedDelay(3000).withBody(info("slow", "ENABLED"))));
    ApiException e =
        catchThrowableOfType(ApiException.class, () -> vnfm.packageCatalog().byVnfdId(VNFD));
    assertThat(e.status()).isEqualTo(504);
    assertThat(e.getMessage()).contains("300 ms");
  }

  @Test
  void refusesAnNfvoPackageTheFrontEndRejects() {
    stubPackage("bad", Packages.zipOf("invalid/manifest-wrong-hash"));
    ApiException e =
        catchThrowableOfType(ApiException.class, () -> vnfm.packageCatalog().byVnfdId(VNFD));
    assertThat(e.status()).isEqualTo(422);
    assertThat(e.getMessage()).contains("firewall_vnfd.mf:13: error TOSCA209");
    assertThat(vnfm.config().packagesDir().resolve("nfvo")).isEmptyDirectory();
  }

  @Test
  void prefersThePackageOnboardedOnThisVnfm() {
    Packages.Api api = new Packages.Api(vnfm);
    String id = api.onboard(Packages.zipOf("valid/paper-chain-sol004")).path("id").asText();
    Optional<PackageCatalog.OnboardedPackage> found =
        vnfm.packageCatalog().byVnfdId("paper-chain-nsd");
    assertThat(found.map(PackageCatalog.OnboardedPackage::vnfPkgId)).contains(id);
    assertThat(nfvo.getAllServeEvents()).isEmpty();
  }
}
