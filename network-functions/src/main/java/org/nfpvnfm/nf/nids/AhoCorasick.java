package org.nfpvnfm.nf.nids;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * An Aho–Corasick automaton over bytes, compiled to flat int arrays so that a scan allocates
 * nothing and chases no pointers.
 *
 * <p>The goto function is completed with the failure links at build time (a DFA: {@code next[state
 * * 256 + byte]}), so the scan takes exactly one array load per byte instead of walking failure
 * links; {@link #fail} is kept for what it is still needed for, merging outputs. Outputs are a
 * compressed list: the patterns ending at {@code state} are {@code outputs[outStart[state]]} to
 * {@code outputs[outStart[state + 1] - 1]}, suffix patterns (from the failure chain) included.
 *
 * <p>Case folding is the caller's: {@link #FOLD} maps a byte to the alphabet the patterns were
 * inserted in. NIDS inserts every pattern folded and verifies case-sensitive ones on a hit, as
 * Snort's fast-pattern matcher does, so that one automaton serves both.
 */
final class AhoCorasick {

  /** ASCII lower-casing of a byte; other bytes map to themselves. */
  static final byte[] FOLD = new byte[256];

  static {
    for (int i = 0; i < 256; i++) {
      FOLD[i] = (byte) (i >= 'A' && i <= 'Z' ? i + 32 : i);
    }
  }

  final int[] next;
  final int[] fail;
  final int[] outStart;
  final int[] outputs;
  final int states;

  /** Builds the automaton for {@code patterns}; pattern i is reported as i. */
  AhoCorasick(List<byte[]> patterns) {
    int capacity = 1;
    for (byte[] p : patterns) {
      capacity += p.length;
    }
    int[] go = new int[capacity * 256];
    Arrays.fill(go, -1);
    List<List<Integer>> own = new ArrayList<>();
    own.add(new ArrayList<>());
    int count = 1;
    for (int id = 0; id < patterns.size(); id++) {
      int s = 0;
      for (byte b : patterns.get(id)) {
        int c = FOLD[b & 0xff] & 0xff;
        if (go[s * 256 + c] < 0) {
          go[s * 256 + c] = count++;
          own.add(new ArrayList<>());
        }
        s = go[s * 256 + c];
      }
      own.get(s).add(id);
    }
    int[] f = new int[count];
    int[] order = new int[count];
    int head = 0;
    int tail = 0;
    for (int c = 0; c < 256; c++) {
      int s = go[c];
      if (s < 0) {
        go[c] = 0;
      } else {
        f[s] = 0;
        order[tail++] = s;
      }
    }
    // Breadth first: a state's failure target is shallower, so its row is already complete.
    while (head < tail) {
      int r = order[head++];
      for (int c = 0; c < 256; c++) {
        int s = go[r * 256 + c];
        if (s < 0) {
          go[r * 256 + c] = go[f[r] * 256 + c];
        } else {
          f[s] = go[f[r] * 256 + c];
          order[tail++] = s;
        }
      }
    }
    // Each state's outputs are its own plus its failure state's (already merged: BFS order).
    List<List<Integer>> merged = new ArrayList<>(own);
    for (int i = 0; i < tail; i++) {
      int s = order[i];
      if (!merged.get(f[s]).isEmpty()) {
        List<Integer> m = new ArrayList<>(own.get(s));
        m.addAll(merged.get(f[s]));
        merged.set(s, m);
      }
    }
    int[] start = new int[count + 1];
    int total = 0;
    for (int s = 0; s < count; s++) {
      start[s] = total;
      total += merged.get(s).size();
    }
    start[count] = total;
    int[] out = new int[total];
    for (int s = 0; s < count; s++) {
      List<Integer> m = merged.get(s);
      for (int k = 0; k < m.size(); k++) {
        out[start[s] + k] = m.get(k);
      }
    }
    this.next = Arrays.copyOf(go, count * 256);
    this.fail = f;
    this.outStart = start;
    this.outputs = out;
    this.states = count;
  }
}
