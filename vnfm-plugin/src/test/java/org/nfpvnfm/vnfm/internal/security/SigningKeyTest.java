package org.nfpvnfm.vnfm.internal.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nfpvnfm.vnfm.TestVnfm;
import org.nfpvnfm.vnfm.Vnfm;
import org.nfpvnfm.vnfm.VnfmConfig;

/** The built-in issuer's key: kept in the data folder, owner-only, the same after a restart. */
@Tag("integration")
class SigningKeyTest {
  @TempDir Path dir;

  @Test
  void keepsTokensValidAcrossARestart() {
    VnfmConfig config = SecurityTesting.config(dir);
    String token;
    int port;
    try (Vnfm first = Vnfm.start(config)) {
      token = SecurityTesting.token(first.uri());
      port = first.uri().getPort();
    }
    // The same port: the built-in issuer is named after the VNFM's URI.
    VnfmConfig again =
        SecurityTesting.withHttp(
            config, new VnfmConfig.HttpConfig("127.0.0.1", port, "", config.http().tls()));
    try (Vnfm second = Vnfm.start(again)) {
      TestVnfm.Reply r =
          new TestVnfm.Client(second.uri(), "").token(token).get("/vnflcm/v2/api_versions");
      assertThat(r.status()).isEqualTo(200);
    }
  }

  @Test
  void keepsTheKeyReadableByItsOwnerOnly() throws Exception {
    try (Vnfm vnfm = Vnfm.start(SecurityTesting.config(dir))) {
      Path file = dir.resolve(SigningKey.FILE);
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
          .isEqualTo("rw-------");
      assertThat(SecurityTesting.builtInKey(dir).isPrivate()).isTrue();
      assertThat(vnfm.part(SecurityPart.class)).isNotNull();
    }
    try (var files = Files.list(dir)) {
      assertThat(files.map(p -> p.getFileName().toString()))
          .as("no temporary key file is left behind")
          .noneMatch(n -> n.endsWith(".tmp"));
    }
  }

  @Test
  void makesAKeyFileThatOthersCouldReadOwnerOnly() throws Exception {
    Vnfm.start(SecurityTesting.config(dir)).close();
    Path file = dir.resolve(SigningKey.FILE);
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));

    Vnfm.start(SecurityTesting.config(dir)).close();

    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
        .isEqualTo("rw-------");
  }

  @Test
  void refusesToStartWithADamagedKeyWithoutQuotingIt() throws Exception {
    Files.writeString(dir.resolve(SigningKey.FILE), "{\"kty\":\"EC\",\"d\":\"PRIVATE-PART-42\"");

    assertThatThrownBy(() -> Vnfm.start(SecurityTesting.config(dir)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining(SigningKey.FILE)
        .hasMessageContaining("remove the file")
        .hasNoCause()
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("PRIVATE-PART-42"));
  }

  @Test
  void namesTheIssuerAfterTheConfiguredIssuerWhenSet() {
    VnfmConfig c = SecurityTesting.config(dir);
    VnfmConfig.SecurityConfig s = c.security();
    VnfmConfig named =
        SecurityTesting.withSecurity(
            c,
            new VnfmConfig.SecurityConfig(
                true, "urn:nfp:vnfm-1", "", "", s.clients(), s.tokenLifetime()));
    try (Vnfm vnfm = Vnfm.start(named)) {
      String token = SecurityTesting.token(vnfm.uri());
      assertThat(SecurityTesting.issuerOf(token)).isEqualTo("urn:nfp:vnfm-1");
      assertThat(
              new TestVnfm.Client(vnfm.uri(), "")
                  .token(token)
                  .get("/vnflcm/v2/api_versions")
                  .status())
          .isEqualTo(200);
    }
  }
}
