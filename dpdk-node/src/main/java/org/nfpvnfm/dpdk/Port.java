package org.nfpvnfm.dpdk;

import org.nfpvnfm.dpdk.internal.ffm.Shim;

/**
 * One DPDK ethdev port with one receive and one transmit queue: a virtual device ({@code net_null},
 * {@code net_ring}, {@code net_pcap}, {@code net_tap}, {@code net_af_packet}) or a PCI NIC.
 *
 * <p>Bursts return counts. {@link #receive} fills a burst the caller then owns; {@link #transmit}
 * takes a prefix of the burst and the caller releases or retries the rest.
 */
public final class Port implements AutoCloseable {
  private static final int QUEUE = 0;

  private final String name;
  private final int id;
  private final boolean attached;
  private final long[] stats = new long[Shim.STATS_FIELDS];
  private boolean started;
  private boolean closed;

  private Port(String name, int id, boolean attached) {
    this.name = name;
    this.id = id;
    this.attached = attached;
  }

  /** A port the EAL already has, e.g. from {@code --vdev=net_ring0} or a probed NIC. */
  public static Port named(String name) {
    Eal.requireRunning();
    int id = Shim.ethPortByName(name);
    if (id < 0) {
      throw Eal.failure("no DPDK port named " + name, -id);
    }
    return new Port(name, id, false);
  }

  /**
   * Creates a virtual device at run time from its devargs, e.g. {@code
   * net_pcap0,rx_pcap=in.pcap,tx_pcap=out.pcap}; {@link #close()} removes it again.
   */
  public static Port attach(String devargs) {
    Eal.requireRunning();
    int comma = devargs.indexOf(',');
    String name = comma < 0 ? devargs : devargs.substring(0, comma);
    int rc = Shim.devProbe(devargs);
    if (rc < 0) {
      throw Eal.failure("cannot attach device " + devargs, -rc);
    }
    int id = Shim.ethPortByName(name);
    if (id < 0) {
      // The device is on the bus without a port: its port was closed (closing releases an
      // ethdev), and probing a device that is there already does nothing. Removing it and probing
      // again gives it a new port.
      Shim.vdevRemove(name);
      rc = Shim.devProbe(devargs);
      if (rc < 0) {
        throw Eal.failure("cannot attach device " + devargs, -rc);
      }
      id = Shim.ethPortByName(name);
    }
    if (id < 0) {
      Shim.vdevRemove(name);
      throw Eal.failure("device " + devargs + " attached but has no port named " + name, -id);
    }
    return new Port(name, id, true);
  }

  /**
   * Configures one rx and one tx queue with default settings, receive buffers from {@code pool},
   * and starts the port.
   */
  public void start(Mempool pool, int rxDescriptors, int txDescriptors) {
    check(Shim.ethConfigure(id, 1, 1), "configure");
    check(Shim.ethRxQueueSetup(id, QUEUE, rxDescriptors, pool.address()), "set up rx queue");
    check(Shim.ethTxQueueSetup(id, QUEUE, txDescriptors), "set up tx queue");
    check(Shim.ethStart(id), "start");
    started = true;
  }

  /** Receives into an empty burst, up to its capacity; returns how many arrived. */
  public int receive(MbufBurst burst) {
    return receive(burst, burst.capacity());
  }

  /** Receives into an empty burst, at most {@code max} (a rate limit); returns how many arrived. */
  public int receive(MbufBurst burst, int max) {
    if (!burst.isEmpty()) {
      throw new IllegalStateException(
          "receive into a burst holding " + burst.size() + " mbufs (expected: empty)");
    }
    int n = Shim.ethRxBurst(id, QUEUE, burst.pointers(), 0, Math.min(max, burst.capacity()));
    burst.setSize(n);
    return n;
  }

  /**
   * Queues the burst's mbufs for sending, from the front; returns how many the port took (it owns
   * and will release those). The caller still owns entries {@code [returned, burst.size())}.
   */
  public int transmit(MbufBurst burst) {
    return Shim.ethTxBurst(id, QUEUE, burst.pointers(), 0, burst.size());
  }

  public PortStats stats() {
    check(Shim.ethStats(id, stats), "read stats of");
    return new PortStats(
        stats[0], stats[1], stats[2], stats[3], stats[4], stats[5], stats[6], stats[7]);
  }

  public String name() {
    return name;
  }

  public int id() {
    return id;
  }

  public void stop() {
    if (started) {
      started = false;
      check(Shim.ethStop(id), "stop");
    }
  }

  /**
   * Stops and closes the port (net_pcap flushes its output file here) and removes attached vdevs.
   */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    stop();
    check(Shim.ethClose(id), "close");
    if (attached) {
      check(Shim.vdevRemove(name), "remove device");
    }
  }

  private void check(int rc, String what) {
    if (rc < 0) {
      throw Eal.failure("cannot " + what + " port " + name + " (" + id + ")", -rc);
    }
  }
}
