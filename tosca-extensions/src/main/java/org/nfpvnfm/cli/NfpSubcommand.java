package org.nfpvnfm.cli;

/**
 * A subcommand of {@code nfp}, found with {@link java.util.ServiceLoader}: a module adds a command
 * by implementing this interface and naming the class in {@code
 * META-INF/services/org.nfpvnfm.cli.NfpSubcommand}, without editing the module that holds {@link
 * Nfp}.
 *
 * <p>The command object is what picocli's {@code CommandLine.addSubcommand(Object)} accepts: an
 * instance of a class annotated with {@code @picocli.CommandLine.Command} (whose {@code name} is
 * the subcommand's name), or a {@code picocli.CommandLine}. It should write through {@code
 * spec.commandLine().getOut()} and {@code getErr()} (inject the spec with {@code @Spec}) so that
 * tests can capture its output, and return its exit code from {@code call()}: 0 success, 1 a
 * problem in the operator's input, 2 a usage error (picocli returns 2 for those by itself).
 */
public interface NfpSubcommand {

  /** A fresh command object; called once per {@code nfp} invocation. */
  Object command();
}
