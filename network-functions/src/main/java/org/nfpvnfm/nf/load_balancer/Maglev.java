package org.nfpvnfm.nf.load_balancer;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * A Maglev lookup table (Eisenbud et al., NSDI 2016, §3.4): each backend walks its own permutation
 * of the table's slots (offset and skip from two hashes of its name, the table size prime so every
 * skip visits every slot) and takes turns claiming the next free slot it prefers; a backend of
 * weight w takes w turns per round. The result spreads flows by weight, and adding or removing a
 * backend moves few slots of the others. Immutable.
 */
final class Maglev {
  private final int[] table;

  /** One backend: {@code name} (its address, canonical) seeds its permutation. */
  record Backend(String name, int weight) {}

  Maglev(List<Backend> backends, int size) {
    int n = backends.size();
    long[] offset = new long[n];
    long[] skip = new long[n];
    long[] next = new long[n];
    for (int b = 0; b < n; b++) {
      byte[] name = backends.get(b).name().getBytes(StandardCharsets.UTF_8);
      offset[b] = Long.remainderUnsigned(hash(name, 0x5bd1e995L), size);
      skip[b] = Long.remainderUnsigned(hash(name, 0x27d4eb2fL), size - 1) + 1;
    }
    table = new int[size];
    Arrays.fill(table, -1);
    int filled = 0;
    while (filled < size) {
      for (int b = 0; b < n && filled < size; b++) {
        for (int turn = 0; turn < backends.get(b).weight() && filled < size; turn++) {
          int slot;
          do {
            slot = (int) ((offset[b] + next[b] * skip[b]) % size);
            next[b]++;
          } while (table[slot] >= 0);
          table[slot] = b;
          filled++;
        }
      }
    }
  }

  /** The backend index for a flow hash. */
  int lookup(long flowHash) {
    return table[(int) Long.remainderUnsigned(flowHash, table.length)];
  }

  int[] table() {
    return table.clone();
  }

  static boolean isPrime(long n) {
    if (n < 2) {
      return false;
    }
    for (long d = 2; d * d <= n; d++) {
      if (n % d == 0) {
        return false;
      }
    }
    return true;
  }

  private static long hash(byte[] data, long seed) {
    long h = seed ^ 0xcbf29ce484222325L;
    for (byte x : data) {
      h = (h ^ (x & 0xff)) * 0x100000001b3L;
    }
    h ^= h >>> 33;
    h *= 0xff51afd7ed558ccdL;
    h ^= h >>> 33;
    return h;
  }
}
