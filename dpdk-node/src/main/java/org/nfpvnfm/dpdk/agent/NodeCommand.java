package org.nfpvnfm.dpdk.agent;

import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import org.nfpvnfm.cli.LogFormat;
import org.nfpvnfm.cli.Nfp;
import org.nfpvnfm.cli.NfpSubcommand;
import org.nfpvnfm.cli.Serving;
import org.nfpvnfm.dpdk.DpdkException;
import org.nfpvnfm.dpdk.Eal;
import org.nfpvnfm.dpdk.nf.NfFactory;
import org.nfpvnfm.dpdk.node.Node;
import org.nfpvnfm.dpdk.node.NodeConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code nfp node --in-port SPEC [--listen HOST:PORT] [EAL options] [-- EAL-ARG...]}: starts the
 * EAL, a {@link Node} and its {@link NodeAgent}, and serves until interrupted (Ctrl-C, SIGTERM);
 * then stops the agent and closes the node, which drains its graphs.
 */
@Command(
    name = "node",
    description = {
      "Run a compute node: start DPDK's EAL, a node on the given port, and its REST agent"
          + " (docs/node-agent.md), and serve until interrupted.",
      "Graphs deployed through the agent run ProfileNf NFs, which do what each NF's action profile"
          + " declares."
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:stopped when asked",
      "1:the EAL, the node or the agent could not start (the message says why)",
      "2:usage error"
    })
public final class NodeCommand implements Callable<Integer>, NfpSubcommand {

  /** How long a shutdown hook waits for the node to drain and close. */
  private static final long CLOSE_TIMEOUT_SECONDS = 30;

  @Spec @Nullable CommandSpec spec;

  @Option(
      names = {"-h", "--help"},
      usageHelp = true,
      description = "Show this help and exit.")
  boolean help;

  @Option(
      names = "--in-port",
      required = true,
      paramLabel = "SPEC",
      description =
          "The port packets arrive on: a port the EAL has (net_ring0, 0000:03:00.0) or a virtual"
              + " device's devargs to attach (net_pcap0,rx_pcap=in.pcap).")
  String inPort = "";

  @Option(
      names = "--out-port",
      paramLabel = "SPEC",
      description = "The port packets leave by. Default: the in-port.")
  @Nullable String outPort;

  @Option(
      names = "--workers",
      paramLabel = "N",
      defaultValue = "2",
      description = "Worker threads (cores). Default: ${DEFAULT-VALUE}.")
  int workers;

  @Option(
      names = "--mergers",
      paramLabel = "N",
      defaultValue = "1",
      description = "Merger instances per parallel block. Default: ${DEFAULT-VALUE}.")
  int mergers;

  @Option(
      names = "--listen",
      paramLabel = "HOST:PORT",
      defaultValue = "127.0.0.1:8480",
      description =
          "Where the agent listens; port 0 takes any free port. Default: ${DEFAULT-VALUE}"
              + " (this host only: the API has no authentication).")
  String listen = "";

  @Option(
      names = "--max-request-bytes",
      paramLabel = "N",
      defaultValue = "" + NodeAgent.DEFAULT_MAX_REQUEST_BYTES,
      description = "The largest request body the agent accepts. Default: ${DEFAULT-VALUE}.")
  int maxRequestBytes;

  @Option(
      names = {"-l", "--lcores"},
      paramLabel = "LIST",
      description = "EAL: the cores to run on (-l 0-3). Default: every core.")
  @Nullable String lcores;

  @Option(names = "--no-huge", description = "EAL: use ordinary memory, no hugepages.")
  boolean noHuge;

  @Option(names = "--no-pci", description = "EAL: do not scan the PCI bus (virtual ports only).")
  boolean noPci;

  @Option(
      names = {"-m", "--memory"},
      paramLabel = "MB",
      description = "EAL: memory to reserve, in MiB (needed with --no-huge).")
  @Nullable Integer memory;

  @Option(
      names = "--file-prefix",
      paramLabel = "NAME",
      description = "EAL: the prefix of DPDK's runtime files, for several DPDK processes.")
  @Nullable String filePrefix;

  @Option(
      names = "--vdev",
      paramLabel = "DEVARGS",
      description = "EAL: a virtual device to create at start (repeatable).")
  List<String> vdevs = new ArrayList<>();

  @Option(
      names = "--log-format",
      paramLabel = "FORMAT",
      defaultValue = "text",
      description = "text (default) or json (one JSON object per line). docs/observability.md.")
  String logFormat = "text";

  @Parameters(
      paramLabel = "EAL-ARG",
      description =
          "More EAL arguments, after --, passed as they are after those of the options above"
              + " (-- --no-telemetry --log-level=lib.eal:debug).")
  List<String> ealArgs = new ArrayList<>();

  @Override
  public Object command() {
    return new NodeCommand();
  }

  @Override
  public Integer call() throws Exception {
    CommandSpec s = Objects.requireNonNull(spec);
    PrintWriter out = s.commandLine().getOut();
    PrintWriter err = s.commandLine().getErr();
    try {
      LogFormat.of(logFormat).install();
    } catch (IllegalArgumentException e) {
      err.println("nfp node: --log-format: " + e.getMessage());
      return Nfp.EXIT_USAGE;
    }
    if (maxRequestBytes < 1) {
      err.println("nfp node: --max-request-bytes " + maxRequestBytes + " (expected: at least 1)");
      return Nfp.EXIT_USAGE;
    }
    InetSocketAddress address = listenAddress();
    if (address == null) {
      err.println(
          "nfp node: --listen "
              + listen
              + " is not an address (expected: HOST:PORT, such as 127.0.0.1:8480 or [::1]:8480)");
      return Nfp.EXIT_USAGE;
    }
    NodeConfig config;
    try {
      config =
          NodeConfig.defaults(inPort)
              .withPorts(inPort, outPort == null ? inPort : outPort)
              .withWorkers(workers)
              .withMergers(mergers, NodeConfig.Balance.FLOW);
    } catch (IllegalArgumentException e) {
      err.println("nfp node: " + e.getMessage());
      return Nfp.EXIT_USAGE;
    }
    Node node;
    try {
      Eal.start(ealArguments());
      node = Node.start(config);
    } catch (DpdkException e) {
      err.println("nfp node: " + e.getMessage());
      return Nfp.EXIT_PROBLEMS;
    }
    NodeAgent agent;
    try {
      agent = NodeAgent.start(node, NfFactory.profileNfs(), address, maxRequestBytes);
    } catch (UncheckedIOException | IllegalArgumentException e) {
      node.close();
      err.println("nfp node: " + e.getMessage());
      return Nfp.EXIT_PROBLEMS;
    }
    out.println("nfp node: serving " + agent.uri() + " for port " + inPort + "; Ctrl-C stops");
    out.flush();
    return serveUntilStopped(node, agent, out);
  }

  /**
   * Serves until stopped (a shutdown or an interrupt); then stops the agent and closes the node.
   */
  private static int serveUntilStopped(Node node, NodeAgent agent, PrintWriter out)
      throws Exception {
    Serving.untilStopped(
        () -> {
          agent.close();
          node.close();
        },
        "nfp-node",
        Duration.ofSeconds(CLOSE_TIMEOUT_SECONDS));
    out.println("nfp node: stopped");
    out.flush();
    return 0;
  }

  /** The EAL's arguments from the options, in a fixed order, those after {@code --} last. */
  List<String> ealArguments() {
    List<String> args = new ArrayList<>();
    if (lcores != null) {
      args.add("-l");
      args.add(lcores);
    }
    if (noHuge) {
      args.add("--no-huge");
    }
    if (noPci) {
      args.add("--no-pci");
    }
    if (memory != null) {
      args.add("-m");
      args.add(memory.toString());
    }
    if (filePrefix != null) {
      args.add("--file-prefix");
      args.add(filePrefix);
    }
    for (String v : vdevs) {
      args.add("--vdev=" + v);
    }
    args.addAll(ealArgs);
    return args;
  }

  private @Nullable InetSocketAddress listenAddress() {
    try {
      URI uri = new URI("http://" + listen);
      String host = uri.getHost();
      if (host == null || uri.getPort() < 0 || !uri.getRawPath().isEmpty()) {
        return null;
      }
      if (host.startsWith("[") && host.endsWith("]")) {
        host = host.substring(1, host.length() - 1);
      }
      return new InetSocketAddress(host, uri.getPort());
    } catch (URISyntaxException e) {
      return null;
    }
  }
}
