package org.nfpvnfm.engine.internal;

import java.util.Arrays;

/** A growable list of ints: edge lists of a thousand-NF graph with dense rules stay unboxed. */
final class IntList {
  private int[] items = new int[4];
  private int size;

  void add(int value) {
    if (size == items.length) {
      items = Arrays.copyOf(items, size * 2);
    }
    items[size++] = value;
  }

  int get(int index) {
    if (index >= size) {
      throw new IndexOutOfBoundsException("index: %d (expected: < %d)".formatted(index, size));
    }
    return items[index];
  }

  int size() {
    return size;
  }
}
