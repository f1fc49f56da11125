package org.nfpvnfm.dpdk.classify;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.foreign.MemorySegment;
import java.math.BigInteger;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.nfpvnfm.dpdk.packet.PacketFields;
import org.nfpvnfm.dpdk.packet.PacketParser;
import org.nfpvnfm.dpdk.packet.ParsedPacket;
import org.nfpvnfm.dpdk.packet.PublicFrames;
import org.nfpvnfm.tosca.nfp.Classifier;
import org.nfpvnfm.tosca.nfp.PacketField;
import org.nfpvnfm.tosca.nfp.PortRange;

/**
 * {@link FlowClassifier} against a plain reference written from the documented semantics (bytes,
 * {@link BigInteger} prefixes, text compared as text), on seeded random deployments and frames
 * whose values are drawn from small pools so that matches and near misses both happen often.
 */
class ClassifierDifferentialTest {

  private static final String[] MACS = {
    "00:11:22:33:44:55", "66:77:88:99:aa:bb", "00:11:22:33:44:56", "ff:ff:ff:ff:ff:ff"
  };
  private static final String[] ETHER_TYPES = {
    "ipv4", "0x0800", "2048", "ipv6", "0x86dd", "0x0806"
  };
  private static final String[] V4 = {
    "10.1.2.3", "10.1.2.200", "192.168.7.9", "172.16.0.1", "172.31.255.255", "250.1.1.1", "0.0.0.0"
  };
  private static final String[] V6 = {"2001:db8::1", "2001:db8::fe", "2001:db8:1::1", "::"};
  private static final int[] PORTS = {0, 79, 80, 443, 444, 1023, 1024, 53, 65535};
  private static final int[] DSCPS = {0, 10, 46};

  private final Random random = new Random(0x5eed_c1a5L);

  @Test
  void agreesWithTheReferenceOnRandomDeploymentsAndFrames() {
    List<byte[]> frames = frames();
    ParsedPacket p = new ParsedPacket();
    int deployments = 0;
    int matched = 0;
    int checked = 0;
    while (deployments < 400) {
      List<List<Classifier>> graphs = new ArrayList<>();
      int graphCount = 1 + random.nextInt(5);
      for (int g = 0; g < graphCount; g++) {
        List<Classifier> cs = new ArrayList<>();
        int n = random.nextInt(6) == 0 ? 0 : 1 + random.nextInt(3);
        for (int i = 0; i < n; i++) {
          cs.add(randomClassifier("g" + g + "c" + i));
        }
        graphs.add(cs);
      }
      FlowClassifier fc;
      try {
        FlowClassifier.Builder b = FlowClassifier.builder();
        for (int g = 0; g < graphs.size(); g++) {
          b.add(g, graphs.get(g));
        }
        fc = b.build();
      } catch (IllegalArgumentException contradictory) {
        continue; // refused deployments are the error tests' business
      }
      deployments++;
      for (byte[] f : frames) {
        PacketParser.parse(MemorySegment.ofArray(f), p);
        int expected = reference(graphs, p);
        assertThat(fc.classify(p))
            .as("deployment %s, frame %s", graphs, HexFormat.of().formatHex(f))
            .isEqualTo(expected);
        checked++;
        if (expected >= 0) {
          matched++;
        }
      }
    }
    // The pools are meant to make both outcomes common; a change that broke that would hollow out
    // the test.
    assertThat(matched).isBetween(checked / 10, checked * 9 / 10);
  }

  private List<byte[]> frames() {
    List<byte[]> out = new ArrayList<>(List.of(PublicFrames.all()));
    for (int i = 0; i < 60; i++) {
      byte[] sip = InetAddress.ofLiteral(pick(V4)).getAddress();
      byte[] dip = InetAddress.ofLiteral(pick(V4)).getAddress();
      int sport = PORTS[random.nextInt(PORTS.length)];
      int dport = PORTS[random.nextInt(PORTS.length)];
      byte[] l3 =
          random.nextBoolean()
              ? PublicFrames.ipv4Tcp(
                  sip, dip, DSCPS[random.nextInt(DSCPS.length)] << 2, sport, dport)
              : PublicFrames.ipv4Udp(sip, dip, sport, dport);
      int[] tags =
          switch (random.nextInt(3)) {
            case 0 -> new int[0];
            case 1 -> new int[] {0x8100_0000 | random.nextInt(8) << 13 | 100};
            default -> new int[] {0x8100_0000 | 5};
          };
      out.add(PublicFrames.ethernet(0x0800, l3, tags));
    }
    byte[] badTcpOffset =
        PublicFrames.ethernet(0x0800, PublicFrames.ipv4Tcp(new byte[4], new byte[4], 0, 80, 80));
    badTcpOffset[14 + 20 + 12] = 0x10; // a 4-byte TCP header: malformed, L2 fields only
    out.add(badTcpOffset);
    out.add(new byte[12]); // a runt: not even Ethernet
    return out;
  }

  private String pick(String[] pool) {
    return pool[random.nextInt(pool.length)];
  }

  private boolean sometimes() {
    return random.nextInt(4) == 0;
  }

  private Classifier randomClassifier(String name) {
    Criteria c = Criteria.named(name);
    if (sometimes()) {
      c.dmac(pick(MACS));
    }
    if (sometimes()) {
      c.smac(pick(MACS).toUpperCase(Locale.ROOT));
    }
    if (sometimes()) {
      c.etherType(pick(ETHER_TYPES));
    }
    if (sometimes()) {
      c.vlans(random.nextBoolean() ? 100 : 5, random.nextInt(3));
    }
    if (sometimes()) {
      c.protocol(new int[] {6, 17, 1}[random.nextInt(3)]);
    }
    if (sometimes()) {
      c.dscp(DSCPS[random.nextInt(DSCPS.length)]);
    }
    if (sometimes()) {
      c.src(randomPrefix());
    }
    if (sometimes()) {
      c.dst(randomPrefix());
    }
    if (sometimes()) {
      int a = PORTS[random.nextInt(PORTS.length)];
      int b = PORTS[random.nextInt(PORTS.length)];
      c.sports(Math.min(a, b), Math.max(a, b));
    }
    if (sometimes()) {
      int a = PORTS[random.nextInt(PORTS.length)];
      int b = PORTS[random.nextInt(PORTS.length)];
      c.dports(Math.min(a, b), Math.max(a, b));
    }
    return c.build();
  }

  private String randomPrefix() {
    if (random.nextInt(4) == 0) {
      return pick(V6) + "/" + random.nextInt(129);
    }
    return pick(V4) + "/" + new int[] {0, 1, 4, 8, 12, 16, 24, 31, 32}[random.nextInt(9)];
  }

  // ---- The reference: first classifier in graph order, then the first graph without any.

  private static int reference(List<List<Classifier>> graphs, ParsedPacket p) {
    for (int g = 0; g < graphs.size(); g++) {
      for (Classifier c : graphs.get(g)) {
        if (matches(c, p)) {
          return g;
        }
      }
    }
    for (int g = 0; g < graphs.size(); g++) {
      if (graphs.get(g).isEmpty()) {
        return g;
      }
    }
    return FlowClassifier.NO_GRAPH;
  }

  private static boolean matches(Classifier c, ParsedPacket p) {
    boolean ip = !p.status().isMalformed() && p.ipVersion() != 0;
    boolean ports = ip && p.hasPorts();
    return macMatches(c.destinationMac(), p, PacketField.DMAC)
        && macMatches(c.sourceMac(), p, PacketField.SMAC)
        && (c.etherType() == null || etherType(c.etherType()) == p.etherType())
        && (c.vlanIds().isEmpty()
            || PacketFields.has(p, PacketField.VLAN)
                && c.vlanIds().contains((int) PacketFields.get(p, PacketField.VLAN) & 0xfff))
        && (c.ipProtocol() == null || ip && c.ipProtocol() == p.protocol())
        && (c.dscp() == null || ip && c.dscp() == PacketFields.get(p, PacketField.DSCP))
        && (c.sourcePrefix() == null || ip && inPrefix(c.sourcePrefix(), p, PacketField.SIP))
        && (c.destinationPrefix() == null
            || ip && inPrefix(c.destinationPrefix(), p, PacketField.DIP))
        && inRange(c.sourcePorts(), ports, p, PacketField.SPORT)
        && inRange(c.destinationPorts(), ports, p, PacketField.DPORT);
  }

  private static boolean macMatches(@Nullable String mac, ParsedPacket p, PacketField field) {
    if (mac == null) {
      return true;
    }
    if (!PacketFields.has(p, field)) {
      return false;
    }
    byte[] bytes = new byte[6];
    PacketFields.read(p, field, MemorySegment.ofArray(bytes), 0);
    return HexFormat.ofDelimiter(":").formatHex(bytes).equalsIgnoreCase(mac);
  }

  private static int etherType(String text) {
    return switch (text) {
      case "ipv4", "0x0800", "2048" -> 0x0800;
      case "ipv6", "0x86dd" -> 0x86dd;
      case "0x0806" -> 0x0806;
      default -> throw new IllegalArgumentException("not in ETHER_TYPES: " + text);
    };
  }

  private static boolean inPrefix(String prefix, ParsedPacket p, PacketField field) {
    String[] parts = prefix.split("/", -1);
    byte[] net = InetAddress.ofLiteral(parts[0]).getAddress();
    int length = Integer.parseInt(parts[1]);
    byte[] address = new byte[PacketFields.width(p, field)];
    PacketFields.read(p, field, MemorySegment.ofArray(address), 0);
    if (address.length != net.length) {
      return false;
    }
    int bits = address.length * 8;
    return new BigInteger(1, address)
        .shiftRight(bits - length)
        .equals(new BigInteger(1, net).shiftRight(bits - length));
  }

  private static boolean inRange(
      @Nullable PortRange range, boolean ports, ParsedPacket p, PacketField field) {
    if (range == null) {
      return true;
    }
    long port = ports ? PacketFields.get(p, field) : -1;
    return ports && port >= range.low() && port <= range.high();
  }
}
