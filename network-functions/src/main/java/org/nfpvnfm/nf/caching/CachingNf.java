package org.nfpvnfm.nf.caching;

import static org.nfpvnfm.tosca.nfp.PacketField.PAYLOAD;
import static org.nfpvnfm.tosca.nfp.PacketField.SIP;

import java.lang.foreign.MemorySegment;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nfpvnfm.dpdk.nf.NetworkFunction;
import org.nfpvnfm.dpdk.nf.PacketBatch;
import org.nfpvnfm.dpdk.packet.PacketFields;
import org.nfpvnfm.dpdk.packet.ParsedPacket;

/**
 * Recognises HTTP/1.x requests at the start of a TCP payload (method, request target, Host header),
 * keeps statistics per URL (host + target) in a bounded table, and runs every GET and HEAD through
 * an LRU cache model to say whether a cache of the configured size would have hit. It reads the
 * packet and never writes or drops it; the packet path allocates nothing (the payload is copied
 * into one preallocated buffer, the key is assembled in another).
 *
 * <p>Requests split across segments are recognised only when the request line and the headers up to
 * Host are in the first segment; the rest count as {@code http_incomplete}.
 */
public final class CachingNf implements NetworkFunction {
  static final int MAX_PAYLOAD = 65536;
  private static final byte[][] METHODS = {
    ascii("GET"),
    ascii("HEAD"),
    ascii("POST"),
    ascii("PUT"),
    ascii("DELETE"),
    ascii("OPTIONS"),
    ascii("PATCH"),
    ascii("TRACE"),
    ascii("CONNECT")
  };
  private static final int GET = 0;
  private static final int HEAD = 1;
  private static final byte[] HTTP1 = ascii("HTTP/1.");
  private static final byte[] HOST = ascii("host:");
  private static final byte[] SCHEME = ascii("http://");

  /** One URL's statistics, as {@link #urlStats} returns them. */
  public record UrlStats(
      String url, long requests, long hits, long misses, long requestBytes, long clients) {}

  private final byte[] payload = new byte[MAX_PAYLOAD];
  private final MemorySegment payloadSegment = MemorySegment.ofArray(payload);
  private final byte[] key;
  private final KeyTable urls;
  private final long[] urlRequests;
  private final long[] urlHits;
  private final long[] urlMisses;
  private final long[] urlBytes;
  // Per URL, a 64-bit linear-counting sketch of client addresses: distinct clients without a set.
  private final long[] urlClients;
  private final LruCache cache;

  private long packets;
  private long noPayload;
  private long notHttp;
  private long requests;
  private long incomplete;
  private long uncacheable;
  private long hits;
  private long misses;
  private long untracked;
  private long tooLong;

  // Odd while process() runs: urlStats() from another thread retries until it saw a quiet table.
  private volatile int version;

  CachingNf(int urlCapacity, int cacheCapacity, int maxKey) {
    key = new byte[maxKey];
    urls = new KeyTable(urlCapacity, maxKey);
    urlRequests = new long[urlCapacity];
    urlHits = new long[urlCapacity];
    urlMisses = new long[urlCapacity];
    urlBytes = new long[urlCapacity];
    urlClients = new long[urlCapacity];
    cache = new LruCache(cacheCapacity, maxKey);
  }

  @Override
  public void process(PacketBatch batch) {
    version++;
    try {
      for (int i = 0; i < batch.size(); i++) {
        inspect(batch.packet(i));
      }
    } finally {
      version++;
    }
  }

  private void inspect(ParsedPacket p) {
    packets++;
    int length = PacketFields.width(p, PAYLOAD);
    // Only TCP carries HTTP/1.x; the profile gives no PROTOCOL read, and a UDP or ICMP payload
    // that looks like a request line is vanishingly rare, so the payload alone decides.
    if (length == 0 || length > payload.length || !p.hasPorts()) {
      noPayload++;
      return;
    }
    PacketFields.read(p, PAYLOAD, payloadSegment, 0);
    int method = method(length);
    if (method < 0) {
      notHttp++;
      return;
    }
    int targetStart = METHODS[method].length + 1;
    int targetEnd = indexOf(payload, (byte) ' ', targetStart, length);
    int lineEnd = indexOf(payload, (byte) '\n', targetStart, length);
    if (targetEnd <= targetStart
        || lineEnd < 0
        || targetEnd > lineEnd
        || !startsWith(payload, targetEnd + 1, length, HTTP1, false)) {
      notHttp++;
      return;
    }
    requests++;
    int keyLength;
    int pathStart = targetStart;
    if (startsWith(payload, targetStart, targetEnd, SCHEME, true)) {
      // Absolute form (to a proxy): the host is in the target and overrides the Host header.
      int hostStart = targetStart + SCHEME.length;
      int slash = indexOf(payload, (byte) '/', hostStart, targetEnd);
      pathStart = slash < 0 ? targetEnd : slash;
      keyLength = appendHost(0, hostStart, pathStart);
    } else {
      int hostStart = findHost(lineEnd + 1, length);
      if (hostStart < 0) {
        incomplete++;
        return;
      }
      int hostEnd = hostStart;
      while (hostEnd < length && payload[hostEnd] != '\r' && payload[hostEnd] != '\n') {
        hostEnd++;
      }
      while (hostEnd > hostStart && payload[hostEnd - 1] == ' ') {
        hostEnd--;
      }
      keyLength = appendHost(0, hostStart, hostEnd);
    }
    int pathLength = targetEnd - pathStart;
    if (keyLength < 0 || keyLength + Math.max(1, pathLength) > key.length) {
      tooLong++;
      return;
    }
    if (pathLength == 0) {
      key[keyLength++] = '/';
    } else {
      System.arraycopy(payload, pathStart, key, keyLength, pathLength);
      keyLength += pathLength;
    }
    long h = KeyTable.hash(key, keyLength);
    int u = urls.find(key, keyLength, h);
    if (u < 0) {
      u = urls.insert(key, keyLength, h);
    }
    boolean cacheable = method == GET || method == HEAD;
    boolean hit = false;
    if (cacheable) {
      hit = cache.access(key, keyLength, h);
      if (hit) {
        hits++;
      } else {
        misses++;
      }
    } else {
      uncacheable++;
    }
    if (u < 0) {
      untracked++;
      return;
    }
    urlRequests[u]++;
    urlBytes[u] += length;
    if (cacheable) {
      if (hit) {
        urlHits[u]++;
      } else {
        urlMisses[u]++;
      }
    }
    if (p.ipVersion() == 4) {
      long client = PacketFields.get(p, SIP);
      urlClients[u] |= 1L << ((client * 0x9e3779b97f4a7c15L) >>> 58);
    } else if (p.ipVersion() == 6) {
      long client = PacketFields.ipv6High(p, SIP) ^ PacketFields.ipv6Low(p, SIP);
      urlClients[u] |= 1L << ((client * 0x9e3779b97f4a7c15L) >>> 58);
    }
  }

  /** Which of {@link #METHODS} the payload starts with (followed by a space), or -1. */
  private int method(int length) {
    for (int m = 0; m < METHODS.length; m++) {
      byte[] name = METHODS[m];
      if (length > name.length
          && payload[name.length] == ' '
          && startsWith(payload, 0, length, name, false)) {
        return m;
      }
    }
    return -1;
  }

  /** Where the Host header's value starts, or -1 if the headers in this segment have none. */
  private int findHost(int from, int length) {
    int line = from;
    while (line < length) {
      if (payload[line] == '\r' || payload[line] == '\n') {
        return -1;
      }
      if (startsWith(payload, line, length, HOST, true)) {
        int v = line + HOST.length;
        while (v < length && (payload[v] == ' ' || payload[v] == '\t')) {
          v++;
        }
        return v;
      }
      int nl = indexOf(payload, (byte) '\n', line, length);
      if (nl < 0) {
        return -1;
      }
      line = nl + 1;
    }
    return -1;
  }

  /** Copies the host, lower-cased, to key[at..]; returns the new length or -1 if too long. */
  private int appendHost(int at, int from, int to) {
    if (to - from > key.length - at) {
      return -1;
    }
    for (int i = from; i < to; i++) {
      byte b = payload[i];
      key[at++] = b >= 'A' && b <= 'Z' ? (byte) (b + 32) : b;
    }
    return at;
  }

  private static int indexOf(byte[] a, byte b, int from, int to) {
    for (int i = from; i < to; i++) {
      if (a[i] == b) {
        return i;
      }
    }
    return -1;
  }

  private static boolean startsWith(byte[] a, int at, int end, byte[] prefix, boolean nocase) {
    if (end - at < prefix.length) {
      return false;
    }
    for (int i = 0; i < prefix.length; i++) {
      byte b = a[at + i];
      if (nocase && b >= 'A' && b <= 'Z') {
        b = (byte) (b + 32);
      }
      if (b != prefix[i]) {
        return false;
      }
    }
    return true;
  }

  private static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.US_ASCII);
  }

  /**
   * Every tracked URL's statistics, in no particular order; {@code clients} estimates distinct
   * client addresses (linear counting over 64 bits: exact for a few, saturating near 200).
   * Allocates; from another thread it waits for a moment between bursts.
   */
  public List<UrlStats> urlStats() {
    while (true) {
      int before = version;
      List<UrlStats> out = new ArrayList<>();
      if ((before & 1) == 0) {
        for (int u = 0; u < urls.capacity; u++) {
          if (urlRequests[u] > 0) {
            out.add(
                new UrlStats(
                    new String(
                        urls.keys, u * urls.maxKey, urls.keyLength[u], StandardCharsets.ISO_8859_1),
                    urlRequests[u],
                    urlHits[u],
                    urlMisses[u],
                    urlBytes[u],
                    clients(urlClients[u])));
          }
        }
        if (version == before) {
          return out;
        }
      }
      Thread.onSpinWait();
    }
  }

  private static long clients(long sketch) {
    int zeros = 64 - Long.bitCount(sketch);
    if (zeros == 0) {
      return 64L * 5; // saturated: more than the sketch can tell
    }
    return Math.round(-64 * Math.log(zeros / 64.0));
  }

  /** Counters, read without locks (a value may lag the worker by a burst). */
  public Map<String, Long> counters() {
    Map<String, Long> m = new LinkedHashMap<>();
    m.put("packets", packets);
    m.put("no_payload", noPayload);
    m.put("not_http", notHttp);
    m.put("http_requests", requests);
    m.put("http_incomplete", incomplete);
    m.put("url_too_long", tooLong);
    m.put("uncacheable", uncacheable);
    m.put("cache_hits", hits);
    m.put("cache_misses", misses);
    m.put("cache_evictions", cache.evictions);
    m.put("cache_objects", (long) cache.size());
    m.put("urls_tracked", (long) urls.size());
    m.put("urls_untracked", untracked);
    return m;
  }
}
