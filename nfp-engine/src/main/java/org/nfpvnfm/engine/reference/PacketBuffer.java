package org.nfpvnfm.engine.reference;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.nfpvnfm.tosca.nfp.PacketField;

/**
 * A packet buffer as an NF sees it: mutable, and possibly shared. Several NFs may hold the same
 * buffer (a {@code SHARED} hop), and a header-only copy has its own headers and header stack but
 * the same payload cell as the buffer it was copied from, so a payload write through either is seen
 * by both, as in a real dataplane.
 */
public final class PacketBuffer {

  /** The payload lives in its own object so that header-only copies can share it. */
  private static final class PayloadCell {
    private long value;

    PayloadCell(long value) {
      this.value = value;
    }
  }

  private final long[] headers;
  private final PayloadCell payload;
  private final ArrayList<Long> stack;

  private PacketBuffer(long[] headers, PayloadCell payload, List<Long> stack) {
    this.headers = headers;
    this.payload = payload;
    this.stack = new ArrayList<>(stack);
  }

  /** A fresh buffer holding {@code packet}. */
  public static PacketBuffer of(Packet packet) {
    long[] h = new long[Packet.HEADER_FIELDS.size()];
    for (int i = 0; i < h.length; i++) {
      h[i] = packet.headers().get(i);
    }
    return new PacketBuffer(h, new PayloadCell(packet.payload()), packet.stack());
  }

  /** New headers and header stack; the payload cell is shared with this buffer. */
  public PacketBuffer headerCopy() {
    return new PacketBuffer(headers.clone(), payload, stack);
  }

  /** An independent copy of everything. */
  public PacketBuffer fullCopy() {
    return new PacketBuffer(headers.clone(), new PayloadCell(payload.value), stack);
  }

  /** True when a payload write through either buffer is seen through the other. */
  public boolean sharesPayloadWith(PacketBuffer other) {
    return payload == other.payload;
  }

  public long get(PacketField field) {
    return field == PacketField.PAYLOAD ? payload.value : headers[Packet.headerIndex(field)];
  }

  public void set(PacketField field, long value) {
    if (field == PacketField.PAYLOAD) {
      payload.value = value;
    } else {
      headers[Packet.headerIndex(field)] = value;
    }
  }

  /** The header stack, outermost last; a read-only view. */
  public List<Long> stack() {
    return Collections.unmodifiableList(stack);
  }

  public void push(long header) {
    stack.add(header);
  }

  /** Removes the outermost header; false (and nothing happens) when there is none. */
  public boolean pop() {
    if (stack.isEmpty()) {
      return false;
    }
    stack.removeLast();
    return true;
  }

  public void replaceStack(List<Long> headers) {
    stack.clear();
    stack.addAll(headers);
  }

  /** The buffer's contents now, as a value. */
  public Packet snapshot() {
    List<Long> h = new ArrayList<>(headers.length);
    for (long v : headers) {
      h.add(v);
    }
    return new Packet(h, payload.value, stack);
  }

  @Override
  public String toString() {
    return snapshot().toString();
  }
}
