package org.nfpvnfm.nf;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.nfpvnfm.cli.DescriptorCheck;
import org.nfpvnfm.dpdk.nf.NetworkFunction;
import org.nfpvnfm.nf.profile.ProfileCheck;
import org.nfpvnfm.tosca.Diagnostic;
import org.nfpvnfm.tosca.DiagnosticCode;
import org.nfpvnfm.tosca.LoadResult;
import org.nfpvnfm.tosca.nfp.NfImplementation;
import org.nfpvnfm.tosca.nfp.NfpModel;

/**
 * Checks, wherever {@code nfp validate} and {@code nfp samples} load a descriptor, the
 * implementations its action profiles name: the NF type must be installed (NFP010), must accept its
 * {@code config} (NFP011, each problem by key), and the descriptor's profile, from which the engine
 * builds the parallel graph, must cover what the implementation declares (NFP012). The
 * configuration is checked the only way that cannot drift from what a node will do: by making the
 * NF.
 */
public final class FunctionCheck implements DescriptorCheck {

  @Override
  public List<Diagnostic> check(LoadResult loaded) {
    NfpModel model = loaded.nfp();
    if (model == null) {
      return List.of();
    }
    NfRegistry registry = NfRegistry.load();
    List<Diagnostic> out = new ArrayList<>();
    for (org.nfpvnfm.tosca.nfp.NetworkFunction nf : model.nfs()) {
      NfImplementation impl = nf.implementation();
      if (impl == null) {
        continue;
      }
      NfProvider provider = registry.find(impl.function()).orElse(null);
      if (provider == null) {
        out.add(
            Diagnostic.of(
                DiagnosticCode.NF_UNKNOWN_FUNCTION,
                impl.location(),
                "NF \"%s\": function \"%s\" is not installed (installed: %s)"
                    .formatted(nf.name(), impl.function(), String.join(", ", registry.types()))));
        continue;
      }
      try {
        close(provider.create(new NfConfig(nf.name(), impl.config(), Map.of())));
      } catch (NfConfigException e) {
        out.add(
            Diagnostic.of(
                DiagnosticCode.NF_BAD_CONFIG,
                impl.location(),
                "NF \"%s\" (function %s): %s"
                    .formatted(nf.name(), impl.function(), String.join("; ", e.problems()))));
      }
      if (nf.profile() != null) {
        List<String> missing =
            ProfileCheck.compare(nf.profile(), provider.profile()).stream()
                .filter(f -> f.severity() == ProfileCheck.Severity.ERROR)
                .map(f -> f.message().replace(" but declares", " while the descriptor says"))
                .toList();
        if (!missing.isEmpty()) {
          out.add(
              Diagnostic.of(
                  DiagnosticCode.NF_PROFILE_BELOW_IMPLEMENTATION,
                  impl.location(),
                  "NF \"%s\": its implementation %s %s"
                      .formatted(nf.name(), impl.function(), String.join("; ", missing))));
        }
      }
    }
    return out;
  }

  /** An NF made only to check its configuration may hold a socket or a file: give it back. */
  private static void close(NetworkFunction nf) {
    if (nf instanceof AutoCloseable c) {
      try {
        c.close();
      } catch (Exception e) {
        // Nothing to report: the check is about the configuration, which was accepted.
      }
    }
  }
}
