package org.nfpvnfm.engine.reference;

import java.util.List;
import org.nfpvnfm.engine.GraphNf;
import org.nfpvnfm.tosca.nfp.ActionProfile;

/**
 * A stateful model of one NF. {@link #process} reads the fields its profile reads from the buffer
 * as it is at that moment, writes its fields into it, applies its header change to it, and says
 * whether it drops the packet. A model keeps every {@link Observation} it made, one per packet it
 * saw, so that two runs can be compared NF by NF: same observations in the same order means same
 * inputs, hence same state.
 */
public interface NfModel {

  /** The NF's id in its service graph. */
  int id();

  /** What the model reads and writes. */
  ActionProfile profile();

  /** Processes one packet in place. */
  Effect process(PacketBuffer packet);

  /** Every observation so far, oldest first. */
  List<Observation> observed();

  /**
   * What processing did besides writing fields: whether the NF drops the packet, and its header
   * change (already applied to the buffer it processed).
   */
  record Effect(boolean dropped, HeaderChange header) {}

  /** The {@link DeterministicNf} for {@code nf}, following {@link GraphNf#profile()}. */
  static NfModel deterministic(GraphNf nf) {
    return new DeterministicNf(nf.id(), nf.profile(), DeterministicNf.seedFor(nf.id()));
  }
}
