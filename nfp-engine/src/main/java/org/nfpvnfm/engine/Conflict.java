package org.nfpvnfm.engine;

import org.jspecify.annotations.Nullable;
import org.nfpvnfm.tosca.nfp.PacketField;

/**
 * One cell of the §4 table that decided something for a pair: the earlier NF's action, the later
 * NF's action, on which field ({@code null}: the whole packet, for A, D and {@link Action#SEE}),
 * and the cell's verdict. Cells that say "parallel, no copy" are not recorded.
 */
public record Conflict(
    @Nullable PacketField field, Action first, Action second, Relation relation) {

  /** {@code sip: W/R -> sequential}, {@code packet: D/sees the packet -> sequential}. */
  @Override
  public String toString() {
    return (field == null ? "packet" : field.key())
        + ": "
        + first.symbol()
        + "/"
        + second.symbol()
        + " -> "
        + relation.name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ');
  }
}
