package org.nfpvnfm.engine;

import java.util.List;
import org.jspecify.annotations.Nullable;
import org.nfpvnfm.tosca.SourceLocation;

/**
 * The pair record of spec §5 step 1: two NFs of a graph, {@code first} before {@code second} in the
 * reference chain (for NFs run together, the lower priority first), what they may do together and
 * why.
 *
 * @param first NF id of the earlier NF
 * @param second NF id of the later NF
 * @param conflicts the table cells that made the pair copy-parallel or sequential (for {@link
 *     Cause#PRIORITY} and {@link Cause#PARALLEL_POSITION}: the overlapping accesses the merger
 *     resolves)
 * @param rule the rule that orders or groups them directly, when one does
 */
public record PairRecord(
    int first,
    int second,
    Relation relation,
    Cause cause,
    Ordering ordering,
    List<Conflict> conflicts,
    @Nullable SourceLocation rule) {

  public PairRecord {
    conflicts = List.copyOf(conflicts);
  }
}
