package org.nfpvnfm.engine.reference;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.nfpvnfm.engine.Compilation;
import org.nfpvnfm.engine.NfpCompiler;
import org.nfpvnfm.engine.ServiceGraph;
import org.nfpvnfm.tosca.SourceLocation;
import org.nfpvnfm.tosca.nfp.ActionProfile;
import org.nfpvnfm.tosca.nfp.ForwardingGraph;
import org.nfpvnfm.tosca.nfp.NetworkFunction;
import org.nfpvnfm.tosca.nfp.NfpModel;
import org.nfpvnfm.tosca.nfp.NfpRule;

/** Builds NFP models in code, compiles them, and writes rules back in the policy language. */
final class Policies {
  static final SourceLocation LOC = SourceLocation.ofFile("test.yaml");

  private Policies() {}

  static NetworkFunction nf(String name, @Nullable ActionProfile profile) {
    return new NetworkFunction(name, null, profile, LOC);
  }

  static NfpRule order(String before, String after) {
    return new NfpRule.Order(before, after, List.of(), LOC);
  }

  static NfpRule priority(String higher, String lower) {
    return new NfpRule.Priority(higher, lower, List.of(), LOC);
  }

  static NfpRule first(String nf) {
    return new NfpRule.Position(nf, NfpRule.Placement.FIRST, List.of(), LOC);
  }

  static NfpRule last(String nf) {
    return new NfpRule.Position(nf, NfpRule.Placement.LAST, List.of(), LOC);
  }

  static NfpRule parallel(String... nfs) {
    return new NfpRule.Parallel(Arrays.asList(nfs), List.of(), LOC);
  }

  static NfpRule assign(String nf, int index) {
    return new NfpRule.Assign(nf, index, List.of(), LOC);
  }

  /** One Tacker path over every NF, in the order given. */
  static NfpModel model(List<NetworkFunction> nfs, List<NfpRule> rules) {
    List<String> names = nfs.stream().map(NetworkFunction::name).toList();
    ForwardingGraph path =
        new ForwardingGraph("chain", null, ForwardingGraph.Shape.TACKER, names, List.of(), LOC);
    return new NfpModel(nfs, List.of(path), rules);
  }

  static Compilation compileModel(List<NetworkFunction> nfs, List<NfpRule> rules) {
    return NfpCompiler.create().compile(model(nfs, rules));
  }

  /** The one service graph; fails with the diagnostics when the policy is rejected. */
  static ServiceGraph compile(List<NetworkFunction> nfs, List<NfpRule> rules) {
    Compilation c = compileModel(nfs, rules);
    if (!c.ok() || c.serviceGraphs().size() != 1) {
      throw new AssertionError(
          "expected one service graph for " + text(rules) + ", got diagnostics " + c.diagnostics());
    }
    return c.serviceGraphs().getFirst();
  }

  /** {@code order(A, before, B)}, {@code priority(A > B)}, ... */
  static String text(NfpRule rule) {
    return switch (rule) {
      case NfpRule.Order o -> "order(%s, before, %s)".formatted(o.before(), o.after());
      case NfpRule.Priority p -> "priority(%s > %s)".formatted(p.higher(), p.lower());
      case NfpRule.Position p ->
          "position(%s, %s)"
              .formatted(p.nf(), p.placement().name().toLowerCase(java.util.Locale.ROOT));
      case NfpRule.Parallel p -> "parallel(" + String.join(", ", p.nfs()) + ")";
      case NfpRule.Assign a -> "assign(%s, %d)".formatted(a.nf(), a.index());
    };
  }

  static String text(List<NfpRule> rules) {
    return rules.stream().map(Policies::text).collect(Collectors.joining("; ", "[", "]"));
  }

  /** Packets with distinct, readable field values. */
  static List<Packet> packets(int n) {
    List<Packet> ps = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      List<Long> headers = new ArrayList<>();
      for (int f = 0; f < Packet.HEADER_FIELDS.size(); f++) {
        headers.add(1000L * i + f);
      }
      List<Long> stack = new ArrayList<>();
      for (int s = 0; s < i % 3; s++) {
        stack.add(100L + s);
      }
      ps.add(new Packet(headers, 500L + i, stack));
    }
    return ps;
  }
}
