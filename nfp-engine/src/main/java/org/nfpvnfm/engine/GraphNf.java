package org.nfpvnfm.engine;

import java.util.List;
import org.nfpvnfm.tosca.nfp.ActionProfile;

/**
 * One NF of a compiled graph. Ids are 0-based, dense, and follow the forwarding graph's own order
 * (a Tacker path's hops, a SOL001 NFP's positions), so the same descriptor always gives the same
 * ids.
 *
 * @param profile the declared profile, or for an NF without one the conservative profile the engine
 *     assumed (every field read and written, headers added/removed, may drop)
 * @param declaredProfile false when {@code profile} is the engine's assumption
 * @param step index into {@link ServiceGraph#referenceChain()}
 * @param priorityOver NFs of the same step this one has priority over, directly or through others
 *     ({@code priority(this > that)}): on a conflict, this NF's result wins, its verdict included
 */
public record GraphNf(
    int id,
    String name,
    ActionProfile profile,
    boolean declaredProfile,
    int step,
    List<Integer> priorityOver) {

  public GraphNf {
    priorityOver = List.copyOf(priorityOver);
  }
}
