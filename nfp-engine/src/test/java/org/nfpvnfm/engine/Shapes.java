package org.nfpvnfm.engine;

import java.util.stream.Collectors;

/** A graph's shape in one line, with NF names: {@code VPN -> {MON | FW} -> LB}. */
final class Shapes {
  private Shapes() {}

  static String of(ServiceGraph g) {
    return of(g, g.root());
  }

  private static String of(ServiceGraph g, GraphNode node) {
    return switch (node) {
      case GraphNode.Nf nf -> g.nf(nf.nf()).name();
      case GraphNode.Series s ->
          s.parts().stream().map(p -> of(g, p)).collect(Collectors.joining(" -> "));
      case GraphNode.Parallel p ->
          p.branches().stream()
              .map(b -> b instanceof GraphNode.Series ? "(" + of(g, b) + ")" : of(g, b))
              .collect(Collectors.joining(" | ", "{", "}"));
    };
  }
}
