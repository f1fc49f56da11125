package org.nfpvnfm.engine;

import java.nio.file.Files;
import java.nio.file.Path;
import org.nfpvnfm.tosca.LoadResult;
import org.nfpvnfm.tosca.ToscaLoader;

/** The repository's samples, found from the module's working directory. */
final class Samples {
  private Samples() {}

  static Path root() {
    Path p = Path.of("").toAbsolutePath();
    while (p != null && !Files.isDirectory(p.resolve("samples-vnfd"))) {
      p = p.getParent();
    }
    if (p == null) {
      throw new IllegalStateException(
          "samples-vnfd not found above " + Path.of("").toAbsolutePath());
    }
    return p.resolve("samples-vnfd");
  }

  static LoadResult load(String relative) {
    LoadResult r = ToscaLoader.create().load(root().resolve(relative));
    if (!r.ok() || r.nfp() == null) {
      throw new IllegalStateException(relative + " did not load: " + r.diagnostics());
    }
    return r;
  }

  static Compilation compile(String relative) {
    return NfpCompiler.create().compile(java.util.Objects.requireNonNull(load(relative).nfp()));
  }
}
