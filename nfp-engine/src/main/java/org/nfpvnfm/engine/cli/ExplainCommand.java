package org.nfpvnfm.engine.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import org.nfpvnfm.cli.Nfp;
import org.nfpvnfm.cli.NfpSubcommand;
import org.nfpvnfm.engine.GraphCompilation;
import org.nfpvnfm.engine.GraphNf;
import org.nfpvnfm.engine.PairRecord;
import org.nfpvnfm.engine.ServiceGraph;
import org.nfpvnfm.tosca.Diagnostic;
import org.nfpvnfm.tosca.Severity;
import org.nfpvnfm.tosca.nfp.NfpModel;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code nfp explain PATH NF1 NF2 [--graph NAME] [--json]}: why two NFs are parallel, copy-parallel
 * or sequential, and where they ended up in the compiled graph.
 */
@Command(
    name = "explain",
    description = {
      "Explain why two NFs of a forwarding graph run in parallel, in parallel on copies, or one"
          + " after the other.",
      "Names the rule that orders them (with its file and line), the cause, each conflicting"
          + " field with both NFs' actions, and where the compiled graph puts them."
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:explained",
      "1:the input has problems: load errors, the graph did not compile, an NF or graph"
          + " name that is not there",
      "2:usage error"
    })
public final class ExplainCommand implements Callable<Integer>, NfpSubcommand {

  @Spec @Nullable CommandSpec spec;

  @Option(
      names = {"-h", "--help"},
      usageHelp = true,
      description = "Show this help and exit.")
  boolean help;

  @Parameters(index = "0", paramLabel = "PATH", description = "The descriptor.")
  Path path = Path.of("");

  @Parameters(index = "1", paramLabel = "NF1", description = "An NF's name.")
  String nf1 = "";

  @Parameters(index = "2", paramLabel = "NF2", description = "Another NF's name.")
  String nf2 = "";

  @Option(
      names = "--graph",
      paramLabel = "NAME",
      description =
          "The forwarding graph (its path's name, or its VNFFG group's name). Default: every"
              + " graph that has both NFs.")
  @Nullable String graph;

  @Option(names = "--json", description = "One JSON document instead of sentences.")
  boolean json;

  @Override
  public Object command() {
    return new ExplainCommand();
  }

  @Override
  public Integer call() throws JsonProcessingException {
    CommandLine cli = Objects.requireNonNull(spec).commandLine();
    if (nf1.equals(nf2)) {
      throw new CommandLine.ParameterException(
          cli, "NF1 and NF2 are both " + nf1 + "; name two different NFs");
    }
    CompiledInput input = CompiledInput.load(path);
    List<GraphCompilation> selected = input.select(graph);
    List<GraphCompilation> withBoth =
        selected.stream()
            .filter(g -> input.nfNames(g).contains(nf1) && input.nfNames(g).contains(nf2))
            .toList();
    List<Diagnostic> diagnostics = input.diagnostics(withBoth);
    List<PairExplainer.Explanation> explanations = new ArrayList<>();
    List<String> problems = new ArrayList<>();
    String problem = problem(input, selected, withBoth);
    if (problem != null) {
      problems.add(problem);
    }
    NfpModel model = input.model;
    for (GraphCompilation g : withBoth) {
      ServiceGraph sg = g.serviceGraph().orElse(null);
      PairRecord pair = g.pair(nf1, nf2).orElse(null);
      if (sg == null || pair == null || model == null) {
        problems.add(
            "graph " + g.name() + " did not compile (errors above), so it has no pair record");
        continue;
      }
      explanations.add(PairExplainer.explain(model, sg, pair));
    }
    boolean ok = problems.isEmpty() && CompiledInput.count(diagnostics, Severity.ERROR) == 0;
    PrintWriter out = cli.getOut();
    if (json) {
      out.println(json(diagnostics, explanations, problems, ok));
    } else {
      diagnostics.forEach(out::println);
      for (PairExplainer.Explanation e : explanations) {
        out.print(text(e));
      }
      if (!input.loaded.ok()) {
        out.println(path + ": " + CompiledInput.counts(diagnostics) + "; nothing to explain");
      }
    }
    out.flush();
    PrintWriter err = cli.getErr();
    problems.forEach(p -> err.println("nfp explain: " + p));
    err.flush();
    return ok ? 0 : Nfp.EXIT_PROBLEMS;
  }

  /**
   * Why nothing can be explained, naming what is there instead, or null. Load errors are not a
   * problem here: the diagnostics already say them.
   */
  private @Nullable String problem(
      CompiledInput input, List<GraphCompilation> selected, List<GraphCompilation> withBoth) {
    if (!input.loaded.ok() || !withBoth.isEmpty()) {
      return null;
    }
    if (input.graphs().isEmpty()) {
      return path + ": no forwarding graph and no NFP rule, so no NF pair to explain";
    }
    if (selected.isEmpty()) {
      return path + ": no graph named " + graph + " (graphs: " + input.graphNames() + ")";
    }
    List<String> lines = new ArrayList<>();
    for (GraphCompilation g : selected) {
      List<String> names = input.nfNames(g);
      List<String> missing = List.of(nf1, nf2).stream().filter(n -> !names.contains(n)).toList();
      lines.add(
          "graph "
              + g.name()
              + " has no NF "
              + String.join(" and no NF ", missing)
              + suggestions(missing, names)
              + "; its NFs: "
              + String.join(", ", names));
    }
    String head = selected.size() == 1 ? "" : "no graph has both " + nf1 + " and " + nf2 + ":\n  ";
    return head + String.join("\n  ", lines);
  }

  /**
   * {@code (did you mean FW_VNFD?)} when a missing name differs from an NF's only in case or is
   * part of it: Tacker forwarders are VNFD names, and {@code FW} for {@code FW_VNFD} is the likely
   * slip.
   */
  private static String suggestions(List<String> missing, List<String> names) {
    List<String> close = new ArrayList<>();
    for (String m : missing) {
      String lower = m.toLowerCase(java.util.Locale.ROOT);
      for (String n : names) {
        String candidate = n.toLowerCase(java.util.Locale.ROOT);
        if ((candidate.contains(lower) || lower.contains(candidate)) && !close.contains(n)) {
          close.add(n);
        }
      }
    }
    return close.isEmpty() ? "" : " (did you mean " + String.join(" or ", close) + "?)";
  }

  private static String text(PairExplainer.Explanation e) {
    StringBuilder t = new StringBuilder();
    t.append(e.first().name())
        .append(" and ")
        .append(e.second().name())
        .append(" in graph ")
        .append(e.graph().name())
        .append(": ")
        .append(Text.relation(e.pair().relation()))
        .append('\n');
    t.append("  order:    ").append(e.order()).append(".\n");
    t.append("  relation: ").append(e.relation()).append(".\n");
    t.append("  why:      ").append(e.cause()).append(".\n");
    if (!e.conflicts().isEmpty()) {
      t.append("  conflicting actions:\n");
      for (PairExplainer.ConflictLine c : e.conflicts()) {
        t.append("    - ").append(c.sentence()).append('\n');
      }
    }
    t.append("  in graph: ").append(e.placement().sentence()).append(".\n");
    return t.toString();
  }

  private String json(
      List<Diagnostic> diagnostics,
      List<PairExplainer.Explanation> explanations,
      List<String> problems,
      boolean ok)
      throws JsonProcessingException {
    ObjectMapper mapper = Json.mapper();
    ObjectNode root = mapper.createObjectNode();
    root.put("path", path.toString());
    root.put("ok", ok);
    ArrayNode problemArray = root.putArray("problems");
    problems.forEach(problemArray::add);
    Json.diagnostics(root.putArray("diagnostics"), diagnostics);
    ArrayNode array = root.putArray("explanations");
    for (PairExplainer.Explanation e : explanations) {
      ObjectNode node = array.addObject();
      node.put("graph", e.graph().name());
      nf(node.putObject("first"), e.first());
      nf(node.putObject("second"), e.second());
      node.put("relation", e.pair().relation().name());
      node.put("cause", e.pair().cause().name());
      node.put("ordering", e.pair().ordering().name());
      Json.location(node, "rule", e.pair().rule());
      if (e.ruleText() == null) {
        node.putNull("ruleText");
      } else {
        node.put("ruleText", e.ruleText());
      }
      node.put("order", e.order());
      node.put("relationText", e.relation());
      node.put("why", e.cause());
      ArrayNode conflicts = node.putArray("conflicts");
      for (PairExplainer.ConflictLine c : e.conflicts()) {
        ObjectNode cn = conflicts.addObject();
        if (c.conflict().field() == null) {
          cn.putNull("field");
        } else {
          cn.put("field", Text.field(Objects.requireNonNull(c.conflict().field())));
        }
        cn.put("first", c.conflict().first().symbol());
        cn.put("second", c.conflict().second().symbol());
        cn.put("relation", c.conflict().relation().name());
        cn.put("cell", c.conflict().toString());
        cn.put("sentence", c.sentence());
      }
      ObjectNode placement = node.putObject("placement");
      placement.put("parallel", e.placement().parallel());
      placement.put("merge", e.placement().merge());
      placement.put("earlier", e.placement().earlier());
      placement.put("sentence", e.placement().sentence());
    }
    return mapper.writeValueAsString(root);
  }

  private static void nf(ObjectNode node, GraphNf nf) {
    node.put("id", nf.id());
    node.put("name", nf.name());
    node.put("profile", Text.profileName(nf));
    node.put("declaredProfile", nf.declaredProfile());
    node.put("step", nf.step());
  }
}
