package org.nfpvnfm.engine.reference;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.nfpvnfm.tosca.nfp.ActionProfile;
import org.nfpvnfm.tosca.nfp.PacketField;

/**
 * An NF that does exactly what its action profile says, deterministically from what it reads and
 * its own state, and nothing else.
 *
 * <p>On each packet it observes the fields it reads, and the header stack when it reads or writes
 * any field: a header added or removed in front of a field moves it, so what a reader finds and
 * where a writer's value lands both depend on the headers (which is why the spec's §4 table makes A
 * before R or W sequential, and R or W before A a copy). An NF that only adds or removes headers
 * does not look at the stack: A with A may run in parallel on copies. Then its state becomes a hash
 * of its old state and that observation: it changes on every packet it sees, even when it reads
 * nothing, since seeing a packet is an input. From the new state and the observation it derives, by
 * hashing: a value for every field it writes; when the profile may drop, a drop in about one packet
 * in four; when it adds or removes headers, a push of a new header or a pop, about half each.
 * Everything is computed and applied whatever the verdict: a dropping NF still leaves its writes in
 * its buffer, which only matters where a priority rule overrules the drop. It never looks at a
 * field it does not read.
 */
public final class DeterministicNf implements NfModel {

  private static final long DROP_SALT = 0x44524f50L;
  private static final long HEADER_SALT = 0x48445253L;

  private final int id;
  private final ActionProfile profile;
  private final long seed;
  private final List<PacketField> reads;
  private final List<PacketField> writes;
  private final List<Observation> observed = new ArrayList<>();
  private long state;

  public DeterministicNf(int id, ActionProfile profile, long seed) {
    this.id = id;
    this.profile = profile;
    this.seed = seed;
    this.reads = List.copyOf(profile.reads());
    this.writes = List.copyOf(profile.writes());
    this.state = seed;
  }

  /** The seed {@link NfModel#deterministic} gives NF {@code id}: distinct NFs, distinct values. */
  public static long seedFor(int id) {
    return Hash.of(0x4e4650L, id);
  }

  @Override
  public int id() {
    return id;
  }

  @Override
  public ActionProfile profile() {
    return profile;
  }

  @Override
  public Effect process(PacketBuffer packet) {
    Map<PacketField, Long> seen = new EnumMap<>(PacketField.class);
    for (PacketField f : reads) {
      seen.put(f, packet.get(f));
    }
    @Nullable List<Long> stack =
        reads.isEmpty() && writes.isEmpty() ? null : List.copyOf(packet.stack());
    Observation observation = new Observation(seen, stack);
    observed.add(observation);

    long input = fingerprint(observation);
    state = Hash.of(state, input);
    for (PacketField f : writes) {
      packet.set(f, small(Hash.of(seed, state, input, f.ordinal())));
    }
    boolean dropped =
        profile.mayDrop() && Math.floorMod(Hash.of(seed, state, input, DROP_SALT), 4) == 0;
    HeaderChange header = HeaderChange.NONE;
    if (profile.addsOrRemovesHeader()) {
      long h = Hash.of(seed, state, input, HEADER_SALT);
      header = (h & 1) == 0 ? HeaderChange.push(small(h >>> 1)) : HeaderChange.POP;
      header.applyTo(packet);
    }
    return new Effect(dropped, header);
  }

  @Override
  public List<Observation> observed() {
    return Collections.unmodifiableList(observed);
  }

  /**
   * Nine digits: short enough to read in a failure report, and a written value still equals the one
   * it replaces only once in a billion.
   */
  private static long small(long hash) {
    return Math.floorMod(hash, 1_000_000_000L);
  }

  /** Mixes every value the NF saw, which field it was included, into one number. */
  private static long fingerprint(Observation o) {
    long h = 0x4f425356L;
    for (Map.Entry<PacketField, Long> e : o.fields().entrySet()) {
      h = Hash.of(h, e.getKey().ordinal(), e.getValue());
    }
    List<Long> stack = o.stack();
    if (stack != null) {
      h = Hash.of(h, -1, stack.size());
      for (long header : stack) {
        h = Hash.of(h, header);
      }
    }
    return h;
  }

  @Override
  public String toString() {
    return "nf " + id + " (" + profile.name() + ")";
  }

  /** A 64-bit mixing hash; any good mixer would do, the values only need to be spread out. */
  static final class Hash {
    private Hash() {}

    static long of(long... values) {
      long h = 0x6a09e667f3bcc909L;
      for (long v : values) {
        h = mix(h ^ mix(v + 0x9e3779b97f4a7c15L));
      }
      return h;
    }

    private static long mix(long z) {
      z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
      z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
      return z ^ (z >>> 31);
    }
  }
}
