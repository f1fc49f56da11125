package org.nfpvnfm.engine;

/**
 * Where a packet version is handed: the classifier, an NF runtime, a merger, or the egress port.
 */
public record Endpoint(Kind kind, int id) {

  public enum Kind {
    CLASSIFIER,
    NF,
    MERGER,
    EGRESS
  }

  public static final Endpoint CLASSIFIER = new Endpoint(Kind.CLASSIFIER, 0);
  public static final Endpoint EGRESS = new Endpoint(Kind.EGRESS, 0);

  public static Endpoint nf(int id) {
    return new Endpoint(Kind.NF, id);
  }

  public static Endpoint merger(int id) {
    return new Endpoint(Kind.MERGER, id);
  }

  /** {@code classifier}, {@code nf 3}, {@code merger 0}, {@code egress}. */
  @Override
  public String toString() {
    return switch (kind) {
      case CLASSIFIER -> "classifier";
      case EGRESS -> "egress";
      case NF -> "nf " + id;
      case MERGER -> "merger " + id;
    };
  }
}
