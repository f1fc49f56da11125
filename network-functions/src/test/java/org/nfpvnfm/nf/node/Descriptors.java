package org.nfpvnfm.nf.node;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.nfpvnfm.tosca.nfp.ActionProfile;
import org.nfpvnfm.tosca.nfp.BuiltInProfiles;
import org.nfpvnfm.tosca.nfp.PacketField;

/**
 * Hand-written SOL001 NSDs for chains of built-in NFs: one VNF node template per NF, one forwarding
 * path of positions (a position with several NFs has {@code forwarding_behaviour: all}), an {@code
 * nfp.policies.ActionProfile} per NF and NFP rules.
 *
 * <p>Each NF's action profile names its built-in ({@code profile: traffic_shaper}) and, where the
 * real NF does more than the built-in declares (see docs/network-functions), refines it with {@code
 * fields}, {@code add_remove_header} and {@code drop} so that it declares exactly what the NF
 * type's {@code NfProvider.profile()} says: that is what the NF docs tell operators to write.
 */
final class Descriptors {
  /** An NF of a descriptor: its node template name and its NF type. */
  record Nf(String name, String type) {}

  /** A position of the path: its NFs, in order; several NFs share it with behaviour "all". */
  record Position(List<String> nfs) {
    static Position of(String... nfs) {
      return new Position(List.of(nfs));
    }
  }

  private Descriptors() {}

  /**
   * The YAML of an NSD.
   *
   * @param rules NFP rules as {@code order A B}, {@code priority A B} (A over B), {@code first A},
   *     {@code last A}
   */
  static String nsd(String title, List<Nf> nfs, List<Position> path, List<String> rules) {
    StringBuilder y = new StringBuilder();
    y.append(
        """
        # A chain of built-in NFs for RealNfEquivalenceTest: %s.
        tosca_definitions_version: tosca_simple_yaml_1_3

        description: "%s"

        imports:
          - etsi_nfv_sol001_common_types.yaml
          - etsi_nfv_sol001_vnfd_types.yaml
          - etsi_nfv_sol001_nsd_types.yaml

        node_types:
          org.nfpvnfm.test.BuiltInNf:
            derived_from: tosca.nodes.nfv.VNF
            properties:
              descriptor_id:
                type: string
                default: 6c1f0a2e-5b3d-4c7e-8f90-a1b2c3d40001
              provider:
                type: string
                default: NFP-VNFM tests
              product_name:
                type: string
                default: Built-in NF

        topology_template:
          node_templates:
        """
            .formatted(title, title));
    for (Nf nf : nfs) {
      y.append(
          """
              %1$s:
                type: org.nfpvnfm.test.BuiltInNf
                properties:
                  descriptor_version: 1.0.0
                  software_version: 1.0.0
                  vnfm_info: [ etsivnfm:v2.6.1 ]
                  flavour_id: simple
                  flavour_description: One VDU
              fwd_%1$s:
                type: tosca.nodes.nfv.Forwarding
                requirements:
                  - virtual_link: %1$s
              el_%1$s:
                type: tosca.nodes.nfv.NfpPositionElement
                requirements:
                  - profile_element: fwd_%1$s
          """
              .formatted(nf.name()));
    }
    y.append("    path:\n      type: tosca.nodes.nfv.NFP\n      requirements:\n");
    for (int p = 0; p < path.size(); p++) {
      y.append("        - nfp_position: pos_").append(p).append('\n');
    }
    for (int p = 0; p < path.size(); p++) {
      y.append("    pos_").append(p).append(":\n      type: tosca.nodes.nfv.NfpPosition\n");
      if (path.get(p).nfs().size() > 1) {
        y.append("      properties: { forwarding_behaviour: all }\n");
      }
      y.append("      requirements:\n");
      for (String nf : path.get(p).nfs()) {
        y.append("        - element: el_").append(nf).append('\n');
      }
    }
    List<String> names = nfs.stream().map(Nf::name).toList();
    y.append(
        """

          groups:
            chain:
              type: tosca.groups.nfv.VNFFG
              properties:
                description: "%s"
                number_of_endpoints: 2
              members: [ path, %s ]

          policies:
        """
            .formatted(title, String.join(", ", names)));
    for (Nf nf : nfs) {
      y.append("    - ")
          .append(nf.type())
          .append("_profile_")
          .append(nf.name())
          .append(":\n        type: nfp.policies.ActionProfile\n        properties: ")
          .append(profile(nf.type()))
          .append("\n        targets: [ ")
          .append(nf.name())
          .append(" ]\n");
    }
    int k = 0;
    for (String rule : rules) {
      String[] w = rule.split(" ");
      String body =
          switch (w[0]) {
            case "order" ->
                "type: nfp.policies.Order\n        properties: { nf: %s, relation: before, other: %s }"
                    .formatted(w[1], w[2]);
            case "priority" ->
                "type: nfp.policies.Priority\n        properties: { higher: %s, lower: %s }"
                    .formatted(w[1], w[2]);
            case "first", "last" ->
                "type: nfp.policies.Position\n        properties: { nf: %s, position: %s }"
                    .formatted(w[1], w[0]);
            default -> throw new IllegalArgumentException("rule " + rule);
          };
      y.append("    - rule_")
          .append(k++)
          .append(":\n        ")
          .append(body)
          .append("\n        targets: [ chain ]\n");
    }
    return y.toString();
  }

  /**
   * The action profile's properties for an NF of {@code type}: its built-in, refined to what the NF
   * type declares.
   */
  static String profile(String type) {
    ActionProfile real = RealNfs.REGISTRY.find(type).orElseThrow().profile();
    ActionProfile builtIn = BuiltInProfiles.byName(type).orElseThrow();
    List<String> fields = new ArrayList<>();
    for (PacketField f : PacketField.values()) {
      if (real.access(f) != builtIn.access(f)) {
        fields.add(f.name().toLowerCase(Locale.ROOT) + ": " + real.access(f).key());
      }
    }
    StringBuilder p = new StringBuilder("{ profile: ").append(type);
    if (!fields.isEmpty()) {
      p.append(", fields: { ").append(String.join(", ", fields)).append(" }");
    }
    if (real.addsOrRemovesHeader() != builtIn.addsOrRemovesHeader()) {
      p.append(", add_remove_header: ").append(real.addsOrRemovesHeader());
    }
    if (real.mayDrop() != builtIn.mayDrop()) {
      p.append(", drop: ").append(real.mayDrop());
    }
    return p.append(" }").toString();
  }
}
