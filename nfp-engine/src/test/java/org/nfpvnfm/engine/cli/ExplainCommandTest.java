package org.nfpvnfm.engine.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.nfpvnfm.engine.cli.Cli.nfp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nfpvnfm.cli.Nfp;

class ExplainCommandTest {

  @TempDir Path dir;

  private Path write(String name, String text) throws IOException {
    return Files.writeString(dir.resolve(name), text, StandardCharsets.UTF_8);
  }

  private static Cli.Run explain(String sample, String... rest) {
    String[] args = new String[rest.length + 2];
    args[0] = "explain";
    args[1] = Cli.sample(sample).toString();
    System.arraycopy(rest, 0, args, 2, rest.length);
    return nfp(args);
  }

  /** {@code file.yaml:26}: where the Tacker sample's path (its chain of order rules) is written. */
  private static String tackerPathLine() throws IOException {
    return Cli.TACKER + ":" + Cli.lineOf(Cli.sample(Cli.TACKER), "        path:");
  }

  @Test
  void firewallBeforeLoadBalancerIsSequentialBecauseTheFirewallMayDrop() throws IOException {
    Cli.Run run = explain(Cli.TACKER, "FW_VNFD", "LB_VNFD");

    assertThat(run.exitCode()).as(run.toString()).isZero();
    assertThat(run.out())
        .startsWith("FW_VNFD and LB_VNFD in graph Forwarding_path1: sequential\n")
        .contains(
            "FW_VNFD comes before LB_VNFD in the reference chain (steps 3 and 4 of 4) because a"
                + " rule says so: order(FW_VNFD, before, LB_VNFD) at "
                + tackerPathLine()
                + ":")
        .contains("the action table (spec §4)")
        .contains(
            "FW_VNFD may drop packets (D) and LB_VNFD sees every packet that reaches it, so"
                + " LB_VNFD must come after FW_VNFD: sequential"
                + " [packet: D/sees the packet -> sequential]")
        .contains(
            "FW_VNFD reads sip (R) and LB_VNFD writes it (W): they could run in parallel, but only"
                + " on separate copies of the packet (copy-parallel) [sip: R/W -> parallel with"
                + " copy]")
        .contains("[dip: R/W -> parallel with copy]")
        .contains(
            "in graph: one after the other: FW_VNFD then LB_VNFD; FW_VNFD is in the parallel"
                + " block of merger 0 (version 1), LB_VNFD is outside every parallel block.");
    assertThat(run.err()).isEmpty();
  }

  @Test
  void givesTheSameExplanationWhicheverOrderTheNamesComeIn() {
    assertThat(explain(Cli.TACKER, "LB_VNFD", "FW_VNFD").out())
        .isEqualTo(explain(Cli.TACKER, "FW_VNFD", "LB_VNFD").out());
  }

  @Test
  void monitorAndFirewallShareOnePacketInTheSameBlock() {
    Cli.Run run = explain(Cli.TACKER, "MON_VNFD", "FW_VNFD");

    assertThat(run.out())
        .startsWith("MON_VNFD and FW_VNFD in graph Forwarding_path1: parallel\n")
        .contains("No cell conflicts")
        .contains(
            "in graph: in parallel, in the block of merger 0: MON_VNFD in version 0, FW_VNFD in"
                + " version 1, sharing buf 0.");
  }

  @Test
  void aPinnedVpnNamesThePositionRuleAndItsLine() throws IOException {
    Cli.Run run = explain(Cli.TACKER, "VPN_VNFD", "MON_VNFD");

    // A policy's place is its body's first line, the one after its name.
    int line = Cli.lineOf(Cli.sample(Cli.TACKER), "- vpn_first:") + 1;
    assertThat(run.out())
        .contains(
            "VPN_VNFD is pinned first by position(VPN_VNFD, first) at "
                + Cli.TACKER
                + ":"
                + line
                + ":")
        .contains(
            "VPN_VNFD adds or removes headers (A) and MON_VNFD reads packet fields (R), so"
                + " MON_VNFD must come after VPN_VNFD: sequential [packet: A/R -> sequential]");
  }

  @Test
  void anImpliedOrderShowsTheRulesItFollowsFrom() {
    Cli.Run run = explain(Cli.TACKER, "MON_VNFD", "LB_VNFD");

    assertThat(run.out())
        .startsWith("MON_VNFD and LB_VNFD in graph Forwarding_path1: copy-parallel\n")
        .contains("rules imply it through other NFs: order(MON_VNFD, before, FW_VNFD) at ")
        .contains(", then order(FW_VNFD, before, LB_VNFD) at ")
        // The pair alone may run in parallel; the chosen shape keeps them apart, and says so.
        .contains("As a pair they could run in parallel");
  }

  @Test
  void nfsOfAParallelPositionRunTogetherBecauseBothSeeEveryPacket() throws IOException {
    // The paper's SOL004 sample with Monitor and FW in one NfpPosition (forwarding_behaviour:
    // all) instead of one after the other; without its manifest, whose hashes it no longer has.
    Path pkg = dir.resolve("shared-position");
    Path sample = Cli.sample(Cli.SOL004);
    for (String f :
        List.of(
            "TOSCA-Metadata/TOSCA.meta",
            "Definitions/paper_chain_nsd.yaml",
            "Definitions/paper_chain_types.yaml")) {
      Files.createDirectories(pkg.resolve(f).getParent());
      Files.copy(sample.resolve(f), pkg.resolve(f));
    }
    Path meta = pkg.resolve("TOSCA-Metadata/TOSCA.meta");
    Files.writeString(
        meta, Files.readString(meta).replaceAll("(?m)^ETSI-Entry-Manifest:.*\\n", ""));
    Path nsd = pkg.resolve("Definitions/paper_chain_nsd.yaml");
    String text =
        Files.readString(nsd)
            .replace("        - nfp_position: pos_fw\n", "")
            .replace(
                "    pos_fw:\n      type: tosca.nodes.nfv.NfpPosition\n      requirements:\n", "")
            .replace(
                "    pos_mon:\n      type: tosca.nodes.nfv.NfpPosition\n      requirements:\n"
                    + "        - element: el_mon\n",
                "    pos_mon:\n      type: tosca.nodes.nfv.NfpPosition\n      properties:\n"
                    + "        forwarding_behaviour: all\n      requirements:\n"
                    + "        - element: el_mon\n");
    Files.writeString(nsd, text);

    Cli.Run run = nfp("explain", pkg.toString(), "FW", "Monitor");

    int line = Cli.lineOf(nsd, "forwarding_behaviour: all");
    assertThat(run.out())
        .as(run.toString())
        .startsWith("Monitor and FW in graph paper_path: parallel\n")
        .contains("Monitor and FW run together, with no order between them (both at step 2 of 3)")
        .contains("parallel position {Monitor, FW} at Definitions/paper_chain_nsd.yaml:" + line)
        .contains("they share a SOL001 NfpPosition with forwarding_behaviour: all");
  }

  @Test
  void nfsOneAfterTheOtherInTheChainRunInParallelWhenTheActionTableAllows() throws IOException {
    Cli.Run run = explain(Cli.SOL004, "FW", "Monitor");

    assertThat(run.out())
        .startsWith("Monitor and FW in graph paper_path: parallel\n")
        .contains("Monitor comes before FW in the reference chain (steps 2 and 3 of 4)")
        .contains("No cell conflicts")
        .contains("in parallel, in the block of merger 0");
  }

  @Test
  void aPriorityPairNamesThePriorityRuleAndWhoseResultWins() throws IOException {
    Cli.Run run = explain(Cli.DATACENTER, "NIDS", "FW");

    Path nsd = Cli.sample(Cli.DATACENTER).resolve("Definitions/dc_north_south_nsd.yaml");
    int policy = Cli.lineOf(nsd, "- nids_over_fw:") + 1;
    assertThat(run.out())
        .startsWith("FW and NIDS in graph ns_path: parallel\n")
        .contains("priority(NIDS > FW) at Definitions/dc_north_south_nsd.yaml:" + policy + ":")
        .contains("NIDS's result wins, its drop verdict included");
  }

  @Test
  void aRuleThatOrdersTheStepsOfNfsRunTogetherImpliesTheirOrder() throws IOException {
    Path file = write("copies.yaml", Descriptors.COPIES);

    Cli.Run run = nfp("explain", file.toString(), "B", "D");

    // D runs together with C (priority); order(B, before, C) orders D's step, not D by name.
    assertThat(run.out())
        .contains("rules imply it: order(B, before, C) at copies.yaml:18:")
        .contains("in graph: in parallel, in the block of merger 0");
  }

  @Test
  void aWriteBeforeAReadOfTheSameFieldIsSequential() {
    Cli.Run run = explain(Cli.DATACENTER, "NAT", "LB");

    assertThat(run.out())
        .contains(
            "NAT writes sip (W) and LB reads it (R), so LB must come after NAT: sequential"
                + " [sip: W/R -> sequential]")
        .contains("[sport: W/R -> sequential]")
        .contains("NAT writes dip (W) and LB writes it (W)");
  }

  @Test
  void saysWhichNfHasNoProfileWhenThatIsTheCause() throws IOException {
    Cli.Run run =
        nfp("explain", "--json", write("two.yaml", Descriptors.TWO_GRAPHS).toString(), "X", "GW");

    JsonNode e = new ObjectMapper().readTree(run.out()).get("explanations").get(0);
    assertThat(e.get("cause").asText()).isEqualTo("NO_PROFILE");
    assertThat(e.get("why").asText()).startsWith("X has no action profile");
    assertThat(e.get("second").get("declaredProfile").asBoolean()).isFalse();
  }

  @Test
  void explainsThePairInEveryGraphThatHasBothUnlessAGraphIsNamed() throws IOException {
    Path file = write("two.yaml", Descriptors.TWO_GRAPHS);

    Cli.Run all = nfp("explain", file.toString(), "MON", "GW");
    Cli.Run one = nfp("explain", file.toString(), "MON", "GW", "--graph", "FP2");

    assertThat(all.exitCode()).as(all.toString()).isZero();
    assertThat(all.out())
        .contains("MON and GW in graph FP1: parallel")
        .contains("GW and MON in graph FP2: parallel");
    assertThat(one.out()).contains("in graph FP2").doesNotContain("in graph FP1");
  }

  @Test
  void anUnknownNfIsAnErrorListingTheGraphsNfs() {
    Cli.Run run = explain(Cli.TACKER, "FW", "LB_VNFD");

    assertThat(run.exitCode()).isEqualTo(Nfp.EXIT_PROBLEMS);
    assertThat(run.err())
        .contains(
            "graph Forwarding_path1 has no NF FW (did you mean FW_VNFD?); its NFs: VPN_VNFD,"
                + " MON_VNFD, FW_VNFD, LB_VNFD");
    assertThat(run.out()).isEmpty();
  }

  @Test
  void nfsThatShareNoGraphAreAnErrorListingEachGraph() throws IOException {
    Path file = write("two.yaml", Descriptors.TWO_GRAPHS);

    Cli.Run run = nfp("explain", file.toString(), "X", "NOPE");

    assertThat(run.exitCode()).isEqualTo(Nfp.EXIT_PROBLEMS);
    assertThat(run.err())
        .contains("no graph has both X and NOPE:")
        .contains("graph FP1 has no NF NOPE; its NFs: MON, GW, X")
        .contains("graph FP2 has no NF X and no NF NOPE; its NFs: GW, MON");
  }

  @Test
  void aGraphThatDidNotCompileHasNoPairRecordToExplain() throws IOException {
    Path file = write("cycle.yaml", Descriptors.ORDER_CYCLE);

    Cli.Run run = nfp("explain", file.toString(), "A", "B");

    assertThat(run.exitCode()).isEqualTo(Nfp.EXIT_PROBLEMS);
    assertThat(run.out()).contains("error NFP001");
    assertThat(run.err()).contains("graph FP1 did not compile (errors above)");
  }

  @Test
  void theSameNfTwiceIsAUsageError() {
    Cli.Run run = explain(Cli.TACKER, "FW_VNFD", "FW_VNFD");

    assertThat(run.exitCode()).isEqualTo(Nfp.EXIT_USAGE);
    assertThat(run.err()).contains("NF1 and NF2 are both FW_VNFD");
  }

  @Test
  void jsonGivesTheRecordTheRuleAndEachConflictingCell() throws IOException {
    Cli.Run run = explain(Cli.TACKER, "--json", "FW_VNFD", "LB_VNFD");

    assertThat(run.exitCode()).as(run.toString()).isZero();
    JsonNode json = new ObjectMapper().readTree(run.out());
    assertThat(json.get("ok").asBoolean()).isTrue();
    JsonNode e = json.get("explanations").get(0);
    assertThat(e.get("graph").asText()).isEqualTo("Forwarding_path1");
    assertThat(e.get("first").get("name").asText()).isEqualTo("FW_VNFD");
    assertThat(e.get("second").get("name").asText()).isEqualTo("LB_VNFD");
    assertThat(e.get("relation").asText()).isEqualTo("SEQUENTIAL");
    assertThat(e.get("cause").asText()).isEqualTo("TABLE");
    assertThat(e.get("ordering").asText()).isEqualTo("RULE");
    assertThat(e.get("rule").get("file").asText()).isEqualTo(Cli.TACKER);
    assertThat(Cli.TACKER + ":" + e.get("rule").get("line").asInt()).isEqualTo(tackerPathLine());
    assertThat(e.get("ruleText").asText()).isEqualTo("order(FW_VNFD, before, LB_VNFD)");
    JsonNode drop = e.get("conflicts").get(2);
    assertThat(drop.get("field").isNull()).isTrue();
    assertThat(drop.get("first").asText()).isEqualTo("D");
    assertThat(drop.get("cell").asText()).isEqualTo("packet: D/sees the packet -> sequential");
    assertThat(e.get("conflicts").get(0).get("field").asText()).isEqualTo("sip");
    assertThat(e.get("placement").get("parallel").asBoolean()).isFalse();
    assertThat(e.get("placement").get("earlier").asText()).isEqualTo("FW_VNFD");
  }

  @Test
  void jsonOfAnUnknownNfSaysWhyInProblems() throws IOException {
    Cli.Run run = explain(Cli.TACKER, "--json", "FW", "LB_VNFD");

    assertThat(run.exitCode()).isEqualTo(Nfp.EXIT_PROBLEMS);
    JsonNode json = new ObjectMapper().readTree(run.out());
    assertThat(json.get("ok").asBoolean()).isFalse();
    assertThat(json.get("problems").get(0).asText()).contains("has no NF FW");
    assertThat(json.get("explanations")).isEmpty();
  }
}
