package org.nfpvnfm.engine.reference;

import java.util.List;
import java.util.Set;
import org.nfpvnfm.tosca.nfp.ActionProfile;

/** A {@link DeterministicNf} whose drops follow a script: it drops the n-th packet it sees. */
final class ScriptedNf implements NfModel {
  private final DeterministicNf inner;
  private final Set<Integer> dropAt;
  private int seen;

  ScriptedNf(int id, ActionProfile profile, Set<Integer> dropAt) {
    this.inner = new DeterministicNf(id, profile, DeterministicNf.seedFor(id));
    this.dropAt = Set.copyOf(dropAt);
  }

  @Override
  public int id() {
    return inner.id();
  }

  @Override
  public ActionProfile profile() {
    return inner.profile();
  }

  @Override
  public Effect process(PacketBuffer packet) {
    Effect e = inner.process(packet);
    return new Effect(dropAt.contains(seen++), e.header());
  }

  @Override
  public List<Observation> observed() {
    return inner.observed();
  }
}
