package org.nfpvnfm.engine.reference;

import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * What became of one packet: dropped, or sent out as {@code output}.
 *
 * @param output the packet sent to the egress, or null when the packet was dropped
 */
public record Outcome(@Nullable Packet output) {

  private static final Outcome DROPPED = new Outcome(null);

  public static Outcome dropped() {
    return DROPPED;
  }

  public static Outcome egress(Packet packet) {
    return new Outcome(packet);
  }

  public boolean isDropped() {
    return output == null;
  }

  public Optional<Packet> packet() {
    return Optional.ofNullable(output);
  }

  @Override
  public String toString() {
    return output == null ? "dropped" : "egress " + output;
  }
}
