package org.nfpvnfm.vnfm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Where the test server's binaries are found, and what a machine without them is told. */
class PostgresServerTest {
  @TempDir Path dir;

  @Test
  void picksTheHighestInstalledVersion() throws IOException {
    Path root = dir.resolve("postgresql");
    for (String version : new String[] {"9", "13", "15"}) {
      fakeBinaries(root.resolve(version).resolve("bin"));
    }
    Files.createDirectories(root.resolve("16").resolve("bin")); // a client-only install
    assertThat(PostgresServer.findBinaries(root, null)).isEqualTo(root.resolve("15/bin"));
  }

  @Test
  void fallsBackToThePath() throws IOException {
    Path onPath = dir.resolve("usr-bin");
    fakeBinaries(onPath);
    assertThat(PostgresServer.findBinaries(dir.resolve("none"), dir + ":" + onPath))
        .isEqualTo(onPath);
  }

  @Test
  void failsSayingHowToInstallPostgresWhereItIsMissing() {
    assertThatThrownBy(() -> PostgresServer.findBinaries(dir.resolve("none"), dir.toString()))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("PostgreSQL is not installed")
        .hasMessageContaining("apt-get install postgresql")
        .hasMessageContaining(".ci/run")
        .hasMessageContaining("NFP_SKIP_POSTGRES=1");
  }

  private static void fakeBinaries(Path bin) throws IOException {
    Files.createDirectories(bin);
    for (String name : new String[] {"initdb", "pg_ctl"}) {
      Files.createFile(
          bin.resolve(name),
          PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
    }
  }
}
