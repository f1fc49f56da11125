package org.nfpvnfm.engine;

import java.util.List;

/**
 * The copy plan: one packet buffer a packet may need while crossing the graph. Buffer 0 is the
 * packet as received ({@code copy} {@link CopyKind#SHARED}, {@code source} -1); every other buffer
 * is made at the fork of parallel block {@code merge} from buffer {@code source}, and carries the
 * versions {@code versions} of that block (more than one when they share it: their NFs touch
 * disjoint fields).
 */
public record BufferEntry(int id, CopyKind copy, int source, int merge, List<Integer> versions) {
  public BufferEntry {
    versions = List.copyOf(versions);
  }
}
