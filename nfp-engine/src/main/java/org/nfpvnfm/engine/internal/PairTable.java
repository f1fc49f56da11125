package org.nfpvnfm.engine.internal;

import java.util.ArrayList;
import java.util.List;
import org.nfpvnfm.engine.Action;
import org.nfpvnfm.engine.Conflict;
import org.nfpvnfm.engine.Relation;
import org.nfpvnfm.tosca.nfp.Access;
import org.nfpvnfm.tosca.nfp.ActionProfile;
import org.nfpvnfm.tosca.nfp.PacketField;

/**
 * The spec's §4 table: for {@code order(x, before, y)}, every pair of actions the two NFs take on
 * the same field (R, W), and A and D on the whole packet.
 *
 * <pre>
 *   x \ y |  R          W          A          D
 *   R     |  parallel   copy       copy       parallel
 *   W     |  SEQ        copy       copy       parallel
 *   A     |  SEQ        SEQ        copy       parallel
 *   D     |  SEQ        SEQ        SEQ        parallel
 * </pre>
 *
 * A is whole-packet: it meets every field the other NF reads or writes. One refinement, which does
 * not change a cell: every NF <em>sees</em> each packet that reaches it ({@link Action#SEE}), and
 * "D before an NF that sees the packet" is the D/R cell. Without it the table's D/D cell would let
 * an NF that keeps state about the packets it sees (a policer, a stateful firewall) see packets the
 * sequential chain drops before it, breaking the state half of the result-correctness principle. So
 * an NF that may drop is sequential before every NF; D/D parallelism needs {@code priority} or a
 * parallel position, where the operator asks for both to see every packet.
 */
public final class PairTable {

  private PairTable() {}

  /** The relation for x before y, on masks: the engine's inner loop. */
  static Relation relate(ProfileBits x, ProfileBits y) {
    if (x.drop() || (x.writes() & y.reads()) != 0 || (x.addRemove() && (y.touches()))) {
      return Relation.SEQUENTIAL;
    }
    if ((x.reads() & y.writes()) != 0
        || (x.writes() & y.writes()) != 0
        || (y.addRemove() && (x.touches() || x.addRemove()))) {
      return Relation.PARALLEL_WITH_COPY;
    }
    return Relation.PARALLEL;
  }

  /**
   * For NFs that see the same packet by the operator's choice (priority, parallel position): no
   * order, so only whether they can share one buffer. They cannot when one writes what the other
   * reads or writes, or one adds/removes headers while the other touches anything.
   */
  static Relation together(ProfileBits x, ProfileBits y) {
    boolean overlap =
        (x.writes() & (y.reads() | y.writes())) != 0
            || (y.writes() & x.reads()) != 0
            || (x.addRemove() && (y.touches() || y.addRemove()))
            || (y.addRemove() && x.touches());
    return overlap ? Relation.PARALLEL_WITH_COPY : Relation.PARALLEL;
  }

  /** The relation for x before y. */
  public static Relation relate(ActionProfile x, ActionProfile y) {
    return relate(ProfileBits.of(x), ProfileBits.of(y));
  }

  /**
   * The cells behind {@link #relate(ActionProfile, ActionProfile)}: every action pair whose cell is
   * "copy" or "not parallel", field by field, then the whole-packet ones.
   */
  public static List<Conflict> conflicts(ActionProfile x, ActionProfile y) {
    List<Conflict> out = new ArrayList<>();
    for (PacketField f : PacketField.values()) {
      Access a = x.access(f);
      Access b = y.access(f);
      if (a.writes() && b.reads()) {
        out.add(new Conflict(f, Action.WRITE, Action.READ, Relation.SEQUENTIAL));
      }
      if (a.reads() && b.writes()) {
        out.add(new Conflict(f, Action.READ, Action.WRITE, Relation.PARALLEL_WITH_COPY));
      }
      if (a.writes() && b.writes()) {
        out.add(new Conflict(f, Action.WRITE, Action.WRITE, Relation.PARALLEL_WITH_COPY));
      }
    }
    ProfileBits bx = ProfileBits.of(x);
    ProfileBits by = ProfileBits.of(y);
    if (bx.drop()) {
      out.add(new Conflict(null, Action.DROP, Action.SEE, Relation.SEQUENTIAL));
    }
    if (bx.addRemove() && by.reads() != 0) {
      out.add(new Conflict(null, Action.ADD_REMOVE, Action.READ, Relation.SEQUENTIAL));
    }
    if (bx.addRemove() && by.writes() != 0) {
      out.add(new Conflict(null, Action.ADD_REMOVE, Action.WRITE, Relation.SEQUENTIAL));
    }
    if (by.addRemove() && bx.reads() != 0) {
      out.add(new Conflict(null, Action.READ, Action.ADD_REMOVE, Relation.PARALLEL_WITH_COPY));
    }
    if (by.addRemove() && bx.writes() != 0) {
      out.add(new Conflict(null, Action.WRITE, Action.ADD_REMOVE, Relation.PARALLEL_WITH_COPY));
    }
    if (bx.addRemove() && by.addRemove()) {
      out.add(
          new Conflict(null, Action.ADD_REMOVE, Action.ADD_REMOVE, Relation.PARALLEL_WITH_COPY));
    }
    return out;
  }

  /** The overlapping accesses of two NFs run together (see {@link #together}). */
  static List<Conflict> togetherConflicts(ActionProfile x, ActionProfile y) {
    List<Conflict> out = new ArrayList<>();
    for (PacketField f : PacketField.values()) {
      Access a = x.access(f);
      Access b = y.access(f);
      if (a.writes() && b.writes()) {
        out.add(new Conflict(f, Action.WRITE, Action.WRITE, Relation.PARALLEL_WITH_COPY));
      }
      if (a.writes() && b.reads()) {
        out.add(new Conflict(f, Action.WRITE, Action.READ, Relation.PARALLEL_WITH_COPY));
      }
      if (a.reads() && b.writes()) {
        out.add(new Conflict(f, Action.READ, Action.WRITE, Relation.PARALLEL_WITH_COPY));
      }
    }
    ProfileBits bx = ProfileBits.of(x);
    ProfileBits by = ProfileBits.of(y);
    if (bx.addRemove() && by.addRemove()) {
      out.add(
          new Conflict(null, Action.ADD_REMOVE, Action.ADD_REMOVE, Relation.PARALLEL_WITH_COPY));
    } else if (bx.addRemove() && by.touches()) {
      out.add(new Conflict(null, Action.ADD_REMOVE, Action.READ, Relation.PARALLEL_WITH_COPY));
    } else if (by.addRemove() && bx.touches()) {
      out.add(new Conflict(null, Action.READ, Action.ADD_REMOVE, Relation.PARALLEL_WITH_COPY));
    }
    return out;
  }
}
