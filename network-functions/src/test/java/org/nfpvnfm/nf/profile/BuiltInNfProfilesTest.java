package org.nfpvnfm.nf.profile;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.nfpvnfm.dpdk.Eal;
import org.nfpvnfm.dpdk.Mempool;
import org.nfpvnfm.nf.ExampleConfigs;
import org.nfpvnfm.nf.NfConfig;
import org.nfpvnfm.nf.NfProvider;
import org.nfpvnfm.nf.NfRegistry;

/**
 * The profile tool on every NF the registry holds: measured on sample traffic, no NF may do more
 * than it declares. An NF added without an example configuration here fails, on purpose.
 */
@Tag("integration")
class BuiltInNfProfilesTest {
  private static Mempool pool;

  /** A configuration for each built-in NF that the sample traffic exercises. */
  static final Map<String, Map<String, Object>> EXAMPLES = ExampleConfigs.BY_TYPE;

  @BeforeAll
  static void start() {
    if (Eal.current().isEmpty()) {
      Eal.start(Eal.testArguments());
    }
    pool = Mempool.create("bp-" + ProcessHandle.current().pid() % 10000, 2047, 0, 24, 2176);
  }

  @AfterAll
  static void stop() {
    pool.close();
  }

  static Stream<String> types() {
    return NfRegistry.load().types().stream();
  }

  /** TCP and UDP over IPv4 and IPv6 to the example configurations' addresses, with payloads. */
  static List<byte[]> traffic() {
    int[] dips = {0xcb00710a, 0xc6336405, 0x0a000001, 0x0a000002, 0x08080808};
    byte[] http =
        "GET /index.html HTTP/1.1\r\nHost: example.com\r\n\r\n aaaaaaaaaaaaaaaaaaaaaaaaaaaa"
            .getBytes(StandardCharsets.US_ASCII);
    List<byte[]> out = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      boolean tcp = i % 2 == 0;
      int l4 = tcp ? 20 : 8;
      if (i % 10 == 9) {
        ByteBuffer b = ByteBuffer.allocate(14 + 40 + l4 + http.length);
        b.putLong(0x0011223344550066L).putInt(0x778899aa).putShort((short) 0x86dd);
        b.putInt(0x60000000).putShort((short) (l4 + http.length)).put((byte) (tcp ? 6 : 17));
        b.put((byte) 64).putLong(0x20010db800000000L).putLong(i);
        b.putLong(0x20010db800000001L).putLong(1);
        l4(b, tcp, i, http);
        out.add(b.array());
        continue;
      }
      ByteBuffer b = ByteBuffer.allocate(14 + 20 + l4 + http.length);
      b.putLong(0x0011223344550066L).putInt(0x778899aa).putShort((short) 0x0800);
      b.put((byte) 0x45).put((byte) 0).putShort((short) (20 + l4 + http.length)).putInt(0);
      b.put((byte) 64).put((byte) (tcp ? 6 : 17)).putShort((short) 0);
      b.putInt(0x0a000000 | (i % 50)).putInt(dips[i % dips.length]);
      l4(b, tcp, i, http);
      out.add(b.array());
    }
    return out;
  }

  private static void l4(ByteBuffer b, boolean tcp, int i, byte[] payload) {
    b.putShort((short) (20000 + i % 30)).putShort((short) 80);
    if (tcp) {
      b.putInt(i).putInt(0).putShort((short) 0x5018).putShort((short) 512).putInt(0);
    } else {
      b.putShort((short) (8 + payload.length)).putShort((short) 0);
    }
    b.put(payload);
  }

  @ParameterizedTest
  @MethodSource("types")
  void doesNoMoreThanItDeclares(String type) {
    NfProvider provider = NfRegistry.load().find(type).orElseThrow();
    assertThat(EXAMPLES).as("example configurations in this test").containsKey(type);
    Map<String, Object> config = EXAMPLES.getOrDefault(type, Map.of());

    ProfileMeter.Measurement m =
        ProfileMeter.measure(type, provider.create(NfConfig.of(type, config)), traffic(), pool);

    List<ProfileCheck.Finding> findings = ProfileCheck.compare(provider.profile(), m.profile());
    System.out.printf(
        "%s: measured on %d packets%n%s%s%n",
        type,
        m.packets(),
        ProfileCheck.toTosca(
            type + "_profile", type.toUpperCase(java.util.Locale.ROOT), m.profile()),
        findings);
    assertThat(m.unrecordedWrites()).as("writes that bypassed PacketFields").isEmpty();
    assertThat(findings)
        .as("%s measured %s against declared %s", type, m.profile(), provider.profile())
        .noneMatch(f -> f.severity() == ProfileCheck.Severity.ERROR);
  }
}
