package org.nfpvnfm.nf.caching;

/**
 * The cache decision model: which objects a cache of {@code capacity} objects with LRU replacement
 * would hold. {@link #access} says hit or miss and updates recency; a miss admits the object,
 * evicting the least recently used when full. Recency is a doubly linked list in int arrays over
 * {@link KeyTable}'s entry numbers, so an access allocates nothing.
 */
final class LruCache {
  private final KeyTable table;
  private final int[] prev;
  private final int[] next;
  private int head = -1;
  private int tail = -1;
  long evictions;

  LruCache(int capacity, int maxKey) {
    table = new KeyTable(capacity, maxKey);
    prev = new int[capacity];
    next = new int[capacity];
  }

  /** True on a hit. */
  boolean access(byte[] key, int length, long h) {
    int e = table.find(key, length, h);
    if (e >= 0) {
      unlink(e);
      pushFront(e);
      return true;
    }
    if (table.size() == table.capacity) {
      int victim = tail;
      unlink(victim);
      table.remove(victim);
      evictions++;
    }
    e = table.insert(key, length, h);
    pushFront(e);
    return false;
  }

  int size() {
    return table.size();
  }

  private void unlink(int e) {
    if (prev[e] >= 0) {
      next[prev[e]] = next[e];
    } else {
      head = next[e];
    }
    if (next[e] >= 0) {
      prev[next[e]] = prev[e];
    } else {
      tail = prev[e];
    }
  }

  private void pushFront(int e) {
    prev[e] = -1;
    next[e] = head;
    if (head >= 0) {
      prev[head] = e;
    }
    head = e;
    if (tail < 0) {
      tail = e;
    }
  }
}
