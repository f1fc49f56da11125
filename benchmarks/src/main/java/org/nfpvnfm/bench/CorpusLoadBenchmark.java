package org.nfpvnfm.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.nfpvnfm.tosca.LoadResult;
import org.nfpvnfm.tosca.ToscaLoader;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.Blackhole;

/**
 * How long {@link ToscaLoader#load(Path)} takes over the shared TOSCA corpus: every row of {@code
 * shared/tosca-corpus/EXPECTED.tsv} (valid and invalid alike, as {@code CorpusConformanceTest}
 * loads them), and one large ETSI SOL001 VNFD alone. The files are read from disk on every load, as
 * the loader does in production; after warm-up they sit in the OS page cache.
 *
 * <p>The corpus is {@code -Dnfp.corpus=PATH} when set, otherwise the first {@code
 * shared/tosca-corpus} (or {@code ../shared/tosca-corpus}) found walking up from the working
 * directory, the same lookup as the conformance test's {@code Corpus}.
 */
@BenchmarkMode(Mode.AverageTime)
public class CorpusLoadBenchmark {

  /** Every descriptor of the corpus, in EXPECTED.tsv order. */
  @State(Scope.Benchmark)
  public static class CorpusState {
    ToscaLoader loader = ToscaLoader.create();
    List<Path> descriptors = List.of();

    @Setup(Level.Trial)
    public void readCorpus() {
      Path root = corpusRoot();
      List<Path> paths = new ArrayList<>();
      for (String line : readLines(root.resolve("EXPECTED.tsv"))) {
        if (!line.isBlank()) {
          paths.add(existing(root.resolve(line.split("\t", 2)[0])));
        }
      }
      descriptors = List.copyOf(paths);
    }
  }

  /** One descriptor, a corpus path; the default is a free5gc VNF package (about 93 KB of YAML). */
  @State(Scope.Benchmark)
  public static class DescriptorState {
    @Param(
        "tacker-sol001-csar/samples/free5gc/vnf/sample_free5gc_vnf_package/Definitions/sample_free5gc_top.vnfd.yaml")
    public String descriptor = "";

    ToscaLoader loader = ToscaLoader.create();
    Path path = Path.of("");

    @Setup(Level.Trial)
    public void resolve() {
      path = existing(corpusRoot().resolve(descriptor));
      // A descriptor that fails early would measure the error path, not loading.
      LoadResult r = loader.load(path);
      if (!r.ok()) {
        throw new IllegalStateException(
            "%s does not load cleanly (expected: a valid descriptor): %s"
                .formatted(path, r.errors()));
      }
    }
  }

  @Benchmark
  @OutputTimeUnit(TimeUnit.MILLISECONDS)
  public void loadWholeCorpus(CorpusState s, Blackhole bh) {
    for (Path p : s.descriptors) {
      bh.consume(s.loader.load(p));
    }
  }

  @Benchmark
  @OutputTimeUnit(TimeUnit.MICROSECONDS)
  public LoadResult loadOneVnfd(DescriptorState s) {
    return s.loader.load(s.path);
  }

  static Path corpusRoot() {
    String configured = System.getProperty("nfp.corpus");
    if (configured != null && !configured.isBlank()) {
      Path root = Path.of(configured).toAbsolutePath().normalize();
      if (!Files.isRegularFile(root.resolve("EXPECTED.tsv"))) {
        throw new IllegalStateException(
            "-Dnfp.corpus=%s has no EXPECTED.tsv (expected: the shared/tosca-corpus folder)"
                .formatted(configured));
      }
      return root;
    }
    Path start = Path.of("").toAbsolutePath();
    for (Path p = start; p != null; p = p.getParent()) {
      for (Path c :
          List.of(p.resolve("shared/tosca-corpus"), p.resolve("../shared/tosca-corpus"))) {
        if (Files.isRegularFile(c.resolve("EXPECTED.tsv"))) {
          return c.normalize();
        }
      }
    }
    throw new IllegalStateException(
        "no shared/tosca-corpus above %s; pass -Dnfp.corpus=PATH".formatted(start));
  }

  private static Path existing(Path p) {
    if (!Files.exists(p)) {
      throw new IllegalStateException(
          "%s is listed in EXPECTED.tsv but does not exist".formatted(p));
    }
    return p;
  }

  private static List<String> readLines(Path p) {
    try {
      return Files.readAllLines(p);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
