package org.nfpvnfm.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.ServiceLoader;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * The {@code nfp} command line. Subcommands are not listed here: each is an {@link NfpSubcommand}
 * found on the class path, so later modules add theirs by shipping a service file.
 *
 * <p>Exit codes: 0 success, 1 the input has problems (or a check failed), 2 a usage error, 3 an
 * internal error (a bug in nfp, reported without hiding it).
 */
@Command(
    name = "nfp",
    mixinStandardHelpOptions = true,
    versionProvider = Nfp.Version.class,
    description = "NFP-VNFM: runs the network functions of a service chain in parallel.",
    subcommands = CommandLine.HelpCommand.class,
    footer = {"", "Run 'nfp help COMMAND' for a command's options."})
public final class Nfp implements java.util.concurrent.Callable<Integer> {

  /** The input has problems: a descriptor with errors, a sample that did not behave. */
  public static final int EXIT_PROBLEMS = 1;

  /** The command line itself is wrong (picocli's own code for usage errors). */
  public static final int EXIT_USAGE = 2;

  /** nfp failed in a way that is a bug, not the operator's mistake. */
  public static final int EXIT_INTERNAL = 3;

  @Spec @Nullable CommandSpec spec;

  public static void main(String[] args) {
    System.exit(commandLine().execute(args));
  }

  /** The {@code nfp} command with every subcommand found on the class path, ready to execute. */
  public static CommandLine commandLine() {
    CommandLine cli = new CommandLine(new Nfp());
    List<Object> commands = new ArrayList<>();
    for (NfpSubcommand subcommand : ServiceLoader.load(NfpSubcommand.class)) {
      commands.add(subcommand.command());
    }
    // Help lists commands in the order they were added: make it the same on every class path.
    commands.stream()
        .map(c -> c instanceof CommandLine line ? line : new CommandLine(c))
        .sorted(Comparator.comparing(CommandLine::getCommandName))
        .forEach(cli::addSubcommand);
    cli.setExecutionExceptionHandler(Nfp::internalError);
    return cli;
  }

  /** {@code nfp} alone: show what it can do, and fail like any other usage error. */
  @Override
  public Integer call() {
    CommandLine cli = java.util.Objects.requireNonNull(spec).commandLine();
    cli.getErr().println("nfp: a command is required.");
    cli.usage(cli.getErr());
    return EXIT_USAGE;
  }

  /**
   * Subcommands turn the operator's mistakes into diagnostics; an exception that reaches here is
   * nfp's own fault. Say so in one paragraph with what to report, and keep the trace for {@code
   * -Dnfp.debug=true}.
   */
  private static int internalError(
      Exception e, CommandLine cli, CommandLine.ParseResult parseResult) {
    PrintWriter err = cli.getErr();
    err.println(
        "nfp "
            + cli.getCommandName()
            + ": internal error: "
            + e
            + "\nThis is a bug in nfp, not in your input; please report it with the command line."
            + " Run with -Dnfp.debug=true (JAVA_OPTS for ./nfp) for the stack trace.");
    if (Boolean.getBoolean("nfp.debug")) {
      e.printStackTrace(err);
    }
    err.flush();
    return EXIT_INTERNAL;
  }

  /** The version the jar's manifest carries, or a marker when running from classes. */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      String version = Nfp.class.getPackage().getImplementationVersion();
      return new String[] {
        "nfp " + (version == null ? "(development build)" : version),
        "Java " + Runtime.version() + " (" + System.getProperty("java.vendor", "unknown") + ")"
      };
    }
  }
}
