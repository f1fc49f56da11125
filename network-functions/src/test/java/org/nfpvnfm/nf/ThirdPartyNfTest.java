package org.nfpvnfm.nf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nfpvnfm.dpdk.nf.NetworkFunction;
import org.nfpvnfm.tosca.nfp.Access;
import org.nfpvnfm.tosca.nfp.PacketField;

/**
 * The SDK's example third-party NF ({@code docs/examples/ttl-guard}, docs/nf-sdk.md) is compiled
 * against the SDK, packed as a plug-in jar, found through {@link NfRegistry} in a class loader of
 * its own, and run on packets, as an operator would deploy it.
 */
@Tag("integration")
class ThirdPartyNfTest {
  @TempDir Path dir;

  private static Path example() {
    for (Path d = Path.of("").toAbsolutePath(); d != null; d = d.getParent()) {
      Path p = d.resolve("docs/examples/ttl-guard");
      if (Files.isDirectory(p)) {
        return p;
      }
    }
    throw new IllegalStateException("docs/examples/ttl-guard not found");
  }

  /** Compiles the example against this JVM's class path and packs it with its services file. */
  private Path pluginJar() throws IOException {
    Path src = example();
    Path classes = Files.createDirectories(dir.resolve("classes"));
    List<String> sources;
    try (Stream<Path> files = Files.walk(src.resolve("src"))) {
      sources = files.filter(p -> p.toString().endsWith(".java")).map(Path::toString).toList();
    }
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    String[] args =
        Stream.concat(
                Stream.of(
                    "-cp",
                    System.getProperty("java.class.path"),
                    "-d",
                    classes.toString(),
                    "-proc:none"),
                sources.stream())
            .toArray(String[]::new);
    assertThat(javac.run(null, null, null, args)).as("javac exit code").isZero();
    Path jar = dir.resolve("ttl-guard.jar");
    try (OutputStream os = Files.newOutputStream(jar);
        JarOutputStream out = new JarOutputStream(os);
        Stream<Path> files = Files.walk(classes)) {
      for (Path p : files.filter(Files::isRegularFile).toList()) {
        out.putNextEntry(new JarEntry(classes.relativize(p).toString().replace('\\', '/')));
        out.write(Files.readAllBytes(p));
        out.closeEntry();
      }
      String services = "META-INF/services/org.nfpvnfm.nf.NfProvider";
      out.putNextEntry(new JarEntry(services));
      out.write(Files.readAllBytes(src.resolve(services)));
      out.closeEntry();
    }
    return jar;
  }

  private static byte[] ipv4(int ttl) {
    ByteBuffer b = ByteBuffer.allocate(60);
    b.position(12);
    b.putShort((short) 0x0800).put((byte) 0x45).put((byte) 0).putShort((short) 46).putInt(0);
    b.put((byte) ttl).put((byte) 17).putShort((short) 0).putInt(0x0a000001).putInt(0x0a000002);
    b.putShort((short) 1).putShort((short) 2).putShort((short) 26);
    return b.array();
  }

  @Test
  void aPluginJarIsFoundDeclaresItsProfileAndRunsOnPackets() throws Exception {
    Path jar = pluginJar();
    try (URLClassLoader loader =
            new URLClassLoader(new URL[] {jar.toUri().toURL()}, getClass().getClassLoader());
        NfHarness harness = new NfHarness()) {
      NfRegistry registry = NfRegistry.load(loader);
      NfProvider provider = registry.find("ttl_guard").orElseThrow();
      assertThat(provider.profile().access(PacketField.TTL)).isEqualTo(Access.READ);
      assertThat(provider.profile().mayDrop()).isTrue();

      NetworkFunction nf = provider.create(NfConfig.of("guard", Map.of("minimum_ttl", 10)));
      List<NfHarness.Outcome> out = harness.run(nf, List.of(ipv4(64), ipv4(3), ipv4(10)));

      assertThat(out).extracting(NfHarness.Outcome::dropped).containsExactly(false, true, false);
      assertThatThrownBy(() -> provider.create(NfConfig.of("guard", Map.of("minimum_ttl", 300))))
          .isInstanceOf(NfConfigException.class)
          .hasMessageContaining("minimum_ttl: 300 (expected: 1 to 255)");
    }
  }
}
