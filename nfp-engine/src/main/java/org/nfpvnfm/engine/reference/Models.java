package org.nfpvnfm.engine.reference;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.nfpvnfm.engine.GraphNf;
import org.nfpvnfm.engine.ServiceGraph;

/** Helpers both interpreters share. */
final class Models {
  private Models() {}

  static List<NfModel> make(ServiceGraph graph, Function<GraphNf, NfModel> factory) {
    List<NfModel> models = new ArrayList<>(graph.nfs().size());
    for (int i = 0; i < graph.nfs().size(); i++) {
      GraphNf nf = graph.nf(i);
      if (nf.id() != i) {
        throw new PlanException(
            "nf at index %d has id %d (expected: ids 0..n-1 in order)".formatted(i, nf.id()));
      }
      NfModel m = factory.apply(nf);
      if (m.id() != i) {
        throw new IllegalArgumentException(
            "the model made for nf %d has id %d".formatted(i, m.id()));
      }
      models.add(m);
    }
    return List.copyOf(models);
  }

  static String describe(ServiceGraph graph, int nf, NfModel.Effect effect, PacketBuffer after) {
    StringBuilder b = new StringBuilder(graph.nf(nf).name()).append(" (nf ").append(nf).append(")");
    if (effect.dropped()) {
      b.append(" DROPS");
    }
    if (effect.header().kind() != HeaderChange.Kind.NONE) {
      b.append(" header ").append(effect.header());
    }
    return b.append(" -> ").append(after).toString();
  }
}
