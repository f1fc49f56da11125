package org.nfpvnfm.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import org.nfpvnfm.tosca.Diagnostic;
import org.nfpvnfm.tosca.LoadResult;
import org.nfpvnfm.tosca.ServiceTemplate;
import org.nfpvnfm.tosca.Severity;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code nfp validate PATH... [--json]}: load descriptors and report every problem. */
@Command(
    name = "validate",
    mixinStandardHelpOptions = true,
    versionProvider = Nfp.Version.class,
    description = {
      "Load TOSCA descriptors and print every problem like a compiler.",
      "A PATH is a .yaml file, a package folder, or a .zip/.csar package."
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:no path has errors (warnings allowed)",
      "1:a path has errors or does not exist",
      "2:usage error"
    })
public final class ValidateCommand implements Callable<Integer>, NfpSubcommand {

  @Spec @Nullable CommandSpec spec;

  @Parameters(arity = "1..*", paramLabel = "PATH", description = "Descriptors to validate.")
  List<Path> paths = new ArrayList<>();

  @Option(
      names = "--json",
      description = "Print one JSON document with each path's diagnostics instead of text.")
  boolean json;

  @Override
  public Object command() {
    return new ValidateCommand();
  }

  @Override
  public Integer call() throws Exception {
    PrintWriter out = Objects.requireNonNull(spec).commandLine().getOut();
    DescriptorChecks loader = new DescriptorChecks();
    // A missing or unreadable path is the loader's to report, as a diagnostic like any other.
    List<Outcome> outcomes = new ArrayList<>();
    for (Path path : paths) {
      outcomes.add(new Outcome(path, loader.load(path)));
    }
    if (json) {
      printJson(out, outcomes);
    } else {
      printText(out, outcomes);
    }
    out.flush();
    return outcomes.stream().allMatch(Outcome::ok) ? 0 : Nfp.EXIT_PROBLEMS;
  }

  private record Outcome(Path path, LoadResult result) {
    boolean ok() {
      return result.ok();
    }
  }

  private static void printText(PrintWriter out, List<Outcome> outcomes) {
    for (Outcome outcome : outcomes) {
      LoadResult result = outcome.result();
      for (Diagnostic d : result.diagnostics()) {
        out.println(d);
      }
      out.println(outcome.path() + ": " + Summaries.line(result));
    }
  }

  private static void printJson(PrintWriter out, List<Outcome> outcomes) throws Exception {
    ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    ObjectNode root = mapper.createObjectNode();
    root.put("ok", outcomes.stream().allMatch(Outcome::ok));
    ArrayNode results = root.putArray("paths");
    for (Outcome outcome : outcomes) {
      ObjectNode node = results.addObject();
      node.put("path", outcome.path().toString());
      node.put("ok", outcome.ok());
      LoadResult result = outcome.result();
      node.put("errors", Summaries.count(result, Severity.ERROR));
      node.put("warnings", Summaries.count(result, Severity.WARNING));
      ServiceTemplate template = result.template();
      if (result.ok() && template != null) {
        node.put("nodeTemplates", template.nodes().size());
        node.put("forwardingGraphs", template.groupsOfType(Summaries.FORWARDING_GRAPH).size());
      }
      ArrayNode diagnostics = node.putArray("diagnostics");
      for (Diagnostic d : result.diagnostics()) {
        diagnostics
            .addObject()
            .put("code", d.code().id())
            .put("severity", d.severity().word())
            .put("file", d.location().file())
            .put("line", d.location().line())
            .put("column", d.location().column())
            .put("message", d.message())
            .put("title", d.code().title());
      }
    }
    out.println(mapper.writeValueAsString(root));
  }
}
