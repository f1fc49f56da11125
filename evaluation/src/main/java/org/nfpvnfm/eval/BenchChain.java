package org.nfpvnfm.eval;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.nfpvnfm.dpdk.bench.SyntheticNf;
import org.nfpvnfm.dpdk.nf.NfFactory;
import org.nfpvnfm.engine.Compilation;
import org.nfpvnfm.engine.NfpCompiler;
import org.nfpvnfm.engine.ServiceGraph;
import org.nfpvnfm.nf.NfConfig;
import org.nfpvnfm.nf.NfProvider;
import org.nfpvnfm.nf.NfRegistry;
import org.nfpvnfm.tosca.LoadResult;
import org.nfpvnfm.tosca.ToscaLoader;
import org.nfpvnfm.tosca.nfp.Access;
import org.nfpvnfm.tosca.nfp.ActionProfile;
import org.nfpvnfm.tosca.nfp.BuiltInProfiles;
import org.nfpvnfm.tosca.nfp.PacketField;

/**
 * A chain of built-in NFs as an experiment runs it: a descriptor written for it (each NF's action
 * profile exactly what its implementation declares, the chain as order rules), compiled by the
 * engine into the parallel graph and its sequential plan, and the real NFs to run.
 *
 * @param parallel the engine's graph
 * @param sequential the same NFs as the reference chain, step by step
 * @param nfs makes each NF afresh from its type and configuration
 */
record BenchChain(String title, ServiceGraph parallel, ServiceGraph sequential, NfFactory nfs) {

  /** One NF of the chain: its name in the descriptor, its type, its configuration. */
  record Member(String name, String type, Map<String, Object> config) {}

  private static final NfRegistry REGISTRY = NfRegistry.load();

  /**
   * Compiles the chain {@code members} (in order). With {@code forceCopies} every NF's profile also
   * declares a write of a header field it does not touch (DSCP, else TTL, else a MAC): a declared
   * superset is allowed (the graph stays correct), and the engine then gives the NFs of a parallel
   * block copies and the merger a field to take from one of them: the paper's "with copy" runs.
   */
  static BenchChain of(String title, List<Member> members, boolean forceCopies) {
    return of(title, members, forceCopies, false);
  }

  /**
   * As {@link #of(String, List, boolean)}; with {@code together} the operator declares the NFs
   * independent, as {@code priority(A > B)} between neighbours instead of {@code order(A, before,
   * B)}: a priority pair always runs in parallel, every conflict resolved for the higher NF (the
   * way to run, say, several firewalls side by side, which an order rule keeps sequential since a
   * dropping NF before a reading one would let it see packets it must not). The sequential chain
   * compared with it is then the NFs in order: the two differ only when the NFs' drop verdicts
   * disagree (in order, any drop drops; together, the higher NF's verdict stands), which NFs of one
   * type with one configuration never do.
   */
  static BenchChain of(String title, List<Member> members, boolean forceCopies, boolean together) {
    Map<String, Member> byName = new HashMap<>();
    members.forEach(m -> byName.put(m.name(), m));
    NfFactory nfs =
        (graph, nf) -> {
          Member m = byName.get(nf.name());
          if (m == null) {
            throw new IllegalArgumentException("no NF " + nf.name() + " in " + title);
          }
          int rounds = synthetic(m.type());
          if (rounds >= 0) {
            return new SyntheticNf(rounds, false);
          }
          return provider(m.type()).create(NfConfig.of(m.name(), m.config()));
        };
    // Declared independent, the NFs form one step of the reference chain, whose sequential plan
    // is still that block: the sequential chain to compare with is the same NFs in order.
    return new BenchChain(
        title,
        compile(yaml(title, members, forceCopies, together), NfpCompiler.Plan.PARALLEL),
        compile(yaml(title, members, forceCopies, false), NfpCompiler.Plan.SEQUENTIAL),
        nfs);
  }

  private static String yaml(
      String title, List<Member> members, boolean forceCopies, boolean together) {
    StringBuilder y = new StringBuilder();
    y.append("tosca_definitions_version: tosca_simple_yaml_1_3\n")
        .append("description: \"nfp bench: ")
        .append(title)
        .append("\"\ntopology_template:\n  node_templates:\n");
    for (Member m : members) {
      y.append("    ").append(m.name()).append(": { type: tosca.nodes.Compute }\n");
    }
    y.append("  groups:\n    chain: { type: tosca.groups.Root, members: [ ")
        .append(String.join(", ", members.stream().map(Member::name).toList()))
        .append(" ] }\n  policies:\n");
    for (Member m : members) {
      y.append("    - profile_")
          .append(m.name())
          .append(":\n        type: nfp.policies.ActionProfile\n        properties: ")
          .append(profile(m.type(), forceCopies))
          .append("\n        targets: [ ")
          .append(m.name())
          .append(" ]\n");
    }
    for (int i = 0; i + 1 < members.size(); i++) {
      String a = members.get(i).name();
      String b = members.get(i + 1).name();
      y.append("    - rule_").append(i).append(":\n        type: ");
      if (together) {
        y.append("nfp.policies.Priority\n        properties: { higher: ")
            .append(a)
            .append(", lower: ")
            .append(b);
      } else {
        y.append("nfp.policies.Order\n        properties: { nf: ")
            .append(a)
            .append(", relation: before, other: ")
            .append(b);
      }
      y.append(" }\n        targets: [ chain ]\n");
    }
    if (members.size() == 1) {
      // A chain needs a rule to be a chain: one NF is first.
      y.append("    - only:\n        type: nfp.policies.Position\n        properties: { nf: ")
          .append(members.getFirst().name())
          .append(", position: first }\n        targets: [ chain ]\n");
    }
    return y.toString();
  }

  /** The chain of {@code count} NFs of {@code type} named {@code PREFIX1..n}. */
  static List<Member> same(String prefix, String type, int count, Map<String, Object> config) {
    List<Member> m = new ArrayList<>();
    for (int i = 1; i <= count; i++) {
      m.add(new Member(prefix + i, type, config));
    }
    return m;
  }

  /**
   * The rounds of a synthetic NF type {@code hash-N} (the node benchmark's NF: N rounds of a hash
   * over the 5-tuple, a known weight), or -1 for a built-in type.
   */
  static int synthetic(String type) {
    if (type.startsWith("hash-")) {
      try {
        return Integer.parseInt(type.substring(5));
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("NF type " + type + " (expected: hash-N, N rounds)", e);
      }
    }
    return -1;
  }

  static NfProvider provider(String type) {
    return REGISTRY
        .find(type)
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    "no NF type " + type + " (types: " + REGISTRY.types() + ")"));
  }

  /** The action profile's properties: the built-in profile refined to what the NF declares. */
  private static String profile(String type, boolean forceCopies) {
    if (synthetic(type) >= 0) {
      // SyntheticNf reads the 5-tuple (docs/c-reference.md) and writes nothing here.
      return "{ fields: { sip: r, dip: r, sport: r, dport: r, protocol: r%s }, drop: false }"
          .formatted(forceCopies ? ", dscp: w" : "");
    }
    ActionProfile real = provider(type).profile();
    ActionProfile builtIn = BuiltInProfiles.byName(type).orElse(null);
    @Nullable PacketField extra = forceCopies ? untouched(real) : null;
    List<String> fields = new ArrayList<>();
    for (PacketField f : PacketField.values()) {
      Access a = f == extra ? Access.WRITE : real.access(f);
      if (builtIn == null ? a != Access.NONE : a != builtIn.access(f)) {
        fields.add(f.name().toLowerCase(Locale.ROOT) + ": " + a.key());
      }
    }
    StringBuilder p = new StringBuilder("{ ");
    if (builtIn != null) {
      p.append("profile: ").append(type).append(", ");
    }
    p.append("fields: { ").append(String.join(", ", fields)).append(" }");
    if (builtIn == null || real.addsOrRemovesHeader() != builtIn.addsOrRemovesHeader()) {
      p.append(", add_remove_header: ").append(real.addsOrRemovesHeader());
    }
    if (builtIn == null || real.mayDrop() != builtIn.mayDrop()) {
      p.append(", drop: ").append(real.mayDrop());
    }
    return p.append(" }").toString();
  }

  /**
   * A header field the NF neither reads nor writes, for the forced copy: declaring a write of a
   * field it reads would make a second NF of the type depend on the first.
   */
  private static PacketField untouched(ActionProfile profile) {
    for (PacketField f :
        List.of(PacketField.DSCP, PacketField.TTL, PacketField.SMAC, PacketField.DMAC)) {
      if (profile.access(f) == Access.NONE) {
        return f;
      }
    }
    throw new IllegalArgumentException(
        "no header field is left for a forced copy: the NF touches DSCP, TTL and both MACs");
  }

  private static ServiceGraph compile(String yaml, NfpCompiler.Plan plan) {
    try {
      Path file = Files.createTempFile("nfp-bench-", ".yaml");
      try {
        Files.writeString(file, yaml);
        LoadResult loaded = ToscaLoader.create().load(file);
        if (!loaded.ok() || loaded.nfp() == null) {
          throw new IllegalStateException(
              "bench descriptor does not load: " + loaded.diagnostics() + "\n" + yaml);
        }
        Compilation c = NfpCompiler.create().plan(plan).compile(loaded.nfp());
        if (!c.ok() || c.serviceGraphs().isEmpty()) {
          throw new IllegalStateException(
              "bench descriptor does not compile: " + c.diagnostics() + "\n" + yaml);
        }
        return c.serviceGraphs().getFirst();
      } finally {
        Files.deleteIfExists(file);
      }
    } catch (IOException e) {
      throw new IllegalStateException("cannot write a temporary descriptor", e);
    }
  }
}
