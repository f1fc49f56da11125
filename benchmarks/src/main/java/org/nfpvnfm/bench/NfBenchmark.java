package org.nfpvnfm.bench;

import java.lang.reflect.Method;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.nfpvnfm.dpdk.Eal;
import org.nfpvnfm.dpdk.Mbufs;
import org.nfpvnfm.dpdk.Mempool;
import org.nfpvnfm.dpdk.nf.NetworkFunction;
import org.nfpvnfm.dpdk.nf.PacketBatch;
import org.nfpvnfm.dpdk.packet.ParseStatus;
import org.nfpvnfm.nf.ExampleConfigs;
import org.nfpvnfm.nf.NfConfig;
import org.nfpvnfm.nf.NfProvider;
import org.nfpvnfm.nf.NfRegistry;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Each built-in NF's cost per burst (docs/benchmarks.md, "Network functions per packet"): one op is
 * one burst of 32 packets of {@code size} bytes through {@code nf.process(batch)}, as the node's
 * runtime calls it, on a real EAL (no hugepages, as in the tests). Run with {@code -prof gc}: the
 * fast path should allocate nothing ({@code gc.alloc.rate.norm} ≈ 0 B/op); the VPN is the known
 * exception (a {@code GCMParameterSpec} and the cipher's state per packet).
 *
 * <p>The burst is 32 prebuilt TCP (and, for the firewall, UDP) over IPv4 frames in one-segment
 * mbufs, addressed so that the NF's example configuration (the one {@code BuiltInNfProfilesTest}
 * uses) takes its intended path: the firewall accepts them, the NAT translates them outbound, the
 * load balancer and the proxy rewrite them, and so on ({@link #flow}); the trial's setup runs one
 * burst and fails unless the NF's counters say so ({@link #expected}). TCP payloads to port 80 are
 * an HTTP/1.1 GET request ({@link #payload}), cut to fit a 64-byte frame.
 *
 * <p>Every op starts with {@code batch.clear()} and {@code batch.add} of the 32 mbufs (which parses
 * them), as the runtime does before each call. NFs that change a packet so that the next op would
 * see other input (l3_forwarder: TTL; nat, load_balancer, proxy: addresses and ports; vpn,
 * compression: the length) first get the burst's bytes back from templates ({@link Burst#restore}).
 * {@link Baseline} measures that preparation alone ({@code parse}, {@code restoreAndParse}): an
 * NF's own cost is its op less the matching baseline.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@State(Scope.Thread)
@Fork(jvmArgsAppend = "--enable-native-access=ALL-UNNAMED")
public class NfBenchmark {
  static final int BURST = 32;

  /** The built-in NFs' example configurations. */
  static final Map<String, Map<String, Object>> EXAMPLES = ExampleConfigs.BY_TYPE;

  /** The NFs that change what the next op would see, so the burst is restored before each op. */
  static final List<String> RESTORED =
      List.of("l3_forwarder", "nat", "load_balancer", "proxy", "vpn", "compression");

  @Param({
    "l3_forwarder",
    "firewall",
    "nids",
    "gateway",
    "load_balancer",
    "caching",
    "vpn",
    "nat",
    "proxy",
    "compression",
    "traffic_shaper",
    "monitor"
  })
  String type = "l3_forwarder";

  @Param({"64", "1500"})
  int size;

  // Set by start(), which JMH runs before any benchmark method.
  @SuppressWarnings("NullAway.Init")
  Burst burst;

  @SuppressWarnings("NullAway.Init")
  NetworkFunction nf;

  boolean restore;
  @Nullable Thread eal;

  @Setup(Level.Trial)
  public void start() throws Exception {
    eal = startEal();
    NfProvider provider =
        NfRegistry.load()
            .find(type)
            .orElseThrow(() -> new IllegalStateException("no NF of type " + type));
    Map<String, Object> config = EXAMPLES.get(type);
    if (config == null) {
      throw new IllegalStateException("no example configuration for " + type);
    }
    nf = provider.create(NfConfig.of(type, config));
    burst = new Burst(type, size);
    restore = RESTORED.contains(type);

    // One burst outside the measurement: it fills the NF's tables (NAT mappings, connections,
    // flows, cache entries) and shows that the traffic takes the path it is meant to.
    burst.parse();
    nf.process(burst.batch);
    int dropped = 0;
    for (int i = 0; i < BURST; i++) {
      dropped += burst.batch.isDropped(i) ? 1 : 0;
    }
    Map<String, Long> counters = counters(nf);
    System.out.printf(
        "%n%s, %d bytes: %d of %d dropped after one burst; counters %s%n",
        type, size, dropped, BURST, counters);
    Map<String, Long> want = expected(type, size);
    for (Map.Entry<String, Long> e : want.entrySet()) {
      if (!e.getValue().equals(counters.get(e.getKey()))) {
        throw new IllegalStateException(
            type
                + " after one burst of "
                + size
                + "-byte packets: "
                + e.getKey()
                + " = "
                + counters.get(e.getKey())
                + " (expected: "
                + e.getValue()
                + "); the traffic does not exercise the example configuration");
      }
    }
    if (type.equals("compression") && size == 1500) {
      long in = counters.getOrDefault("payload_bytes_in", 0L);
      long out = counters.getOrDefault("payload_bytes_out", 0L);
      System.out.printf(
          "compression: %d payload bytes to %d (%.1f %%)%n", in, out, 100.0 * out / in);
    }
    if (restore) {
      burst.restore();
    }
  }

  /**
   * The counters that show the first burst took the intended path: packets per outcome after one
   * burst of the traffic {@link #flow} makes.
   */
  static Map<String, Long> expected(String type, int size) {
    long all = BURST;
    long half = BURST / 2;
    return switch (type) {
      case "l3_forwarder" -> Map.of("forwarded", all);
      case "firewall" ->
          Map.of("rule 1 packets", half, "rule 2 packets", half, "policy packets", 0L);
      // Paths 0 and 4 of the eight start "/index": the content rule alerts on a quarter.
      case "nids" -> Map.of("alerts", all / 4);
      case "gateway" -> Map.of("policy.1", half, "unmatched", half);
      case "load_balancer" -> Map.of("balanced", all, "new_connections", all);
      // A 64-byte frame has 10 payload bytes ("GET /index"): no request line to recognise.
      case "caching" -> size >= 512 ? Map.of("http_requests", all) : Map.of("not_http", all);
      case "vpn" -> Map.of("encapsulated", all);
      case "nat" -> Map.of("outbound translated", all, "mappings created", all);
      case "proxy" -> Map.of("redirected", all);
      // 10 payload bytes do not shrink under DEFLATE's 6-byte zlib wrapper.
      case "compression" -> size >= 512 ? Map.of("compressed", all) : Map.of("not_smaller", all);
      case "traffic_shaper" -> Map.of("unclassified packets", 0L);
      case "monitor" -> Map.of("packets", all, "flows_created", all);
      default -> throw new IllegalArgumentException("unknown NF type " + type);
    };
  }

  /** The NF's {@code counters()} (every built-in NF has one), sorted by name. */
  static Map<String, Long> counters(NetworkFunction nf) throws ReflectiveOperationException {
    Method m = nf.getClass().getMethod("counters");
    Map<String, Long> out = new TreeMap<>();
    for (Map.Entry<?, ?> e : ((Map<?, ?>) m.invoke(nf)).entrySet()) {
      out.put(String.valueOf(e.getKey()), ((Number) e.getValue()).longValue());
    }
    return out;
  }

  @TearDown(Level.Iteration)
  public void checkThread() {
    checkThread(eal);
  }

  @TearDown(Level.Trial)
  public void stop() throws Exception {
    if (nf instanceof AutoCloseable c) {
      c.close(); // the monitor's export socket
    }
    burst.close();
  }

  /** One burst: (restore and) parse the 32 packets, then the NF processes them. */
  @Benchmark
  public int process() {
    PacketBatch batch = restore ? burst.restoreAndParse() : burst.parse();
    nf.process(batch);
    return batch.size();
  }

  /**
   * What every op of {@link NfBenchmark#process} costs besides the NF: {@code parse} is {@code
   * batch.clear()} and 32 {@code batch.add} (the parse of each packet), as for the NFs that leave
   * the packets as they were; {@code restoreAndParse} first rewrites the 32 packets from their
   * templates (and their lengths, where an NF changed them), as for the NFs in {@link #RESTORED}.
   * Uses the default traffic ({@link #flow} of type {@code baseline}); the parse cost does not
   * depend on addresses.
   */
  @BenchmarkMode(Mode.AverageTime)
  @OutputTimeUnit(TimeUnit.NANOSECONDS)
  @State(Scope.Thread)
  @Fork(jvmArgsAppend = "--enable-native-access=ALL-UNNAMED")
  public static class Baseline {
    @Param({"64", "1500"})
    int size;

    @SuppressWarnings("NullAway.Init")
    Burst burst;

    @Nullable Thread eal;

    @Setup(Level.Trial)
    public void start() {
      eal = startEal();
      burst = new Burst("baseline", size);
    }

    @TearDown(Level.Iteration)
    public void checkThread() {
      NfBenchmark.checkThread(eal);
    }

    @TearDown(Level.Trial)
    public void stop() {
      burst.close();
    }

    @Benchmark
    public int parse() {
      return burst.parse().size();
    }

    @Benchmark
    public int restoreAndParse() {
      return burst.restoreAndParse().size();
    }
  }

  /**
   * Starts the EAL on this thread (the main lcore) with test-like arguments and this benchmark's
   * own runtime-file prefix; returns the thread. A JVM that runs several trials ({@code -f 0})
   * finds it running with the same arguments.
   */
  static Thread startEal() {
    Eal.start(
        List.of(
            "--no-huge",
            "--no-pci",
            "-m",
            "256",
            "--file-prefix",
            "nfp-bench-nf-" + ProcessHandle.current().pid(),
            "--no-telemetry",
            "--log-level=lib.eal:warning"));
    return Thread.currentThread();
  }

  /** Fails the run if JMH measured on another thread than the one that started the EAL. */
  static void checkThread(@Nullable Thread eal) {
    if (Thread.currentThread() != eal) {
      throw new IllegalStateException(
          "measured on " + Thread.currentThread() + " (expected: " + eal + ")");
    }
  }

  /**
   * 32 packets in mbufs of one pool, their templates, and the batch the NF gets. The mbufs are
   * taken once and reused by every op; the trial's end gives them back and fails the run if the
   * pool is not whole again.
   */
  static final class Burst {
    final Mempool pool;
    final long[] mbufs = new long[BURST];
    final byte[][] templates = new byte[BURST][];
    final long[] addresses = new long[BURST];
    final long[] flowHashes = new long[BURST];
    final PacketBatch batch = new PacketBatch(BURST);

    Burst(String type, int size) {
      // The trial's teardown runs inside the last measured iteration, and a downcall's first use
      // links it (some 270 KB of method handles on the heap): make the teardown's calls (release,
      // inUse, pool free) once here, so that the last iteration's allocation is the NF's.
      Mempool spare = Mempool.create("nf-bench-spare", 63, 0, 256);
      Mbufs.release(spare.allocate());
      spare.close();
      pool = Mempool.create("nf-bench-pkt", 511, 0, 2048 + Mempool.HEADROOM);
      for (int i = 0; i < BURST; i++) {
        Flow f = flow(type, i);
        templates[i] = frame(f, size, i);
        flowHashes[i] = f.hash();
        long m = pool.allocate();
        if (m == 0 || !Mbufs.append(m, templates[i])) {
          throw new IllegalStateException("cannot build a " + size + "-byte packet in " + pool);
        }
        mbufs[i] = m;
        addresses[i] = Mbufs.dataAddress(m);
      }
      parse();
    }

    /** The runtime's work before each call: clear the batch, add (and parse) every packet. */
    PacketBatch parse() {
      PacketBatch b = batch;
      b.clear();
      for (int i = 0; i < BURST; i++) {
        if (b.add(mbufs[i], flowHashes[i]) != ParseStatus.OK) {
          throw new IllegalStateException("packet " + i + " does not parse");
        }
      }
      return b;
    }

    PacketBatch restoreAndParse() {
      restore();
      return parse();
    }

    /**
     * Puts every packet back as it was built: its start where it was (an NF that prepended or
     * removed headers moved it) and its bytes from the template, through a shrink to nothing and an
     * append when an NF changed the length, else one copy over the packet.
     */
    void restore() {
      for (int i = 0; i < BURST; i++) {
        long m = mbufs[i];
        byte[] t = templates[i];
        long moved = Mbufs.dataAddress(m) - addresses[i];
        if (moved != 0
            && !(moved < 0 ? Mbufs.removeFront(m, (int) -moved) : Mbufs.prepend(m, (int) moved))) {
          throw new IllegalStateException("cannot move packet " + i + " back by " + moved);
        }
        int length = Mbufs.dataLength(m);
        if (length == t.length) {
          Mbufs.write(m, 0, t);
        } else if (!Mbufs.removeTail(m, length) || !Mbufs.append(m, t)) {
          throw new IllegalStateException("cannot restore packet " + i + " from " + length);
        }
      }
    }

    void close() {
      for (long m : mbufs) {
        Mbufs.release(m);
      }
      if (pool.inUse() != 0) {
        throw new IllegalStateException(
            pool + ": " + pool.inUse() + " mbufs still in use after the run (expected: 0)");
      }
      pool.close();
    }
  }

  /** One packet's 5-tuple (IPv4 addresses as ints). */
  record Flow(boolean tcp, int sip, int dip, int sport, int dport) {
    long hash() {
      long x = ((long) sip << 32 | (dip & 0xffff_ffffL)) * 0x9E3779B97F4A7C15L;
      x ^= ((long) (tcp ? 6 : 17) << 32 | (long) sport << 16 | dport) * 0xC2B2AE3D27D4EB4FL;
      return x ^ (x >>> 29);
    }
  }

  static int ip(int a, int b, int c, int d) {
    return a << 24 | b << 16 | c << 8 | d;
  }

  /**
   * Packet {@code i}'s flow for an NF of {@code type}. By default a TCP connection from the
   * internal client 10.0.0.(i+1), port 40000+i, to the web server 203.0.113.(1 + i % 8) port 80:
   * routed by the default route, classified by the shaper's {@code web} class, translated outbound
   * by the NAT, 32 flows for the monitor. Overrides:
   *
   * <ul>
   *   <li>firewall: odd packets are UDP from 10.0.0.(i % 16) to 192.0.2.53 port 53, so half are
   *       accepted by rule 1 (TCP to 203.0.113.0/24 port 80), half by rule 2 (UDP from
   *       10.0.0.0/28).
   *   <li>nids: to 10.0.0.(1 + i % 8) from 192.0.2.(i+1), so that only the content rule can alert
   *       (the TTL rule watches 203.0.113.0/24), on the two of eight paths that start "/index".
   *   <li>gateway: odd packets come from 192.0.2.(i+1), outside the policy's 10.0.0.0/8: half match
   *       the policy, half get the default class.
   *   <li>load_balancer: clients 192.0.2.(i+1) to the VIP 203.0.113.10.
   *   <li>proxy: to 198.51.100.(1 + i % 8), the redirected prefix.
   * </ul>
   */
  static Flow flow(String type, int i) {
    int sip = ip(10, 0, 0, 1 + i);
    int dip = ip(203, 0, 113, 1 + i % 8);
    int sport = 40000 + i;
    return switch (type) {
      case "firewall" ->
          i % 2 == 1
              ? new Flow(false, ip(10, 0, 0, i % 16), ip(192, 0, 2, 53), sport, 53)
              : new Flow(true, sip, dip, sport, 80);
      case "nids" -> new Flow(true, ip(192, 0, 2, 1 + i), ip(10, 0, 0, 1 + i % 8), sport, 80);
      case "gateway" -> new Flow(true, i % 2 == 1 ? ip(192, 0, 2, 1 + i) : sip, dip, sport, 80);
      case "load_balancer" -> new Flow(true, ip(192, 0, 2, 1 + i), ip(203, 0, 113, 10), sport, 80);
      case "proxy" -> new Flow(true, sip, ip(198, 51, 100, 1 + i % 8), sport, 80);
      default -> new Flow(true, sip, dip, sport, 80);
    };
  }

  private static final String[] PATHS = {
    "/index.html",
    "/css/site.css",
    "/js/app.js",
    "/img/logo.png",
    "/index.php?page=2",
    "/api/v1/items",
    "/favicon.ico",
    "/fonts/inter.woff2"
  };

  /**
   * A {@code size}-byte Ethernet/IPv4/TCP-or-UDP frame of {@code flow} (TTL 64, a valid IPv4 header
   * checksum; the L4 checksum is left 0: no NF checks it), carrying {@link #payload} of packet
   * {@code i}.
   */
  static byte[] frame(Flow flow, int size, int i) {
    int l4 = flow.tcp() ? 20 : 8;
    int payloadLength = size - 14 - 20 - l4;
    if (payloadLength < 0) {
      throw new IllegalArgumentException("size " + size + " leaves no room for the headers");
    }
    ByteBuffer b = ByteBuffer.allocate(size);
    b.putLong(0x0200_0000_0101_0200L).putInt(0x0000_0001).putShort((short) 0x0800);
    b.put((byte) 0x45).put((byte) 0).putShort((short) (size - 14)).putShort((short) i);
    b.putShort((short) 0x4000).put((byte) 64).put((byte) (flow.tcp() ? 6 : 17)).putShort((short) 0);
    b.putInt(flow.sip()).putInt(flow.dip());
    b.putShort((short) flow.sport()).putShort((short) flow.dport());
    if (flow.tcp()) {
      b.putInt(1000 + i).putInt(1).putShort((short) 0x5018).putShort((short) 502).putInt(0);
    } else {
      b.putShort((short) (8 + payloadLength)).putShort((short) 0);
    }
    b.put(payload(i, payloadLength));
    byte[] f = b.array();
    int sum = 0;
    for (int k = 14; k < 34; k += 2) {
      sum += (f[k] & 0xff) << 8 | (f[k + 1] & 0xff);
    }
    sum = (sum & 0xffff) + (sum >>> 16);
    sum = (sum & 0xffff) + (sum >>> 16);
    f[24] = (byte) (~sum >> 8);
    f[25] = (byte) ~sum;
    return f;
  }

  /**
   * Packet {@code i}'s payload, {@code length} bytes: an HTTP/1.1 GET request for one of eight
   * paths with a browser's headers (about 330 bytes) and a session cookie of random base64
   * characters (fixed seed) that fills the rest before the closing blank line; cut to {@code
   * length} when shorter. Mildly compressible: the headers are text, the cookie has 6 bits per
   * byte.
   */
  static byte[] payload(int i, int length) {
    String head =
        "GET "
            + PATHS[i % PATHS.length]
            + " HTTP/1.1\r\n"
            + "Host: www.example.com\r\n"
            + "User-Agent: Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101"
            + " Firefox/128.0\r\n"
            + "Accept: text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8\r\n"
            + "Accept-Language: en-US,en;q=0.5\r\n"
            + "Accept-Encoding: gzip, deflate, br\r\n"
            + "Referer: https://www.example.com/\r\n"
            + "Connection: keep-alive\r\n"
            + "Cookie: session=";
    byte[] text = head.getBytes(StandardCharsets.US_ASCII);
    byte[] out = new byte[length];
    System.arraycopy(text, 0, out, 0, Math.min(length, text.length));
    byte[] base64 =
        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"
            .getBytes(StandardCharsets.US_ASCII);
    SplittableRandom random = new SplittableRandom(0x5eed + i);
    for (int k = text.length; k < length - 4; k++) {
      out[k] = base64[random.nextInt(64)];
    }
    byte[] end = {'\r', '\n', '\r', '\n'};
    for (int k = Math.max(text.length, length - 4); k < length; k++) {
      out[k] = end[k - (length - 4)];
    }
    return out;
  }
}
