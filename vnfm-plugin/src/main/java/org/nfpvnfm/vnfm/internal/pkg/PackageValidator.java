package org.nfpvnfm.vnfm.internal.pkg;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.nfpvnfm.engine.NfpCompiler;
import org.nfpvnfm.nf.FunctionCheck;
import org.nfpvnfm.tosca.Diagnostic;
import org.nfpvnfm.tosca.LoadResult;
import org.nfpvnfm.tosca.ServiceTemplate;
import org.nfpvnfm.tosca.SourceLocation;
import org.nfpvnfm.tosca.ToscaLoader;

/**
 * Decides whether a package's zip can be onboarded, with the checks {@code nfp validate} makes: the
 * TOSCA front end (YAML, SOL004 structure and manifest hashes, TOSCA types and values, the NFP
 * extension), the NFP engine (rules that contradict each other), and the NF implementations the
 * action profiles name (installed, configuration accepted, profile covered). Only error diagnostics
 * refuse a package; each is reported as {@code file:line:column: error CODE: message}.
 */
final class PackageValidator {
  /** How many diagnostics a failure's detail lists before it says how many more there are. */
  static final int MAX_LISTED = 50;

  /** What the package content is called in diagnostics, rather than the server's file path. */
  static final String SHOWN_NAME = "package.zip";

  private final ToscaLoader loader = ToscaLoader.create();
  private final NfpCompiler compiler = NfpCompiler.create();
  private final FunctionCheck functions = new FunctionCheck();

  /** The outcome: a package that can be onboarded, or why not. */
  sealed interface Validation {}

  /**
   * @param identity the VNFD's identity
   * @param layout where things are in the zip
   */
  record Valid(VnfdIdentity identity, PackageLayout layout) implements Validation {}

  /**
   * @param summary one sentence
   * @param errors the error diagnostics, formatted
   */
  record Invalid(String summary, List<String> errors) implements Validation {
    Invalid {
      errors = List.copyOf(errors);
    }

    /** The onboarding failure's detail: the summary, then one diagnostic per line. */
    String detail() {
      StringBuilder b = new StringBuilder(summary);
      int listed = Math.min(errors.size(), MAX_LISTED);
      for (int i = 0; i < listed; i++) {
        b.append('\n').append(errors.get(i));
      }
      if (errors.size() > listed) {
        b.append("\n(and ").append(errors.size() - listed).append(" more errors)");
      }
      return b.toString();
    }
  }

  /** Validates the package at {@code zip} (a file named {@code *.zip}). */
  Validation validate(Path zip) throws IOException {
    LoadResult loaded = loader.load(zip);
    List<Diagnostic> errors = new ArrayList<>(loaded.errors());
    Optional<ServiceTemplate> template = loaded.serviceTemplate();
    if (errors.isEmpty() && loaded.nfp() != null) {
      compiler.compile(loaded.nfp()).diagnostics().stream()
          .filter(Diagnostic::isError)
          .forEach(errors::add);
      functions.check(loaded).stream().filter(Diagnostic::isError).forEach(errors::add);
    }
    if (!errors.isEmpty() || template.isEmpty()) {
      errors.sort(Diagnostic.BY_LOCATION);
      String where = zip.toAbsolutePath().toString();
      List<String> lines = errors.stream().map(d -> format(d, where)).toList();
      return new Invalid(
          "the package is not a valid VNF package: "
              + lines.size()
              + (lines.size() == 1 ? " error" : " errors")
              + " (code, file:line:column, message):",
          lines);
    }
    ServiceTemplate t = template.get();
    Optional<VnfdIdentity> identity = VnfdIdentity.of(t);
    if (identity.isEmpty()) {
      return new Invalid(VnfdIdentity.missing(t), List.of());
    }
    return new Valid(identity.get(), PackageLayout.read(zip, t.file()));
  }

  /** A diagnostic as a compiler prints it, with the server's path of the zip replaced. */
  static String format(Diagnostic d, String serverPath) {
    SourceLocation l = d.location();
    String file = hide(l.file(), serverPath);
    SourceLocation shown = new SourceLocation(file, l.line(), l.column());
    return shown
        + ": "
        + d.severity().word()
        + " "
        + d.code().id()
        + ": "
        + hide(d.message(), serverPath);
  }

  private static String hide(String text, String serverPath) {
    String out = text.replace(serverPath, SHOWN_NAME);
    Path p = Path.of(serverPath);
    Path parent = p.getParent();
    if (parent != null) {
      out = out.replace(parent + java.io.File.separator, "");
    }
    return out;
  }
}
