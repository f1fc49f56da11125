package org.nfpvnfm.events.cli;

import java.util.Objects;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import org.nfpvnfm.cli.Nfp;
import org.nfpvnfm.cli.NfpSubcommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code nfp events}: the commands about the VNFM's events on Kafka ({@code tail}). */
@Command(
    name = "events",
    description = {
      "The VNFM's lifecycle events on Apache Kafka (CloudEvents 1.0, docs/events.md).",
    },
    subcommands = {TailCommand.class})
public final class EventsCommand implements Callable<Integer>, NfpSubcommand {
  @Spec @Nullable CommandSpec spec;

  @Option(
      names = {"-h", "--help"},
      usageHelp = true,
      description = "Show this help and exit.")
  boolean help;

  @Override
  public Object command() {
    return new EventsCommand();
  }

  /** {@code nfp events} alone: say what it can do, as a usage error. */
  @Override
  public Integer call() {
    CommandLine cli = Objects.requireNonNull(spec).commandLine();
    cli.getErr().println("nfp events: a subcommand is required.");
    cli.usage(cli.getErr());
    cli.getErr().flush();
    return Nfp.EXIT_USAGE;
  }
}
