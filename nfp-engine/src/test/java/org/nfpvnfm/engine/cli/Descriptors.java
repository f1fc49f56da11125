package org.nfpvnfm.engine.cli;

/** Descriptors made for the tests: each shows one thing the samples do not. */
final class Descriptors {

  private Descriptors() {}

  /**
   * A Tacker path A -> B with a rule that puts B before A: an order cycle (NFP001). The path is at
   * line 8, the rule at line 26.
   */
  static final String ORDER_CYCLE =
      """
      tosca_definitions_version: tosca_simple_profile_for_nfv_1_0_0
      topology_template:
        node_templates:
          FP1:
            type: tosca.nodes.nfv.FP.TackerV2
            properties:
              id: 1
              path:
                - { forwarder: A, capability: CP1 }
                - { forwarder: B, capability: CP2 }
        groups:
          G1:
            type: tosca.groups.nfv.VNFFG
            properties:
              vendor: tests
              version: 1.0
              number_of_endpoints: 2
              dependent_virtual_link: [ VL1 ]
              connection_point: [ CP1 ]
              constituent_vnfs: [ A, B ]
            members: [ FP1 ]
        policies:
          - pa: { type: nfp.policies.ActionProfile, properties: { profile: firewall, nfs: [ A ] } }
          - pb: { type: nfp.policies.ActionProfile, properties: { profile: monitor, nfs: [ B ] } }
          - back:
              type: nfp.policies.Order
              properties: { nf: B, relation: before, other: A }
              targets: [ G1 ]
      """;

  /**
   * Four NFs with no forwarding graph (the implicit graph): A and B are ordered, C and D run
   * together by priority(D > C) at line 19. Every branch of the one block but B's is a header copy,
   * and the merger copies vlan, sip and ttl from them; D's ttl wins over C's by priority.
   */
  static final String COPIES =
      """
      tosca_definitions_version: tosca_simple_yaml_1_3
      topology_template:
        node_templates:
          A: { type: tosca.nodes.Root }
          B: { type: tosca.nodes.Root }
          C: { type: tosca.nodes.Root }
          D: { type: tosca.nodes.Root }
        groups:
          chain:
            type: tosca.groups.Root
            members: [ A, B, C, D ]
        policies:
          - pa: { type: nfp.policies.ActionProfile, properties: { fields: { dscp: r, sip: w } }, targets: [ A ] }
          - pb: { type: nfp.policies.ActionProfile, properties: { fields: { dscp: w, payload: rw } }, targets: [ B ] }
          - pc: { type: nfp.policies.ActionProfile, properties: { fields: { ttl: rw }, drop: true, add_remove_header: true }, targets: [ C ] }
          - pd: { type: nfp.policies.ActionProfile, properties: { fields: { ttl: rw, vlan: w }, drop: true, add_remove_header: true }, targets: [ D ] }
          - ab: { type: nfp.policies.Order, properties: { nf: A, other: B }, targets: [ chain ] }
          - bc: { type: nfp.policies.Order, properties: { nf: B, other: C }, targets: [ chain ] }
          - cd: { type: nfp.policies.Priority, properties: { higher: D, lower: C }, targets: [ chain ] }
      """;

  /**
   * Two Tacker paths over the same two NFs, in opposite orders, and a third NF only on the first; X
   * has no action profile (TOSCA604).
   */
  static final String TWO_GRAPHS =
      """
      tosca_definitions_version: tosca_simple_profile_for_nfv_1_0_0
      topology_template:
        node_templates:
          FP1:
            type: tosca.nodes.nfv.FP.TackerV2
            properties:
              id: 1
              path:
                - { forwarder: MON, capability: CP1 }
                - { forwarder: GW, capability: CP2 }
                - { forwarder: X, capability: CP3 }
          FP2:
            type: tosca.nodes.nfv.FP.TackerV2
            properties:
              id: 2
              path:
                - { forwarder: GW, capability: CP2 }
                - { forwarder: MON, capability: CP1 }
        groups:
          G1:
            type: tosca.groups.nfv.VNFFG
            properties:
              vendor: tests
              version: 1.0
              number_of_endpoints: 3
              dependent_virtual_link: [ VL1 ]
              connection_point: [ CP1 ]
              constituent_vnfs: [ MON, GW, X ]
            members: [ FP1 ]
          G2:
            type: tosca.groups.nfv.VNFFG
            properties:
              vendor: tests
              version: 1.0
              number_of_endpoints: 2
              dependent_virtual_link: [ VL1 ]
              connection_point: [ CP1 ]
              constituent_vnfs: [ MON, GW ]
            members: [ FP2 ]
        policies:
          - pm: { type: nfp.policies.ActionProfile, properties: { profile: monitor, nfs: [ MON ] } }
          - pg: { type: nfp.policies.ActionProfile, properties: { profile: gateway, nfs: [ GW ] } }
      """;

  /** A Tacker path whose first NF's name needs escaping in XML and DOT. */
  static final String ODD_NAME =
      """
      tosca_definitions_version: tosca_simple_profile_for_nfv_1_0_0
      topology_template:
        node_templates:
          FP1:
            type: tosca.nodes.nfv.FP.TackerV2
            properties:
              id: 1
              path:
                - { forwarder: "R&D<fw>\\"x'", capability: CP1 }
                - { forwarder: B, capability: CP2 }
        groups:
          G1:
            type: tosca.groups.nfv.VNFFG
            properties:
              vendor: tests
              version: 1.0
              number_of_endpoints: 2
              dependent_virtual_link: [ VL1 ]
              connection_point: [ CP1 ]
              constituent_vnfs: [ "R&D<fw>\\"x'", B ]
            members: [ FP1 ]
        policies:
          - pa: { type: nfp.policies.ActionProfile, properties: { profile: monitor, nfs: [ "R&D<fw>\\"x'" ] } }
          - pb: { type: nfp.policies.ActionProfile, properties: { profile: gateway, nfs: [ B ] } }
      """;

  /** Line 3 holds a key TOSCA does not have: a load error (TOSCA402), so nothing compiles. */
  static final String LOAD_ERROR =
      """
      tosca_definitions_version: tosca_simple_yaml_1_3
      description: a typo in a section name
      topology:
        node_templates:
          server:
            type: tosca.nodes.Compute
      """;
}
