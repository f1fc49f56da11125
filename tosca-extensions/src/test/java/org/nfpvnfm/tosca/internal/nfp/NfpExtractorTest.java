package org.nfpvnfm.tosca.internal.nfp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.nfpvnfm.tosca.internal.nfp.Templates.req;
import static org.nfpvnfm.tosca.internal.nfp.Templates.template;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.junit.jupiter.api.Test;
import org.nfpvnfm.tosca.Diagnostic;
import org.nfpvnfm.tosca.DiagnosticCode;
import org.nfpvnfm.tosca.Severity;
import org.nfpvnfm.tosca.internal.Diagnostics;
import org.nfpvnfm.tosca.nfp.Access;
import org.nfpvnfm.tosca.nfp.BuiltInProfiles;
import org.nfpvnfm.tosca.nfp.Classifier;
import org.nfpvnfm.tosca.nfp.ForwardingGraph;
import org.nfpvnfm.tosca.nfp.NfpModel;
import org.nfpvnfm.tosca.nfp.NfpRule;
import org.nfpvnfm.tosca.nfp.PacketField;
import org.nfpvnfm.tosca.nfp.PortRange;

class NfpExtractorTest {

  private final Diagnostics diags = new Diagnostics();

  private NfpModel extract(Templates t) {
    NfpModel m = NfpExtractor.extract(t.build(), diags);
    assertThat(m).isNotNull();
    return Objects.requireNonNull(m);
  }

  private List<Diagnostic> problems() {
    return diags.sorted();
  }

  private List<DiagnosticCode> codes() {
    return problems().stream().map(Diagnostic::code).toList();
  }

  /** Three VNFs with profiles, a plain group of them, and nothing else. */
  private static Templates threeVnfs() {
    return template()
        .node("VPN", "tosca.nodes.nfv.VNF")
        .node("FW", "com.example.Firewall")
        .node("MON", "tosca.nodes.nfv.VNF")
        .policy("p_vpn", "nfp.policies.ActionProfile", Map.of("profile", "vpn"), List.of("VPN"))
        .policy("p_fw", "nfp.policies.ActionProfile", Map.of("profile", "firewall"), List.of("FW"))
        .policy("p_mon", "nfp.policies.ActionProfile", Map.of("profile", "monitor"), List.of("MON"))
        .group("chain", "tosca.groups.Root", Map.of(), List.of("VPN", "FW", "MON"));
  }

  // ------------------------------------------------------------ relevance

  @Test
  void returnsNullWhenTemplateHasNothingNfpRelated() {
    Templates t = template().node("VDU1", "tosca.nodes.nfv.VDU.Tacker");
    assertThat(NfpExtractor.extract(t.build(), diags)).isNull();
    assertThat(problems()).isEmpty();
  }

  // ------------------------------------------------------------ profiles

  @Test
  void attachesBuiltInProfileToTargetedNodeTemplates() {
    NfpModel m = extract(threeVnfs());
    assertThat(problems()).isEmpty();
    assertThat(m.nfs()).extracting(n -> n.name()).containsExactly("VPN", "FW", "MON");
    assertThat(m.nf("FW").orElseThrow().profile()).isEqualTo(BuiltInProfiles.FIREWALL);
    assertThat(m.nf("FW").orElseThrow().nodeType()).isEqualTo("com.example.Firewall");
  }

  @Test
  void refinesBuiltInProfileWithExplicitFields() {
    Templates t =
        template()
            .node("LB", "tosca.nodes.nfv.VNF")
            .policy(
                "lb_profile",
                "nfp.policies.ActionProfile",
                Map.of(
                    "profile",
                    "load_balancer",
                    "fields",
                    Map.of("dscp", "rw", "sip", "r"),
                    "drop",
                    true),
                List.of("LB"));
    var p = Objects.requireNonNull(extract(t).nf("LB").orElseThrow().profile());
    assertThat(problems()).isEmpty();
    assertThat(p.name()).isEqualTo("lb_profile");
    assertThat(p.access(PacketField.DSCP)).isEqualTo(Access.READ_WRITE);
    assertThat(p.access(PacketField.SIP)).isEqualTo(Access.READ);
    assertThat(p.access(PacketField.DIP)).isEqualTo(Access.READ_WRITE);
    assertThat(p.mayDrop()).isTrue();
  }

  @Test
  void buildsExplicitProfileFromFieldsAlone() {
    Templates t =
        template()
            .node("TAG", "tosca.nodes.nfv.VNF")
            .policy(
                "tagger",
                "nfp.policies.ActionProfile",
                Map.of("fields", Map.of("vlan", "w"), "add_remove_header", true),
                List.of("TAG"));
    var p = Objects.requireNonNull(extract(t).nf("TAG").orElseThrow().profile());
    assertThat(p.writes()).containsExactly(PacketField.VLAN);
    assertThat(p.addsOrRemovesHeader()).isTrue();
    assertThat(p.mayDrop()).isFalse();
  }

  @Test
  void rejectsUnknownProfileName() {
    Templates t =
        template()
            .node("X", "tosca.nodes.nfv.VNF")
            .policy("px", "nfp.policies.ActionProfile", Map.of("profile", "firewal"), List.of("X"));
    NfpModel m = extract(t);
    assertThat(problems())
        .singleElement()
        .satisfies(
            d -> {
              assertThat(d.code()).isEqualTo(DiagnosticCode.NFP_UNKNOWN_PROFILE);
              assertThat(d.location()).isEqualTo(t.policyPropertyAt("px", "profile"));
              assertThat(d.message()).contains("\"firewal\"").contains("firewall, nids");
            });
    assertThat(m.nf("X").orElseThrow().profile()).isNull();
  }

  @Test
  void reportsEveryProblemOfMalformedProfiles() {
    Templates t =
        template()
            .node("A", "tosca.nodes.nfv.VNF")
            .node("B", "tosca.nodes.nfv.VNF")
            .node("C", "tosca.nodes.nfv.VNF")
            .policy(
                "pa",
                "nfp.policies.ActionProfile",
                Map.of("fields", Map.of("checksum", "w", "ttl", "write")),
                List.of("A"))
            .policy("pb", "nfp.policies.ActionProfile", Map.of(), List.of("B"))
            .policy(
                "pc",
                "nfp.policies.ActionProfile",
                Map.of("profile", 7, "drop", "yes"),
                List.of("C"));
    extract(t);
    assertThat(codes()).containsOnly(DiagnosticCode.NFP_INVALID_PROFILE).hasSize(5);
    assertThat(problems())
        .extracting(Diagnostic::message)
        .anySatisfy(msg -> assertThat(msg).contains("\"checksum\""))
        .anySatisfy(msg -> assertThat(msg).contains("field ttl").contains("\"write\""))
        .anySatisfy(msg -> assertThat(msg).contains("says nothing"))
        .anySatisfy(msg -> assertThat(msg).contains("profile of action profile \"pc\" is 7"))
        .anySatisfy(msg -> assertThat(msg).contains("drop of action profile \"pc\""));
  }

  @Test
  void rejectsSecondProfileForTheSameNf() {
    Templates t =
        threeVnfs()
            .policy("again", "nfp.policies.ActionProfile", Map.of("profile", "nat"), List.of("FW"));
    NfpModel m = extract(t);
    assertThat(problems())
        .singleElement()
        .satisfies(
            d -> {
              assertThat(d.code()).isEqualTo(DiagnosticCode.NFP_INVALID_PROFILE);
              assertThat(d.location()).isEqualTo(t.policyAt("again"));
              assertThat(d.message())
                  .contains("already has an action profile (at " + t.policyAt("p_fw"));
            });
    assertThat(m.nf("FW").orElseThrow().profile()).isEqualTo(BuiltInProfiles.FIREWALL);
  }

  // ------------------------------------------------------------ Tacker VNFFGD

  private static Templates tackerVnffgd() {
    return template()
        .node(
            "Forwarding_path1",
            "tosca.nodes.nfv.FP.TackerV2",
            Map.of(
                "id", 51L,
                "policy",
                    Map.of(
                        "type",
                        "ACL",
                        "criteria",
                        List.of(
                            Map.of(
                                "name",
                                "block_tcp",
                                "classifier",
                                Map.of(
                                    "network_src_port_id", "port-1",
                                    "destination_port_range", "80-1024",
                                    "ip_proto", 6L,
                                    "ip_dst_prefix", "192.0.2.0/24")),
                            Map.of(
                                "name",
                                "udp_one_port",
                                "classifier",
                                Map.of("ip_proto", 17L, "source_port_range", "53")))),
                "path",
                    List.of(
                        Map.of("forwarder", "VNFD1", "capability", "CP12"),
                        Map.of("forwarder", "VNFD2", "capability", "CP22"),
                        Map.of("forwarder", "VNFD3", "capability", "CP32"))),
            List.of())
        .group(
            "VNFFG1",
            "tosca.groups.nfv.VNFFG",
            Map.of("vendor", "tacker", "constituent_vnfs", List.of("VNFD1", "VNFD2", "VNFD3")),
            List.of("Forwarding_path1"))
        .policy(
            "profiles",
            "nfp.policies.ActionProfile",
            Map.of("profile", "monitor", "nfs", List.of("VNFD1", "VNFD2", "VNFD3")),
            List.of());
  }

  @Test
  void turnsTackerPathIntoSequentialOrderRules() {
    Templates t = tackerVnffgd();
    NfpModel m = extract(t);
    assertThat(problems()).isEmpty();
    ForwardingGraph g = m.graph("Forwarding_path1").orElseThrow();
    assertThat(g.shape()).isEqualTo(ForwardingGraph.Shape.TACKER);
    assertThat(g.group()).isEqualTo("VNFFG1");
    assertThat(g.nfs()).containsExactly("VNFD1", "VNFD2", "VNFD3");
    assertThat(m.rules())
        .containsExactly(
            new NfpRule.Order(
                "VNFD1",
                "VNFD2",
                List.of("Forwarding_path1"),
                t.nodePropertyAt("Forwarding_path1", "path"),
                true),
            new NfpRule.Order(
                "VNFD2",
                "VNFD3",
                List.of("Forwarding_path1"),
                t.nodePropertyAt("Forwarding_path1", "path"),
                true));
    assertThat(m.nfs()).extracting(n -> n.nodeType()).containsOnlyNulls();
    assertThat(m.nf("VNFD2").orElseThrow().profile()).isEqualTo(BuiltInProfiles.MONITOR);
  }

  @Test
  void readsTackerAclCriteriaIntoTypedClassifiers() {
    ForwardingGraph g = extract(tackerVnffgd()).graph("Forwarding_path1").orElseThrow();
    assertThat(g.classifiers()).hasSize(2);
    Classifier tcp = g.classifiers().get(0);
    assertThat(tcp.name()).isEqualTo("block_tcp");
    assertThat(tcp.ipProtocol()).isEqualTo(6);
    assertThat(tcp.destinationPorts()).isEqualTo(new PortRange(80, 1024));
    assertThat(tcp.destinationPrefix()).isEqualTo("192.0.2.0/24");
    assertThat(tcp.other()).containsEntry("network_src_port_id", "port-1");
    assertThat(g.classifiers().get(1).sourcePorts()).isEqualTo(new PortRange(53, 53));
  }

  @Test
  void readsLegacyTackerCriteriaWithoutNames() {
    Templates t =
        template()
            .node(
                "fp",
                "tosca.nodes.nfv.FP.Tacker",
                Map.of(
                    "policy",
                        Map.of(
                            "type",
                            "ACL",
                            "criteria",
                            List.of(Map.of("ip_proto", 17L, "ip_dscp", 46L))),
                    "path", List.of(Map.of("forwarder", "A", "capability", "CP1"))),
                List.of());
    ForwardingGraph g = extract(t).graph("fp").orElseThrow();
    assertThat(g.classifiers())
        .singleElement()
        .satisfies(
            c -> {
              assertThat(c.name()).isEqualTo("fp[1]");
              assertThat(c.ipProtocol()).isEqualTo(17);
              assertThat(c.dscp()).isEqualTo(46);
            });
    assertThat(g.group()).isNull();
    assertThat(codes()).containsExactly(DiagnosticCode.NFP_NO_PROFILE);
  }

  @Test
  void reportsMalformedTackerPathAndCriteria() {
    Templates t =
        template()
            .node(
                "fp",
                "tosca.nodes.nfv.FP.TackerV2",
                Map.of(
                    "policy",
                        Map.of(
                            "criteria",
                            List.of(
                                Map.of(
                                    "name",
                                    "c",
                                    "classifier",
                                    Map.of("destination_port_range", "1024-80")))),
                    "path", List.of(Map.of("capability", "CP1"), "VNFD2")),
                List.of());
    extract(t);
    assertThat(codes()).containsOnly(DiagnosticCode.NFP_INVALID_GRAPH).hasSize(3);
    assertThat(problems())
        .extracting(Diagnostic::message)
        .anySatisfy(msg -> assertThat(msg).startsWith("hop 1 of the path of \"fp\""))
        .anySatisfy(msg -> assertThat(msg).startsWith("hop 2 of the path of \"fp\""))
        .anySatisfy(msg -> assertThat(msg).contains("destination_port_range").contains("1024-80"));
  }

  // ------------------------------------------------------------ SOL001 NSD

  /** VNFFG → NFP → [pos1: VPN] → [pos2 (all): FW, MON via a Forwarding node] → [pos3: LB]. */
  private static Templates sol001(String behaviour) {
    return template()
        .node("SAP_IN", "tosca.nodes.nfv.Sap")
        .node("VPN", "tosca.nodes.nfv.VNF")
        .node("FW", "tosca.nodes.nfv.VNF")
        .node("MON", "tosca.nodes.nfv.VNF")
        .node("LB", "tosca.nodes.nfv.VNF")
        .node(
            "fwd_mon", "tosca.nodes.nfv.Forwarding", Map.of(), List.of(req("virtual_link", "MON")))
        .node(
            "el_sap",
            "tosca.nodes.nfv.NfpPositionElement",
            Map.of(),
            List.of(req("profile_element", "SAP_IN")))
        .node(
            "el_vpn",
            "tosca.nodes.nfv.NfpPositionElement",
            Map.of(),
            List.of(req("profile_element", "VPN")))
        .node(
            "el_fw",
            "tosca.nodes.nfv.NfpPositionElement",
            Map.of(),
            List.of(req("profile_element", "FW")))
        .node(
            "el_mon",
            "tosca.nodes.nfv.NfpPositionElement",
            Map.of(),
            List.of(req("profile_element", "fwd_mon")))
        .node(
            "el_lb",
            "tosca.nodes.nfv.NfpPositionElement",
            Map.of(),
            List.of(req("profile_element", "LB"), req("profile_element", "LB")))
        .node("pos0", "tosca.nodes.nfv.NfpPosition", Map.of(), List.of(req("element", "el_sap")))
        .node("pos1", "tosca.nodes.nfv.NfpPosition", Map.of(), List.of(req("element", "el_vpn")))
        .node(
            "pos2",
            "tosca.nodes.nfv.NfpPosition",
            Map.of("forwarding_behaviour", behaviour),
            List.of(req("element", "el_fw"), req("element", "el_mon")))
        .node("pos3", "tosca.nodes.nfv.NfpPosition", Map.of(), List.of(req("element", "el_lb")))
        .node(
            "nfp1",
            "tosca.nodes.nfv.NFP",
            Map.of(),
            List.of(
                req("nfp_position", "pos0"),
                req("nfp_position", "pos1"),
                req("nfp_position", "pos2"),
                req("nfp_position", "pos3")))
        .group(
            "vnffg1",
            "tosca.groups.nfv.VNFFG",
            Map.of("description", "web"),
            List.of("nfp1", "VPN", "FW", "MON", "LB"))
        .policy(
            "web",
            "tosca.policies.nfv.NfpRule",
            Map.of(
                "ether_type",
                "ipv4",
                "protocol",
                "tcp",
                "dscp",
                "001010",
                "destination_port_range",
                List.of(80L, 443L),
                "vlan_tag",
                List.of("100")),
            List.of("nfp1"))
        .policy(
            "profiles",
            "nfp.policies.ActionProfile",
            Map.of("profile", "monitor"),
            List.of("VPN", "FW", "MON", "LB"));
  }

  @Test
  void readsSol001PositionsAsOrderRulesAndAllAsParallel() {
    Templates t = sol001("all");
    NfpModel m = extract(t);
    assertThat(problems()).isEmpty();
    ForwardingGraph g = m.graph("nfp1").orElseThrow();
    assertThat(g.shape()).isEqualTo(ForwardingGraph.Shape.SOL001);
    assertThat(g.group()).isEqualTo("vnffg1");
    assertThat(g.nfs()).containsExactly("VPN", "FW", "MON", "LB");
    assertThat(m.rules())
        .filteredOn(r -> r instanceof NfpRule.Order)
        .extracting(NfpRule::nfs)
        .containsExactly(
            List.of("VPN", "FW"), List.of("VPN", "MON"), List.of("FW", "LB"), List.of("MON", "LB"));
    assertThat(m.rules())
        .filteredOn(r -> r instanceof NfpRule.Order)
        .allSatisfy(r -> assertThat(((NfpRule.Order) r).fromPath()).isTrue());
    assertThat(m.rules())
        .filteredOn(r -> r instanceof NfpRule.Parallel)
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r.nfs()).containsExactly("FW", "MON");
              assertThat(r.graphs()).containsExactly("nfp1");
              assertThat(r.origin()).isEqualTo(t.nodePropertyAt("pos2", "forwarding_behaviour"));
            });
  }

  @Test
  void readsNfpRuleIntoTypedClassifier() {
    Classifier c = extract(sol001("all")).graph("nfp1").orElseThrow().classifiers().get(0);
    assertThat(c.name()).isEqualTo("web");
    assertThat(c.etherType()).isEqualTo("ipv4");
    assertThat(c.ipProtocol()).isEqualTo(6);
    assertThat(c.dscp()).isEqualTo(10);
    assertThat(c.destinationPorts()).isEqualTo(new PortRange(80, 443));
    assertThat(c.vlanIds()).containsExactly(100);
  }

  @Test
  void loadBalancedPositionIsNotParallel() {
    NfpModel m = extract(sol001("lb"));
    assertThat(m.rules()).noneMatch(r -> r instanceof NfpRule.Parallel);
    assertThat(m.rules()).hasSize(4);
  }

  @Test
  void reportsPositionElementThatReachesNoNf() {
    Templates t =
        template()
            .node("CP", "tosca.nodes.nfv.Cp")
            .node(
                "el",
                "tosca.nodes.nfv.NfpPositionElement",
                Map.of(),
                List.of(req("profile_element", "CP")))
            .node("pos", "tosca.nodes.nfv.NfpPosition", Map.of(), List.of(req("element", "el")))
            .node(
                "nfp",
                "tosca.nodes.nfv.NFP",
                Map.of(),
                List.of(req("nfp_position", "pos"), req("nfp_position", "el")))
            .policy(
                "r",
                "tosca.policies.nfv.NfpRule",
                Map.of("protocol", "carrier-pigeon"),
                List.of("pos"));
    extract(t);
    assertThat(codes()).containsOnly(DiagnosticCode.NFP_INVALID_GRAPH).hasSize(4);
    assertThat(problems())
        .extracting(Diagnostic::message)
        .anySatisfy(msg -> assertThat(msg).contains("\"el\" reaches no network function"))
        .anySatisfy(msg -> assertThat(msg).contains("nfp_position 2 of \"nfp\" is \"el\""))
        .anySatisfy(msg -> assertThat(msg).contains("\"carrier-pigeon\""))
        .anySatisfy(msg -> assertThat(msg).contains("targets \"pos\", which is not"));
  }

  // ------------------------------------------------------------ nfp.* rules

  @Test
  void readsEveryRuleKindScopedToItsGraph() {
    Templates t =
        sol001("lb")
            .policy("a", "nfp.policies.Assign", Map.of("nf", "VPN", "index", 1L), List.of("vnffg1"))
            .policy(
                "o",
                "nfp.policies.Order",
                Map.of("nf", "FW", "relation", "before", "other", "LB"),
                List.of("vnffg1"))
            .policy(
                "p",
                "nfp.policies.Priority",
                Map.of("higher", "FW", "lower", "MON"),
                List.of("nfp1"))
            .policy(
                "q",
                "nfp.policies.Position",
                Map.of("nf", "VPN", "position", "first"),
                List.of("vnffg1"));
    NfpModel m = extract(t);
    assertThat(problems()).isEmpty();
    List<String> g = List.of("nfp1");
    assertThat(m.rules())
        .contains(
            new NfpRule.Assign("VPN", 1, g, t.policyAt("a")),
            new NfpRule.Order("FW", "LB", g, t.policyAt("o")),
            new NfpRule.Priority("FW", "MON", g, t.policyAt("p")),
            new NfpRule.Position("VPN", NfpRule.Placement.FIRST, g, t.policyAt("q")));
    assertThat(m.rulesFor("nfp1")).hasSize(8);
  }

  @Test
  void readsOrderAfterAsTheReverseOrder() {
    Templates t =
        threeVnfs()
            .policy(
                "o",
                "nfp.policies.Order",
                Map.of("nf", "MON", "relation", "after", "other", "FW"),
                List.of("chain"));
    assertThat(extract(t).rules())
        .containsExactly(new NfpRule.Order("FW", "MON", List.of(), t.policyAt("o")));
    assertThat(problems()).isEmpty();
  }

  @Test
  void appliesUntargetedRuleToTheWholeTemplate() {
    Templates t =
        threeVnfs()
            .policy(
                "q", "nfp.policies.Position", Map.of("nf", "VPN", "position", "last"), List.of());
    NfpRule r = extract(t).rules().get(0);
    assertThat(r.graphs()).isEmpty();
    assertThat(problems()).isEmpty();
  }

  @Test
  void rejectsOrderRuleNamingUnknownNf() {
    Templates t =
        sol001("all")
            .policy(
                "o", "nfp.policies.Order", Map.of("nf", "FW", "other", "IDS"), List.of("vnffg1"))
            .policy(
                "p",
                "nfp.policies.Priority",
                Map.of("higher", "NAT", "lower", "MON"),
                List.of("nfp1"));
    NfpModel m = extract(t);
    assertThat(problems())
        .hasSize(2)
        .allSatisfy(d -> assertThat(d.code()).isEqualTo(DiagnosticCode.NFP_UNKNOWN_NF));
    assertThat(problems())
        .extracting(Diagnostic::location)
        .containsExactly(t.policyPropertyAt("o", "other"), t.policyPropertyAt("p", "higher"));
    assertThat(problems().get(0).message())
        .isEqualTo(
            "order rule \"o\" names \"IDS\", which is not an NF of forwarding graph nfp1"
                + " (its NFs: VPN, FW, MON, LB)");
    assertThat(m.rules()).noneMatch(r -> r.origin().equals(t.policyAt("o")));
  }

  @Test
  void rejectsMalformedRules() {
    Templates t =
        threeVnfs()
            .policy("a", "nfp.policies.Assign", Map.of("nf", "VPN", "index", 0L), List.of())
            .policy("b", "nfp.policies.Assign", Map.of("index", 2L), List.of())
            .policy("o", "nfp.policies.Order", Map.of("nf", "FW", "other", "FW"), List.of())
            .policy(
                "q", "nfp.policies.Position", Map.of("nf", "VPN", "position", "middle"), List.of())
            .policy(
                "r",
                "nfp.policies.Priority",
                Map.of("higher", Map.of("get_attribute", List.of("FW", "x")), "lower", "MON"),
                List.of())
            .policy(
                "s", "nfp.policies.Order", Map.of("nf", "FW", "other", "MON"), List.of("nowhere"));
    NfpModel m = extract(t);
    assertThat(codes()).containsOnly(DiagnosticCode.NFP_INVALID_RULE).hasSize(6);
    assertThat(problems())
        .extracting(Diagnostic::location)
        .contains(
            t.policyPropertyAt("a", "index"), t.policyPropertyAt("o", "other"),
            t.policyPropertyAt("q", "position"), t.policyPropertyAt("r", "higher"));
    assertThat(problems())
        .extracting(Diagnostic::message)
        .anySatisfy(msg -> assertThat(msg).contains("lacks property nf"))
        .anySatisfy(msg -> assertThat(msg).contains("run-time value get_attribute"));
    assertThat(m.rules()).isEmpty();
  }

  // ------------------------------------------------------------ warnings

  @Test
  void warnsAboutGraphNfWithoutProfile() {
    Templates t = sol001("all");
    Templates noProfiles =
        template()
            .node("VPN", "tosca.nodes.nfv.VNF")
            .node(
                "el",
                "tosca.nodes.nfv.NfpPositionElement",
                Map.of(),
                List.of(req("profile_element", "VPN")))
            .node("pos", "tosca.nodes.nfv.NfpPosition", Map.of(), List.of(req("element", "el")))
            .node("nfp", "tosca.nodes.nfv.NFP", Map.of(), List.of(req("nfp_position", "pos")));
    NfpModel m = extract(noProfiles);
    assertThat(problems())
        .singleElement()
        .satisfies(
            d -> {
              assertThat(d.code()).isEqualTo(DiagnosticCode.NFP_NO_PROFILE);
              assertThat(d.severity()).isEqualTo(Severity.WARNING);
              assertThat(d.location()).isEqualTo(noProfiles.nodeAt("VPN"));
            });
    assertThat(m.nf("VPN").orElseThrow().profile()).isNull();
    assertThat(t).isNotNull();
  }

  @Test
  void extractionIsDeterministic() {
    NfpModel a = NfpExtractor.extract(sol001("all").build(), new Diagnostics());
    NfpModel b = NfpExtractor.extract(sol001("all").build(), new Diagnostics());
    assertThat(a).isEqualTo(b);
  }
}
