package org.nfpvnfm.engine.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.nfpvnfm.engine.cli.Cli.nfp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nfpvnfm.cli.Nfp;
import org.nfpvnfm.engine.Compilation;
import org.nfpvnfm.engine.ForwardingEntry;
import org.nfpvnfm.engine.GraphNf;
import org.nfpvnfm.engine.Hop;
import org.nfpvnfm.engine.NfpCompiler;
import org.nfpvnfm.engine.ServiceGraph;
import org.nfpvnfm.engine.ServiceGraphJson;
import org.nfpvnfm.tosca.LoadResult;
import org.nfpvnfm.tosca.ToscaLoader;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

class CompileCommandTest {

  @TempDir Path dir;

  private Path write(String name, String text) throws IOException {
    return Files.writeString(dir.resolve(name), text, StandardCharsets.UTF_8);
  }

  /**
   * The service graphs of a descriptor, compiled directly, to compare the command's output with.
   */
  private static List<ServiceGraph> compiled(Path path) {
    LoadResult loaded = ToscaLoader.create().load(path);
    Compilation c = NfpCompiler.create().compile(Objects.requireNonNull(loaded.nfp(), "NFP model"));
    return c.serviceGraphs();
  }

  @Test
  void findsBothCommandsThroughTheServiceLoader() {
    assertThat(Nfp.commandLine().getSubcommands()).containsKeys("compile", "explain", "validate");
  }

  @Test
  void reportsTheTackerPaperChainAsVpnThenMonitorBesideFirewallThenLoadBalancer() {
    Cli.Run run = nfp("compile", Cli.sample(Cli.TACKER).toString());

    assertThat(run.exitCode()).as(run.toString()).isZero();
    assertThat(run.out())
        .contains("graph Forwarding_path1:")
        .contains("reference chain: 1. VPN_VNFD  2. MON_VNFD  3. FW_VNFD  4. LB_VNFD")
        .contains("shape:           VPN_VNFD -> {MON_VNFD | FW_VNFD} -> LB_VNFD")
        .contains("length 3 (sequential 4), width 2, 1 parallel block, 0 header copies")
        .contains("branch_web: ip_proto 6, src 172.16.0.0/12, dport 80-443")
        .contains("buf 0: the packet as the classifier received it")
        .contains(
            "after VPN_VNFD (buffer 0): -> MON_VNFD [shared buf 0], -> FW_VNFD [shared buf 0]")
        .contains("after FW_VNFD (buffer 0, version 1 of merger 0): -> merger 0 as version 1")
        .contains("after merger 0 (buffer 0): -> LB_VNFD [shared buf 0]")
        .contains("v1: buf 0 (shared), through FW_VNFD, sent by FW_VNFD")
        .contains("drop: dropped when FW_VNFD (v1) dropped it")
        .contains("egress: recomputes the IPv4 header checksum and the TCP/UDP checksum")
        .endsWith(Cli.sample(Cli.TACKER) + ": compiled 1 of 1 graph\n");
    assertThat(run.err()).isEmpty();
  }

  @Test
  void compilesTheSol004PackageFolderToThePapersFigure2() {
    Cli.Run run = nfp("compile", Cli.sample(Cli.SOL004).toString());

    assertThat(run.exitCode()).as(run.toString()).isZero();
    assertThat(run.out())
        .contains("reference chain: 1. VPN  2. Monitor  3. FW  4. LB")
        .contains("shape:           VPN -> {Monitor | FW} -> LB")
        .contains("web_traffic: eth_type ipv4, ip_proto 6, dst 10.20.0.0/16");
  }

  @Test
  void showsThatTheDatacenterNidsOverrulesTheFirewallsDrop() {
    Cli.Run run = nfp("compile", Cli.sample(Cli.DATACENTER).toString());

    assertThat(run.exitCode()).as(run.toString()).isZero();
    assertThat(run.out())
        .contains("shape:           GW -> {FW | NIDS} -> NAT -> LB -> CACHE -> MON")
        .contains("priority over FW")
        .containsPattern(
            "drop: dropped when FW \\(v0\\) or NIDS \\(v1\\) dropped it; unless NIDS let it pass,"
                + " which overrules FW \\(priority at \\S+dc_north_south_nsd\\.yaml:\\d+:\\d+\\)");
  }

  @Test
  void setsThePapersMemoryModelBesideWhatThePlanReallyCopies() throws IOException {
    Cli.Run shared = nfp("compile", Cli.sample(Cli.TACKER).toString());
    assertThat(shared.out())
        .contains(
            "memory:          datacenter mix (mean 724 B): paper's ro = 64 x (d-1) / s = 8.8% at"
                + " degree 2; this plan copies 0 B per packet (0.0%) and uses 0 B of buffer"
                + " descriptors");

    Path file = write("copies.yaml", Descriptors.COPIES);
    Cli.Run copies = nfp("compile", file.toString(), "--mix", "1500");
    assertThat(copies.out())
        .contains("1500B mix (mean 1500 B): paper's ro = 64 x (d-1) / s = 12.8% at degree 4;")
        .contains("this plan copies 192 B per packet (12.8%) and uses 768 B of buffer descriptors");
  }

  @Test
  void sequentialReportsThePaperChainStepByStepWithTheTruePairCounts() {
    Cli.Run run = nfp("compile", Cli.sample(Cli.TACKER).toString(), "--sequential");

    assertThat(run.exitCode()).as(run.toString()).isZero();
    assertThat(run.out())
        .contains("graph Forwarding_path1 (sequential plan):")
        .contains("shape:           VPN_VNFD -> MON_VNFD -> FW_VNFD -> LB_VNFD")
        .contains("length 4 (sequential 4), width 1, 0 parallel blocks, 0 header copies")
        .contains("pairs:           6: 1 parallel, 1 copy-parallel, 4 sequential")
        .contains("after MON_VNFD (buffer 0): -> FW_VNFD [shared buf 0]")
        .contains("after LB_VNFD (buffer 0): -> egress")
        .doesNotContain("merger");
  }

  @Test
  void sequentialKeepsAStepOfNfsRunTogetherAsABlockAndCopiesOnlyThere() throws IOException {
    Path file = write("copies.yaml", Descriptors.COPIES);

    Cli.Run run = nfp("compile", file.toString(), "--sequential");

    assertThat(run.exitCode()).as(run.toString()).isZero();
    assertThat(run.out())
        .contains("shape:           A -> B -> {C | D}")
        .contains("1 parallel block, 1 header copy")
        .contains("classifier (buffer 0): -> A [shared buf 0]")
        .contains("after B (buffer 0): -> D [header copy buf 1 from 0], -> C [shared buf 0]")
        .contains("after merger 0 (buffer 0): -> egress [shared buf 0]");
  }

  @ParameterizedTest
  @ValueSource(strings = {Cli.TACKER, Cli.SOL004, Cli.DATACENTER})
  void sequentialJsonHoldsTheSequentialPlanInTheServiceGraphFormat(String sample)
      throws IOException {
    Cli.Run run = nfp("compile", "--json", "--sequential", Cli.sample(sample).toString());

    assertThat(run.exitCode()).as(run.toString()).isZero();
    ObjectMapper mapper = ServiceGraphJson.mapper();
    List<ServiceGraph> read = new ArrayList<>();
    for (JsonNode graph : mapper.readTree(run.out()).get("graphs")) {
      read.add(ServiceGraphJson.read(mapper.writeValueAsString(graph)));
    }
    LoadResult loaded = ToscaLoader.create().load(Cli.sample(sample));
    assertThat(read)
        .isEqualTo(
            NfpCompiler.create()
                .plan(NfpCompiler.Plan.SEQUENTIAL)
                .compile(Objects.requireNonNull(loaded.nfp()))
                .serviceGraphs());
    assertThat(read).allMatch(g -> g.plan() == NfpCompiler.Plan.SEQUENTIAL);
  }

  @Test
  void sequentialDrawingsHaveNoParallelBlockForAChainOfSingleNfs() throws Exception {
    Cli.Run dot = nfp("compile", "--dot", "--sequential", Cli.sample(Cli.TACKER).toString());
    Cli.Run svg = nfp("compile", "--svg", "--sequential", Cli.sample(Cli.TACKER).toString());

    assertThat(dot.exitCode()).as(dot.toString()).isZero();
    assertThat(dot.out())
        .contains("g0_nf1 -> g0_nf2 [label=\"shared buf 0\"];")
        .doesNotContain("cluster_g0_m0");
    assertThat(svg.exitCode()).as(svg.toString()).isZero();
    assertThat(parseSvg(svg.out()).getTextContent())
        .contains("VPN_VNFD -> MON_VNFD -> FW_VNFD -> LB_VNFD")
        .doesNotContain("merger 0");
  }

  @Test
  void rejectsAMixThatIsNeitherNamedNorASize() {
    Cli.Run run = nfp("compile", Cli.sample(Cli.TACKER).toString(), "--mix", "jumbo");
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("--mix jumbo: expected 'datacenter' or a packet size");
  }

  @Test
  void showsHeaderCopiesAndWhichVersionEachWrittenFieldIsCopiedFrom() throws IOException {
    Path file = write("copies.yaml", Descriptors.COPIES);

    Cli.Run run = nfp("compile", file.toString());

    assertThat(run.exitCode()).as(run.toString()).isZero();
    assertThat(run.out())
        .contains("shape:           {A | B | C | D}")
        .contains("3 header copies")
        .contains("buf 1: header copy of buf 0 at the fork of merger 0, for version 0 (A)")
        .contains(
            "classifier (buffer 0): -> A [header copy buf 1 from 0], -> C [header copy buf 2 from"
                + " 0], -> D [header copy buf 3 from 0], -> B [shared buf 0]")
        .contains("output: version 1 (buf 0)")
        .contains("sip <- version 0 (A): only writer, copy from version 0")
        .contains("ttl <- version 3 (D): priority over C (rule at copies.yaml:19:11), copy from")
        .contains("dscp <- version 1 (B): only writer\n")
        .contains("header ops: replay on the output, in order: C (v2), D (v3)")
        .contains("unless D let it pass, which overrules C");
  }

  @Test
  void reportsAnOrderCycleLikeACompilerAndExitsOne() throws IOException {
    Path file = write("cycle.yaml", Descriptors.ORDER_CYCLE);

    Cli.Run run = nfp("compile", file.toString());

    assertThat(run.exitCode()).as(run.toString()).isEqualTo(Nfp.EXIT_PROBLEMS);
    assertThat(run.out())
        .containsPattern(
            "(?m)^cycle\\.yaml:8:\\d+: error NFP001: order rules form a cycle, A -> B -> A")
        .contains("order(B, before, A) at cycle.yaml:26:")
        .contains("graph FP1: not compiled (errors above)")
        .contains(file + ": compiled 0 of 1 graph (1 error)");
  }

  @Test
  void printsLoadErrorsAndCompilesNothingWhenTheDescriptorDoesNotLoad() throws IOException {
    Path file = write("bad.yaml", Descriptors.LOAD_ERROR);

    Cli.Run run = nfp("compile", file.toString());

    assertThat(run.exitCode()).isEqualTo(Nfp.EXIT_PROBLEMS);
    assertThat(run.out())
        .containsPattern("(?m)^bad\\.yaml:3:\\d+: error TOSCA402: ")
        .contains(file + ": 1 error, nothing compiled");
  }

  @Test
  void reportsAMissingFileInOneLineWithoutAStackTrace() {
    Path missing = dir.resolve("no-such.yaml");

    Cli.Run run = nfp("compile", missing.toString());

    assertThat(run.exitCode()).isEqualTo(Nfp.EXIT_PROBLEMS);
    assertThat(run.out()).contains("error TOSCA210").contains("does not exist");
    assertThat(run.out() + run.err()).doesNotContain("Exception").doesNotContain("\tat ");
  }

  @Test
  void saysThereIsNothingToCompileInATemplateWithoutNfp() {
    Cli.Run run = nfp("compile", Cli.sample("minimal-compute.yaml").toString());

    assertThat(run.exitCode()).isEqualTo(Nfp.EXIT_PROBLEMS);
    assertThat(run.err()).contains("nothing to compile: no forwarding graph");
    assertThat(run.out()).endsWith(": nothing compiled\n");
  }

  @Test
  void anUnknownGraphNameListsTheGraphsThereAre() {
    Cli.Run run = nfp("compile", Cli.sample(Cli.TACKER).toString(), "--graph", "nope");

    assertThat(run.exitCode()).isEqualTo(Nfp.EXIT_PROBLEMS);
    assertThat(run.err()).contains("no graph named nope (graphs: Forwarding_path1)");
  }

  @Test
  void graphSelectsByPathNameOrByVnffgGroupName() throws IOException {
    Path file = write("two.yaml", Descriptors.TWO_GRAPHS);

    Cli.Run byPath = nfp("compile", file.toString(), "--graph", "FP2");
    Cli.Run byGroup = nfp("compile", file.toString(), "--graph", "G2");
    Cli.Run all = nfp("compile", file.toString());

    assertThat(byPath.out()).contains("graph FP2:").doesNotContain("graph FP1:");
    assertThat(byGroup.out()).isEqualTo(byPath.out());
    assertThat(all.out()).contains("graph FP1:").contains("graph FP2:");
    // X has no profile: a load warning, which does not fail the command.
    assertThat(all.exitCode()).as(all.toString()).isZero();
    assertThat(all.out())
        .contains("warning TOSCA604")
        .contains("(assumed: the NF declares no profile)");
  }

  @ParameterizedTest
  @ValueSource(strings = {Cli.TACKER, Cli.SOL004, Cli.DATACENTER})
  void jsonHoldsEachGraphInTheServiceGraphFormat(String sample) throws IOException {
    Cli.Run run = nfp("compile", "--json", Cli.sample(sample).toString());

    assertThat(run.exitCode()).as(run.toString()).isZero();
    ObjectMapper mapper = ServiceGraphJson.mapper();
    JsonNode json = mapper.readTree(run.out());
    assertThat(json.get("ok").asBoolean()).isTrue();
    assertThat(json.get("diagnostics").isArray()).isTrue();
    List<ServiceGraph> read = new ArrayList<>();
    for (JsonNode graph : json.get("graphs")) {
      read.add(ServiceGraphJson.read(mapper.writeValueAsString(graph)));
    }
    assertThat(read).isEqualTo(compiled(Cli.sample(sample)));
  }

  @Test
  void jsonOfAGraphWithErrorsHasTheDiagnosticsAndNamesTheGraphNotCompiled() throws IOException {
    Path file = write("cycle.yaml", Descriptors.ORDER_CYCLE);

    Cli.Run run = nfp("compile", "--json", file.toString());

    assertThat(run.exitCode()).isEqualTo(Nfp.EXIT_PROBLEMS);
    JsonNode json = new ObjectMapper().readTree(run.out());
    assertThat(json.get("ok").asBoolean()).isFalse();
    assertThat(json.get("errors").asInt()).isEqualTo(1);
    JsonNode d = json.get("diagnostics").get(0);
    assertThat(d.get("code").asText()).isEqualTo("NFP001");
    assertThat(d.get("file").asText()).isEqualTo("cycle.yaml");
    assertThat(d.get("line").asInt()).isEqualTo(8);
    assertThat(json.get("graphs")).isEmpty();
    assertThat(json.get("notCompiled").get(0).asText()).isEqualTo("FP1");
  }

  @ParameterizedTest
  @ValueSource(strings = {Cli.TACKER, Cli.SOL004, Cli.DATACENTER})
  void dotHasAnEdgeForEveryHopOfTheForwardingTable(String sample) {
    Cli.Run run = nfp("compile", "--dot", Cli.sample(sample).toString());

    assertThat(run.exitCode()).as(run.toString()).isZero();
    ServiceGraph graph = compiled(Cli.sample(sample)).get(0);
    assertThat(run.out()).startsWith("digraph \"" + graph.name() + "\" {").endsWith("}\n");
    for (ForwardingEntry row : graph.forwarding()) {
      for (Hop hop : row.hops()) {
        assertThat(run.out())
            .contains(
                DotWriter.id("g0", row.from()) + " -> " + DotWriter.id("g0", hop.to()) + " [");
      }
    }
    for (GraphNf nf : graph.nfs()) {
      assertThat(run.out()).contains("label=\"" + nf.name() + "\\n" + nf.profile().name() + "\"");
    }
    assertThat(run.out()).contains("subgraph cluster_g0_m0 {").contains("g0_m0 [shape=diamond");
  }

  @Test
  void dotDrawsHeaderCopiesDashedWithTheirBuffers() throws IOException {
    Cli.Run run = nfp("compile", "--dot", write("copies.yaml", Descriptors.COPIES).toString());

    assertThat(run.out())
        .contains("g0_classifier -> g0_nf0 [label=\"header copy buf 1 from 0\", style=dashed];")
        .contains("g0_classifier -> g0_nf1 [label=\"shared buf 0\"];")
        .contains("g0_nf3 -> g0_m0 [label=\"v3\"");
  }

  @Test
  void dotPutsSeveralGraphsInOneDocumentAsClusters() throws IOException {
    Cli.Run run = nfp("compile", "--dot", write("two.yaml", Descriptors.TWO_GRAPHS).toString());

    assertThat(run.out())
        .startsWith("digraph \"nfp\" {")
        .contains("subgraph cluster_g0 {")
        .contains("subgraph cluster_g1 {")
        .contains("g1_classifier -> g1_nf1 [label=\"shared buf 0\"];");
    // The TOSCA604 warning for X must not end up inside the DOT text.
    assertThat(run.out()).doesNotContain("TOSCA604");
    assertThat(run.err()).contains("warning TOSCA604");
  }

  @ParameterizedTest
  @ValueSource(strings = {Cli.TACKER, Cli.SOL004, Cli.DATACENTER})
  void svgIsWellFormedStandaloneSvgNamingEveryNf(String sample) throws Exception {
    Cli.Run run = nfp("compile", "--svg", Cli.sample(sample).toString());

    assertThat(run.exitCode()).as(run.toString()).isZero();
    Element svg = parseSvg(run.out());
    assertThat(svg.getAttribute("version")).isEqualTo("1.1");
    assertThat(svg.getAttribute("viewBox")).matches("0 0 \\d+ \\d+");
    String text = svg.getTextContent();
    for (ServiceGraph graph : compiled(Cli.sample(sample))) {
      for (GraphNf nf : graph.nfs()) {
        assertThat(text).contains(nf.name()).contains(nf.profile().name());
      }
      assertThat(text).contains(graph.name()).contains("merger 0");
    }
  }

  @Test
  void svgEscapesNamesThatAreNotValidXmlText() throws Exception {
    Path file = write("odd.yaml", Descriptors.ODD_NAME);

    Cli.Run svg = nfp("compile", "--svg", file.toString());
    Cli.Run dot = nfp("compile", "--dot", file.toString());

    assertThat(svg.exitCode()).as(svg.toString()).isZero();
    assertThat(parseSvg(svg.out()).getTextContent()).contains("R&D<fw>\"x'");
    assertThat(dot.out()).contains("label=\"R&D<fw>\\\"x'\\nmonitor\"");
  }

  @Test
  void svgDrawsHeaderCopiesDashedAndLabelled() throws Exception {
    Cli.Run run = nfp("compile", "--svg", write("copies.yaml", Descriptors.COPIES).toString());

    assertThat(run.exitCode()).as(run.toString()).isZero();
    parseSvg(run.out());
    assertThat(run.out()).contains("stroke-dasharray=").contains(">hdr copy b1</text>");
  }

  @Test
  void outputWritesTheFileAndNothingToStandardOutput() throws IOException {
    Path target = dir.resolve("figures/chain.svg");

    Cli.Run run =
        nfp("compile", "--svg", "--output", target.toString(), Cli.sample(Cli.TACKER).toString());

    assertThat(run.exitCode()).as(run.toString()).isZero();
    assertThat(run.out()).isEmpty();
    assertThat(Files.readString(target, StandardCharsets.UTF_8))
        .isEqualTo(nfp("compile", "--svg", Cli.sample(Cli.TACKER).toString()).out());
  }

  @Test
  void aDrawingOfADescriptorWithErrorsIsNotWrittenAndTheErrorsGoToStandardError()
      throws IOException {
    Path file = write("cycle.yaml", Descriptors.ORDER_CYCLE);
    Path target = dir.resolve("cycle.svg");

    Cli.Run run = nfp("compile", "--svg", "-o", target.toString(), file.toString());

    assertThat(run.exitCode()).isEqualTo(Nfp.EXIT_PROBLEMS);
    assertThat(run.err()).contains("error NFP001").contains("nothing drawn");
    assertThat(target).doesNotExist();
  }

  @Test
  void twoOutputFormatsAreAUsageError() {
    Cli.Run run = nfp("compile", "--json", "--svg", Cli.sample(Cli.TACKER).toString());

    assertThat(run.exitCode()).isEqualTo(Nfp.EXIT_USAGE);
    assertThat(run.err()).contains("--json, --dot and --svg exclude each other");
  }

  @Test
  void withoutAPathIsAUsageError() {
    Cli.Run run = nfp("compile");

    assertThat(run.exitCode()).isEqualTo(Nfp.EXIT_USAGE);
    assertThat(run.err()).contains("PATH");
  }

  /** Parses with the JDK's parser, namespace-aware, refusing DTDs: a broken document throws. */
  static Element parseSvg(String text) throws Exception {
    DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
    factory.setNamespaceAware(true);
    factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
    DocumentBuilder builder = factory.newDocumentBuilder();
    Document doc = builder.parse(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
    Element root = doc.getDocumentElement();
    assertThat(root.getNamespaceURI()).isEqualTo("http://www.w3.org/2000/svg");
    assertThat(root.getLocalName()).isEqualTo("svg");
    return root;
  }
}
