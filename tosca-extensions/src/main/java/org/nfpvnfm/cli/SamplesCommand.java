package org.nfpvnfm.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.nfpvnfm.tosca.Diagnostic;
import org.nfpvnfm.tosca.LoadResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code nfp samples}: checks every bundled sample: {@code samples-vnfd/valid/*} must load without
 * errors, {@code samples-vnfd/invalid/*} must fail with exactly the diagnostics its {@code
 * .expected} file lists.
 */
@Command(
    name = "samples",
    mixinStandardHelpOptions = true,
    versionProvider = Nfp.Version.class,
    description = {
      "Check the bundled samples.",
      "Each samples-vnfd/valid/ sample must load without errors; each samples-vnfd/invalid/"
          + " sample must fail with exactly the diagnostics its .expected file lists."
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:every sample behaved as expected",
      "1:a sample did not, or there are no samples",
      "2:usage error"
    })
public final class SamplesCommand implements Callable<Integer>, NfpSubcommand {

  @Spec @Nullable CommandSpec spec;

  @Option(
      names = "--samples",
      paramLabel = "DIR",
      description =
          "The samples folder (default: samples-vnfd under the nfp.home system property, else"
              + " under the first folder upwards from the working directory that has one).")
  @Nullable Path samples;

  @Override
  public Object command() {
    return new SamplesCommand();
  }

  @Override
  public Integer call() throws IOException {
    PrintWriter out = Objects.requireNonNull(spec).commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    Path dir = samples != null ? samples : findSamples();
    if (dir == null || !Files.isDirectory(dir)) {
      err.println(
          "nfp samples: no samples folder "
              + (dir == null ? "samples-vnfd found upwards from " + workingDirectory() : dir)
              + ". Run it from the repository (./nfp samples) or pass --samples DIR.");
      err.flush();
      return Nfp.EXIT_PROBLEMS;
    }
    List<Row> rows = new ArrayList<>();
    DescriptorChecks loader = new DescriptorChecks();
    for (Path sample : samplesIn(dir.resolve("valid"))) {
      LoadResult result = loader.load(sample);
      rows.add(checkValid(dir, sample, result, loader.describe(result)));
    }
    for (Path sample : samplesIn(dir.resolve("invalid"))) {
      rows.add(checkInvalid(dir, sample, loader));
    }
    print(out, dir, rows);
    out.flush();
    return !rows.isEmpty() && rows.stream().allMatch(Row::passed) ? 0 : Nfp.EXIT_PROBLEMS;
  }

  /** One sample's verdict; {@code details} explain a failure line by line. */
  private record Row(String sample, boolean passed, String diagnostics, List<String> details) {}

  private static Row checkValid(
      Path dir, Path sample, LoadResult result, List<String> description) {
    String name = dir.relativize(sample).toString();
    List<String> details =
        result.ok()
            ? description
            : result.diagnostics().stream().map(Diagnostic::toString).toList();
    return new Row(name, result.ok(), Summaries.line(result), details);
  }

  private static Row checkInvalid(Path dir, Path sample, DescriptorChecks loader)
      throws IOException {
    String name = dir.relativize(sample).toString();
    Path expectedFile = expectedFileOf(sample);
    if (expectedFile == null) {
      return new Row(
          name,
          false,
          "no expected diagnostics",
          List.of(
              "missing "
                  + dir.relativize(sample.resolveSibling(sample.getFileName() + ".expected"))
                  + ": list one 'CODE file:line' per expected diagnostic"));
    }
    LoadResult result = loader.load(sample);
    ExpectedDiagnostics.Comparison comparison =
        ExpectedDiagnostics.parse(Files.readAllLines(expectedFile, StandardCharsets.UTF_8))
            .compareWith(result.diagnostics());
    List<String> details = new ArrayList<>();
    if (result.ok()) {
      details.add("loaded without errors, but an invalid sample must be rejected");
    }
    comparison.missing().forEach(e -> details.add("expected but not reported: " + e));
    comparison.unexpected().forEach(d -> details.add("reported but not expected: " + d));
    String summary =
        result.diagnostics().stream()
            .map(Summaries::shortForm)
            .reduce((a, b) -> a + ", " + b)
            .orElse(Summaries.line(result));
    return new Row(name, details.isEmpty(), summary, details);
  }

  /** {@code name.expected} beside the sample, or {@code stem.expected} for {@code stem.yaml}. */
  private static @Nullable Path expectedFileOf(Path sample) {
    String fileName = sample.getFileName().toString();
    Path full = sample.resolveSibling(fileName + ".expected");
    if (Files.isRegularFile(full)) {
      return full;
    }
    int dot = fileName.lastIndexOf('.');
    if (dot > 0 && !Files.isDirectory(sample)) {
      Path stem = sample.resolveSibling(fileName.substring(0, dot) + ".expected");
      if (Files.isRegularFile(stem)) {
        return stem;
      }
    }
    return null;
  }

  /** Package folders, zip/csar packages and YAML files, by name; anything else is not a sample. */
  private static List<Path> samplesIn(Path dir) throws IOException {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> entries = Files.list(dir)) {
      return entries
          .filter(SamplesCommand::isSample)
          .sorted(java.util.Comparator.comparing(p -> p.getFileName().toString()))
          .toList();
    }
  }

  private static boolean isSample(Path path) {
    String name = path.getFileName().toString();
    if (name.startsWith(".")) {
      return false;
    }
    if (Files.isDirectory(path)) {
      return true;
    }
    String lower = name.toLowerCase(Locale.ROOT);
    return Stream.of(".yaml", ".yml", ".zip", ".csar").anyMatch(lower::endsWith);
  }

  private static void print(PrintWriter out, Path dir, List<Row> rows) {
    out.println("Samples in " + dir + ":");
    int width =
        Math.max(
            "SAMPLE".length(), rows.stream().mapToInt(r -> r.sample().length()).max().orElse(0));
    String format = "%-" + width + "s  %-7s  %s%n";
    out.printf(format, "SAMPLE", "VERDICT", "DIAGNOSTICS");
    for (Row row : rows) {
      out.printf(format, row.sample(), row.passed() ? "ok" : "FAILED", row.diagnostics());
      row.details().forEach(d -> out.println("    " + d));
    }
    long failed = rows.stream().filter(r -> !r.passed()).count();
    if (rows.isEmpty()) {
      out.println(
          "No samples found under " + dir.resolve("valid") + " or " + dir.resolve("invalid") + ".");
    } else if (failed == 0) {
      out.println(Summaries.plural(rows.size(), "sample") + ", all as expected.");
    } else {
      out.println(Summaries.plural(rows.size(), "sample") + ", " + failed + " not as expected.");
    }
  }

  /**
   * The bundled samples folder: {@code samples-vnfd} under the {@code nfp.home} system property
   * (the launcher sets it), else under the first folder upwards from the working directory that has
   * one; null when there is none.
   */
  public static @Nullable Path findSamples() {
    String home = System.getProperty("nfp.home");
    if (home != null && !home.isBlank()) {
      return Path.of(home).resolve("samples-vnfd");
    }
    for (Path dir = workingDirectory(); dir != null; dir = dir.getParent()) {
      if (Files.isDirectory(dir.resolve("samples-vnfd"))) {
        return dir.resolve("samples-vnfd");
      }
    }
    return null;
  }

  private static Path workingDirectory() {
    return Path.of("").toAbsolutePath();
  }
}
