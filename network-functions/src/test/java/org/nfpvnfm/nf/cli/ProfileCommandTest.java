package org.nfpvnfm.nf.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nfpvnfm.cli.Nfp;
import org.nfpvnfm.nf.profile.ProfileMeterTest;
import picocli.CommandLine;

/** {@code nfp profile}: its errors; the measurement itself is ProfileMeterTest's. */
@Tag("integration")
class ProfileCommandTest {
  @TempDir Path dir;

  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int run(String... args) {
    CommandLine cli = Nfp.commandLine();
    cli.setOut(new PrintWriter(out));
    cli.setErr(new PrintWriter(err));
    return cli.execute(args);
  }

  static Path pcap(Path file, List<byte[]> frames) throws IOException {
    int size = 24 + frames.stream().mapToInt(f -> 16 + f.length).sum();
    ByteBuffer b = ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
    b.putInt(0xa1b2c3d4).putShort((short) 2).putShort((short) 4).putInt(0).putInt(0);
    b.putInt(65535).putInt(1);
    for (byte[] f : frames) {
      b.putInt(1).putInt(0).putInt(f.length).putInt(f.length).put(f);
    }
    Files.write(file, b.array());
    return file;
  }

  @Test
  void namesTheKnownTypesWhenTheTypeIsUnknown() throws IOException {
    Path trace = pcap(dir.resolve("t.pcap"), ProfileMeterTest.traffic(3));
    int code = run("profile", "no-such-nf", "--traffic", trace.toString());
    assertThat(code).isEqualTo(Nfp.EXIT_PROBLEMS);
    assertThat(err.toString()).contains("no NF type no-such-nf (types: [");
  }

  @Test
  void refusesATraceThatIsNotAPcap() throws IOException {
    Path trace = Files.writeString(dir.resolve("t.pcap"), "not a pcap at all, sorry");
    int code = run("profile", "no-such-nf", "--traffic", trace.toString());
    assertThat(code).isEqualTo(Nfp.EXIT_PROBLEMS);
  }
}
