package org.nfpvnfm.engine.internal;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.nfpvnfm.tosca.Diagnostic;
import org.nfpvnfm.tosca.DiagnosticCode;
import org.nfpvnfm.tosca.SourceLocation;
import org.nfpvnfm.tosca.nfp.Access;
import org.nfpvnfm.tosca.nfp.ActionProfile;
import org.nfpvnfm.tosca.nfp.Classifier;
import org.nfpvnfm.tosca.nfp.ForwardingGraph;
import org.nfpvnfm.tosca.nfp.NetworkFunction;
import org.nfpvnfm.tosca.nfp.NfpModel;
import org.nfpvnfm.tosca.nfp.NfpRule;
import org.nfpvnfm.tosca.nfp.PacketField;

/**
 * Pass 1, resolve: the graph's NFs (ids in the graph's own order), their profiles, and the rules
 * that apply to it, with NFP005 for a rule naming an NF outside the graph (the rule is dropped) and
 * NFP006 for an NF without a profile (it gets {@link #ASSUMED}).
 */
final class GraphInput {

  /** What the engine assumes of an NF with no profile: everything, so it stays sequential. */
  static final ActionProfile ASSUMED;

  static {
    Map<PacketField, Access> all = new EnumMap<>(PacketField.class);
    for (PacketField f : PacketField.values()) {
      all.put(f, Access.READ_WRITE);
    }
    ASSUMED = new ActionProfile("unknown (no profile: assumed to do everything)", all, true, true);
  }

  final String name;
  final List<String> names = new ArrayList<>();
  final List<ActionProfile> profiles = new ArrayList<>();
  final List<Boolean> declared = new ArrayList<>();
  final List<NfpRule> rules = new ArrayList<>();
  final List<Classifier> classifiers;
  final SourceLocation location;
  final Map<String, Integer> ids = new HashMap<>();
  final List<Diagnostic> diagnostics = new ArrayList<>();

  private GraphInput(String name, List<Classifier> classifiers, SourceLocation location) {
    this.name = name;
    this.classifiers = classifiers;
    this.location = location;
  }

  static GraphInput of(NfpModel model, ForwardingGraph graph) {
    GraphInput in = new GraphInput(graph.name(), graph.classifiers(), graph.location());
    Map<String, NetworkFunction> byName = new HashMap<>();
    for (NetworkFunction nf : model.nfs()) {
      byName.putIfAbsent(nf.name(), nf);
    }
    for (String nf : graph.nfs()) {
      in.addNf(nf, byName.get(nf));
    }
    in.addRules(model.rulesFor(graph.name()));
    return in;
  }

  static GraphInput implicit(NfpModel model, String name) {
    SourceLocation where =
        model.nfs().isEmpty()
            ? SourceLocation.ofFile("?")
            : SourceLocation.ofFile(model.nfs().get(0).location().file());
    GraphInput in = new GraphInput(name, List.of(), where);
    for (NetworkFunction nf : model.nfs()) {
      in.addNf(nf.name(), nf);
    }
    in.addRules(model.rules());
    return in;
  }

  int size() {
    return names.size();
  }

  private void addNf(String nf, @Nullable NetworkFunction declaredNf) {
    if (ids.containsKey(nf)) {
      return;
    }
    ids.put(nf, names.size());
    names.add(nf);
    ActionProfile p = declaredNf == null ? null : declaredNf.profile();
    if (p == null) {
      SourceLocation at = declaredNf == null ? location : declaredNf.location();
      diagnostics.add(
          Diagnostic.of(
              DiagnosticCode.ENGINE_NO_PROFILE,
              at,
              "graph %s: NF %s has no action profile; the engine assumes it reads, writes, adds headers and drops, so it runs sequentially with every other NF"
                  .formatted(name, nf)));
      profiles.add(ASSUMED);
      declared.add(false);
    } else {
      profiles.add(p);
      declared.add(true);
    }
  }

  private void addRules(List<NfpRule> candidates) {
    for (NfpRule r : candidates) {
      if (allKnown(r)) {
        rules.add(r);
      } else {
        List<String> unknown = r.nfs().stream().filter(n -> !ids.containsKey(n)).toList();
        diagnostics.add(
            Diagnostic.of(
                DiagnosticCode.ENGINE_UNKNOWN_NF,
                r.origin(),
                "%s names %s, which graph %s does not visit (its NFs: %s); the rule is ignored"
                    .formatted(
                        Rules.describe(r),
                        String.join(", ", unknown),
                        name,
                        String.join(", ", names))));
      }
    }
  }

  private boolean allKnown(NfpRule r) {
    return switch (r) {
      case NfpRule.Order o -> ids.containsKey(o.before()) && ids.containsKey(o.after());
      case NfpRule.Priority p -> ids.containsKey(p.higher()) && ids.containsKey(p.lower());
      case NfpRule.Assign a -> ids.containsKey(a.nf());
      case NfpRule.Position p -> ids.containsKey(p.nf());
      case NfpRule.Parallel p -> p.nfs().stream().allMatch(ids::containsKey);
    };
  }

  int id(String nf) {
    Integer id = ids.get(nf);
    if (id == null) {
      throw new IllegalStateException("rule names " + nf + " after resolution dropped it");
    }
    return id;
  }
}
