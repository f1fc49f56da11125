package org.nfpvnfm.dpdk.node;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Random SOL001 NSDs with NFP policies, written as YAML the way an operator would: N NFs (2 to 8)
 * with random action profiles (custom field accesses, sometimes a built-in), one forwarding path
 * whose positions may order NFs or run them together ({@code forwarding_behaviour: all}), and
 * random {@code order}, {@code priority}, {@code position} and {@code assign} policies. Most rules
 * follow one hidden permutation of the NFs, so most descriptors compile; a few contradict it on
 * purpose, and those may not compile.
 *
 * <p>Every descriptor is a function of its seed alone, so a failure names the seed that repeats it.
 */
final class RandomDescriptors {
  static final List<String> BUILT_IN =
      List.of(
          "firewall",
          "nids",
          "gateway",
          "load_balancer",
          "caching",
          "vpn",
          "nat",
          "proxy",
          "compression",
          "traffic_shaper",
          "monitor",
          "l3_forwarder");

  static final List<String> FIELDS =
      List.of(
          "sip",
          "dip",
          "sport",
          "dport",
          "protocol",
          "ttl",
          "dscp",
          "smac",
          "dmac",
          "vlan",
          "payload");

  /** Fields of "heavy" descriptors, whose NFs add headers and drop often but touch little. */
  private static final List<String> HEAVY_FIELDS = List.of("sip", "dip", "ttl", "payload");

  /** One descriptor: its YAML, and its rules and profiles in the policy language, for messages. */
  record Descriptor(long seed, int nfs, String yaml, String summary) {
    @Override
    public String toString() {
      return "seed " + seed + ", " + nfs + " NFs";
    }
  }

  private RandomDescriptors() {}

  static Descriptor generate(long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    int n = 2 + r.nextInt(7);
    boolean heavy = r.nextInt(100) < 30;
    List<String> names = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      names.add("NF" + (char) ('A' + i));
    }
    // The hidden chain most rules agree with.
    List<String> perm = new ArrayList<>(names);
    shuffle(perm, r);

    StringBuilder summary = new StringBuilder();
    StringBuilder policies = new StringBuilder();
    for (String nf : names) {
      String body = profile(r, heavy);
      policies
          .append("    - profile_")
          .append(nf)
          .append(":\n")
          .append("        type: nfp.policies.ActionProfile\n")
          .append("        properties: ")
          .append(body)
          .append('\n')
          .append("        targets: [ ")
          .append(nf)
          .append(" ]\n");
      summary.append("  ").append(nf).append(": ").append(body).append('\n');
    }

    // The path: its positions order NFs (every NF of a position before every NF of the next) and a
    // position with forwarding_behaviour "all" runs its NFs together.
    List<List<String>> positions = new ArrayList<>();
    List<String> behaviours = new ArrayList<>();
    int mode = r.nextInt(100);
    if (mode < 50) {
      List<String> all = new ArrayList<>(names);
      shuffle(all, r);
      positions.add(all);
      behaviours.add(r.nextBoolean() ? "lb" : "");
    } else if (mode < 80) {
      for (int i = 0; i < n; ) {
        int size = Math.min(n - i, 1 + r.nextInt(3));
        positions.add(perm.subList(i, i + size));
        behaviours.add(size > 1 && r.nextInt(100) < 60 ? "all" : "");
        i += size;
      }
    } else {
      for (String nf : perm) {
        positions.add(List.of(nf));
        behaviours.add("");
      }
    }
    summary.append("  path:");
    for (int p = 0; p < positions.size(); p++) {
      summary
          .append(p == 0 ? " " : " -> ")
          .append(positions.get(p))
          .append(behaviours.get(p).isEmpty() ? "" : " " + behaviours.get(p));
    }
    summary.append('\n');

    int rules = r.nextInt(2 * n + 1);
    boolean first = false;
    boolean last = false;
    boolean assigned = false;
    for (int k = 0; k < rules; k++) {
      int kind = r.nextInt(100);
      int i = r.nextInt(n);
      int j = r.nextInt(n);
      int lo = Math.min(i, j);
      int hi = Math.max(i, j);
      String rule = null;
      String text = null;
      if (kind < 55) {
        if (lo != hi) {
          boolean after = r.nextBoolean();
          rule =
              after
                  ? order(perm.get(hi), "after", perm.get(lo))
                  : order(perm.get(lo), "before", perm.get(hi));
          text = "order(%s, before, %s)".formatted(perm.get(lo), perm.get(hi));
        }
      } else if (kind < 58) {
        if (lo != hi) {
          rule = order(perm.get(hi), "before", perm.get(lo));
          text = "order(%s, before, %s)".formatted(perm.get(hi), perm.get(lo));
        }
      } else if (kind < 75) {
        if (i + 1 < n) {
          boolean up = r.nextBoolean();
          String higher = perm.get(up ? i + 1 : i);
          String lower = perm.get(up ? i : i + 1);
          rule = priority(higher, lower);
          text = "priority(%s > %s)".formatted(higher, lower);
        }
      } else if (kind < 77) {
        if (i != j) {
          rule = priority(perm.get(i), perm.get(j));
          text = "priority(%s > %s)".formatted(perm.get(i), perm.get(j));
        }
      } else if (kind < 86) {
        if (!first || r.nextInt(8) == 0) {
          String nf = perm.get(r.nextInt(3) == 0 ? r.nextInt(Math.max(1, n / 3)) : 0);
          rule = position(nf, "first");
          text = "position(%s, first)".formatted(nf);
          first = true;
        }
      } else if (kind < 95) {
        if (!last || r.nextInt(8) == 0) {
          String nf = perm.get(n - 1 - (r.nextInt(3) == 0 ? r.nextInt(Math.max(1, n / 3)) : 0));
          rule = position(nf, "last");
          text = "position(%s, last)".formatted(nf);
          last = true;
        }
      } else if (!assigned) {
        StringBuilder chain = new StringBuilder();
        List<String> texts = new ArrayList<>();
        int length = Math.min(n - lo, 2 + r.nextInt(3));
        for (int a = 0; a < length; a++) {
          chain.append(assign(perm.get(lo + a), a + 1, k + "_" + a));
          texts.add("assign(%s, %d)".formatted(perm.get(lo + a), a + 1));
        }
        policies.append(chain);
        summary.append("  ").append(String.join(" ", texts)).append('\n');
        assigned = true;
      }
      if (rule != null) {
        policies.append("    - rule_").append(k).append(":\n").append(rule);
        summary.append("  ").append(text).append('\n');
      }
    }
    return new Descriptor(
        seed, n, yaml(seed, names, positions, behaviours, policies), summary.toString());
  }

  private static String profile(SplittableRandom r, boolean heavy) {
    if (r.nextInt(100) < 15) {
      return "{ profile: " + BUILT_IN.get(r.nextInt(BUILT_IN.size())) + " }";
    }
    List<String> fields = new ArrayList<>();
    for (String f : heavy ? HEAVY_FIELDS : FIELDS) {
      int roll = r.nextInt(21);
      String access = roll < 14 ? null : roll < 17 ? "r" : roll < 19 ? "w" : "rw";
      if (access != null) {
        fields.add(f + ": " + access);
      }
    }
    boolean header = r.nextInt(100) < (heavy ? 40 : 12);
    boolean drop = r.nextInt(100) < (heavy ? 40 : 20);
    return "{ fields: { %s }, add_remove_header: %s, drop: %s }"
        .formatted(String.join(", ", fields), header, drop);
  }

  private static String order(String nf, String relation, String other) {
    return """
                type: nfp.policies.Order
                properties: { nf: %s, relation: %s, other: %s }
                targets: [ chain ]
        """
        .formatted(nf, relation, other);
  }

  private static String priority(String higher, String lower) {
    return """
                type: nfp.policies.Priority
                properties: { higher: %s, lower: %s }
                targets: [ chain ]
        """
        .formatted(higher, lower);
  }

  private static String position(String nf, String where) {
    return """
                type: nfp.policies.Position
                properties: { nf: %s, position: %s }
                targets: [ chain ]
        """
        .formatted(nf, where);
  }

  private static String assign(String nf, int index, String id) {
    return """
            - assign_%s:
                type: nfp.policies.Assign
                properties: { nf: %s, index: %d }
                targets: [ chain ]
        """
        .formatted(id, nf, index);
  }

  private static String yaml(
      long seed,
      List<String> names,
      List<List<String>> positions,
      List<String> behaviours,
      StringBuilder policies) {
    StringBuilder y = new StringBuilder();
    y.append(
        """
        # Generated by RandomDescriptors.generate(%dL).
        tosca_definitions_version: tosca_simple_yaml_1_3

        description: A random NFP descriptor.

        imports:
          - etsi_nfv_sol001_common_types.yaml
          - etsi_nfv_sol001_vnfd_types.yaml
          - etsi_nfv_sol001_nsd_types.yaml

        node_types:
          org.nfpvnfm.test.RandomNf:
            derived_from: tosca.nodes.nfv.VNF
            properties:
              descriptor_id:
                type: string
                default: 0b7e1f5c-3a4d-4e2b-9c1a-5d6e7f800001
              provider:
                type: string
                default: NFP-VNFM tests
              product_name:
                type: string
                default: Random NF

        topology_template:
          node_templates:
        """
            .formatted(seed));
    for (String nf : names) {
      y.append(
          """
              %s:
                type: org.nfpvnfm.test.RandomNf
                properties:
                  descriptor_version: 1.0.0
                  software_version: 1.0.0
                  vnfm_info: [ etsivnfm:v2.6.1 ]
                  flavour_id: simple
                  flavour_description: One VDU
              fwd_%s:
                type: tosca.nodes.nfv.Forwarding
                requirements:
                  - virtual_link: %s
              el_%s:
                type: tosca.nodes.nfv.NfpPositionElement
                requirements:
                  - profile_element: fwd_%s
          """
              .formatted(nf, nf, nf, nf, nf));
    }
    y.append("    path:\n      type: tosca.nodes.nfv.NFP\n      requirements:\n");
    for (int p = 0; p < positions.size(); p++) {
      y.append("        - nfp_position: pos_").append(p).append('\n');
    }
    for (int p = 0; p < positions.size(); p++) {
      y.append("    pos_").append(p).append(":\n      type: tosca.nodes.nfv.NfpPosition\n");
      if (!behaviours.get(p).isEmpty()) {
        y.append("      properties: { forwarding_behaviour: ")
            .append(behaviours.get(p))
            .append(" }\n");
      }
      y.append("      requirements:\n");
      for (String nf : positions.get(p)) {
        y.append("        - element: el_").append(nf).append('\n');
      }
    }
    y.append(
        """

          groups:
            chain:
              type: tosca.groups.nfv.VNFFG
              properties:
                description: Random chain
                number_of_endpoints: 2
        """);
    y.append("      members: [ path, ")
        .append(String.join(", ", names))
        .append(" ]\n\n  policies:\n")
        .append(policies);
    return y.toString();
  }

  private static void shuffle(List<String> list, SplittableRandom r) {
    for (int i = list.size() - 1; i > 0; i--) {
      int j = r.nextInt(i + 1);
      String t = list.get(i);
      list.set(i, list.get(j));
      list.set(j, t);
    }
  }
}
