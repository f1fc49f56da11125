package org.nfpvnfm.engine.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import org.nfpvnfm.cli.Nfp;
import org.nfpvnfm.cli.NfpSubcommand;
import org.nfpvnfm.engine.GraphCompilation;
import org.nfpvnfm.engine.NfpCompiler;
import org.nfpvnfm.engine.PacketSizeMix;
import org.nfpvnfm.engine.ServiceGraph;
import org.nfpvnfm.tosca.Diagnostic;
import org.nfpvnfm.tosca.Severity;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code nfp compile PATH [--graph NAME] [--sequential] [--json | --dot | --svg] [--output FILE]}:
 * compile the NFP rules of a descriptor into service graphs and show them as a report, JSON,
 * Graphviz DOT or SVG.
 */
@Command(
    name = "compile",
    description = {
      "Compile a descriptor's NFP rules into parallel service graphs and show them.",
      "PATH is a .yaml file, a package folder, or a .zip/.csar package. The report gives each"
          + " graph's reference chain, shape, copy plan, forwarding table and merge table."
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:every selected graph compiled (warnings allowed)",
      "1:the input has problems: load errors, rules the engine rejects, nothing to compile,"
          + " no graph NAME",
      "2:usage error"
    })
public final class CompileCommand implements Callable<Integer>, NfpSubcommand {

  @Spec @Nullable CommandSpec spec;

  @Option(
      names = {"-h", "--help"},
      usageHelp = true,
      description = "Show this help and exit.")
  boolean help;

  @Parameters(index = "0", paramLabel = "PATH", description = "The descriptor to compile.")
  Path path = Path.of("");

  @Option(
      names = "--graph",
      paramLabel = "NAME",
      description =
          "Only this forwarding graph (its path's name, or its VNFFG group's name). Default: all.")
  @Nullable String graph;

  @Option(
      names = "--sequential",
      description =
          "The sequential plan instead of the parallel graph: the reference chain step by step,"
              + " every NF on the packet's own buffer; NFs run together (priority, a parallel"
              + " position) stay a parallel block with its merger. For running the same NFs"
              + " sequentially on the dataplane to compare. Diagnostics and pair counts do not"
              + " change.")
  boolean sequential;

  @Option(
      names = "--json",
      description =
          "One JSON document: the diagnostics and each graph in the service-graph format.")
  boolean json;

  @Option(names = "--dot", description = "Graphviz DOT of the graph(s).")
  boolean dot;

  @Option(names = "--svg", description = "An SVG drawing of the graph(s), made without Graphviz.")
  boolean svg;

  @Option(
      names = "--mix",
      paramLabel = "MIX",
      description =
          "Packet sizes for the memory line of the report: 'datacenter' (mean 724 bytes, the"
              + " default) or one size in bytes, such as 64 or 1500.")
  String mix = "datacenter";

  @Option(
      names = {"-o", "--output"},
      paramLabel = "FILE",
      description = "Write to FILE instead of standard output.")
  @Nullable Path output;

  @Override
  public Object command() {
    return new CompileCommand();
  }

  @Override
  public Integer call() throws IOException {
    CommandLine cli = Objects.requireNonNull(spec).commandLine();
    PrintWriter err = cli.getErr();
    int formats = (json ? 1 : 0) + (dot ? 1 : 0) + (svg ? 1 : 0);
    if (formats > 1) {
      throw new CommandLine.ParameterException(
          cli, "--json, --dot and --svg exclude each other (got " + formats + " of them)");
    }
    PacketSizeMix sizes = mix(cli);
    CompiledInput input =
        CompiledInput.load(
            path, sequential ? NfpCompiler.Plan.SEQUENTIAL : NfpCompiler.Plan.PARALLEL);
    List<GraphCompilation> selected = input.select(graph);
    List<Diagnostic> diagnostics = input.diagnostics(selected);
    String problem = problem(input, selected);
    List<ServiceGraph> compiled =
        selected.stream().flatMap(g -> g.serviceGraph().stream()).toList();
    boolean ok =
        problem == null
            && CompiledInput.count(diagnostics, Severity.ERROR) == 0
            && compiled.size() == selected.size();
    if (problem != null) {
      err.println("nfp compile: " + problem);
    }

    String text;
    if (json) {
      text = json(input, selected, diagnostics, problem, ok);
    } else if (dot || svg) {
      // A drawing cannot carry diagnostics: they go to standard error, where they are seen.
      diagnostics.forEach(err::println);
      if (compiled.isEmpty()) {
        err.println(path + ": " + CompiledInput.counts(diagnostics) + "; nothing drawn");
        err.flush();
        return Nfp.EXIT_PROBLEMS;
      }
      text = dot ? DotWriter.of(compiled) : SvgWriter.of(compiled);
    } else {
      text = report(selected, diagnostics, compiled.size(), sizes);
    }
    err.flush();
    if (!write(cli, text)) {
      return Nfp.EXIT_PROBLEMS;
    }
    return ok ? 0 : Nfp.EXIT_PROBLEMS;
  }

  /** Why there is nothing (or not the asked graph) to compile, or null when there is. */
  private @Nullable String problem(CompiledInput input, List<GraphCompilation> selected) {
    if (!input.loaded.ok()) {
      return null; // the load diagnostics say it
    }
    if (input.graphs().isEmpty()) {
      return path
          + ": nothing to compile: no forwarding graph (a tosca.groups.nfv.VNFFG with a path) and"
          + " no NFP rule (nfp.policies.*) in it";
    }
    if (selected.isEmpty()) {
      return path + ": no graph named " + graph + " (graphs: " + input.graphNames() + ")";
    }
    return null;
  }

  private PacketSizeMix mix(CommandLine cli) {
    if (mix.equals(PacketSizeMix.DATACENTER.name())) {
      return PacketSizeMix.DATACENTER;
    }
    try {
      return PacketSizeMix.of(Integer.parseInt(mix));
    } catch (IllegalArgumentException e) {
      throw new CommandLine.ParameterException(
          cli, "--mix " + mix + ": expected 'datacenter' or a packet size of 60 to 9216 bytes");
    }
  }

  private String report(
      List<GraphCompilation> selected,
      List<Diagnostic> diagnostics,
      int compiled,
      PacketSizeMix sizes) {
    StringBuilder text = new StringBuilder();
    diagnostics.forEach(d -> text.append(d).append('\n'));
    for (GraphCompilation g : selected) {
      if (g.serviceGraph().isPresent()) {
        text.append(GraphReport.of(g.serviceGraph().get(), sizes, sequential));
      } else {
        text.append("graph ").append(g.name()).append(": not compiled (errors above)\n");
      }
    }
    text.append(path).append(": ");
    if (selected.isEmpty()) {
      text.append(diagnostics.isEmpty() ? "" : CompiledInput.counts(diagnostics) + ", ")
          .append("nothing compiled");
    } else {
      text.append("compiled ")
          .append(compiled)
          .append(" of ")
          .append(Text.plural(selected.size(), "graph"));
      long errors = CompiledInput.count(diagnostics, Severity.ERROR);
      long warnings = CompiledInput.count(diagnostics, Severity.WARNING);
      if (errors + warnings > 0) {
        text.append(" (").append(CompiledInput.counts(diagnostics)).append(')');
      }
    }
    return text.append('\n').toString();
  }

  private String json(
      CompiledInput input,
      List<GraphCompilation> selected,
      List<Diagnostic> diagnostics,
      @Nullable String problem,
      boolean ok)
      throws JsonProcessingException {
    ObjectMapper mapper = Json.mapper();
    ObjectNode root = mapper.createObjectNode();
    root.put("path", path.toString());
    root.put("ok", ok);
    root.put("errors", CompiledInput.count(diagnostics, Severity.ERROR));
    root.put("warnings", CompiledInput.count(diagnostics, Severity.WARNING));
    if (problem != null) {
      root.put("problem", problem);
    }
    Json.diagnostics(root.putArray("diagnostics"), diagnostics);
    ArrayNode graphs = root.putArray("graphs");
    List<String> failed = new ArrayList<>();
    for (GraphCompilation g : selected) {
      if (g.serviceGraph().isPresent()) {
        graphs.add(mapper.valueToTree(g.serviceGraph().get()));
      } else {
        failed.add(g.name());
      }
    }
    ArrayNode notCompiled = root.putArray("notCompiled");
    failed.forEach(notCompiled::add);
    return mapper.writeValueAsString(root) + "\n";
  }

  /** Writes to {@code --output} or standard output; false (and a message) when it cannot. */
  private boolean write(CommandLine cli, String text) {
    if (output == null) {
      cli.getOut().print(text);
      cli.getOut().flush();
      return true;
    }
    try {
      Path parent = output.toAbsolutePath().getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
      Files.writeString(output, text, StandardCharsets.UTF_8);
      return true;
    } catch (IOException e) {
      cli.getErr().println("nfp compile: cannot write " + output + ": " + e);
      cli.getErr().flush();
      return false;
    }
  }
}
