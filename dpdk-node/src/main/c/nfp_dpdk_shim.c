/*
 * Exported wrappers around DPDK 22.11 for NFP-VNFM's Java code (java.lang.foreign).
 *
 * Why a shim at all: the fast-path calls (rx/tx burst, ring enqueue/dequeue, mbuf alloc/free,
 * refcount updates) are static inline in DPDK's headers, so no library exports them; and the
 * layout of struct rte_mbuf depends on the build options of the installed DPDK, so Java asks this
 * file for offsetof() instead of copying a layout by hand.
 *
 * Conventions kept by every function here:
 *  - Handles (mempool, mbuf, ring pointers) cross the boundary as uintptr_t, which Java holds in a
 *    long: the fast path then creates no MemorySegment object per call.
 *  - Wrappers stay thin: no policy, no logging, no allocation; errors come back as DPDK reports
 *    them (negative errno or NULL plus rte_errno, read with nfp_rte_errno()).
 */
#define _GNU_SOURCE
#include <errno.h>
#include <pthread.h>
#include <sched.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <rte_dev.h>
#include <rte_eal.h>
#include <rte_errno.h>
#include <rte_ethdev.h>
#include <rte_lcore.h>
#include <rte_mbuf.h>
#include <rte_memcpy.h>
#include <rte_mempool.h>
#include <rte_ring.h>

#define NFP_EXPORT __attribute__((visibility("default")))

/* ---- EAL ---------------------------------------------------------------------------------- */

/*
 * rte_eal_init pins the calling thread to the main lcore's core, and every thread that thread
 * creates later inherits that one-core mask: the JVM's threads, the node's workers among them,
 * would all share one core. So the process's own CPU set is kept from before the EAL changed it,
 * for nfp_thread_pin to place workers on, and the calling thread gets it back once the EAL is up:
 * it is a JVM thread that polls nothing, and what it starts afterwards (an HTTP server, a Kafka
 * client, a VNFM's operations) must not share one core with a worker.
 */
static cpu_set_t nfp_process_cpus;
static int nfp_process_cpus_saved;

NFP_EXPORT int nfp_eal_init(int argc, char **argv)
{
	if (!nfp_process_cpus_saved &&
	    sched_getaffinity(0, sizeof(nfp_process_cpus), &nfp_process_cpus) == 0)
		nfp_process_cpus_saved = 1;
	int rc = rte_eal_init(argc, argv);
	if (rc >= 0 && nfp_process_cpus_saved)
		pthread_setaffinity_np(pthread_self(), sizeof(nfp_process_cpus), &nfp_process_cpus);
	return rc;
}

/* CPUs the process could run on before the EAL started; 0 when unknown. */
NFP_EXPORT int nfp_process_cpu_count(void)
{
	return nfp_process_cpus_saved ? CPU_COUNT(&nfp_process_cpus) : 0;
}

/*
 * Pins the calling thread to the index-th CPU (modulo their number) of the process's CPU set from
 * before the EAL started, or, with a negative index, lets it run on all of them again. Returns the
 * CPU, -1 for "all", or -errno.
 */
NFP_EXPORT int nfp_thread_pin(int index)
{
	if (!nfp_process_cpus_saved)
		return -ENODEV;
	cpu_set_t set;
	int chosen = -1;
	if (index < 0) {
		set = nfp_process_cpus;
	} else {
		int n = CPU_COUNT(&nfp_process_cpus), seen = 0;
		int want = index % n;
		CPU_ZERO(&set);
		for (int cpu = 0; cpu < CPU_SETSIZE; cpu++) {
			if (CPU_ISSET(cpu, &nfp_process_cpus) && seen++ == want) {
				CPU_SET(cpu, &set);
				chosen = cpu;
				break;
			}
		}
	}
	int rc = pthread_setaffinity_np(pthread_self(), sizeof(set), &set);
	return rc != 0 ? -rc : chosen;
}

NFP_EXPORT int nfp_eal_cleanup(void) { return rte_eal_cleanup(); }

/* rte_errno is a per-lcore thread-local variable: Java cannot read it as a plain symbol. */
NFP_EXPORT int nfp_rte_errno(void) { return rte_errno; }

NFP_EXPORT const char *nfp_strerror(int errnum) { return rte_strerror(errnum); }

NFP_EXPORT unsigned nfp_lcore_count(void) { return rte_lcore_count(); }

/* rte_lcore_id() is inline (reads a thread-local). */
NFP_EXPORT unsigned nfp_lcore_id(void) { return rte_lcore_id(); }

NFP_EXPORT unsigned nfp_main_lcore(void) { return rte_get_main_lcore(); }

/*
 * A Java worker thread is not an EAL thread: until it registers it has no lcore id, so mempools
 * skip their per-lcore caches for it. Registering gives it a free lcore id (RTE_MAX_LCORE bounds
 * them) for as long as it runs. Returns the id, or -1 with rte_errno set.
 */
NFP_EXPORT int nfp_thread_register(void)
{
	if (rte_thread_register() != 0)
		return -1;
	return (int)rte_lcore_id();
}

NFP_EXPORT void nfp_thread_unregister(void) { rte_thread_unregister(); }

/* Attach (hotplug) a device after EAL start, e.g. "net_pcap0,rx_pcap=in.pcap,tx_pcap=out.pcap". */
NFP_EXPORT int nfp_dev_probe(const char *devargs) { return rte_dev_probe(devargs); }

NFP_EXPORT int nfp_vdev_remove(const char *name) { return rte_eal_hotplug_remove("vdev", name); }

/* ---- struct layout for Java --------------------------------------------------------------- */

/*
 * offsetof/sizeof/constants by name, so that Java never depends on a hand-copied layout and a
 * mistyped name fails loudly (-1) at startup instead of reading the wrong field.
 */
NFP_EXPORT int64_t nfp_layout(const char *name) {
#define NFP_FIELD(f) \
  if (strcmp(name, "rte_mbuf." #f) == 0) return (int64_t)offsetof(struct rte_mbuf, f);
  NFP_FIELD(buf_addr)
  NFP_FIELD(data_off)
  NFP_FIELD(refcnt)
  NFP_FIELD(nb_segs)
  NFP_FIELD(port)
  NFP_FIELD(ol_flags)
  NFP_FIELD(packet_type)
  NFP_FIELD(pkt_len)
  NFP_FIELD(data_len)
  NFP_FIELD(buf_len)
  NFP_FIELD(pool)
  NFP_FIELD(next)
  NFP_FIELD(priv_size)
#undef NFP_FIELD
  if (strcmp(name, "sizeof(rte_mbuf)") == 0) return (int64_t)sizeof(struct rte_mbuf);
  if (strcmp(name, "RTE_PKTMBUF_HEADROOM") == 0) return RTE_PKTMBUF_HEADROOM;
  if (strcmp(name, "RTE_MBUF_DEFAULT_BUF_SIZE") == 0) return RTE_MBUF_DEFAULT_BUF_SIZE;
  if (strcmp(name, "RING_F_SP_ENQ") == 0) return RING_F_SP_ENQ;
  if (strcmp(name, "RING_F_SC_DEQ") == 0) return RING_F_SC_DEQ;
  if (strcmp(name, "sizeof(void*)") == 0) return (int64_t)sizeof(void *);
  return -1;
}

/* ---- mempools and mbufs ------------------------------------------------------------------- */

NFP_EXPORT uintptr_t nfp_pktmbuf_pool_create(const char *name, unsigned n, unsigned cache_size,
                                              uint16_t priv_size, uint16_t data_room_size,
                                              int socket_id) {
  return (uintptr_t)rte_pktmbuf_pool_create(name, n, cache_size, priv_size, data_room_size,
                                            socket_id);
}

/* Both counts include the per-lcore caches, so "avail == size" means every mbuf is back. */
NFP_EXPORT unsigned nfp_mempool_avail_count(uintptr_t mp) {
  return rte_mempool_avail_count((const struct rte_mempool *)mp);
}

NFP_EXPORT unsigned nfp_mempool_in_use_count(uintptr_t mp) {
  return rte_mempool_in_use_count((const struct rte_mempool *)mp);
}

NFP_EXPORT unsigned nfp_mempool_size(uintptr_t mp) { return ((const struct rte_mempool *)mp)->size; }

NFP_EXPORT void nfp_mempool_free(uintptr_t mp) { rte_mempool_free((struct rte_mempool *)mp); }

NFP_EXPORT uintptr_t nfp_pktmbuf_alloc(uintptr_t mp) {
  return (uintptr_t)rte_pktmbuf_alloc((struct rte_mempool *)mp);
}

/* All or nothing, like DPDK: returns 0 when count mbufs were taken, a negative errno otherwise. */
NFP_EXPORT int nfp_pktmbuf_alloc_bulk(uintptr_t mp, struct rte_mbuf **mbufs, unsigned start,
                                      unsigned count) {
  return rte_pktmbuf_alloc_bulk((struct rte_mempool *)mp, mbufs + start, count);
}

NFP_EXPORT void nfp_pktmbuf_free(uintptr_t m) { rte_pktmbuf_free((struct rte_mbuf *)m); }

NFP_EXPORT void nfp_pktmbuf_free_bulk(struct rte_mbuf **mbufs, unsigned start, unsigned count) {
  rte_pktmbuf_free_bulk(mbufs + start, count);
}

/* Shares the data (indirect mbuf; the direct one's refcount goes up). */
NFP_EXPORT uintptr_t nfp_pktmbuf_clone(uintptr_t m, uintptr_t mp) {
  return (uintptr_t)rte_pktmbuf_clone((struct rte_mbuf *)m, (struct rte_mempool *)mp);
}

/* A deep copy of [offset, offset+length) of the packet; UINT32_MAX length means to the end. */
NFP_EXPORT uintptr_t nfp_pktmbuf_copy(uintptr_t m, uintptr_t mp, uint32_t offset, uint32_t length) {
  return (uintptr_t)rte_pktmbuf_copy((const struct rte_mbuf *)m, (struct rte_mempool *)mp, offset,
                                     length);
}

/*
 * A header copy: a new direct mbuf from mp with the first hdr_len bytes of m, chained to indirect
 * mbufs (also from mp) attached to m's data after those bytes. The payload is shared read-only and
 * each data buffer it lives in gains one reference, so whoever frees first, the last free returns
 * it. Two mbufs from mp per copy of a one-segment packet, plus one per further segment of m.
 *
 * A packet of at most hdr_len bytes has no payload to share: it gets a plain deep copy instead (one
 * segment when it fits mp's data room), which costs less than a two-segment chain and is the same
 * packet. Returns NULL when mp runs out; whatever was taken by then is given back.
 */
NFP_EXPORT uintptr_t nfp_pktmbuf_header_copy(uintptr_t orig, uintptr_t pool, uint32_t hdr_len) {
  struct rte_mbuf *m = (struct rte_mbuf *)orig;
  struct rte_mempool *mp = (struct rte_mempool *)pool;
  if (m->pkt_len <= hdr_len) {
    return (uintptr_t)rte_pktmbuf_copy(m, mp, 0, UINT32_MAX);
  }
  struct rte_mbuf *head;
  if (m->next == NULL &&
      hdr_len + RTE_PKTMBUF_HEADROOM <= (uint32_t)rte_pktmbuf_data_room_size(mp)) {
    /*
     * The usual case, m in one segment and the header fitting one mbuf of mp: one bulk alloc and
     * no rte_pktmbuf_copy loop, 29 -> 23 ns per copy and release at 1500 bytes (MbufBenchmark).
     */
    struct rte_mbuf *two[2];
    if (rte_pktmbuf_alloc_bulk(mp, two, 2) != 0) return 0;
    head = two[0];
    struct rte_mbuf *mi = two[1];
    rte_memcpy(rte_pktmbuf_mtod(head, char *), rte_pktmbuf_mtod(m, const char *), hdr_len);
    rte_pktmbuf_attach(mi, m);
    /*
     * attach has copied m's metadata into mi. The head takes what rte_pktmbuf_copy would give it
     * (DPDK 22.11: these fields, the dynfields, the flags), less the indirect and external-buffer
     * flags, since its data is its own.
     */
    head->port = mi->port;
    head->vlan_tci = mi->vlan_tci;
    head->vlan_tci_outer = mi->vlan_tci_outer;
    head->tx_offload = mi->tx_offload;
    head->hash = mi->hash;
    head->packet_type = mi->packet_type;
    rte_mbuf_dynfield_copy(head, m);
    head->ol_flags = m->ol_flags & ~(RTE_MBUF_F_INDIRECT | RTE_MBUF_F_EXTERNAL);
    head->data_len = (uint16_t)hdr_len;
    mi->data_off = (uint16_t)(mi->data_off + hdr_len);
    mi->data_len = (uint16_t)(mi->data_len - hdr_len);
    head->next = mi;
    head->nb_segs = 2;
    head->pkt_len = m->pkt_len;
    return (uintptr_t)head;
  }
  /* rte_pktmbuf_copy also carries the metadata (port, packet_type, offload fields, dynfields). */
  head = rte_pktmbuf_copy(m, mp, 0, hdr_len);
  if (head == NULL) return 0;
  struct rte_mbuf *tail = rte_pktmbuf_lastseg(head);

  /* Find the segment of m where the payload starts and the offset of that start in it. */
  struct rte_mbuf *seg = m;
  uint32_t skip = hdr_len;
  while (skip >= seg->data_len) {
    skip -= seg->data_len;
    seg = seg->next;
  }
  for (; seg != NULL; seg = seg->next) {
    /* An empty segment of m would become an empty tx descriptor, which some NICs reject. */
    if (seg->data_len == 0) continue;
    struct rte_mbuf *mi = rte_pktmbuf_alloc(mp);
    if (mi == NULL) {
      /* The chain is consistent so far: freeing it detaches what was attached. */
      rte_pktmbuf_free(head);
      return 0;
    }
    /* Bumps the refcount of the mbuf that owns the data: seg, or the direct mbuf seg points into. */
    rte_pktmbuf_attach(mi, seg);
    mi->data_off = (uint16_t)(mi->data_off + skip);
    mi->data_len = (uint16_t)(mi->data_len - skip);
    skip = 0;
    tail->next = mi;
    tail = mi;
    head->nb_segs++;
    head->pkt_len += mi->data_len;
  }
  return (uintptr_t)head;
}

NFP_EXPORT uint16_t nfp_mbuf_refcnt_read(uintptr_t m) {
  return rte_mbuf_refcnt_read((const struct rte_mbuf *)m);
}

/* Atomic where DPDK is built with atomic refcounts; Java must not write the field directly. */
NFP_EXPORT uint16_t nfp_mbuf_refcnt_update(uintptr_t m, int16_t delta) {
  return rte_mbuf_refcnt_update((struct rte_mbuf *)m, delta);
}

/* These return a pointer into the data (0 when there is no room) so Java can write in place. */
NFP_EXPORT uintptr_t nfp_pktmbuf_append(uintptr_t m, uint16_t len) {
  return (uintptr_t)rte_pktmbuf_append((struct rte_mbuf *)m, len);
}

NFP_EXPORT uintptr_t nfp_pktmbuf_prepend(uintptr_t m, uint16_t len) {
  return (uintptr_t)rte_pktmbuf_prepend((struct rte_mbuf *)m, len);
}

NFP_EXPORT uintptr_t nfp_pktmbuf_adj(uintptr_t m, uint16_t len) {
  return (uintptr_t)rte_pktmbuf_adj((struct rte_mbuf *)m, len);
}

NFP_EXPORT int nfp_pktmbuf_trim(uintptr_t m, uint16_t len) {
  return rte_pktmbuf_trim((struct rte_mbuf *)m, len);
}

/* ---- rings -------------------------------------------------------------------------------- */

NFP_EXPORT uintptr_t nfp_ring_create(const char *name, unsigned count, int socket_id,
                                     unsigned flags) {
  return (uintptr_t)rte_ring_create(name, count, socket_id, flags);
}

NFP_EXPORT void nfp_ring_free(uintptr_t r) { rte_ring_free((struct rte_ring *)r); }

/* start lets Java pass one preallocated pointer array and an index: no slice object per call. */
NFP_EXPORT unsigned nfp_ring_enqueue_burst(uintptr_t r, void **objs, unsigned start, unsigned n) {
  return rte_ring_enqueue_burst((struct rte_ring *)r, objs + start, n, NULL);
}

NFP_EXPORT unsigned nfp_ring_dequeue_burst(uintptr_t r, void **objs, unsigned start, unsigned n) {
  return rte_ring_dequeue_burst((struct rte_ring *)r, objs + start, n, NULL);
}

NFP_EXPORT unsigned nfp_ring_count(uintptr_t r) { return rte_ring_count((const struct rte_ring *)r); }

NFP_EXPORT unsigned nfp_ring_capacity(uintptr_t r) {
  return rte_ring_get_capacity((const struct rte_ring *)r);
}

/* ---- ports -------------------------------------------------------------------------------- */

NFP_EXPORT uint16_t nfp_eth_dev_count_avail(void) { return rte_eth_dev_count_avail(); }

/* Returns the port id, or a negative errno. */
NFP_EXPORT int nfp_eth_port_by_name(const char *name) {
  uint16_t port;
  int rc = rte_eth_dev_get_port_by_name(name, &port);
  return rc < 0 ? rc : (int)port;
}

/* Default configuration (no offloads, no RSS): what the vdevs and a first NIC bring-up need. */
NFP_EXPORT int nfp_eth_configure(uint16_t port, uint16_t nb_rxq, uint16_t nb_txq) {
  struct rte_eth_conf conf;
  memset(&conf, 0, sizeof(conf));
  return rte_eth_dev_configure(port, nb_rxq, nb_txq, &conf);
}

/* Descriptor counts are adjusted to the device's limits first; NULL conf = driver defaults. */
NFP_EXPORT int nfp_eth_rx_queue_setup(uint16_t port, uint16_t queue, uint16_t nb_desc,
                                      uintptr_t mp) {
  uint16_t nb_rx = nb_desc, nb_tx = nb_desc;
  int rc = rte_eth_dev_adjust_nb_rx_tx_desc(port, &nb_rx, &nb_tx);
  if (rc < 0) return rc;
  return rte_eth_rx_queue_setup(port, queue, nb_rx, (unsigned)rte_eth_dev_socket_id(port), NULL,
                                (struct rte_mempool *)mp);
}

NFP_EXPORT int nfp_eth_tx_queue_setup(uint16_t port, uint16_t queue, uint16_t nb_desc) {
  uint16_t nb_rx = nb_desc, nb_tx = nb_desc;
  int rc = rte_eth_dev_adjust_nb_rx_tx_desc(port, &nb_rx, &nb_tx);
  if (rc < 0) return rc;
  return rte_eth_tx_queue_setup(port, queue, nb_tx, (unsigned)rte_eth_dev_socket_id(port), NULL);
}

NFP_EXPORT int nfp_eth_start(uint16_t port) { return rte_eth_dev_start(port); }

NFP_EXPORT int nfp_eth_stop(uint16_t port) { return rte_eth_dev_stop(port); }

NFP_EXPORT int nfp_eth_close(uint16_t port) { return rte_eth_dev_close(port); }

NFP_EXPORT uint16_t nfp_eth_rx_burst(uint16_t port, uint16_t queue, struct rte_mbuf **pkts,
                                     uint16_t start, uint16_t n) {
  return rte_eth_rx_burst(port, queue, pkts + start, n);
}

NFP_EXPORT uint16_t nfp_eth_tx_burst(uint16_t port, uint16_t queue, struct rte_mbuf **pkts,
                                     uint16_t start, uint16_t n) {
  return rte_eth_tx_burst(port, queue, pkts + start, n);
}

/* Fills out[0..7]: ipackets, opackets, ibytes, obytes, imissed, ierrors, oerrors, rx_nombuf. */
NFP_EXPORT int nfp_eth_stats(uint16_t port, uint64_t *out) {
  struct rte_eth_stats s;
  int rc = rte_eth_stats_get(port, &s);
  if (rc < 0) return rc;
  out[0] = s.ipackets;
  out[1] = s.opackets;
  out[2] = s.ibytes;
  out[3] = s.obytes;
  out[4] = s.imissed;
  out[5] = s.ierrors;
  out[6] = s.oerrors;
  out[7] = s.rx_nombuf;
  return 0;
}
