package org.nfpvnfm.engine.reference;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.nfpvnfm.engine.GraphNf;
import org.nfpvnfm.engine.ServiceGraph;
import org.nfpvnfm.tosca.nfp.PacketField;

/** The reference chain, step by step: see {@link ReferenceInterpreter#sequential}. */
final class SequentialInterpreter implements ReferenceInterpreter {

  private final ServiceGraph graph;
  private final List<NfModel> models;
  private final List<String> trace = new ArrayList<>();

  SequentialInterpreter(ServiceGraph graph, Function<GraphNf, NfModel> factory) {
    this.graph = graph;
    this.models = Models.make(graph, factory);
  }

  @Override
  public ServiceGraph graph() {
    return graph;
  }

  @Override
  public NfModel model(int nf) {
    return models.get(nf);
  }

  @Override
  public List<String> trace() {
    return List.copyOf(trace);
  }

  @Override
  public Outcome run(Packet packet) {
    trace.clear();
    trace.add("in " + packet);
    Packet current = packet;
    for (List<Integer> step : graph.referenceChain()) {
      Packet input = current;
      List<PacketBuffer> outputs = new ArrayList<>(step.size());
      List<NfModel.Effect> effects = new ArrayList<>(step.size());
      for (int nf : step) {
        PacketBuffer own = PacketBuffer.of(input);
        NfModel.Effect effect = models.get(nf).process(own);
        outputs.add(own);
        effects.add(effect);
        trace.add(Models.describe(graph, nf, effect, own));
      }
      if (dropped(step, effects)) {
        trace.add("dropped in step " + step);
        return Outcome.dropped();
      }
      current = combine(input, step, outputs, effects);
    }
    trace.add("out " + current);
    return Outcome.egress(current);
  }

  /**
   * Dropped when a member dropped and not every dropping member is overruled by one that may drop,
   * did not, and has priority over it.
   */
  private boolean dropped(List<Integer> step, List<NfModel.Effect> effects) {
    for (int i = 0; i < step.size(); i++) {
      if (effects.get(i).dropped() && !overruled(step.get(i), step, effects)) {
        return true;
      }
    }
    return false;
  }

  private boolean overruled(int dropper, List<Integer> step, List<NfModel.Effect> effects) {
    for (int j = 0; j < step.size(); j++) {
      GraphNf w = graph.nf(step.get(j));
      if (w.profile().mayDrop()
          && !effects.get(j).dropped()
          && w.priorityOver().contains(dropper)) {
        return true;
      }
    }
    return false;
  }

  private Packet combine(
      Packet input, List<Integer> step, List<PacketBuffer> outputs, List<NfModel.Effect> effects) {
    if (step.size() == 1) {
      // One NF processed the input itself: its buffer is the output, whatever it wrote.
      return outputs.getFirst().snapshot();
    }
    PacketBuffer out = PacketBuffer.of(input);
    for (int i = 0; i < step.size(); i++) {
      // Later members have higher precedence: their writes land last.
      for (PacketField f : models.get(step.get(i)).profile().writes()) {
        out.set(f, outputs.get(i).get(f));
      }
    }
    List<Long> stack = new ArrayList<>(input.stack());
    for (NfModel.Effect e : effects) {
      e.header().applyTo(stack);
    }
    out.replaceStack(stack);
    return out.snapshot();
  }
}
