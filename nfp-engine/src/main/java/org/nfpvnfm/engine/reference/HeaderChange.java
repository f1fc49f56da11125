package org.nfpvnfm.engine.reference;

import java.util.List;

/**
 * What an NF did to the header stack for one packet: nothing, pushed a header, or popped the
 * outermost one (a pop on an empty stack does nothing, wherever it is replayed).
 *
 * @param header the pushed header (0 unless {@link Kind#PUSH})
 */
public record HeaderChange(Kind kind, long header) {

  public enum Kind {
    NONE,
    PUSH,
    POP
  }

  public static final HeaderChange NONE = new HeaderChange(Kind.NONE, 0);
  public static final HeaderChange POP = new HeaderChange(Kind.POP, 0);

  public static HeaderChange push(long header) {
    return new HeaderChange(Kind.PUSH, header);
  }

  public void applyTo(PacketBuffer buffer) {
    switch (kind) {
      case NONE -> {}
      case PUSH -> buffer.push(header);
      case POP -> buffer.pop();
    }
  }

  public void applyTo(List<Long> stack) {
    switch (kind) {
      case NONE -> {}
      case PUSH -> stack.add(header);
      case POP -> {
        if (!stack.isEmpty()) {
          stack.removeLast();
        }
      }
    }
  }

  @Override
  public String toString() {
    return switch (kind) {
      case NONE -> "none";
      case PUSH -> "push " + header;
      case POP -> "pop";
    };
  }
}
