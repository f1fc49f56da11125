package org.nfpvnfm.dpdk.internal.ffm;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.util.List;

/**
 * Downcalls into {@code libnfp_dpdk_shim.so}, one static method per shim function.
 *
 * <p>Handles (mempool, ring, mbuf) are {@code long} addresses so the fast path creates no objects;
 * pointer arrays are {@link PointerArray}s plus a start index for the same reason. Fast-path calls
 * (bursts, alloc/free, refcount) are linked {@link Linker.Option#critical critical}: they are
 * short, never block and never call back into Java, which is what that option requires, and it
 * saves the thread-state transition of a normal downcall. Setup calls are normal downcalls.
 *
 * <p>The class initialiser links everything, so it must run after {@link ShimLibrary#load()}.
 */
public final class Shim {
  private static final Linker LINKER = Linker.nativeLinker();
  private static final Linker.Option CRITICAL = Linker.Option.critical(false);

  /** All of memory, to read mbuf fields at an address without creating a segment per read. */
  static final MemorySegment EVERYTHING = MemorySegment.NULL.reinterpret(Long.MAX_VALUE);

  private static final MethodHandle EAL_INIT = setup("nfp_eal_init", JAVA_INT, JAVA_INT, ADDRESS);
  private static final MethodHandle EAL_CLEANUP = setup("nfp_eal_cleanup", JAVA_INT);
  private static final MethodHandle RTE_ERRNO = setup("nfp_rte_errno", JAVA_INT);
  private static final MethodHandle STRERROR = setup("nfp_strerror", ADDRESS, JAVA_INT);
  private static final MethodHandle LCORE_COUNT = setup("nfp_lcore_count", JAVA_INT);
  private static final MethodHandle LCORE_ID = setup("nfp_lcore_id", JAVA_INT);
  private static final MethodHandle THREAD_REGISTER = setup("nfp_thread_register", JAVA_INT);
  private static final MethodHandle THREAD_UNREGISTER = setupVoid("nfp_thread_unregister");
  private static final MethodHandle THREAD_PIN = setup("nfp_thread_pin", JAVA_INT, JAVA_INT);
  private static final MethodHandle PROCESS_CPUS = setup("nfp_process_cpu_count", JAVA_INT);
  private static final MethodHandle DEV_PROBE = setup("nfp_dev_probe", JAVA_INT, ADDRESS);
  private static final MethodHandle VDEV_REMOVE = setup("nfp_vdev_remove", JAVA_INT, ADDRESS);
  private static final MethodHandle LAYOUT = setup("nfp_layout", JAVA_LONG, ADDRESS);

  private static final MethodHandle POOL_CREATE =
      setup(
          "nfp_pktmbuf_pool_create",
          JAVA_LONG,
          ADDRESS,
          JAVA_INT,
          JAVA_INT,
          JAVA_SHORT,
          JAVA_SHORT,
          JAVA_INT);
  private static final MethodHandle POOL_AVAIL =
      fast("nfp_mempool_avail_count", JAVA_INT, JAVA_LONG);
  private static final MethodHandle POOL_IN_USE =
      fast("nfp_mempool_in_use_count", JAVA_INT, JAVA_LONG);
  private static final MethodHandle POOL_SIZE = fast("nfp_mempool_size", JAVA_INT, JAVA_LONG);
  private static final MethodHandle POOL_FREE = setupVoid("nfp_mempool_free", JAVA_LONG);

  private static final MethodHandle ALLOC = fast("nfp_pktmbuf_alloc", JAVA_LONG, JAVA_LONG);
  private static final MethodHandle ALLOC_BULK =
      fast("nfp_pktmbuf_alloc_bulk", JAVA_INT, JAVA_LONG, ADDRESS, JAVA_INT, JAVA_INT);
  private static final MethodHandle FREE = fastVoid("nfp_pktmbuf_free", JAVA_LONG);
  private static final MethodHandle FREE_BULK =
      fastVoid("nfp_pktmbuf_free_bulk", ADDRESS, JAVA_INT, JAVA_INT);
  private static final MethodHandle CLONE =
      fast("nfp_pktmbuf_clone", JAVA_LONG, JAVA_LONG, JAVA_LONG);
  private static final MethodHandle COPY =
      fast("nfp_pktmbuf_copy", JAVA_LONG, JAVA_LONG, JAVA_LONG, JAVA_INT, JAVA_INT);
  private static final MethodHandle HEADER_COPY =
      fast("nfp_pktmbuf_header_copy", JAVA_LONG, JAVA_LONG, JAVA_LONG, JAVA_INT);
  private static final MethodHandle REFCNT_UPDATE =
      fast("nfp_mbuf_refcnt_update", JAVA_SHORT, JAVA_LONG, JAVA_SHORT);
  private static final MethodHandle APPEND =
      fast("nfp_pktmbuf_append", JAVA_LONG, JAVA_LONG, JAVA_SHORT);
  private static final MethodHandle PREPEND =
      fast("nfp_pktmbuf_prepend", JAVA_LONG, JAVA_LONG, JAVA_SHORT);
  private static final MethodHandle ADJ = fast("nfp_pktmbuf_adj", JAVA_LONG, JAVA_LONG, JAVA_SHORT);
  private static final MethodHandle TRIM =
      fast("nfp_pktmbuf_trim", JAVA_INT, JAVA_LONG, JAVA_SHORT);

  private static final MethodHandle RING_CREATE =
      setup("nfp_ring_create", JAVA_LONG, ADDRESS, JAVA_INT, JAVA_INT, JAVA_INT);
  private static final MethodHandle RING_FREE = setupVoid("nfp_ring_free", JAVA_LONG);
  private static final MethodHandle RING_ENQUEUE =
      fast("nfp_ring_enqueue_burst", JAVA_INT, JAVA_LONG, ADDRESS, JAVA_INT, JAVA_INT);
  private static final MethodHandle RING_DEQUEUE =
      fast("nfp_ring_dequeue_burst", JAVA_INT, JAVA_LONG, ADDRESS, JAVA_INT, JAVA_INT);
  private static final MethodHandle RING_COUNT = fast("nfp_ring_count", JAVA_INT, JAVA_LONG);
  private static final MethodHandle RING_CAPACITY = fast("nfp_ring_capacity", JAVA_INT, JAVA_LONG);

  private static final MethodHandle ETH_COUNT = setup("nfp_eth_dev_count_avail", JAVA_SHORT);
  private static final MethodHandle ETH_BY_NAME = setup("nfp_eth_port_by_name", JAVA_INT, ADDRESS);
  private static final MethodHandle ETH_CONFIGURE =
      setup("nfp_eth_configure", JAVA_INT, JAVA_SHORT, JAVA_SHORT, JAVA_SHORT);
  private static final MethodHandle ETH_RXQ =
      setup("nfp_eth_rx_queue_setup", JAVA_INT, JAVA_SHORT, JAVA_SHORT, JAVA_SHORT, JAVA_LONG);
  private static final MethodHandle ETH_TXQ =
      setup("nfp_eth_tx_queue_setup", JAVA_INT, JAVA_SHORT, JAVA_SHORT, JAVA_SHORT);
  private static final MethodHandle ETH_START = setup("nfp_eth_start", JAVA_INT, JAVA_SHORT);
  private static final MethodHandle ETH_STOP = setup("nfp_eth_stop", JAVA_INT, JAVA_SHORT);
  private static final MethodHandle ETH_CLOSE = setup("nfp_eth_close", JAVA_INT, JAVA_SHORT);
  private static final MethodHandle ETH_RX =
      fast("nfp_eth_rx_burst", JAVA_SHORT, JAVA_SHORT, JAVA_SHORT, ADDRESS, JAVA_SHORT, JAVA_SHORT);
  private static final MethodHandle ETH_TX =
      fast("nfp_eth_tx_burst", JAVA_SHORT, JAVA_SHORT, JAVA_SHORT, ADDRESS, JAVA_SHORT, JAVA_SHORT);
  private static final MethodHandle ETH_STATS =
      setup("nfp_eth_stats", JAVA_INT, JAVA_SHORT, ADDRESS);

  /** Offsets in {@code struct rte_mbuf} and DPDK constants, as compiled into the shim. */
  public static final long MBUF_BUF_ADDR = layout("rte_mbuf.buf_addr");

  public static final long MBUF_DATA_OFF = layout("rte_mbuf.data_off");
  public static final long MBUF_REFCNT = layout("rte_mbuf.refcnt");
  public static final long MBUF_NB_SEGS = layout("rte_mbuf.nb_segs");
  public static final long MBUF_PORT = layout("rte_mbuf.port");
  public static final long MBUF_OL_FLAGS = layout("rte_mbuf.ol_flags");
  public static final long MBUF_PACKET_TYPE = layout("rte_mbuf.packet_type");
  public static final long MBUF_PKT_LEN = layout("rte_mbuf.pkt_len");
  public static final long MBUF_DATA_LEN = layout("rte_mbuf.data_len");
  public static final long MBUF_BUF_LEN = layout("rte_mbuf.buf_len");
  public static final long MBUF_NEXT = layout("rte_mbuf.next");
  public static final long MBUF_PRIV_SIZE = layout("rte_mbuf.priv_size");
  public static final long MBUF_SIZE = layout("sizeof(rte_mbuf)");
  public static final int PKTMBUF_HEADROOM = (int) layout("RTE_PKTMBUF_HEADROOM");
  public static final int MBUF_DEFAULT_BUF_SIZE = (int) layout("RTE_MBUF_DEFAULT_BUF_SIZE");
  public static final int RING_F_SP_ENQ = (int) layout("RING_F_SP_ENQ");
  public static final int RING_F_SC_DEQ = (int) layout("RING_F_SC_DEQ");

  /** rte_eth_stats fields in the order {@code nfp_eth_stats} writes them. */
  public static final int STATS_FIELDS = 8;

  private Shim() {}

  private static MethodHandle link(
      String name, FunctionDescriptor descriptor, Linker.Option... options) {
    MemorySegment symbol =
        ShimLibrary.lookup()
            .find(name)
            .orElseThrow(
                () ->
                    new IllegalStateException(
                        "the DPDK shim has no symbol " + name + " (stale shim build?)"));
    return LINKER.downcallHandle(symbol, descriptor, options);
  }

  private static MethodHandle setup(String name, ValueLayout result, ValueLayout... args) {
    return link(name, FunctionDescriptor.of(result, args));
  }

  private static MethodHandle setupVoid(String name, ValueLayout... args) {
    return link(name, FunctionDescriptor.ofVoid(args));
  }

  private static MethodHandle fast(String name, ValueLayout result, ValueLayout... args) {
    return link(name, FunctionDescriptor.of(result, args), CRITICAL);
  }

  private static MethodHandle fastVoid(String name, ValueLayout... args) {
    return link(name, FunctionDescriptor.ofVoid(args), CRITICAL);
  }

  private static long layout(String name) {
    long value;
    try (Arena arena = Arena.ofConfined()) {
      value = (long) LAYOUT.invokeExact(arena.allocateFrom(name));
    } catch (Throwable t) {
      throw rethrow(t);
    }
    if (value < 0) {
      throw new IllegalStateException("the DPDK shim does not know layout entry " + name);
    }
    return value;
  }

  private static RuntimeException rethrow(Throwable t) {
    if (t instanceof RuntimeException e) {
      throw e;
    }
    if (t instanceof Error e) {
      throw e;
    }
    // Downcalls declare Throwable but native code throws nothing checked.
    throw new IllegalStateException(t);
  }

  // ---- EAL ------------------------------------------------------------------------------------

  /**
   * Calls rte_eal_init with {@code argv[0]} = {@code program} followed by {@code args}. The strings
   * live in the global arena: the EAL may keep pointers to them for the life of the process.
   */
  public static int ealInit(String program, List<String> args) {
    Arena arena = Arena.global();
    MemorySegment argv = arena.allocate(ADDRESS, args.size() + 2L);
    argv.setAtIndex(ADDRESS, 0, arena.allocateFrom(program));
    for (int i = 0; i < args.size(); i++) {
      argv.setAtIndex(ADDRESS, i + 1L, arena.allocateFrom(args.get(i)));
    }
    argv.setAtIndex(ADDRESS, args.size() + 1L, MemorySegment.NULL);
    try {
      return (int) EAL_INIT.invokeExact(args.size() + 1, argv);
    } catch (Throwable t) {
      throw rethrow(t);
    }
  }

  public static int ealCleanup() {
    try {
      return (int) EAL_CLEANUP.invokeExact();
    } catch (Throwable t) {
      throw rethrow(t);
    }
  }

  /** rte_errno of the calling thread; read it right after the call that failed. */
  public static int rteErrno() {
    try {
      return (int) RTE_ERRNO.invokeExact();
    } catch (Throwable t) {
      throw rethrow(t);
    }
  }

  public static String strerror(int errnum) {
    try {
      MemorySegment text = (MemorySegment) STRERROR.invokeExact(errnum);
      return text.reinterpret(Long.MAX_VALUE).getString(0);
    } catch (Throwable t) {
      throw rethrow(t);
    }
  }

  public static int lcoreCount() {
    try {
      return (int) LCORE_COUNT.invokeExact();
    } catch (Throwable t) {
      throw rethrow(t);
    }
  }

  /** The calling thread's lcore id; -1 (DPDK's LCORE_ID_ANY) for an unregistered thread. */
  public static int lcoreId() {
    try {
      return (int) LCORE_ID.invokeExact();
    } catch (Throwable t) {
      throw rethrow(t);
    }
  }

  /** Registers the calling thread with the EAL: its new lcore id, or -1 with rte_errno set. */
  public static int threadRegister() {
    try {
      return (int) THREAD_REGISTER.invokeExact();
    } catch (Throwable t) {
      throw rethrow(t);
    }
  }

  public static void threadUnregister() {
    try {
      THREAD_UNREGISTER.invokeExact();
    } catch (Throwable t) {
      throw rethrow(t);
    }
  }

  public static int threadPin(int index) {
    try {
      return (int) THREAD_PIN.invokeExact(index);
    } catch (Throwable t) {
      throw rethrow(t);
    }
  }

  public static int processCpuCount() {
    try {
      return (int) PROCESS_CPUS.invokeExact();
    } catch (Throwable t) {
      throw rethrow(t);
    }
  }

  public static int devProbe(String devargs) {
    try (Arena arena = Arena.ofConfined()) {
      return (int) DEV_PROBE.invokeExact(arena.allocateFrom(devargs));
    } catch (Throwable t) {
      throw rethrow(t);
    }
  }

  public static int vdevRemove(String name) {
    try (Arena arena = Arena.ofConfined()) {
      return (int) VDEV_REMOVE.invokeExact(arena.allocateFrom(name));
    } catch (Throwable t) {
      throw rethrow(t);
    }
  }

  // ---- mempools and mbufs ---------------------------------------------------------------------

  /** Returns the mempool address, or 0 with rte_errno set. */
  public static long poolCreate(
      String name, int size, int cacheSize, int privateSize, int dataRoomSize) {
    try (Arena arena = Arena.ofConfined()) {
      return (long)
          POOL_CREATE.invokeExact(
              arena.allocateFrom(name),
              size,
              cacheSize,
              (short) privateSize,
              (short) dataRoomSize,
              -1);
    } catch (Throwable t) {
      throw rethrow(t);
    }
  }

  public static int poolAvailable(long pool) {
    try {
      return (int) POOL_AVAIL.invokeExact(pool);
    } catch (Throwable t) {
      throw rethrow(t);
    }
  }

  public static int poolInUse(long pool) {
    try {
      return (int) POOL_IN_USE.invokeExact(pool);
    } catch (Throwable t) {
      throw rethrow(t);
    }
  }

  public static int poolSize(long pool) {
    try {
      return (int) POOL_SIZE.invokeExact(pool);
    } catch (Throwable t) {
      throw rethrow(t);
    }
  }

  public static void poolFree(long pool) {
    try {
      POOL_FREE.invokeExact(pool);
    } catch (Throwable t) {
      throw rethrow(t);
    }
  }

  /** One mbuf, or 0 when the pool is empty. */
  public static long alloc(long pool) {
    try {
      return (long) ALLOC.invokeExact(pool);
    } catch (Throwable t) {
      throw rethrow(t);
    }
  }

  /** Fills {@code count} entries from {@code start}; all or nothing: 0 on success, else < 0. */
  public static int allocBulk(long pool, PointerArray into, int start, int count) {
    try {
      return (int) ALLOC_BULK.invokeExact(pool, into.segment, start, count);
    } catch (Throwable t) {
      throw rethrow(t);
    }
  }

  public static void free(long mbuf) {
    try {
      FREE.invokeExact(mbuf);
    } catch (Throwable t) {
      throw rethrow(t);
    }
  }

  public static void freeBulk(PointerArray mbufs, int start, int count) {
    try {
      FREE_BULK.invokeExact(mbufs.segment, start, count);
    } catch (Throwable t) {
      throw rethrow(t);
    }
  }

  public static long clone(long mbuf, long pool) {
    try {
      return (long) CLONE.invokeExact(mbuf, pool);
    } catch (Throwable t) {
      throw rethrow(t);
    }
  }

  public static long copy(long mbuf, long pool, int offset, int length) {
    try {
      return (long) COPY.invokeExact(mbuf, pool, offset, length);
    } catch (Throwable t) {
      throw rethrow(t);
    }
  }

  /** Header bytes copied, the rest shared through indirect segments; 0 when the pool is empty. */
  public static long headerCopy(long mbuf, long pool, int headerBytes) {
    try {
      return (long) HEADER_COPY.invokeExact(mbuf, pool, headerBytes);
    } catch (Throwable t) {
      throw rethrow(t);
    }
  }

  /** Adds {@code delta} atomically; returns the new count. */
  public static int refcntUpdate(long mbuf, int delta) {
    try {
      return Short.toUnsignedInt((short) REFCNT_UPDATE.invokeExact(mbuf, (short) delta));
    } catch (Throwable t) {
      throw rethrow(t);
    }
  }

  public static long append(long mbuf, int length) {
    try {
      return (long) APPEND.invokeExact(mbuf, (short) length);
    } catch (Throwable t) {
      throw rethrow(t);
    }
  }

  public static long prepend(long mbuf, int length) {
    try {
      return (long) PREPEND.invokeExact(mbuf, (short) length);
    } catch (Throwable t) {
      throw rethrow(t);
    }
  }

  public static long adj(long mbuf, int length) {
    try {
      return (long) ADJ.invokeExact(mbuf, (short) length);
    } catch (Throwable t) {
      throw rethrow(t);
    }
  }

  public static int trim(long mbuf, int length) {
    try {
      return (int) TRIM.invokeExact(mbuf, (short) length);
    } catch (Throwable t) {
      throw rethrow(t);
    }
  }

  // mbuf fields, read in place through the offsets above.

  public static int mbufDataLength(long mbuf) {
    return Short.toUnsignedInt(
        EVERYTHING.get(ValueLayout.JAVA_SHORT_UNALIGNED, mbuf + MBUF_DATA_LEN));
  }

  public static int mbufPacketLength(long mbuf) {
    return EVERYTHING.get(ValueLayout.JAVA_INT_UNALIGNED, mbuf + MBUF_PKT_LEN);
  }

  public static int mbufRefcnt(long mbuf) {
    return Short.toUnsignedInt(
        EVERYTHING.get(ValueLayout.JAVA_SHORT_UNALIGNED, mbuf + MBUF_REFCNT));
  }

  public static int mbufSegments(long mbuf) {
    return Short.toUnsignedInt(
        EVERYTHING.get(ValueLayout.JAVA_SHORT_UNALIGNED, mbuf + MBUF_NB_SEGS));
  }

  public static int mbufPort(long mbuf) {
    return Short.toUnsignedInt(EVERYTHING.get(ValueLayout.JAVA_SHORT_UNALIGNED, mbuf + MBUF_PORT));
  }

  /** Bytes of private area after the mbuf header (the pool's {@code priv_size}). */
  public static int mbufPrivateSize(long mbuf) {
    return Short.toUnsignedInt(
        EVERYTHING.get(ValueLayout.JAVA_SHORT_UNALIGNED, mbuf + MBUF_PRIV_SIZE));
  }

  /** The private area starts right after the mbuf header (DPDK's {@code rte_mbuf_to_priv}). */
  public static long mbufPrivateLong(long mbuf, int offset) {
    return EVERYTHING.get(ValueLayout.JAVA_LONG_UNALIGNED, mbuf + MBUF_SIZE + offset);
  }

  public static void setMbufPrivateLong(long mbuf, int offset, long value) {
    EVERYTHING.set(ValueLayout.JAVA_LONG_UNALIGNED, mbuf + MBUF_SIZE + offset, value);
  }

  public static long mbufNext(long mbuf) {
    return EVERYTHING.get(ValueLayout.JAVA_LONG_UNALIGNED, mbuf + MBUF_NEXT);
  }

  /** Address of the first data byte of this segment: buf_addr + data_off. */
  public static long mbufData(long mbuf) {
    long buffer = EVERYTHING.get(ValueLayout.JAVA_LONG_UNALIGNED, mbuf + MBUF_BUF_ADDR);
    int offset =
        Short.toUnsignedInt(EVERYTHING.get(ValueLayout.JAVA_SHORT_UNALIGNED, mbuf + MBUF_DATA_OFF));
    return buffer + offset;
  }

  /**
   * A view of {@code length} native bytes at {@code address}, for code that reads and writes a
   * frame in place (the parser). A slice of the one unbounded segment: no arena, no copy.
   */
  /**
   * All of native memory as one segment, for reading a packet in place at its address with no slice
   * object per packet ({@code PacketParser.parseAt}). Unbounded: the caller's own length checks are
   * all that keep reads inside the packet.
   */
  public static MemorySegment everything() {
    return EVERYTHING;
  }

  public static MemorySegment nativeBytes(long address, int length) {
    return EVERYTHING.asSlice(address, length);
  }

  public static void copyToNative(byte[] source, int from, long address, int length) {
    MemorySegment.copy(source, from, EVERYTHING, JAVA_BYTE, address, length);
  }

  public static void copyFromNative(long address, byte[] target, int to, int length) {
    MemorySegment.copy(EVERYTHING, JAVA_BYTE, address, target, to, length);
  }

  public static byte readByte(long address) {
    return EVERYTHING.get(JAVA_BYTE, address);
  }

  public static void writeByte(long address, byte value) {
    EVERYTHING.set(JAVA_BYTE, address, value);
  }

  // ---- rings ----------------------------------------------------------------------------------

  public static long ringCreate(String name, int count, int flags) {
    try (Arena arena = Arena.ofConfined()) {
      return (long) RING_CREATE.invokeExact(arena.allocateFrom(name), count, -1, flags);
    } catch (Throwable t) {
      throw rethrow(t);
    }
  }

  public static void ringFree(long ring) {
    try {
      RING_FREE.invokeExact(ring);
    } catch (Throwable t) {
      throw rethrow(t);
    }
  }

  public static int ringEnqueue(long ring, PointerArray objects, int start, int count) {
    try {
      return (int) RING_ENQUEUE.invokeExact(ring, objects.segment, start, count);
    } catch (Throwable t) {
      throw rethrow(t);
    }
  }

  public static int ringDequeue(long ring, PointerArray objects, int start, int count) {
    try {
      return (int) RING_DEQUEUE.invokeExact(ring, objects.segment, start, count);
    } catch (Throwable t) {
      throw rethrow(t);
    }
  }

  public static int ringCount(long ring) {
    try {
      return (int) RING_COUNT.invokeExact(ring);
    } catch (Throwable t) {
      throw rethrow(t);
    }
  }

  public static int ringCapacity(long ring) {
    try {
      return (int) RING_CAPACITY.invokeExact(ring);
    } catch (Throwable t) {
      throw rethrow(t);
    }
  }

  // ---- ports ----------------------------------------------------------------------------------

  public static int ethCountAvailable() {
    try {
      return Short.toUnsignedInt((short) ETH_COUNT.invokeExact());
    } catch (Throwable t) {
      throw rethrow(t);
    }
  }

  /** The port id, or a negative errno. */
  public static int ethPortByName(String name) {
    try (Arena arena = Arena.ofConfined()) {
      return (int) ETH_BY_NAME.invokeExact(arena.allocateFrom(name));
    } catch (Throwable t) {
      throw rethrow(t);
    }
  }

  public static int ethConfigure(int port, int rxQueues, int txQueues) {
    try {
      return (int) ETH_CONFIGURE.invokeExact((short) port, (short) rxQueues, (short) txQueues);
    } catch (Throwable t) {
      throw rethrow(t);
    }
  }

  public static int ethRxQueueSetup(int port, int queue, int descriptors, long pool) {
    try {
      return (int) ETH_RXQ.invokeExact((short) port, (short) queue, (short) descriptors, pool);
    } catch (Throwable t) {
      throw rethrow(t);
    }
  }

  public static int ethTxQueueSetup(int port, int queue, int descriptors) {
    try {
      return (int) ETH_TXQ.invokeExact((short) port, (short) queue, (short) descriptors);
    } catch (Throwable t) {
      throw rethrow(t);
    }
  }

  public static int ethStart(int port) {
    try {
      return (int) ETH_START.invokeExact((short) port);
    } catch (Throwable t) {
      throw rethrow(t);
    }
  }

  public static int ethStop(int port) {
    try {
      return (int) ETH_STOP.invokeExact((short) port);
    } catch (Throwable t) {
      throw rethrow(t);
    }
  }

  public static int ethClose(int port) {
    try {
      return (int) ETH_CLOSE.invokeExact((short) port);
    } catch (Throwable t) {
      throw rethrow(t);
    }
  }

  public static int ethRxBurst(int port, int queue, PointerArray into, int start, int count) {
    try {
      return Short.toUnsignedInt(
          (short)
              ETH_RX.invokeExact(
                  (short) port, (short) queue, into.segment, (short) start, (short) count));
    } catch (Throwable t) {
      throw rethrow(t);
    }
  }

  public static int ethTxBurst(int port, int queue, PointerArray from, int start, int count) {
    try {
      return Short.toUnsignedInt(
          (short)
              ETH_TX.invokeExact(
                  (short) port, (short) queue, from.segment, (short) start, (short) count));
    } catch (Throwable t) {
      throw rethrow(t);
    }
  }

  /** Fills {@code into} with {@link #STATS_FIELDS} counters; 0 or a negative errno. */
  public static int ethStats(int port, long[] into) {
    try (Arena arena = Arena.ofConfined()) {
      MemorySegment out = arena.allocate(JAVA_LONG, STATS_FIELDS);
      int rc = (int) ETH_STATS.invokeExact((short) port, out);
      if (rc == 0) {
        MemorySegment.copy(out, JAVA_LONG, 0, into, 0, STATS_FIELDS);
      }
      return rc;
    } catch (Throwable t) {
      throw rethrow(t);
    }
  }
}
