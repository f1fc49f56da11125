/*
 * nfp-pipeline-ref: the C reference ("ceiling") for dpdk-node's dataplane benchmark.
 *
 * It runs the same two-NF service graph as the Java dataplane, on the same DPDK machinery (one
 * mbuf pool, SPSC rings, net_pcap in, net_null out), either as a 2-way parallel graph (rx copies a
 * reference to NF A and NF B, a merger joins the versions) or as the sequential chain A -> B, and
 * prints one JSON line with throughput, latency and drop counters. docs/c-reference.md describes
 * the pipeline, the NF work function (which the Java side must match bit for bit) and the command.
 *
 *   nfp-pipeline-ref [EAL args] -- --mode parallel|sequential --rounds N
 *                                  (--seconds S | --packets N) [--rate PPS] [--copy] [--burst B]
 *
 * Port 0 is the packet source (net_pcap with infinite_rx), port 1 the sink (net_null). The EAL must
 * give two lcores: the main lcore ("core 0") runs rx, NF A, the merger and tx; the first worker
 * lcore ("core 1") runs NF B.
 *
 * The chain mode runs a chain of N L3 forwarders that do the Java l3_forwarder's per-packet work
 * (rte_lpm on the destination, TTL decremented, both MACs rewritten; tx recomputes the IPv4
 * checksum as the Java egress does), with the routes of a Java l3_forwarder configuration file:
 *
 *   nfp-pipeline-ref [EAL args] -- --mode chain --nf l3fwd --chain N --routes FILE.yaml
 *                                  [--placement pipeline|rtc] (--seconds S | --packets N)
 *                                  [--rate PPS] [--burst B]
 *
 * pipeline: rx -> L3FWD_1 -> ... -> L3FWD_N -> tx over SPSC rings, rx and tx on the main lcore and
 * NF i (from 0) on lcore (1 + i) % lcores, as the Java node places a chain; rtc: every stage inline
 * in one loop on the main lcore, no rings. Port 1 may be net_pcap with tx_pcap to keep the output.
 */
#include <ctype.h>
#include <errno.h>
#include <getopt.h>
#include <inttypes.h>
#include <limits.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <dirent.h>
#include <unistd.h>

#include <rte_common.h>
#include <rte_cycles.h>
#include <rte_eal.h>
#include <rte_errno.h>
#include <rte_ethdev.h>
#include <rte_launch.h>
#include <rte_lcore.h>
#include <rte_log.h>
#include <rte_lpm.h>
#include <rte_mbuf.h>
#include <rte_mempool.h>
#include <rte_ring.h>

#define POOL_SIZE 8191
#define POOL_CACHE 256
#define PRIV_SIZE 32
#define RING_SIZE 1024
#define MAX_BURST 256
#define MERGE_SLOTS 1024
#define COUNTERS 1024
#define HEADER_COPY_BYTES 64
#define WARMUP_NS 500000000ULL
#define PORT_RX 0
#define PORT_TX 1
#define MAX_CHAIN 8
#define MAX_ROUTES 1024
#define MAX_HOPS 256
#define LPM_TBL8S 1024

/* ---------------------------------------------------------------------------------------------- */
/* Options                                                                                        */

enum mode { MODE_PARALLEL, MODE_SEQUENTIAL, MODE_CHAIN };
enum placement { PLACE_PIPELINE, PLACE_RTC };

static struct {
  enum mode mode;
  uint64_t rounds;
  double seconds;   /* measured window (timed run) or time limit (--packets) */
  uint64_t rate;    /* packets per second admitted by rx; 0: as fast as possible */
  bool copy;        /* parallel: NF B works on a header copy instead of a shared reference */
  unsigned burst;
  uint64_t packets; /* 0: timed run; N: admit exactly N packets, stop when they left */
  long window;      /* parallel: versions a branch may queue between rx and the merger */
  unsigned chain;   /* chain: NFs in the chain, 1..MAX_CHAIN */
  enum placement placement;
  const char *routes; /* chain: the l3_forwarder configuration file */
  bool have_seconds;
  bool have_rounds;
  bool have_mode;
  bool have_nf;
  bool have_placement;
} opt = {.burst = 32, .window = -1};

static void usage(FILE *out) {
  fprintf(out,
          "usage: nfp-pipeline-ref [EAL args] -- --mode parallel|sequential --rounds N\n"
          "         (--seconds S | --packets N) [--rate PPS] [--copy] [--burst B]\n"
          "       nfp-pipeline-ref [EAL args] -- --mode chain --nf l3fwd --chain N --routes FILE\n"
          "         [--placement pipeline|rtc] (--seconds S | --packets N) [--rate PPS]\n"
          "         [--burst B]\n"
          "  --mode      parallel: rx -> {A, B} -> merger -> tx; sequential: rx -> A -> B -> tx;\n"
          "              chain: rx -> NF 1 -> ... -> NF N -> tx\n"
          "  --rounds    fmix64 rounds of NF work per packet and NF (0 or more)\n"
          "  --nf        chain: the NF type, l3fwd (the Java l3_forwarder's work)\n"
          "  --chain     chain: NFs in the chain, 1..%d\n"
          "  --routes    chain: an l3_forwarder configuration (routes: and next_hops:, YAML)\n"
          "  --placement chain: pipeline (rings, NF i on lcore (1 + i) %% lcores; default) or\n"
          "              rtc (run to completion: every stage in one loop on the main lcore)\n"
          "  --seconds   measured seconds after a 0.5 s warm-up; with --packets: time limit\n"
          "  --packets   admit exactly N packets (no warm-up) and stop once all have left\n"
          "  --rate      packets per second admitted by rx (token bucket); 0 or absent: no limit\n"
          "  --copy      parallel only: NF B gets a header copy (first 64 bytes) and writes DSCP\n"
          "  --burst     packets per task call, 1..%d (default 32)\n"
          "  --window    parallel: at most W versions queued per branch between rx and the\n"
          "              merger (rings in and out of the NF); default %d - 2 * burst; 0: no limit\n",
          MAX_CHAIN, MAX_BURST, MERGE_SLOTS);
}

static int fail_usage(const char *what, const char *value) {
  fprintf(stderr, "nfp-pipeline-ref: %s%s%s\n", what, value ? ": " : "", value ? value : "");
  usage(stderr);
  return -1;
}

static int parse_u64(const char *s, uint64_t *out) {
  char *end;
  errno = 0;
  if (s[0] == '-' || s[0] == '\0') return -1;
  unsigned long long v = strtoull(s, &end, 10);
  if (errno != 0 || *end != '\0') return -1;
  *out = v;
  return 0;
}

static int parse_args(int argc, char **argv) {
  static const struct option longs[] = {
      {"mode", required_argument, NULL, 'm'},   {"rounds", required_argument, NULL, 'r'},
      {"seconds", required_argument, NULL, 's'}, {"rate", required_argument, NULL, 'R'},
      {"copy", no_argument, NULL, 'c'},          {"burst", required_argument, NULL, 'b'},
      {"packets", required_argument, NULL, 'p'}, {"window", required_argument, NULL, 'w'},
      {"nf", required_argument, NULL, 'n'},      {"chain", required_argument, NULL, 'C'},
      {"routes", required_argument, NULL, 'T'},  {"placement", required_argument, NULL, 'P'},
      {"help", no_argument, NULL, 'h'},
      {NULL, 0, NULL, 0}};
  uint64_t v;
  int c;
  optind = 1;
  while ((c = getopt_long(argc, argv, "", longs, NULL)) != -1) {
    switch (c) {
      case 'm':
        if (strcmp(optarg, "parallel") == 0) {
          opt.mode = MODE_PARALLEL;
        } else if (strcmp(optarg, "sequential") == 0) {
          opt.mode = MODE_SEQUENTIAL;
        } else if (strcmp(optarg, "chain") == 0) {
          opt.mode = MODE_CHAIN;
        } else {
          return fail_usage("--mode must be parallel, sequential or chain", optarg);
        }
        opt.have_mode = true;
        break;
      case 'r':
        if (parse_u64(optarg, &opt.rounds) != 0) return fail_usage("bad --rounds", optarg);
        opt.have_rounds = true;
        break;
      case 's': {
        char *end;
        errno = 0;
        opt.seconds = strtod(optarg, &end);
        if (errno != 0 || *end != '\0' || !(opt.seconds > 0) || opt.seconds > 86400) {
          return fail_usage("bad --seconds (expected: more than 0, at most 86400)", optarg);
        }
        opt.have_seconds = true;
        break;
      }
      case 'R':
        if (parse_u64(optarg, &opt.rate) != 0 || opt.rate > 1000000000ULL) {
          return fail_usage("bad --rate (expected: 0 to 1e9 packets per second)", optarg);
        }
        break;
      case 'c':
        opt.copy = true;
        break;
      case 'b':
        if (parse_u64(optarg, &v) != 0 || v < 1 || v > MAX_BURST) {
          return fail_usage("bad --burst", optarg);
        }
        opt.burst = (unsigned)v;
        break;
      case 'p':
        if (parse_u64(optarg, &opt.packets) != 0 || opt.packets == 0) {
          return fail_usage("bad --packets (expected: at least 1)", optarg);
        }
        break;
      case 'w':
        if (parse_u64(optarg, &v) != 0 || v > 2 * RING_SIZE) {
          return fail_usage("bad --window (expected: 0 to 2048)", optarg);
        }
        opt.window = (long)v;
        break;
      case 'n':
        if (strcmp(optarg, "l3fwd") != 0) return fail_usage("--nf must be l3fwd", optarg);
        opt.have_nf = true;
        break;
      case 'C':
        if (parse_u64(optarg, &v) != 0 || v < 1 || v > MAX_CHAIN) {
          return fail_usage("bad --chain (expected: 1 to " RTE_STR(MAX_CHAIN) ")", optarg);
        }
        opt.chain = (unsigned)v;
        break;
      case 'T':
        opt.routes = optarg;
        break;
      case 'P':
        if (strcmp(optarg, "pipeline") == 0) {
          opt.placement = PLACE_PIPELINE;
        } else if (strcmp(optarg, "rtc") == 0) {
          opt.placement = PLACE_RTC;
        } else {
          return fail_usage("--placement must be pipeline or rtc", optarg);
        }
        opt.have_placement = true;
        break;
      case 'h':
        usage(stdout);
        exit(0);
      default:
        return fail_usage("unknown option", NULL);
    }
  }
  if (optind < argc) return fail_usage("unexpected argument", argv[optind]);
  if (!opt.have_mode) return fail_usage("--mode is required", NULL);
  if (opt.mode == MODE_CHAIN) {
    if (!opt.have_nf) return fail_usage("--mode chain needs --nf l3fwd", NULL);
    if (opt.chain == 0) return fail_usage("--mode chain needs --chain N", NULL);
    if (opt.routes == NULL) return fail_usage("--nf l3fwd needs --routes FILE", NULL);
    if (opt.have_rounds) {
      return fail_usage("--rounds is the synthetic NFs' work (not with --mode chain)", NULL);
    }
  } else {
    if (opt.have_nf || opt.chain != 0 || opt.routes != NULL || opt.have_placement) {
      return fail_usage("--nf, --chain, --routes and --placement need --mode chain", NULL);
    }
    if (!opt.have_rounds) return fail_usage("--rounds is required", NULL);
  }
  if (opt.packets == 0 && !opt.have_seconds) {
    return fail_usage("--seconds is required (or --packets)", NULL);
  }
  if (opt.packets != 0 && !opt.have_seconds) opt.seconds = 30;
  if (opt.window < 0) opt.window = MERGE_SLOTS - 2 * (long)opt.burst;
  if (opt.mode != MODE_PARALLEL) opt.window = 0;
  if (opt.copy && opt.mode != MODE_PARALLEL) {
    return fail_usage("--copy needs --mode parallel (the sequential chain shares nothing)", NULL);
  }
  return 0;
}

/* ---------------------------------------------------------------------------------------------- */
/* Packets                                                                                        */

/* The mbuf private area (priv_size 32): what rx stamps on every admitted packet. */
struct meta {
  uint64_t id; /* +0: packet id, 0, 1, 2, ... in admission order */
  uint64_t ts; /* +8: rte_rdtsc() when rx received the burst */
};

static inline struct meta *meta_of(struct rte_mbuf *m) {
  return (struct meta *)rte_mbuf_to_priv(m);
}

static inline uint16_t be16(const uint8_t *p) {
  return (uint16_t)((uint16_t)p[0] << 8 | p[1]);
}

static inline uint32_t be32(const uint8_t *p) {
  return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

enum verdict { PASS, MALFORMED, UNMATCHED };

/*
 * rx's parse and classify. Ethernet with at most one 802.1Q tag; IPv4 with version 4, IHL >= 5,
 * header within the first segment, total length >= IHL * 4 and within the frame; a TCP (20 bytes)
 * or UDP (8 bytes) header within the IPv4 total length and the first segment. Anything that fails
 * these checks is MALFORMED. A well-formed frame that is not IPv4, or IPv4 that is neither TCP nor
 * UDP, misses the one rule (IPv4 and TCP or UDP): UNMATCHED.
 */
static inline enum verdict parse_classify(const struct rte_mbuf *m) {
  const uint8_t *p = rte_pktmbuf_mtod(m, const uint8_t *);
  uint32_t seg = m->data_len;
  uint32_t frame = m->pkt_len;
  if (seg < 14) return MALFORMED;
  uint32_t l3 = 14;
  uint16_t type = be16(p + 12);
  if (type == 0x8100) {
    if (seg < 18) return MALFORMED;
    type = be16(p + 16);
    l3 = 18;
  }
  if (type != 0x0800) return UNMATCHED;
  if (seg < l3 + 20) return MALFORMED;
  if (p[l3] >> 4 != 4) return MALFORMED;
  uint32_t ihl = (uint32_t)(p[l3] & 0x0f) * 4;
  if (ihl < 20 || seg < l3 + ihl) return MALFORMED;
  uint32_t total = be16(p + l3 + 2);
  if (total < ihl || l3 + total > frame) return MALFORMED;
  uint8_t proto = p[l3 + 9];
  uint32_t l4_len;
  if (proto == 6) {
    l4_len = 20;
  } else if (proto == 17) {
    l4_len = 8;
  } else {
    return UNMATCHED;
  }
  if (ihl + l4_len > total || seg < l3 + ihl + l4_len) return MALFORMED;
  return PASS;
}

static inline uint64_t load_relaxed(const uint64_t *p) {
  return __atomic_load_n(p, __ATOMIC_RELAXED);
}

/* Single writer: a plain read of its own value, a release store others may read. */
static inline void publish_add(uint64_t *p, uint64_t n) {
  __atomic_store_n(p, *p + n, __ATOMIC_RELEASE);
}

/* Where the IPv4 header starts in a packet rx has passed (NFs and tx re-derive it). */
static inline uint32_t l3_offset(const uint8_t *p) {
  return be16(p + 12) == 0x8100 ? 18 : 14;
}

/* The IPv4 header checksum over IHL * 4 bytes, standard one's complement (RFC 1071). */
static inline uint16_t ipv4_checksum(const uint8_t *ip) {
  uint32_t len = (uint32_t)(ip[0] & 0x0f) * 4;
  uint32_t sum = 0;
  for (uint32_t i = 0; i < len; i += 2) {
    if (i != 10) sum += be16(ip + i);
  }
  sum = (sum & 0xffff) + (sum >> 16);
  sum = (sum & 0xffff) + (sum >> 16);
  return (uint16_t)~sum;
}

/* ---------------------------------------------------------------------------------------------- */
/* NF work: must stay bit-exact with the Java side (docs/c-reference.md)                          */

static inline uint64_t fmix64(uint64_t x) {
  x ^= x >> 33;
  x *= 0xff51afd7ed558ccdULL;
  x ^= x >> 33;
  x *= 0xc4ceb9fe1a85ec53ULL;
  x ^= x >> 33;
  return x;
}

struct nf {
  const char *name;
  bool writes_dscp;
  struct rte_ring *in;
  struct rte_ring *out;
  uint64_t counters[COUNTERS];
  /* Packets processed and dropped at a full out ring. NF B's are read by core 0 while it runs. */
  uint64_t processed;
  uint64_t ring_full;
  /* Versions fully handled (processed and enqueued or dropped): NF B's quiescence signal. */
  uint64_t done;
};

static inline uint64_t nf_hash(const uint8_t *p, uint64_t rounds) {
  uint32_t l3 = l3_offset(p);
  const uint8_t *ip = p + l3;
  const uint8_t *l4 = ip + (ip[0] & 0x0f) * 4;
  uint64_t sip = be32(ip + 12);
  uint64_t dip = be32(ip + 16);
  uint64_t sport = be16(l4);
  uint64_t dport = be16(l4 + 2);
  uint64_t proto = ip[9];
  uint64_t h = fmix64(0x9E3779B97F4A7C15ULL ^ sip);
  h = fmix64(h ^ dip);
  h = fmix64(h ^ (sport << 16 | dport));
  h = fmix64(h ^ proto);
  for (uint64_t i = 0; i < rounds; i++) h = fmix64(h + i);
  return h;
}

static inline void nf_work(struct nf *nf, struct rte_mbuf *m, uint64_t rounds) {
  uint8_t *p = rte_pktmbuf_mtod(m, uint8_t *);
  uint64_t h = nf_hash(p, rounds);
  nf->counters[h & (COUNTERS - 1)]++;
  if (nf->writes_dscp) {
    uint8_t *tos = p + l3_offset(p) + 1;
    *tos = (uint8_t)((*tos & 0x03) | ((h & 0x3f) << 2));
  }
}

/* ---------------------------------------------------------------------------------------------- */
/* The L3 forwarder (--nf l3fwd): the Java l3_forwarder's per-packet work, IPv4                   */

/*
 * The routes and next hops of a Java l3_forwarder configuration, read from the subset of its YAML
 * that a route file needs (docs/c-reference.md, "Route file"):
 *
 *   routes:
 *     - 192.168.0.0/16 via 2          # <prefix> via <next-hop id>; a bare address is a /32
 *   next_hops:
 *     2: {smac: "02:00:00:00:00:02", dmac: "02:00:00:00:01:02"}
 *
 * Checked as the Java provider checks them: prefix syntax, host bits past the length, a prefix
 * given twice, a next hop missing from next_hops, MAC syntax. IPv6 routes are refused: the C
 * reference forwards IPv4 only.
 */
struct route {
  uint32_t prefix;
  uint8_t length;
  uint32_t hop_id;
};

struct next_hop {
  uint32_t id;
  uint8_t dmac[6];
  uint8_t smac[6];
};

static struct {
  struct route routes[MAX_ROUTES];
  unsigned n_routes;
  struct next_hop hops[MAX_HOPS];
  unsigned n_hops;
} rt;

static int route_problem(const char *file, unsigned line, const char *what, const char *text) {
  fprintf(stderr, "nfp-pipeline-ref: %s:%u: %s%s%s\n", file, line, what, text ? ": " : "",
          text ? text : "");
  return -1;
}

/* s without surrounding blanks, and without one pair of matching quotes around it. */
static char *unquote(char *s) {
  while (*s == ' ' || *s == '\t') s++;
  size_t n = strlen(s);
  while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t')) s[--n] = '\0';
  if (n >= 2 && (s[0] == '"' || s[0] == '\'') && s[n - 1] == s[0]) {
    s[n - 1] = '\0';
    s++;
  }
  return s;
}

static int parse_id(const char *s, uint32_t *out) {
  size_t n = strlen(s);
  if (n == 0 || n > 9) return -1;
  uint32_t v = 0;
  for (size_t i = 0; i < n; i++) {
    if (s[i] < '0' || s[i] > '9') return -1;
    v = v * 10 + (uint32_t)(s[i] - '0');
  }
  *out = v;
  return 0;
}

/* A MAC address as the Java provider reads it: six pairs of hex digits, ':' or '-' between. */
static int parse_mac(const char *s, uint8_t mac[6]) {
  if (strlen(s) != 17) return -1;
  for (int i = 0; i < 6; i++) {
    const char *p = s + 3 * i;
    if (!isxdigit((unsigned char)p[0]) || !isxdigit((unsigned char)p[1])) return -1;
    if (i < 5 && p[2] != ':' && p[2] != '-') return -1;
    char hex[3] = {p[0], p[1], '\0'};
    mac[i] = (uint8_t)strtoul(hex, NULL, 16);
  }
  return 0;
}

/* An IPv4 prefix a.b.c.d[/len]; host bits past the length are an error, as in Java. */
static const char *parse_prefix(const char *s, uint32_t *prefix, uint8_t *length) {
  if (strchr(s, ':') != NULL) return "an IPv6 prefix (the C reference forwards IPv4 only)";
  char addr[32];
  const char *slash = strchr(s, '/');
  size_t alen = slash != NULL ? (size_t)(slash - s) : strlen(s);
  if (alen == 0 || alen >= sizeof(addr)) return "not an IPv4 address (expected: a.b.c.d)";
  memcpy(addr, s, alen);
  addr[alen] = '\0';
  uint32_t v = 0;
  int octets = 0;
  const char *p = addr;
  for (;;) {
    size_t digits = strspn(p, "0123456789");
    if (digits == 0 || digits > 3) return "not an IPv4 address (expected: a.b.c.d)";
    uint32_t octet = (uint32_t)strtoul(p, NULL, 10);
    if (octet > 255) return "an octet above 255";
    v = v << 8 | octet;
    octets++;
    p += digits;
    if (*p == '\0') break;
    if (*p != '.' || octets == 4) return "not an IPv4 address (expected: a.b.c.d)";
    p++;
  }
  if (octets != 4) return "not an IPv4 address (expected: a.b.c.d)";
  uint32_t len = 32;
  if (slash != NULL) {
    if (parse_id(slash + 1, &len) != 0 || len > 32) return "bad length (expected: 0 to 32)";
  }
  uint32_t mask = len == 0 ? 0 : 0xffffffffu << (32 - len);
  if ((v & mask) != v) return "host bits set past the length";
  *prefix = v;
  *length = (uint8_t)len;
  return NULL;
}

/* "<prefix> via <id>" */
static int parse_route(const char *file, unsigned line, char *item) {
  char *words[4];
  int n = 0;
  for (char *w = strtok(item, " \t"); w != NULL; w = strtok(NULL, " \t")) {
    if (n == 4) break;
    words[n++] = w;
  }
  if (n != 3 || strcmp(words[1], "via") != 0) {
    return route_problem(file, line, "expected: - <prefix> via <next-hop id>", NULL);
  }
  if (rt.n_routes == MAX_ROUTES) {
    return route_problem(file, line, "more than " RTE_STR(MAX_ROUTES) " routes", NULL);
  }
  struct route *r = &rt.routes[rt.n_routes];
  const char *bad = parse_prefix(words[0], &r->prefix, &r->length);
  if (bad != NULL) return route_problem(file, line, bad, words[0]);
  if (parse_id(words[2], &r->hop_id) != 0) {
    return route_problem(file, line, "bad next-hop id (expected: an integer from 0)", words[2]);
  }
  for (unsigned i = 0; i < rt.n_routes; i++) {
    if (rt.routes[i].prefix == r->prefix && rt.routes[i].length == r->length) {
      return route_problem(file, line, "a prefix given twice", words[0]);
    }
  }
  rt.n_routes++;
  return 0;
}

/* "<id>: {smac: <mac>, dmac: <mac>}" */
static int parse_hop(const char *file, unsigned line, char *text) {
  char *colon = strchr(text, ':');
  char *open = strchr(text, '{');
  size_t n = strlen(text);
  if (colon == NULL || open == NULL || colon > open || n == 0 || text[n - 1] != '}') {
    return route_problem(file, line, "expected: <id>: {smac: <mac>, dmac: <mac>}", NULL);
  }
  *colon = '\0';
  text[n - 1] = '\0';
  if (rt.n_hops == MAX_HOPS) {
    return route_problem(file, line, "more than " RTE_STR(MAX_HOPS) " next hops", NULL);
  }
  struct next_hop *h = &rt.hops[rt.n_hops];
  char *id = unquote(text);
  if (parse_id(id, &h->id) != 0) {
    return route_problem(file, line, "bad next-hop id (expected: an integer from 0)", id);
  }
  for (unsigned i = 0; i < rt.n_hops; i++) {
    if (rt.hops[i].id == h->id) return route_problem(file, line, "a next-hop id given twice", id);
  }
  bool have_smac = false;
  bool have_dmac = false;
  char *save = NULL;
  for (char *kv = strtok_r(open + 1, ",", &save); kv != NULL; kv = strtok_r(NULL, ",", &save)) {
    char *sep = strchr(kv, ':');
    if (sep == NULL) return route_problem(file, line, "expected: key: value", kv);
    *sep = '\0';
    char *key = unquote(kv);
    char *value = unquote(sep + 1);
    uint8_t *mac;
    if (strcmp(key, "smac") == 0) {
      mac = h->smac;
      have_smac = true;
    } else if (strcmp(key, "dmac") == 0) {
      mac = h->dmac;
      have_dmac = true;
    } else {
      return route_problem(file, line, "unknown key (expected: smac, dmac)", key);
    }
    if (parse_mac(value, mac) != 0) {
      return route_problem(file, line, "bad MAC (expected: such as 02:00:00:00:00:01)", value);
    }
  }
  if (!have_smac || !have_dmac) return route_problem(file, line, "needs smac and dmac", NULL);
  rt.n_hops++;
  return 0;
}

static int load_routes(const char *file) {
  FILE *in = fopen(file, "r");
  if (in == NULL) {
    fprintf(stderr, "nfp-pipeline-ref: --routes %s: %s\n", file, strerror(errno));
    return -1;
  }
  enum { NONE, ROUTES, HOPS } section = NONE;
  char buf[1024];
  unsigned line = 0;
  int rc = 0;
  while (rc == 0 && fgets(buf, sizeof(buf), in) != NULL) {
    line++;
    /* A comment starts at a '#' that begins the line or follows a blank, outside quotes. */
    char quote = 0;
    for (char *c = buf; *c != '\0'; c++) {
      if (quote != 0) {
        if (*c == quote) quote = 0;
      } else if (*c == '"' || *c == '\'') {
        quote = *c;
      } else if (*c == '#' && (c == buf || c[-1] == ' ' || c[-1] == '\t')) {
        *c = '\0';
        break;
      }
    }
    size_t n = strcspn(buf, "\r\n");
    buf[n] = '\0';
    char *text = unquote(buf); /* trims; a quoted whole line is not valid YAML here anyway */
    if (*text == '\0') continue;
    bool indented = buf[0] == ' ' || buf[0] == '\t';
    if (!indented) {
      if (strcmp(text, "routes:") == 0) {
        section = ROUTES;
      } else if (strcmp(text, "next_hops:") == 0) {
        section = HOPS;
      } else {
        rc = route_problem(file, line, "expected: routes: or next_hops: (a block each)", text);
      }
    } else if (section == ROUTES) {
      if (text[0] != '-' || (text[1] != ' ' && text[1] != '\t')) {
        rc = route_problem(file, line, "expected: - <prefix> via <next-hop id>", text);
      } else {
        rc = parse_route(file, line, unquote(text + 1));
      }
    } else if (section == HOPS) {
      rc = parse_hop(file, line, text);
    } else {
      rc = route_problem(file, line, "indented line outside routes: and next_hops:", text);
    }
  }
  if (rc == 0 && ferror(in)) {
    fprintf(stderr, "nfp-pipeline-ref: --routes %s: read error\n", file);
    rc = -1;
  }
  fclose(in);
  if (rc != 0) return rc;
  if (rt.n_routes == 0) return route_problem(file, line, "no routes", NULL);
  for (unsigned i = 0; i < rt.n_routes; i++) {
    bool found = false;
    for (unsigned h = 0; h < rt.n_hops && !found; h++) found = rt.hops[h].id == rt.routes[i].hop_id;
    if (!found) {
      char id[16];
      snprintf(id, sizeof(id), "%" PRIu32, rt.routes[i].hop_id);
      return route_problem(file, line, "a route's next hop is not in next_hops", id);
    }
  }
  return 0;
}

/* One L3 forwarder instance: its own LPM table and next hops, as each Java instance has. */
struct l3fwd {
  struct rte_lpm *lpm;
  bool has_default;     /* rte_lpm takes depths 1..32: a /0 route is the miss's answer */
  uint32_t default_hop; /* index into hops */
  struct next_hop hops[MAX_HOPS];
  struct rte_ring *in;
  struct rte_ring *out;
  unsigned lcore_index; /* pipeline: (1 + position) % lcores, 0 being the main lcore */
  /* Single writer (the NF's lcore); the main lcore reads them while the NF runs. */
  uint64_t processed;
  uint64_t no_route;
  uint64_t ttl_expired;
  uint64_t non_ip;
  uint64_t ring_full;
  uint64_t per_hop[MAX_HOPS]; /* forwarded per next hop: read after the run only */
};

static struct l3fwd chain_nf[MAX_CHAIN];

static int l3fwd_init(struct l3fwd *nf, unsigned position) {
  char name[RTE_RING_NAMESIZE];
  snprintf(name, sizeof(name), "nfpref_lpm%u", position);
  struct rte_lpm_config config = {
      .max_rules = MAX_ROUTES, .number_tbl8s = LPM_TBL8S, .flags = 0};
  nf->lpm = rte_lpm_create(name, (int)rte_socket_id(), &config);
  if (nf->lpm == NULL) {
    fprintf(stderr,
            "nfp-pipeline-ref: LPM table %s: %s (each NF's table takes 64 MiB of EAL memory: -m)\n",
            name, rte_strerror(rte_errno));
    return -1;
  }
  memcpy(nf->hops, rt.hops, sizeof(rt.hops));
  for (unsigned i = 0; i < rt.n_routes; i++) {
    const struct route *r = &rt.routes[i];
    uint32_t hop = 0;
    while (rt.hops[hop].id != r->hop_id) hop++;
    if (r->length == 0) {
      nf->has_default = true;
      nf->default_hop = hop;
      continue;
    }
    int rc = rte_lpm_add(nf->lpm, r->prefix, r->length, hop);
    if (rc < 0) {
      fprintf(stderr, "nfp-pipeline-ref: LPM table %s: adding route %u: %s\n", name, i,
              rte_strerror(-rc));
      return -1;
    }
  }
  return 0;
}

/*
 * The NF over a burst, in the Java L3Forwarder's order: not IPv4 (cannot happen behind rx's
 * parse) -> non_ip; TTL <= 1 -> ttl_expired; no route -> no_route; otherwise TTL - 1, SMAC and DMAC
 * from the next hop. The IPv4 checksum is left for tx, as the Java NF leaves it for the egress.
 * Dropped packets are freed; the rest are packed to the front of pkts. Returns how many passed.
 */
static unsigned l3fwd_burst(struct l3fwd *nf, struct rte_mbuf **pkts, unsigned n) {
  unsigned kept = 0;
  uint64_t no_route = 0;
  uint64_t ttl_expired = 0;
  uint64_t non_ip = 0;
  for (unsigned i = 0; i < n; i++) {
    struct rte_mbuf *m = pkts[i];
    uint8_t *p = rte_pktmbuf_mtod(m, uint8_t *);
    uint8_t *ip = p + l3_offset(p);
    if (ip[0] >> 4 != 4) {
      non_ip++;
      rte_pktmbuf_free(m);
      continue;
    }
    uint8_t ttl = ip[8];
    if (ttl <= 1) {
      ttl_expired++;
      rte_pktmbuf_free(m);
      continue;
    }
    uint32_t hop;
    if (rte_lpm_lookup(nf->lpm, be32(ip + 16), &hop) != 0) {
      if (!nf->has_default) {
        no_route++;
        rte_pktmbuf_free(m);
        continue;
      }
      hop = nf->default_hop;
    }
    ip[8] = (uint8_t)(ttl - 1);
    memcpy(p, nf->hops[hop].dmac, 6);
    memcpy(p + 6, nf->hops[hop].smac, 6);
    nf->per_hop[hop]++;
    pkts[kept++] = m;
  }
  publish_add(&nf->processed, n);
  if (no_route != 0) publish_add(&nf->no_route, no_route);
  if (ttl_expired != 0) publish_add(&nf->ttl_expired, ttl_expired);
  if (non_ip != 0) publish_add(&nf->non_ip, non_ip);
  return kept;
}

/* ---------------------------------------------------------------------------------------------- */
/* Latency histogram: 1 ns buckets below 1024 ns, then 64 buckets per power of two (<= 1.6 %)     */

#define HIST_LINEAR 1024
#define HIST_SUB_BITS 6
#define HIST_BUCKETS (HIST_LINEAR + (64 - 10) * (1 << HIST_SUB_BITS))

struct histogram {
  uint64_t count;
  uint64_t max;
  uint64_t buckets[HIST_BUCKETS];
};

static inline unsigned hist_index(uint64_t ns) {
  if (ns < HIST_LINEAR) return (unsigned)ns;
  unsigned e = 63 - (unsigned)__builtin_clzll(ns); /* 10..63 */
  unsigned sub = (unsigned)(ns >> (e - HIST_SUB_BITS)) & ((1u << HIST_SUB_BITS) - 1);
  return HIST_LINEAR + (e - 10) * (1u << HIST_SUB_BITS) + sub;
}

/* The middle of a bucket (the exact value below 1024 ns). */
static uint64_t hist_value(unsigned index) {
  if (index < HIST_LINEAR) return index;
  unsigned e = (index - HIST_LINEAR) / (1u << HIST_SUB_BITS) + 10;
  uint64_t sub = (index - HIST_LINEAR) % (1u << HIST_SUB_BITS);
  uint64_t width = 1ULL << (e - HIST_SUB_BITS);
  return ((1ULL << HIST_SUB_BITS) + sub) * width + width / 2;
}

static inline void hist_record(struct histogram *h, uint64_t ns) {
  h->buckets[hist_index(ns)]++;
  h->count++;
  if (ns > h->max) h->max = ns;
}

/* The value at quantile q: the bucket where the running count first reaches ceil(q * count). */
static uint64_t hist_quantile(const struct histogram *h, double q) {
  if (h->count == 0) return 0;
  uint64_t rank = (uint64_t)(q * (double)h->count);
  if ((double)rank < q * (double)h->count) rank++;
  if (rank == 0) rank = 1;
  uint64_t seen = 0;
  for (unsigned i = 0; i < HIST_BUCKETS; i++) {
    seen += h->buckets[i];
    if (seen >= rank) {
      uint64_t v = hist_value(i);
      return v > h->max ? h->max : v;
    }
  }
  return h->max;
}

/* ---------------------------------------------------------------------------------------------- */
/* The pipeline                                                                                   */

/* Core 0's counters: written by core 0 only. */
struct stats {
  uint64_t rx;          /* packets rx_burst returned */
  uint64_t admitted;    /* packets stamped and handed to the graph */
  uint64_t tx;          /* packets tx_burst took */
  uint64_t malformed;   /* rx: failed the parse, freed */
  uint64_t unmatched;   /* rx: missed the rule, freed */
  uint64_t rx_full;     /* rx: no room in the first ring(s) or the window, freed */
  uint64_t ring_full;   /* NF A: its out ring full, freed (NF B's own count is separate) */
  uint64_t no_mbuf;     /* rx with --copy: no mbuf for the header copy, packet freed */
  uint64_t collisions;  /* merger: a version freed because its slot held another packet */
  uint64_t tx_unsent;   /* tx: not taken by tx_burst, freed */
  uint64_t b_given;     /* versions enqueued to NF B's ring */
  uint64_t out_checksum;
};

static struct rte_mempool *pool;
static struct rte_ring *ring_a, *ring_b, *ring_merge_a, *ring_merge_b, *ring_tx;
static struct nf nf_a = {.name = "A", .writes_dscp = true};
static struct nf nf_b = {.name = "B"};
static struct stats st;
static struct histogram hist;
static uint64_t stop_flag;
static uint64_t tsc_hz;
static uint64_t ns_per_cycle_q32; /* 1e9 / tsc_hz in 32.32 fixed point */
static uint64_t next_id;
static uint64_t tokens;     /* token bucket, in units of 1/tsc_hz packet */
static uint64_t tokens_tsc; /* last refill */

struct slot {
  uint64_t id;
  struct rte_mbuf *m;
  uint8_t from; /* 0: NF A, 1: NF B */
  bool used;
};
static struct slot merge_table[MERGE_SLOTS];

/* Packets the merger released, sent by tx in the same pass of core 0 (parallel mode). */
static struct rte_mbuf *merged[2 * MAX_BURST];
static unsigned merged_n;

/*
 * A header copy (docs/dpdk-node.md, "Header copies"), made here from the same pool: a direct mbuf
 * with a private copy of the first 64 bytes (more when IPv4 options put the L4 ports beyond them),
 * chained to an indirect mbuf attached (rte_pktmbuf_attach) to the original's data after them. A
 * packet no longer than that, or a chained one, gets a full copy (rte_pktmbuf_copy) instead. The
 * packet meta goes with it.
 */
static struct rte_mbuf *header_copy(struct rte_mbuf *m) {
  struct rte_mbuf *head;
  const uint8_t *p = rte_pktmbuf_mtod(m, const uint8_t *);
  uint32_t l3 = l3_offset(p);
  uint32_t hdr = RTE_MAX((uint32_t)HEADER_COPY_BYTES, l3 + (uint32_t)(p[l3] & 0x0f) * 4 + 4);
  if (m->pkt_len <= hdr || m->next != NULL) {
    head = rte_pktmbuf_copy(m, pool, 0, UINT32_MAX);
    if (head == NULL) return NULL;
  } else {
    struct rte_mbuf *two[2];
    if (rte_pktmbuf_alloc_bulk(pool, two, 2) != 0) return NULL;
    head = two[0];
    struct rte_mbuf *ind = two[1];
    rte_memcpy(rte_pktmbuf_mtod(head, void *), p, hdr);
    rte_pktmbuf_attach(ind, m);
    ind->data_off = (uint16_t)(ind->data_off + hdr);
    ind->data_len = (uint16_t)(ind->data_len - hdr);
    ind->pkt_len = ind->data_len;
    head->port = m->port;
    head->packet_type = m->packet_type;
    head->data_len = (uint16_t)hdr;
    head->pkt_len = m->pkt_len;
    head->next = ind;
    head->nb_segs = 2;
  }
  *meta_of(head) = *meta_of(m);
  return head;
}

static inline unsigned min_u(unsigned a, unsigned b) {
  return a < b ? a : b;
}

static void free_from(struct rte_mbuf **pkts, unsigned from, unsigned n) {
  for (unsigned i = from; i < n; i++) rte_pktmbuf_free(pkts[i]);
}

/* How many packets the token bucket lets rx take now (at most want). */
static inline unsigned rate_allow(unsigned want) {
  uint64_t now = rte_rdtsc();
  uint64_t dt = now - tokens_tsc;
  tokens_tsc = now;
  if (dt > tsc_hz) dt = tsc_hz;
  uint64_t cap = (uint64_t)opt.burst * tsc_hz;
  tokens += dt * opt.rate;
  if (tokens > cap) tokens = cap;
  uint64_t whole = tokens / tsc_hz;
  return whole < want ? (unsigned)whole : want;
}

/*
 * The merge window. Without it, a branch that falls behind (NF B's core busy elsewhere, or slower
 * than core 0) fills its ring, and once a packet's two versions are 1024 ids apart every packet
 * collides in the merger and the graph sends almost nothing. So rx admits a packet only while each
 * branch holds at most opt.window versions in its in and out rings. A branch also holds up to one
 * burst inside its NF, unseen here, so with window <= 1024 - 2 * burst the versions of a packet
 * never arrive 1024 ids apart. Read the in ring before the out ring: NF B moves versions from one to
 * the other meanwhile, and this order counts a moving version twice rather than not at all (the
 * merger, the out rings' consumer, runs on this core).
 */
static inline unsigned window_room(void) {
  unsigned b = rte_ring_count(ring_b);
  b += rte_ring_count(ring_merge_b);
  unsigned a = rte_ring_count(ring_a) + rte_ring_count(ring_merge_a);
  unsigned used = a > b ? a : b;
  return used >= (unsigned)opt.window ? 0 : (unsigned)opt.window - used;
}

/*
 * rx's first half, the same in every mode: at most one burst from port 0 (fewer with --rate or
 * --packets), parsed and classified; the packets that passed are left at the front of pkts, with
 * the burst's time stamp in *now.
 */
static unsigned rx_receive(struct rte_mbuf **pkts, uint64_t *now) {
  unsigned want = opt.burst;
  if (opt.packets != 0) {
    uint64_t left = opt.packets - st.admitted;
    if (left < want) want = (unsigned)left;
    if (want == 0) return 0;
  }
  if (opt.rate != 0) {
    want = rate_allow(want);
    if (want == 0) return 0;
  }
  unsigned n = rte_eth_rx_burst(PORT_RX, 0, pkts, (uint16_t)want);
  if (opt.rate != 0) tokens -= (uint64_t)n * tsc_hz;
  if (n == 0) return 0;
  st.rx += n;
  *now = rte_rdtsc();

  unsigned kept = 0;
  for (unsigned i = 0; i < n; i++) {
    enum verdict v = parse_classify(pkts[i]);
    if (v == PASS) {
      pkts[kept++] = pkts[i];
    } else {
      if (v == MALFORMED) {
        st.malformed++;
      } else {
        st.unmatched++;
      }
      rte_pktmbuf_free(pkts[i]);
    }
  }
  return kept;
}

static void task_rx(void) {
  struct rte_mbuf *pkts[MAX_BURST];
  struct rte_mbuf *copies[MAX_BURST];
  uint64_t now = 0;
  unsigned kept = rx_receive(pkts, &now);
  if (kept == 0) return;

  /*
   * A full ring drops the packet before it gets an id, so admitted packets have ids 0, 1, 2, ...
   * In parallel mode a packet enters both rings or neither. rx is the only producer of its rings,
   * so their free counts can only grow until it enqueues: what fits now fits then.
   */
  unsigned room = rte_ring_free_count(ring_a);
  if (opt.mode == MODE_PARALLEL) {
    room = min_u(room, rte_ring_free_count(ring_b));
    if (opt.window > 0) room = min_u(room, window_room());
  }
  if (kept > room) {
    st.rx_full += kept - room;
    free_from(pkts, room, kept);
    kept = room;
  }
  if (kept == 0) return;

  if (opt.mode != MODE_PARALLEL) {
    /* Sequential, and the chain's pipeline, whose first ring is ring_a. */
    for (unsigned i = 0; i < kept; i++) {
      struct meta *mt = meta_of(pkts[i]);
      mt->id = next_id++;
      mt->ts = now;
    }
    unsigned in = rte_ring_enqueue_burst(ring_a, (void **)pkts, kept, NULL);
    if (in != kept) {
      fprintf(stderr, "nfp-pipeline-ref: ring enqueue took %u of %u\n", in, kept);
      free_from(pkts, in, kept);
    }
    st.admitted += in;
    return;
  }

  unsigned k = 0;
  for (unsigned i = 0; i < kept; i++) {
    struct rte_mbuf *m = pkts[i];
    struct meta *mt = meta_of(m);
    mt->id = next_id;
    mt->ts = now;
    if (opt.copy) {
      struct rte_mbuf *c = header_copy(m);
      if (c == NULL) {
        st.no_mbuf++;
        rte_pktmbuf_free(m);
        continue;
      }
      copies[k] = c;
    } else {
      rte_mbuf_refcnt_update(m, 1);
      copies[k] = m;
    }
    next_id++;
    pkts[k++] = m;
  }
  if (k == 0) return;
  unsigned in_a = rte_ring_enqueue_burst(ring_a, (void **)pkts, k, NULL);
  unsigned in_b = rte_ring_enqueue_burst(ring_b, (void **)copies, k, NULL);
  if (in_a != k || in_b != k) {
    /* Cannot happen (room was checked); should it, free what did not go and say so. */
    fprintf(stderr, "nfp-pipeline-ref: ring enqueue took %u and %u of %u\n", in_a, in_b, k);
    free_from(pkts, in_a, k);
    free_from(copies, in_b, k);
  }
  st.admitted += k;
  st.b_given += in_b;
}

/* One call of an NF: at most one burst from its ring, the work, on to its out ring. */
static unsigned task_nf(struct nf *nf, uint64_t *ring_full) {
  struct rte_mbuf *pkts[MAX_BURST];
  unsigned n = rte_ring_dequeue_burst(nf->in, (void **)pkts, opt.burst, NULL);
  if (n == 0) return 0;
  for (unsigned i = 0; i < n; i++) nf_work(nf, pkts[i], opt.rounds);
  unsigned out = rte_ring_enqueue_burst(nf->out, (void **)pkts, n, NULL);
  free_from(pkts, out, n);
  *ring_full += n - out;
  return out;
}

/* The merger keeps the first version of a packet in slot id & 1023 and merges on the second. */
static void merge_one(struct rte_mbuf *m, uint8_t from) {
  uint64_t id = meta_of(m)->id;
  struct slot *s = &merge_table[id & (MERGE_SLOTS - 1)];
  if (!s->used) {
    s->id = id;
    s->m = m;
    s->from = from;
    s->used = true;
    return;
  }
  if (s->id == id && s->from != from) {
    /* Output NF A's version (the writer's); release NF B's reference (the same mbuf without
     * --copy: refcnt 2 -> 1; its header copy with --copy). */
    struct rte_mbuf *a = from == 0 ? m : s->m;
    struct rte_mbuf *b = from == 0 ? s->m : m;
    rte_pktmbuf_free(b);
    s->used = false;
    s->m = NULL;
    merged[merged_n++] = a;
    return;
  }
  st.collisions++;
  if (s->id < id) {
    /* The slot holds an older packet whose other version never came (or comes too late). */
    rte_pktmbuf_free(s->m);
    s->id = id;
    s->m = m;
    s->from = from;
  } else {
    /* This version is older than the slot's packet (or a duplicate): free it. */
    rte_pktmbuf_free(m);
  }
}

static void task_merger(void) {
  struct rte_mbuf *pkts[MAX_BURST];
  unsigned n = rte_ring_dequeue_burst(ring_merge_a, (void **)pkts, opt.burst, NULL);
  for (unsigned i = 0; i < n; i++) merge_one(pkts[i], 0);
  n = rte_ring_dequeue_burst(ring_merge_b, (void **)pkts, opt.burst, NULL);
  for (unsigned i = 0; i < n; i++) merge_one(pkts[i], 1);
}

static void tx_send(struct rte_mbuf **pkts, unsigned n) {
  uint64_t stamps[2 * MAX_BURST];
  for (unsigned i = 0; i < n; i++) {
    struct rte_mbuf *m = pkts[i];
    uint8_t *ip = rte_pktmbuf_mtod(m, uint8_t *);
    ip += l3_offset(ip);
    uint16_t sum = ipv4_checksum(ip);
    ip[10] = (uint8_t)(sum >> 8);
    ip[11] = (uint8_t)sum;
    st.out_checksum += (uint64_t)ip[1] << 16 | sum;
    stamps[i] = meta_of(m)->ts;
  }
  uint64_t now = rte_rdtsc();
  /* net_null frees what it takes: the stamps were read before. */
  unsigned sent = rte_eth_tx_burst(PORT_TX, 0, pkts, (uint16_t)n);
  for (unsigned i = 0; i < sent; i++) {
    uint64_t cycles = now - stamps[i];
    uint64_t ns = (uint64_t)(((unsigned __int128)cycles * ns_per_cycle_q32) >> 32);
    hist_record(&hist, ns);
  }
  st.tx += sent;
  st.tx_unsent += n - sent;
  free_from(pkts, sent, n);
}

static void task_tx(void) {
  if (opt.mode == MODE_PARALLEL) {
    if (merged_n == 0) return;
    tx_send(merged, merged_n);
    merged_n = 0;
  } else {
    struct rte_mbuf *pkts[MAX_BURST];
    unsigned n = rte_ring_dequeue_burst(ring_tx, (void **)pkts, opt.burst, NULL);
    if (n > 0) tx_send(pkts, n);
  }
}

/* Core 1: NF B until the stop flag. */
static int core1_main(void *arg) {
  (void)arg;
  while (!__atomic_load_n(&stop_flag, __ATOMIC_ACQUIRE)) {
    uint64_t ring_full = 0;
    unsigned out = task_nf(&nf_b, &ring_full);
    uint64_t handled = out + ring_full;
    if (handled != 0) {
      publish_add(&nf_b.processed, handled);
      if (ring_full != 0) publish_add(&nf_b.ring_full, ring_full);
      /* After the enqueue: core 0 sees these versions in the out ring once it sees done. */
      publish_add(&nf_b.done, handled);
    }
  }
  return 0;
}

/* ---------------------------------------------------------------------------------------------- */
/* The chain (--mode chain)                                                                       */

/* The EAL's lcores as the Java node's workers: index 0 is the main lcore, then the workers. */
static unsigned lcore_count;
static unsigned lcore_ids[RTE_MAX_LCORE];
/* Pipeline: ring i feeds NF i, ring N (ring_tx) feeds tx; ring 0 is also ring_a, rx's ring. */
static struct rte_ring *chain_ring[MAX_CHAIN + 1];
/* Pipeline: the main lcore's NFs, in chain order. */
static struct l3fwd *main_nfs[MAX_CHAIN];
static unsigned main_nfs_n;

/* One call of a chain NF: at most one burst from its ring, the work, the rest to the next ring. */
static void task_chain_nf(struct l3fwd *nf) {
  struct rte_mbuf *pkts[MAX_BURST];
  unsigned n = rte_ring_dequeue_burst(nf->in, (void **)pkts, opt.burst, NULL);
  if (n == 0) return;
  unsigned kept = l3fwd_burst(nf, pkts, n);
  if (kept == 0) return;
  unsigned out = rte_ring_enqueue_burst(nf->out, (void **)pkts, kept, NULL);
  if (out != kept) {
    free_from(pkts, out, kept);
    publish_add(&nf->ring_full, kept - out);
  }
}

/* A worker lcore of the pipeline: its NFs round robin, in chain order, until the stop flag. */
static int chain_worker_main(void *arg) {
  unsigned index = (unsigned)(uintptr_t)arg;
  struct l3fwd *mine[MAX_CHAIN];
  unsigned k = 0;
  for (unsigned i = 0; i < opt.chain; i++) {
    if (chain_nf[i].lcore_index == index) mine[k++] = &chain_nf[i];
  }
  while (!__atomic_load_n(&stop_flag, __ATOMIC_ACQUIRE)) {
    for (unsigned j = 0; j < k; j++) task_chain_nf(mine[j]);
  }
  return 0;
}

/* The main lcore's pass in the pipeline: rx, tx, then its NFs, the Java worker 0's task order. */
static void chain_main_pass(void) {
  task_rx();
  task_tx();
  for (unsigned i = 0; i < main_nfs_n; i++) task_chain_nf(main_nfs[i]);
}

/* Run to completion: one burst from rx through every NF to tx, no rings. */
static void rtc_pass(void) {
  struct rte_mbuf *pkts[MAX_BURST];
  uint64_t now = 0;
  unsigned n = rx_receive(pkts, &now);
  if (n == 0) return;
  for (unsigned i = 0; i < n; i++) {
    struct meta *mt = meta_of(pkts[i]);
    mt->id = next_id++;
    mt->ts = now;
  }
  st.admitted += n;
  for (unsigned i = 0; i < opt.chain && n > 0; i++) n = l3fwd_burst(&chain_nf[i], pkts, n);
  if (n > 0) tx_send(pkts, n);
}

/* Every admitted packet sent or dropped: each is counted once, where it left the chain. */
static bool chain_quiescent(void) {
  if (st.admitted < opt.packets) return false;
  uint64_t left = st.tx + st.tx_unsent;
  for (unsigned i = 0; i < opt.chain; i++) {
    const struct l3fwd *nf = &chain_nf[i];
    left += __atomic_load_n(&nf->no_route, __ATOMIC_ACQUIRE) +
            __atomic_load_n(&nf->ttl_expired, __ATOMIC_ACQUIRE) +
            __atomic_load_n(&nf->non_ip, __ATOMIC_ACQUIRE) +
            __atomic_load_n(&nf->ring_full, __ATOMIC_ACQUIRE);
  }
  return left == st.admitted;
}

/* ---------------------------------------------------------------------------------------------- */
/* Set-up, measurement, tear-down                                                                 */

struct snapshot {
  struct stats st;
  uint64_t b_ring_full;
  /* chain: the NFs' counters, summed over the chain */
  uint64_t chain_ring_full;
  uint64_t no_route;
  uint64_t ttl_expired;
  uint64_t non_ip;
  uint64_t tsc;
};

static void take_snapshot(struct snapshot *s) {
  s->st = st;
  s->b_ring_full = load_relaxed(&nf_b.ring_full);
  s->chain_ring_full = s->no_route = s->ttl_expired = s->non_ip = 0;
  for (unsigned i = 0; opt.mode == MODE_CHAIN && i < opt.chain; i++) {
    s->chain_ring_full += load_relaxed(&chain_nf[i].ring_full);
    s->no_route += load_relaxed(&chain_nf[i].no_route);
    s->ttl_expired += load_relaxed(&chain_nf[i].ttl_expired);
    s->non_ip += load_relaxed(&chain_nf[i].non_ip);
  }
  s->tsc = rte_rdtsc();
}

static int start_port(uint16_t port) {
  struct rte_eth_conf conf;
  memset(&conf, 0, sizeof(conf));
  int rc = rte_eth_dev_configure(port, 1, 1, &conf);
  if (rc < 0) {
    fprintf(stderr, "nfp-pipeline-ref: port %u: configure: %s\n", port, rte_strerror(-rc));
    return -1;
  }
  int socket = rte_eth_dev_socket_id(port);
  if (socket < 0) socket = (int)rte_socket_id();
  rc = rte_eth_rx_queue_setup(port, 0, 1024, (unsigned)socket, NULL, pool);
  if (rc < 0) {
    fprintf(stderr, "nfp-pipeline-ref: port %u: rx queue: %s\n", port, rte_strerror(-rc));
    return -1;
  }
  rc = rte_eth_tx_queue_setup(port, 0, 1024, (unsigned)socket, NULL);
  if (rc < 0) {
    fprintf(stderr, "nfp-pipeline-ref: port %u: tx queue: %s\n", port, rte_strerror(-rc));
    return -1;
  }
  rc = rte_eth_dev_start(port);
  if (rc < 0) {
    fprintf(stderr, "nfp-pipeline-ref: port %u: start: %s\n", port, rte_strerror(-rc));
    return -1;
  }
  return 0;
}

static struct rte_ring *make_ring(const char *name) {
  struct rte_ring *r =
      rte_ring_create(name, RING_SIZE, (int)rte_socket_id(), RING_F_SP_ENQ | RING_F_SC_DEQ);
  if (r == NULL) {
    fprintf(stderr, "nfp-pipeline-ref: ring %s: %s\n", name, rte_strerror(rte_errno));
  }
  return r;
}

static uint64_t drain_ring(struct rte_ring *r) {
  if (r == NULL) return 0;
  uint64_t freed = 0;
  void *m = NULL;
  while (rte_ring_dequeue(r, &m) == 0) {
    rte_pktmbuf_free((struct rte_mbuf *)m);
    freed++;
  }
  return freed;
}

static void remove_runtime_dir(const char *dir) {
  /* DPDK leaves its runtime directory (--file-prefix) behind; it holds plain files only. */
  DIR *d = opendir(dir);
  if (d == NULL) return;
  struct dirent *e;
  char path[PATH_MAX + NAME_MAX + 2];
  while ((e = readdir(d)) != NULL) {
    if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0) continue;
    snprintf(path, sizeof(path), "%s/%s", dir, e->d_name);
    unlink(path);
  }
  closedir(d);
  rmdir(dir);
}

static uint64_t sum_counters(const struct nf *nf, bool weighted) {
  uint64_t sum = 0;
  for (uint64_t i = 0; i < COUNTERS; i++) sum += weighted ? (i + 1) * nf->counters[i] : nf->counters[i];
  return sum;
}

static bool quiescent(void) {
  if (opt.mode == MODE_CHAIN) return chain_quiescent();
  if (st.admitted < opt.packets) return false;
  if (__atomic_load_n(&nf_b.done, __ATOMIC_ACQUIRE) != st.b_given) return false;
  if (rte_ring_count(ring_a) != 0) return false;
  if (opt.mode == MODE_PARALLEL) {
    return rte_ring_count(ring_merge_a) == 0 && rte_ring_count(ring_merge_b) == 0 &&
           merged_n == 0;
  }
  return rte_ring_count(ring_b) == 0 && rte_ring_count(ring_tx) == 0;
}

int main(int argc, char **argv) {
  /* DPDK logs to stdout by default; the JSON line must be the only thing there. */
  rte_openlog_stream(stderr);
  int eal_args = rte_eal_init(argc, argv);
  if (eal_args < 0) {
    fprintf(stderr, "nfp-pipeline-ref: EAL init failed: %s\n", rte_strerror(rte_errno));
    return 1;
  }
  char runtime_dir[PATH_MAX];
  snprintf(runtime_dir, sizeof(runtime_dir), "%s", rte_eal_get_runtime_dir());
  argc -= eal_args;
  argv += eal_args;
  argv[0] = (char *)"nfp-pipeline-ref";
  int status = 1;
  unsigned launched[RTE_MAX_LCORE]; /* worker lcores running a task loop */
  unsigned n_launched = 0;
  bool ports_started[2] = {false, false};
  unsigned worker = RTE_MAX_LCORE;

  if (parse_args(argc, argv) != 0) {
    status = 2;
    goto cleanup;
  }
  if (opt.mode == MODE_CHAIN && load_routes(opt.routes) != 0) {
    status = 2;
    goto cleanup;
  }
  tsc_hz = rte_get_tsc_hz();
  if (tsc_hz == 0) {
    fprintf(stderr, "nfp-pipeline-ref: no TSC frequency\n");
    goto cleanup;
  }
  ns_per_cycle_q32 = (uint64_t)(((unsigned __int128)1000000000u << 32) / tsc_hz);
  lcore_ids[lcore_count++] = rte_get_main_lcore();
  unsigned lc;
  RTE_LCORE_FOREACH_WORKER(lc) lcore_ids[lcore_count++] = lc;
  worker = rte_get_next_lcore(-1, 1, 0);
  if (worker >= RTE_MAX_LCORE && opt.mode != MODE_CHAIN) {
    fprintf(stderr, "nfp-pipeline-ref: needs two lcores (EAL -l 0-1), has %u\n",
            rte_lcore_count());
    goto cleanup;
  }
  if (rte_eth_dev_count_avail() < 2 || !rte_eth_dev_is_valid_port(PORT_RX) ||
      !rte_eth_dev_is_valid_port(PORT_TX)) {
    fprintf(stderr,
            "nfp-pipeline-ref: needs ports 0 (source, e.g. --vdev=net_pcap0,rx_pcap=F,"
            "infinite_rx=1) and 1 (sink, e.g. --vdev=net_null0); has %u\n",
            rte_eth_dev_count_avail());
    goto cleanup;
  }

  pool = rte_pktmbuf_pool_create("nfpref_pool", POOL_SIZE, POOL_CACHE, PRIV_SIZE,
                                 RTE_MBUF_DEFAULT_BUF_SIZE, (int)rte_socket_id());
  if (pool == NULL) {
    fprintf(stderr, "nfp-pipeline-ref: mbuf pool: %s\n", rte_strerror(rte_errno));
    goto cleanup;
  }
  if (opt.mode == MODE_CHAIN) {
    for (unsigned i = 0; i < opt.chain; i++) {
      if (l3fwd_init(&chain_nf[i], i) != 0) goto cleanup;
      /* The Java node's default placement: NF i on worker (1 + i) % workers. */
      chain_nf[i].lcore_index = (1 + i) % lcore_count;
      if (opt.placement == PLACE_PIPELINE && chain_nf[i].lcore_index == 0) {
        main_nfs[main_nfs_n++] = &chain_nf[i];
      }
    }
    if (opt.placement == PLACE_PIPELINE) {
      for (unsigned i = 0; i <= opt.chain; i++) {
        char name[RTE_RING_NAMESIZE];
        snprintf(name, sizeof(name), "nfpref_c%u", i);
        chain_ring[i] = make_ring(name);
        if (chain_ring[i] == NULL) goto cleanup;
      }
      for (unsigned i = 0; i < opt.chain; i++) {
        chain_nf[i].in = chain_ring[i];
        chain_nf[i].out = chain_ring[i + 1];
      }
      ring_a = chain_ring[0];
      ring_tx = chain_ring[opt.chain];
    }
  } else {
    ring_a = make_ring("nfpref_a");
    ring_b = make_ring("nfpref_b");
    if (ring_a == NULL || ring_b == NULL) goto cleanup;
    nf_a.in = ring_a;
    nf_b.in = ring_b;
    if (opt.mode == MODE_PARALLEL) {
      ring_merge_a = make_ring("nfpref_ma");
      ring_merge_b = make_ring("nfpref_mb");
      if (ring_merge_a == NULL || ring_merge_b == NULL) goto cleanup;
      nf_a.out = ring_merge_a;
      nf_b.out = ring_merge_b;
    } else {
      ring_tx = make_ring("nfpref_tx");
      if (ring_tx == NULL) goto cleanup;
      nf_a.out = ring_b;
      nf_b.out = ring_tx;
    }
    /* With --copy NF B writes DSCP into its own copy too (what the copy is for). */
    nf_b.writes_dscp = opt.copy;
  }

  for (uint16_t p = 0; p < 2; p++) {
    if (start_port(p) != 0) goto cleanup;
    ports_started[p] = true;
  }

  tokens_tsc = rte_rdtsc();
  tokens = 0;
  for (unsigned index = 1; index < lcore_count; index++) {
    lcore_function_t *fn = NULL;
    if (opt.mode != MODE_CHAIN) {
      if (lcore_ids[index] == worker) fn = core1_main;
    } else if (opt.placement == PLACE_PIPELINE) {
      for (unsigned i = 0; i < opt.chain; i++) {
        if (chain_nf[i].lcore_index == index) fn = chain_worker_main;
      }
    }
    if (fn == NULL) continue;
    int rc = rte_eal_remote_launch(fn, (void *)(uintptr_t)index, lcore_ids[index]);
    if (rc != 0) {
      fprintf(stderr, "nfp-pipeline-ref: launching lcore %u: %s\n", lcore_ids[index],
              rte_strerror(-rc));
      goto cleanup;
    }
    launched[n_launched++] = lcore_ids[index];
  }

  /*
   * Core 0: rx, NF A, merger (parallel), tx; chain: rx, tx and its NFs (pipeline) or everything
   * (rtc). Round robin until the end of the run.
   */
  struct snapshot base, end;
  bool timed = opt.packets == 0;
  bool warm = !timed;
  bool timed_out = false;
  uint64_t start = rte_rdtsc();
  uint64_t warm_end = start + (uint64_t)((double)tsc_hz * (double)WARMUP_NS / 1e9);
  uint64_t run_end = 0;
  if (!timed) {
    take_snapshot(&base);
    run_end = base.tsc + (uint64_t)(opt.seconds * (double)tsc_hz);
  }
  for (;;) {
    if (opt.mode != MODE_CHAIN) {
      task_rx();
      uint64_t a_full = 0;
      unsigned a_out = task_nf(&nf_a, &a_full);
      nf_a.processed += a_out + a_full;
      st.ring_full += a_full;
      if (opt.mode == MODE_SEQUENTIAL) st.b_given += a_out;
      if (opt.mode == MODE_PARALLEL) task_merger();
      task_tx();
    } else if (opt.placement == PLACE_PIPELINE) {
      chain_main_pass();
    } else {
      rtc_pass();
    }

    uint64_t now = rte_rdtsc();
    if (!warm) {
      if (now >= warm_end) {
        memset(&hist, 0, sizeof(hist));
        take_snapshot(&base);
        run_end = base.tsc + (uint64_t)(opt.seconds * (double)tsc_hz);
        warm = true;
      }
    } else if (!timed && quiescent()) {
      take_snapshot(&end);
      break;
    } else if (now >= run_end) {
      take_snapshot(&end);
      timed_out = !timed;
      break;
    }
  }
  __atomic_store_n(&stop_flag, 1, __ATOMIC_RELEASE);
  for (unsigned i = 0; i < n_launched; i++) rte_eal_wait_lcore(launched[i]);
  n_launched = 0;

  /* Tear-down: stop the ports, free every mbuf still in the graph, close the ports. */
  for (uint16_t p = 0; p < 2; p++) {
    rte_eth_dev_stop(p);
    ports_started[p] = false;
  }
  uint64_t drained = 0;
  free_from(merged, 0, merged_n);
  drained += merged_n;
  merged_n = 0;
  drained += drain_ring(ring_a) + drain_ring(ring_b) + drain_ring(ring_merge_a) +
             drain_ring(ring_merge_b) + drain_ring(ring_tx);
  for (unsigned i = 0; i <= opt.chain; i++) drained += drain_ring(chain_ring[i]);
  uint64_t orphans = 0;
  for (unsigned i = 0; i < MERGE_SLOTS; i++) {
    if (merge_table[i].used) {
      rte_pktmbuf_free(merge_table[i].m);
      merge_table[i].used = false;
      orphans++;
    }
  }
  drained += orphans;
  for (uint16_t p = 0; p < 2; p++) rte_eth_dev_close(p);
  unsigned avail = rte_mempool_avail_count(pool);
  uint64_t leaked = POOL_SIZE - (uint64_t)avail;

  /* The report: counters over the measured window (the whole run with --packets). */
  double seconds = (double)(end.tsc - base.tsc) / (double)tsc_hz;
  struct stats d = {0};
  d.rx = end.st.rx - base.st.rx;
  d.admitted = end.st.admitted - base.st.admitted;
  d.tx = end.st.tx - base.st.tx;
  d.malformed = end.st.malformed - base.st.malformed;
  d.unmatched = end.st.unmatched - base.st.unmatched;
  d.rx_full = end.st.rx_full - base.st.rx_full;
  d.ring_full = end.st.ring_full - base.st.ring_full + (end.b_ring_full - base.b_ring_full) +
                (end.chain_ring_full - base.chain_ring_full);
  uint64_t no_route = end.no_route - base.no_route;
  uint64_t ttl_expired = end.ttl_expired - base.ttl_expired;
  uint64_t non_ip = end.non_ip - base.non_ip;
  d.no_mbuf = end.st.no_mbuf - base.st.no_mbuf;
  d.collisions = end.st.collisions - base.st.collisions;
  d.tx_unsent = end.st.tx_unsent - base.st.tx_unsent;
  d.out_checksum = end.st.out_checksum - base.st.out_checksum;
  uint64_t dropped = d.malformed + d.unmatched + d.rx_full + d.ring_full + d.no_mbuf +
                     d.collisions + d.tx_unsent + no_route + ttl_expired + non_ip;
  uint64_t work_packets = sum_counters(&nf_a, false) + sum_counters(&nf_b, false);
  uint64_t work_checksum = sum_counters(&nf_a, true) + sum_counters(&nf_b, true);
  for (unsigned i = 0; i < opt.chain; i++) {
    /* The L3 forwarders' work: packets looked at, and sum of (next-hop id + 1) per forward. */
    work_packets += chain_nf[i].processed;
    for (unsigned h = 0; h < rt.n_hops; h++) {
      work_checksum += (rt.hops[h].id + 1ULL) * chain_nf[i].per_hop[h];
    }
  }

  static const char *const mode_names[] = {"parallel", "sequential", "chain"};
  printf("{\"impl\":\"c\",\"mode\":\"%s\",", mode_names[opt.mode]);
  if (opt.mode == MODE_CHAIN) {
    printf("\"nf\":\"l3fwd\",\"chain\":%u,\"placement\":\"%s\",\"lcores\":%u,", opt.chain,
           opt.placement == PLACE_PIPELINE ? "pipeline" : "rtc", lcore_count);
  }
  printf("\"rounds\":%" PRIu64 ",\"copy\":%s,\"burst\":%u,", opt.rounds,
         opt.copy ? "true" : "false", opt.burst);
  if (opt.packets != 0) printf("\"packets\":%" PRIu64 ",", opt.packets);
  printf("\"window\":%ld,", opt.window);
  printf("\"rate_pps\":%" PRIu64 ",\"seconds\":%.6f,\"rx\":%" PRIu64 ",\"admitted\":%" PRIu64
         ",\"tx\":%" PRIu64 ",\"dropped\":%" PRIu64 ",",
         opt.rate, seconds, d.rx, d.admitted, d.tx, dropped);
  printf("\"drops\":{\"malformed\":%" PRIu64 ",\"unmatched\":%" PRIu64 ",\"rx_full\":%" PRIu64
         ",\"ring_full\":%" PRIu64 ",\"no_mbuf\":%" PRIu64 ",\"merge_collisions\":%" PRIu64
         ",\"tx_unsent\":%" PRIu64,
         d.malformed, d.unmatched, d.rx_full, d.ring_full, d.no_mbuf, d.collisions, d.tx_unsent);
  if (opt.mode == MODE_CHAIN) {
    printf(",\"no_route\":%" PRIu64 ",\"ttl_expired\":%" PRIu64 ",\"non_ip\":%" PRIu64, no_route,
           ttl_expired, non_ip);
  }
  printf("},");
  printf("\"mpps\":%.6f,\"offered_pps\":%.1f,", seconds > 0 ? (double)d.tx / seconds / 1e6 : 0.0,
         seconds > 0 ? (double)d.rx / seconds : 0.0);
  printf("\"latency_ns\":{\"p50\":%" PRIu64 ",\"p99\":%" PRIu64 ",\"p999\":%" PRIu64
         ",\"max\":%" PRIu64 ",\"count\":%" PRIu64 "},",
         hist_quantile(&hist, 0.50), hist_quantile(&hist, 0.99), hist_quantile(&hist, 0.999),
         hist.max, hist.count);
  printf("\"work_packets\":%" PRIu64 ",\"work_checksum\":%" PRIu64 ",\"out_checksum\":%" PRIu64
         ",",
         work_packets, work_checksum, d.out_checksum);
  printf("\"drained\":%" PRIu64 ",\"leaked\":%" PRIu64 ",\"tsc_hz\":%" PRIu64 "}\n", drained,
         leaked, tsc_hz);
  fflush(stdout);

  status = 0;
  if (timed_out) {
    fprintf(stderr,
            "nfp-pipeline-ref: --packets %" PRIu64 ": only %" PRIu64
            " admitted and not all out after %.1f s\n",
            opt.packets, st.admitted, opt.seconds);
    status = 3;
  }
  if (leaked != 0) {
    fprintf(stderr, "nfp-pipeline-ref: %" PRIu64 " mbufs not back in the pool\n", leaked);
    status = 4;
  }

cleanup:
  if (n_launched != 0) {
    __atomic_store_n(&stop_flag, 1, __ATOMIC_RELEASE);
    for (unsigned i = 0; i < n_launched; i++) rte_eal_wait_lcore(launched[i]);
  }
  for (uint16_t p = 0; p < 2; p++) {
    if (ports_started[p]) {
      rte_eth_dev_stop(p);
      rte_eth_dev_close(p);
    }
  }
  if (opt.mode == MODE_CHAIN) {
    /* ring_a and ring_tx are the chain's first and last rings: free those once. */
    ring_a = NULL;
    ring_tx = NULL;
    for (unsigned i = 0; i <= opt.chain; i++) rte_ring_free(chain_ring[i]);
  }
  rte_ring_free(ring_a);
  rte_ring_free(ring_b);
  rte_ring_free(ring_merge_a);
  rte_ring_free(ring_merge_b);
  rte_ring_free(ring_tx);
  for (unsigned i = 0; i < opt.chain; i++) rte_lpm_free(chain_nf[i].lpm);
  if (pool != NULL && rte_mempool_in_use_count(pool) == 0) rte_mempool_free(pool);
  rte_eal_cleanup();
  remove_runtime_dir(runtime_dir);
  return status;
}
