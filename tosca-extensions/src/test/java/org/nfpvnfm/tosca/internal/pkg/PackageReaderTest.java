package org.nfpvnfm.tosca.internal.pkg;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.zip.Deflater;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nfpvnfm.tosca.Diagnostic;
import org.nfpvnfm.tosca.Severity;
import org.nfpvnfm.tosca.internal.Diagnostics;

class PackageReaderTest {

  private static final String TEMPLATE =
      "tosca_definitions_version: tosca_simple_yaml_1_3\n"
          + "metadata:\n  template_name: t\n  template_author: me\n  template_version: 1.0\n"
          + "topology_template: {}\n";
  private static final String META =
      "TOSCA-Meta-File-Version: 1.0\nCSAR-Version: 1.1\nCreated-By: us\n"
          + "Entry-Definitions: Definitions/main.yaml\n";

  @TempDir Path tmp;

  private final PackageReader reader = new PackageReader();
  private final Diagnostics diags = new Diagnostics();

  // ---- helpers ----

  private Path zip(String name, Map<String, String> entries) throws IOException {
    Map<String, byte[]> bytes = new LinkedHashMap<>();
    entries.forEach((k, v) -> bytes.put(k, v.getBytes(UTF_8)));
    return zipBytes(name, bytes);
  }

  private Path zipBytes(String name, Map<String, byte[]> entries) throws IOException {
    Path p = tmp.resolve(name);
    try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(p))) {
      for (Map.Entry<String, byte[]> e : entries.entrySet()) {
        out.putNextEntry(new ZipEntry(e.getKey()));
        out.write(e.getValue());
        out.closeEntry();
      }
    }
    return p;
  }

  private static Map<String, String> basic(String... more) {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("TOSCA-Metadata/TOSCA.meta", META);
    m.put("Definitions/main.yaml", TEMPLATE);
    for (int i = 0; i + 1 < more.length; i += 2) {
      m.put(more[i], more[i + 1]);
    }
    return m;
  }

  private List<String> codes() {
    return diags.sorted().stream().filter(Diagnostic::isError).map(d -> d.code().id()).toList();
  }

  private static String hex(String algorithm, String text) throws Exception {
    return HexFormat.of()
        .formatHex(MessageDigest.getInstance(algorithm).digest(text.getBytes(UTF_8)));
  }

  // ---- TOSCA.meta ----

  @Test
  void opensZipWithToscaMetaAndFindsEntryDefinitions() throws IOException {
    Optional<OpenedPackage> pkg = reader.open(zip("ok.zip", basic()), diags);

    assertThat(diags.sorted()).isEmpty();
    assertThat(pkg).isPresent();
    assertThat(pkg.get().entryDefinitions()).isEqualTo("Definitions/main.yaml");
    assertThat(pkg.get().hasToscaMeta()).isTrue();
    assertThat(pkg.get().metadata()).containsEntry("CSAR-Version", "1.1");
    assertThat(pkg.get().metadata().get("created-by")).isEqualTo("us");
    assertThat(pkg.get().source().displayName()).isEqualTo("ok.zip");
    assertThat(pkg.get().source().exists("Definitions")).isTrue();
    assertThat(pkg.get().source().read("Definitions/../Definitions/main.yaml")).isPresent();
  }

  @Test
  void acceptsSol004MetaWithFileBlocksSeparatedByBlankLines() throws IOException {
    String meta =
        META
            + "ETSI-Entry-Change-Log: ChangeLog.txt\n\n"
            + "Name: Files/a.img\nContent-Type: application/x-iso9660-image\n\n"
            + "Name: Files/b.img\nContent-Type: application/x-iso9660-image\n";
    Map<String, String> m = basic("ChangeLog.txt", "log");
    m.put("TOSCA-Metadata/TOSCA.meta", meta);

    assertThat(reader.open(zip("blocks.zip", m), diags)).isPresent();
    assertThat(diags.sorted()).isEmpty();
  }

  @Test
  void rejectsMetaWithoutEntryDefinitions() throws IOException {
    Map<String, String> m = basic();
    m.put(
        "TOSCA-Metadata/TOSCA.meta",
        "CSAR-Version: 1.1\nEntry-Definition: Definitions/main.yaml\n");

    assertThat(reader.open(zip("nokey.zip", m), diags)).isEmpty();
    assertThat(codes()).containsExactly("TOSCA203");
  }

  @Test
  void rejectsEntryDefinitionsKeyWithWrongCase() throws IOException {
    Map<String, String> m = basic();
    m.put("TOSCA-Metadata/TOSCA.meta", "entry-definitions: Definitions/main.yaml\n");

    assertThat(reader.open(zip("case.zip", m), diags)).isEmpty();
    assertThat(diags.sorted())
        .singleElement()
        .satisfies(
            d -> {
              assertThat(d.code().id()).isEqualTo("TOSCA203");
              assertThat(d.location().line()).isEqualTo(1);
            });
  }

  @Test
  void rejectsMetaThatIsNotKeyValueLinesWithTheLine() throws IOException {
    Map<String, String> m = basic();
    m.put(
        "TOSCA-Metadata/TOSCA.meta",
        "CSAR-Version: 1.1\nEntry-Definitions, Definitions/main.yaml\n");

    assertThat(reader.open(zip("notyaml.zip", m), diags)).isEmpty();
    assertThat(diags.sorted())
        .singleElement()
        .satisfies(
            d -> {
              assertThat(d.code().id()).isEqualTo("TOSCA202");
              assertThat(d.location().file()).isEqualTo("TOSCA-Metadata/TOSCA.meta");
              assertThat(d.location().line()).isEqualTo(2);
            });
  }

  @Test
  void rejectsMetaValueThatIsNotValidYaml() throws IOException {
    Map<String, String> m = basic();
    m.put(
        "TOSCA-Metadata/TOSCA.meta",
        "Created-By: a: b\nEntry-Definitions: Definitions/main.yaml\n");

    assertThat(reader.open(zip("badyaml.zip", m), diags)).isEmpty();
    assertThat(codes()).containsExactly("TOSCA202");
  }

  @Test
  void rejectsEntryDefinitionsThatDoesNotExist() throws IOException {
    Map<String, String> m = basic();
    m.put("TOSCA-Metadata/TOSCA.meta", "Entry-Definitions: definitions/main.yaml\n");

    assertThat(reader.open(zip("noentry.zip", m), diags)).isEmpty();
    assertThat(diags.sorted())
        .singleElement()
        .satisfies(
            d -> {
              assertThat(d.code().id()).isEqualTo("TOSCA204");
              assertThat(d.location().line()).isEqualTo(1);
            });
  }

  @Test
  void rejectsEntryDefinitionsEscapingRoot() throws IOException {
    Map<String, String> m = basic();
    m.put("TOSCA-Metadata/TOSCA.meta", "Entry-Definitions: ../main.yaml\n");

    assertThat(reader.open(zip("escape.zip", m), diags)).isEmpty();
    assertThat(codes()).containsExactly("TOSCA206");
  }

  // ---- no TOSCA-Metadata ----

  @Test
  void opensSingleRootYamlWithoutMetaAndReadsItsMetadata() throws IOException {
    Optional<OpenedPackage> pkg =
        reader.open(zip("root.zip", Map.of("main.yaml", TEMPLATE, "Files/x.txt", "x")), diags);

    assertThat(diags.sorted()).isEmpty();
    assertThat(pkg).isPresent();
    assertThat(pkg.get().entryDefinitions()).isEqualTo("main.yaml");
    assertThat(pkg.get().hasToscaMeta()).isFalse();
    assertThat(pkg.get().metadata()).containsEntry("template_author", "me");
  }

  @Test
  void rejectsTwoRootYamlsWithoutMeta() throws IOException {
    assertThat(reader.open(zip("two.zip", Map.of("a.yaml", TEMPLATE, "b.yml", TEMPLATE)), diags))
        .isEmpty();
    assertThat(codes()).containsExactly("TOSCA205");
  }

  @Test
  void rejectsPackageWithNeitherMetaNorRootYaml() throws IOException {
    assertThat(reader.open(zip("none.zip", Map.of("Definitions/a.yaml", TEMPLATE)), diags))
        .isEmpty();
    assertThat(codes()).containsExactly("TOSCA201");
  }

  @Test
  void rejectsRootYamlOfToscaSimpleProfile10WithoutMeta() throws IOException {
    String v10 = "tosca_definitions_version: tosca_simple_yaml_1_0\ntopology_template: {}\n";

    assertThat(reader.open(zip("v10.zip", Map.of("a.yaml", v10)), diags)).isEmpty();
    assertThat(diags.sorted())
        .singleElement()
        .satisfies(
            d -> {
              assertThat(d.code().id()).isEqualTo("TOSCA201");
              assertThat(d.location().file()).isEqualTo("a.yaml");
              assertThat(d.location().line()).isEqualTo(1);
            });
  }

  // ---- hostile zips ----

  @Test
  void reportsFileThatIsNotAZip() throws IOException {
    Path p = tmp.resolve("not.zip");
    Files.writeString(p, "This is not a zip file.");

    assertThat(reader.open(p, diags)).isEmpty();
    assertThat(codes()).containsExactly("TOSCA200");
  }

  @Test
  void reportsMissingPackageFile() {
    assertThat(reader.open(tmp.resolve("absent.zip"), diags)).isEmpty();
    assertThat(codes()).containsExactly("TOSCA210");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "../evil.yaml",
        "Definitions/../../evil.yaml",
        "/etc/evil.yaml",
        "..\\evil.yaml",
        "C:/evil.yaml"
      })
  void rejectsZipEntryEscapingRoot(String name) throws IOException {
    assertThat(reader.open(zip("slip.zip", basic(name, "x")), diags)).isEmpty();
    assertThat(codes()).containsExactly("TOSCA206");
  }

  @Test
  void rejectsZipEntriesThatNormaliseToTheSamePath() throws IOException {
    assertThat(reader.open(zip("dup.zip", basic("Definitions//main.yaml", "evil")), diags))
        .isEmpty();
    assertThat(codes()).containsExactly("TOSCA206");
  }

  @Test
  void rejectsZipWithTheSameEntryNameTwice() throws IOException {
    // ZipOutputStream refuses duplicates, so write "maiX" and rename it in place (same length).
    Path p = zip("dup2.zip", basic("Definitions/maiX.yaml", "evil"));
    String s = new String(Files.readAllBytes(p), ISO_8859_1);
    Files.write(
        p, s.replace("Definitions/maiX.yaml", "Definitions/main.yaml").getBytes(ISO_8859_1));

    assertThat(reader.open(p, diags)).isEmpty();
    assertThat(diags.sorted())
        .singleElement()
        .satisfies(
            d -> {
              assertThat(d.code().id()).isEqualTo("TOSCA206");
              assertThat(d.message()).contains("twice");
            });
  }

  @Test
  void stopsZipBombEarly() throws IOException {
    Path p = tmp.resolve("bomb.zip");
    byte[] zeros = new byte[1 << 20];
    try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(p))) {
      out.setLevel(Deflater.BEST_COMPRESSION);
      out.putNextEntry(new ZipEntry("TOSCA-Metadata/TOSCA.meta"));
      out.write(META.getBytes(UTF_8));
      out.putNextEntry(new ZipEntry("Definitions/main.yaml"));
      for (int i = 0; i < 1024; i++) { // 1 GiB of zeros, about 1 MiB compressed
        out.write(zeros);
      }
      out.closeEntry();
    }
    assertThat(Files.size(p)).isLessThan(4L << 20);

    long start = System.nanoTime();
    Optional<OpenedPackage> pkg = reader.open(p, diags);
    long millis = (System.nanoTime() - start) / 1_000_000;

    assertThat(pkg).isEmpty();
    assertThat(codes()).containsExactly("TOSCA207");
    assertThat(diags.sorted().get(0).message()).contains("zip bomb");
    assertThat(millis).isLessThan(5_000);
  }

  @Test
  void stopsEntryLargerThanTheEntryLimitWhateverItDeclares() throws IOException {
    PackageReader small = new PackageReader(new PackageReader.Limits(1 << 30, 1000, 100, 1000));
    Path p = zipBytes("big.zip", Map.of("a.yaml", new byte[5000]));

    assertThat(small.open(p, diags)).isEmpty();
    assertThat(codes()).containsExactly("TOSCA207");
  }

  @Test
  void stopsPackageLargerThanTheTotalLimit() throws IOException {
    PackageReader small = new PackageReader(new PackageReader.Limits(10_000, 8_000, 100, 1000));
    Map<String, byte[]> m = new LinkedHashMap<>();
    for (int i = 0; i < 5; i++) {
      m.put("f" + i + ".bin", new byte[3000]);
    }

    assertThat(small.open(zipBytes("total.zip", m), diags)).isEmpty();
    assertThat(codes()).containsExactly("TOSCA207");
  }

  @Test
  void rejectsZipWithTooManyEntries() throws IOException {
    PackageReader small = new PackageReader(new PackageReader.Limits(1 << 30, 1 << 20, 10, 100));
    Map<String, String> m = basic();
    for (int i = 0; i < 10; i++) {
      m.put("Files/f" + i, "x");
    }

    assertThat(small.open(zip("many.zip", m), diags)).isEmpty();
    assertThat(codes()).containsExactly("TOSCA207");
  }

  // ---- manifest ----

  @ParameterizedTest
  @ValueSource(strings = {"SHA-256", "SHA-384", "SHA-512"})
  void verifiesManifestWithEachAlgorithm(String algorithm) throws Exception {
    String mf =
        "metadata:\n  vnf_provider_id: us\n  vnf_product_name: p\n\n"
            + "Source: Definitions/main.yaml\nAlgorithm: "
            + algorithm
            + "\nHash: "
            + hex(algorithm, TEMPLATE).toUpperCase(java.util.Locale.ROOT)
            + "\n";
    Map<String, String> m = basic("main.mf", mf);

    assertThat(reader.open(zip("mf.zip", m), diags)).isPresent();
    assertThat(diags.sorted()).isEmpty();
  }

  @Test
  void reportsHashMismatchAtTheHashLine() throws Exception {
    String mf =
        "Source: Definitions/main.yaml\nAlgorithm: SHA-256\nHash: "
            + hex("SHA-256", "other")
            + "\n";
    Map<String, String> m = basic("manifest.mf", mf);
    m.put("TOSCA-Metadata/TOSCA.meta", META + "ETSI-Entry-Manifest: manifest.mf\n");

    assertThat(reader.open(zip("bad.zip", m), diags)).isPresent();
    assertThat(diags.sorted())
        .singleElement()
        .satisfies(
            d -> {
              assertThat(d.code().id()).isEqualTo("TOSCA209");
              assertThat(d.location().file()).isEqualTo("manifest.mf");
              assertThat(d.location().line()).isEqualTo(3);
            });
  }

  @Test
  void reportsUnknownHashAlgorithm() throws IOException {
    String mf =
        "Source: Definitions/main.yaml\nAlgorithm: MD5\nHash: 0123456789abcdef0123456789abcdef\n";

    reader.open(zip("md5.zip", basic("main.mf", mf)), diags);
    assertThat(diags.sorted())
        .singleElement()
        .satisfies(
            d -> {
              assertThat(d.code().id()).isEqualTo("TOSCA208");
              assertThat(d.location().line()).isEqualTo(2);
            });
  }

  @Test
  void reportsManifestEntryWhoseFileIsMissing() throws Exception {
    String mf = "Source: Files/gone.img\nAlgorithm: SHA-256\nHash: " + hex("SHA-256", "x") + "\n";

    reader.open(zip("gone.zip", basic("main.mf", mf)), diags);
    assertThat(diags.sorted())
        .singleElement()
        .satisfies(
            d -> {
              assertThat(d.code().id()).isEqualTo("TOSCA210");
              assertThat(d.severity()).isEqualTo(Severity.ERROR);
              assertThat(d.location().line()).isEqualTo(1);
            });
  }

  @Test
  void reportsMissingManifestFilesAsWarningsWhenAskedTo() throws Exception {
    String mf = "Source: Files/gone.img\nAlgorithm: SHA-256\nHash: " + hex("SHA-256", "x") + "\n";
    PackageReader lenient =
        new PackageReader(PackageReader.Limits.DEFAULT, PackageReader.MissingFiles.WARNING);

    lenient.open(zip("gone.zip", basic("main.mf", mf)), diags);
    assertThat(diags.hasErrors()).isFalse();
    assertThat(diags.sorted())
        .singleElement()
        .satisfies(d -> assertThat(d.severity()).isEqualTo(Severity.WARNING));
  }

  @Test
  void skipsManifestSourcesThatAreUrls() throws IOException {
    String mf = "Source: https://example.invalid/image.img\nAlgorithm: SHA-256\nHash: 00\n";

    reader.open(zip("url.zip", basic("main.mf", mf)), diags);
    assertThat(diags.sorted()).isEmpty();
  }

  @Test
  void reportsMalformedManifestLinesAndHashes() throws IOException {
    String mf =
        "Source: Definitions/main.yaml\nAlgorithm: SHA-256\nHash: xyz\n\nthis is not a line\n";

    reader.open(zip("junk.zip", basic("main.mf", mf)), diags);
    assertThat(diags.sorted())
        .extracting(d -> d.code().id() + "@" + d.location().line())
        .containsExactly("TOSCA208@3", "TOSCA208@5");
  }

  @Test
  void reportsManifestNamedInMetaThatDoesNotExist() throws IOException {
    Map<String, String> m = basic();
    m.put("TOSCA-Metadata/TOSCA.meta", META + "ETSI-Entry-Manifest: vnf.mf\n");

    assertThat(reader.open(zip("nomf.zip", m), diags)).isPresent();
    assertThat(codes()).containsExactly("TOSCA210");
  }

  @Test
  void verifiesHashesWrittenInToscaMetaFileBlocks() throws Exception {
    Map<String, String> m = basic("Scripts/install.sh", "echo hi\n");
    m.put(
        "TOSCA-Metadata/TOSCA.meta",
        META
            + "\nName: Scripts/install.sh\nContent-Type: text/x-sh\nAlgorithm: SHA-256\nHash: "
            + hex("SHA-256", "echo bye\n")
            + "\n");

    assertThat(reader.open(zip("metahash.zip", m), diags)).isPresent();
    assertThat(diags.sorted())
        .singleElement()
        .satisfies(
            d -> {
              assertThat(d.code().id()).isEqualTo("TOSCA209");
              assertThat(d.location().file()).isEqualTo("TOSCA-Metadata/TOSCA.meta");
              assertThat(d.location().line()).isEqualTo(9);
            });
  }

  // ---- folders ----

  private Path folder(String name, Map<String, String> files) throws IOException {
    Path root = tmp.resolve(name);
    for (Map.Entry<String, String> e : files.entrySet()) {
      Path f = root.resolve(e.getKey());
      Files.createDirectories(f.getParent());
      Files.writeString(f, e.getValue());
    }
    return root;
  }

  @Test
  void opensFolderPackage() throws Exception {
    String mf =
        "Source: Definitions/main.yaml\nAlgorithm: SHA-512\nHash: "
            + hex("SHA-512", TEMPLATE)
            + "\n";
    Path root = folder("pkg", basic("main.mf", mf));

    Optional<OpenedPackage> pkg = reader.open(root, diags);

    assertThat(diags.sorted()).isEmpty();
    assertThat(pkg).isPresent();
    assertThat(pkg.get().entryDefinitions()).isEqualTo("Definitions/main.yaml");
    assertThat(pkg.get().source().displayName()).isEqualTo("pkg");
    assertThat(pkg.get().source().files())
        .containsExactly("Definitions/main.yaml", "TOSCA-Metadata/TOSCA.meta", "main.mf");
    assertThat(pkg.get().source().exists("TOSCA-Metadata")).isTrue();
  }

  @Test
  void folderSourceNeverReadsOutsideItsRoot() throws IOException {
    Path root = folder("inner", basic());
    Files.writeString(tmp.resolve("secret.txt"), "secret");
    DirectorySource src = new DirectorySource(root);

    assertThat(src.read("../secret.txt")).isEmpty();
    assertThat(src.read("/etc/passwd")).isEmpty();
    assertThat(src.exists("..")).isFalse();
    assertThat(src.read("./Definitions/main.yaml")).isPresent();
  }

  @Test
  void reportsAndIgnoresSymlinkEscapingFolderRoot() throws IOException {
    Path root = folder("linked", basic());
    Path secret = Files.writeString(tmp.resolve("secret.yaml"), "secret");
    try {
      Files.createSymbolicLink(root.resolve("Definitions/leak.yaml"), secret);
      Files.createSymbolicLink(
          root.resolve("Definitions/inside.yaml"), root.resolve("Definitions/main.yaml"));
    } catch (UnsupportedOperationException | IOException e) {
      org.junit.jupiter.api.Assumptions.abort("symbolic links are not supported here");
    }

    Optional<OpenedPackage> pkg = reader.open(root, diags);

    assertThat(pkg).isPresent();
    assertThat(diags.sorted())
        .singleElement()
        .satisfies(
            d -> {
              assertThat(d.code().id()).isEqualTo("TOSCA206");
              assertThat(d.location().file()).isEqualTo("Definitions/leak.yaml");
            });
    assertThat(pkg.get().source().files())
        .doesNotContain("Definitions/leak.yaml")
        .contains("Definitions/inside.yaml");
    assertThat(pkg.get().source().read("Definitions/leak.yaml")).isEmpty();
  }

  @Test
  void reportsSymlinkedEntryDefinitionsLeavingTheRoot() throws IOException {
    Path root = folder("linked2", Map.of("TOSCA-Metadata/TOSCA.meta", META));
    Path secret = Files.writeString(tmp.resolve("outside.yaml"), TEMPLATE);
    try {
      Files.createDirectories(root.resolve("Definitions"));
      Files.createSymbolicLink(root.resolve("Definitions/main.yaml"), secret);
    } catch (UnsupportedOperationException | IOException e) {
      org.junit.jupiter.api.Assumptions.abort("symbolic links are not supported here");
    }

    assertThat(reader.open(root, diags)).isEmpty();
    assertThat(codes()).containsExactlyInAnyOrder("TOSCA206", "TOSCA204");
  }
}
