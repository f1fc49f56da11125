package org.nfpvnfm.engine;

import java.util.ArrayList;
import java.util.List;

/**
 * What copies cost a service graph in memory per packet, two ways: the paper's model {@code ro = 64
 * × (d − 1) / s} (every extra version of a degree-d block costs one 64-byte header copy), and the
 * product's own figure from the copy plan, where dirty memory reusing needs fewer copies than d − 1
 * and an NF that writes the payload needs a full copy.
 *
 * <p>The product's figure counts bytes copied per packet: {@value #HEADER_COPY_BYTES} for a header
 * copy (the dataplane copies the first cache line, which holds Ethernet, IPv4 and TCP headers; a
 * packet shorter than that is copied whole) and the packet's length for a full copy. Buffer
 * descriptors are counted apart: {@value #DESCRIPTOR_BYTES} bytes each (a DPDK {@code rte_mbuf}
 * header), one per full copy and two per header copy (the headers, and an indirect buffer that
 * attaches the shared payload). Ratios are of means over the mix (bytes copied over bytes
 * received), as the paper's 8.8% is 64 / 724.
 *
 * @param degree the graph's parallelism degree (its widest block)
 * @param paperOverhead the paper's ro for this degree and mix
 * @param copiedBytes mean bytes copied per packet
 * @param copiedOverhead copiedBytes over the mean packet size
 * @param descriptorBytes mean buffer-descriptor bytes per packet
 */
public record MemoryReport(
    String graph,
    String mix,
    double meanPacketBytes,
    int degree,
    int headerCopies,
    int fullCopies,
    double paperOverhead,
    double copiedBytes,
    double copiedOverhead,
    double descriptorBytes,
    List<Row> bySize) {

  public static final int HEADER_COPY_BYTES = 64;
  public static final int DESCRIPTOR_BYTES = 128;

  /** The same figures for one packet size of the mix. */
  public record Row(int bytes, double paperOverhead, double copiedBytes, double copiedOverhead) {}

  public MemoryReport {
    bySize = List.copyOf(bySize);
  }

  /** The report for {@code graph} under {@code mix}. */
  public static MemoryReport of(ServiceGraph graph, PacketSizeMix mix) {
    int header = graph.summary().headerCopies();
    int full = graph.summary().fullCopies();
    int degree = graph.summary().width();
    List<Row> rows = new ArrayList<>();
    double copied = 0;
    for (PacketSizeMix.Share s : mix.shares()) {
      double bytes = copiedBytes(header, full, s.bytes());
      rows.add(new Row(s.bytes(), paper(degree, s.bytes()), bytes, bytes / s.bytes()));
      copied += bytes * s.fraction();
    }
    double mean = mix.meanBytes();
    return new MemoryReport(
        graph.name(),
        mix.name(),
        mean,
        degree,
        header,
        full,
        paper(degree, mean),
        copied,
        copied / mean,
        (2.0 * header + full) * DESCRIPTOR_BYTES,
        rows);
  }

  private static double paper(int degree, double bytes) {
    return HEADER_COPY_BYTES * (degree - 1) / bytes;
  }

  private static double copiedBytes(int header, int full, int bytes) {
    return header * (double) Math.min(bytes, HEADER_COPY_BYTES) + full * (double) bytes;
  }
}
