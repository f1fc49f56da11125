package org.nfpvnfm.engine.reference;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.nfpvnfm.tosca.nfp.PacketField;

/**
 * An abstract packet, as an immutable value: one value per header field, a payload value, and the
 * stack of outer headers NFs push and pop (the last element is the outermost header).
 *
 * @param headers one value per {@link #HEADER_FIELDS} entry, in that order
 */
public record Packet(List<Long> headers, long payload, List<Long> stack) {

  /** Every {@link PacketField} but the payload, in declaration order. */
  public static final List<PacketField> HEADER_FIELDS =
      Arrays.stream(PacketField.values()).filter(PacketField::isHeader).toList();

  public Packet {
    if (headers.size() != HEADER_FIELDS.size()) {
      throw new IllegalArgumentException(
          "headers: %d values (expected: %d, one per header field)"
              .formatted(headers.size(), HEADER_FIELDS.size()));
    }
    headers = List.copyOf(headers);
    stack = List.copyOf(stack);
  }

  /** A packet with the given header values (absent fields are 0). */
  public static Packet of(Map<PacketField, Long> fields, long payload, List<Long> stack) {
    if (fields.containsKey(PacketField.PAYLOAD)) {
      throw new IllegalArgumentException("the payload is not a header field: pass it as payload");
    }
    List<Long> values = new ArrayList<>(HEADER_FIELDS.size());
    for (PacketField f : HEADER_FIELDS) {
      values.add(fields.getOrDefault(f, 0L));
    }
    return new Packet(values, payload, stack);
  }

  /** The value of {@code field}, the payload included. */
  public long get(PacketField field) {
    return field == PacketField.PAYLOAD ? payload : headers.get(headerIndex(field));
  }

  /** This packet with {@code field} (the payload included) set to {@code value}. */
  public Packet with(PacketField field, long value) {
    if (field == PacketField.PAYLOAD) {
      return new Packet(headers, value, stack);
    }
    List<Long> values = new ArrayList<>(headers);
    values.set(headerIndex(field), value);
    return new Packet(values, payload, stack);
  }

  static int headerIndex(PacketField field) {
    int i = HEADER_FIELDS.indexOf(field);
    if (i < 0) {
      throw new IllegalArgumentException(field + " is not a header field");
    }
    return i;
  }

  /** {@code {smac=1, dmac=2, ..., payload=7, stack=[3, 4]}}. */
  @Override
  public String toString() {
    StringBuilder b = new StringBuilder("{");
    for (int i = 0; i < HEADER_FIELDS.size(); i++) {
      b.append(HEADER_FIELDS.get(i).key()).append('=').append(headers.get(i)).append(", ");
    }
    return b.append("payload=")
        .append(payload)
        .append(", stack=")
        .append(stack)
        .append('}')
        .toString();
  }
}
