package org.nfpvnfm.engine.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.nfpvnfm.cli.Nfp;
import picocli.CommandLine;

/** Runs {@code nfp} in-process with captured output, and finds the repository's samples. */
final class Cli {

  private Cli() {}

  record Run(int exitCode, String out, String err) {
    @Override
    public String toString() {
      return "exit " + exitCode + "\n--- out:\n" + out + "--- err:\n" + err;
    }
  }

  static Run nfp(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cli = Nfp.commandLine();
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    int exitCode = cli.execute(args);
    return new Run(exitCode, out.toString(), err.toString());
  }

  /** The checkout: the first folder upwards from the working directory holding samples-vnfd. */
  static Path repository() {
    Path start = Path.of("").toAbsolutePath();
    for (Path p = start; p != null; p = p.getParent()) {
      if (Files.isDirectory(p.resolve("samples-vnfd"))) {
        return p;
      }
    }
    throw new IllegalStateException("no samples-vnfd folder above " + start);
  }

  static Path sample(String relative) {
    return repository().resolve("samples-vnfd/valid").resolve(relative);
  }

  static final String TACKER = "paper-chain-tacker-vnffgd.yaml";
  static final String SOL004 = "paper-chain-sol004";
  static final String DATACENTER = "datacenter-north-south";

  /** The 1-based number of the first line of {@code file} that contains {@code text}. */
  static int lineOf(Path file, String text) throws IOException {
    List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).contains(text)) {
        return i + 1;
      }
    }
    throw new IllegalStateException(file + " has no line containing " + text);
  }
}
