package org.nfpvnfm.tosca;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.nfpvnfm.tosca.internal.Diagnostics;
import org.nfpvnfm.tosca.internal.loader.DescriptorLoading;
import org.nfpvnfm.tosca.internal.nfp.NfpExtractor;
import org.nfpvnfm.tosca.internal.yaml.SafeYamlReader;
import org.nfpvnfm.tosca.nfp.NfpModel;

/**
 * The TOSCA front end's entry point: loads a descriptor (a YAML file, a package folder, or a {@code
 * .zip}/{@code .csar} package) into a validated {@link ServiceTemplate}. Never throws for a problem
 * in the descriptor: every problem is a {@link Diagnostic} in the result. Thread-safe and cheap to
 * share; built-in type files are parsed once per JVM.
 */
public final class ToscaLoader {
  private final SafeYamlReader.Limits limits;

  private ToscaLoader(SafeYamlReader.Limits limits) {
    this.limits = limits;
  }

  public static ToscaLoader create() {
    return new ToscaLoader(SafeYamlReader.Limits.DEFAULT);
  }

  public LoadResult load(Path path) {
    return load(path, Map.of());
  }

  /** Loads {@code path} with values for the topology's inputs (others take their defaults). */
  public LoadResult load(Path path, Map<String, @Nullable Object> inputValues) {
    Diagnostics diags = new Diagnostics();
    String shown = path.toString();
    ServiceTemplate template = null;
    if (!Files.exists(path)) {
      diags.report(
          DiagnosticCode.PKG_FILE_MISSING,
          SourceLocation.ofFile(shown),
          "\"%s\" does not exist".formatted(shown));
    } else {
      try {
        template = DescriptorLoading.load(path, inputValues, new SafeYamlReader(limits), diags);
      } catch (IOException e) {
        diags.report(
            DiagnosticCode.PKG_FILE_MISSING,
            SourceLocation.ofFile(shown),
            "\"%s\" cannot be read: %s".formatted(shown, e.getMessage()));
      }
    }
    NfpModel nfp = null;
    if (template != null && !diags.hasErrors()) {
      nfp = NfpExtractor.extract(template, diags);
    }
    boolean ok = !diags.hasErrors();
    return new LoadResult(shown, ok ? template : null, ok ? nfp : null, diags.sorted());
  }
}
