package org.nfpvnfm.nf.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import org.nfpvnfm.cli.Nfp;
import org.nfpvnfm.cli.NfpSubcommand;
import org.nfpvnfm.dpdk.DpdkException;
import org.nfpvnfm.dpdk.Eal;
import org.nfpvnfm.dpdk.Mempool;
import org.nfpvnfm.dpdk.nf.NetworkFunction;
import org.nfpvnfm.nf.ExampleConfigs;
import org.nfpvnfm.nf.NfConfig;
import org.nfpvnfm.nf.NfConfigException;
import org.nfpvnfm.nf.NfProvider;
import org.nfpvnfm.nf.NfRegistry;
import org.nfpvnfm.nf.profile.PcapReader;
import org.nfpvnfm.nf.profile.ProfileCheck;
import org.nfpvnfm.nf.profile.ProfileMeter;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code nfp profile TYPE --traffic TRACE.pcap [--config FILE.yaml]}: runs an NF type over sample
 * traffic, prints the profile it was seen to have as the TOSCA policy that declares it, and
 * compares it with the profile the NF declares.
 */
@Command(
    name = "profile",
    description = {
      "Measure what an NF really reads, writes, adds/removes and drops on sample traffic, print it"
          + " as an nfp.policies.ActionProfile, and compare it with the NF's declared profile.",
      "An under-declared access is an error (a parallel graph built from the declared profile"
          + " would be wrong); an over-declared one a warning (it costs parallelism)."
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:the declared profile covers everything measured (warnings allowed)",
      "1:under-declared, or an unknown type, a bad configuration or trace",
      "2:usage error"
    })
public final class ProfileCommand implements Callable<Integer>, NfpSubcommand {

  @Spec @Nullable CommandSpec spec;

  @Option(
      names = {"-h", "--help"},
      usageHelp = true,
      description = "Show this help and exit.")
  boolean help;

  @Parameters(index = "0", paramLabel = "TYPE", description = "The NF type, e.g. firewall.")
  String type = "";

  @Option(names = "--traffic", required = true, paramLabel = "TRACE", description = "A pcap.")
  Path traffic = Path.of("");

  @Option(
      names = "--config",
      paramLabel = "FILE",
      description =
          "The NF's properties as a YAML map (what a descriptor would give it). Default: the"
              + " built-in NF's example configuration (docs/network-functions/).")
  @Nullable Path config;

  @Override
  public Object command() {
    return new ProfileCommand();
  }

  @Override
  public Integer call() {
    CommandLine cli = Objects.requireNonNull(spec).commandLine();
    PrintWriter out = cli.getOut();
    PrintWriter err = cli.getErr();
    NfRegistry registry = NfRegistry.load();
    NfProvider provider = registry.find(type).orElse(null);
    if (provider == null) {
      err.println("nfp profile: no NF type " + type + " (types: " + registry.types() + ")");
      err.flush();
      return Nfp.EXIT_PROBLEMS;
    }
    try {
      List<byte[]> frames = PcapReader.read(traffic);
      NetworkFunction nf = provider.create(new NfConfig(type, properties(), Map.of()));
      if (Eal.current().isEmpty()) {
        Eal.start(
            List.of(
                "--no-huge",
                "--no-pci",
                "-m",
                "256",
                "--file-prefix",
                "nfp-profile-" + ProcessHandle.current().pid(),
                "--no-telemetry",
                "--log-level=lib.eal:warning"));
      }
      ProfileMeter.Measurement m;
      try (Mempool pool =
          Mempool.create(
              "nfp-prof-" + ProcessHandle.current().pid() % 100000,
              1023,
              0,
              24,
              Mempool.DEFAULT_DATA_ROOM)) {
        m = ProfileMeter.measure(type, nf, frames, pool);
      }
      out.printf(
          "# %s measured on %d packets of %s (%d malformed, not shown to the NF): %d dropped, %d"
              + " with headers added or removed%n",
          type, m.packets(), traffic, m.malformed(), m.dropped(), m.headerChanges());
      out.print(
          ProfileCheck.toTosca(
              type + "_profile", type.toUpperCase(java.util.Locale.ROOT), m.profile()));
      if (!m.unrecordedWrites().isEmpty()) {
        out.println("# written without going through PacketFields: " + m.unrecordedWrites());
      }
      List<ProfileCheck.Finding> findings = ProfileCheck.compare(provider.profile(), m.profile());
      findings.forEach(f -> out.println("# " + f));
      out.flush();
      boolean under = findings.stream().anyMatch(f -> f.severity() == ProfileCheck.Severity.ERROR);
      return under ? Nfp.EXIT_PROBLEMS : 0;
    } catch (IOException | NfConfigException | DpdkException | IllegalStateException e) {
      err.println("nfp profile: " + e.getMessage());
      err.flush();
      return Nfp.EXIT_PROBLEMS;
    }
  }

  private Map<String, Object> properties() throws IOException {
    if (config == null) {
      return ExampleConfigs.of(type);
    }
    Object doc = new Load(LoadSettings.builder().build()).loadFromString(Files.readString(config));
    if (doc == null) {
      return Map.of();
    }
    if (!(doc instanceof Map<?, ?> map)) {
      throw new IOException(config + ": expected a YAML map of the NF's properties");
    }
    java.util.LinkedHashMap<String, Object> props = new java.util.LinkedHashMap<>();
    map.forEach((k, v) -> props.put(String.valueOf(k), v));
    return props;
  }
}
