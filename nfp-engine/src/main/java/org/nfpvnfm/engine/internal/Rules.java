package org.nfpvnfm.engine.internal;

import java.util.Locale;
import org.nfpvnfm.tosca.nfp.NfpRule;

/** Rules written the way the spec writes them, for messages. */
final class Rules {
  private Rules() {}

  static String describe(NfpRule r) {
    return switch (r) {
      case NfpRule.Assign a -> "assign(%s, %d)".formatted(a.nf(), a.index());
      case NfpRule.Order o -> "order(%s, before, %s)".formatted(o.before(), o.after());
      case NfpRule.Priority p -> "priority(%s > %s)".formatted(p.higher(), p.lower());
      case NfpRule.Position p ->
          "position(%s, %s)".formatted(p.nf(), p.placement().name().toLowerCase(Locale.ROOT));
      case NfpRule.Parallel p -> "parallel(" + String.join(", ", p.nfs()) + ")";
    };
  }

  static String describeAt(NfpRule r) {
    return describe(r) + " at " + r.origin();
  }

  /** The NF a position rule pins (or the first NF a rule names). */
  static String nameOf(NfpRule r) {
    return r.nfs().get(0);
  }
}
