package org.nfpvnfm.engine;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.util.List;

/**
 * A service graph's shape: a series-parallel tree. A packet goes through the parts of a {@link
 * Series} one after another; every branch of a {@link Parallel} gets the packet (shared or copied,
 * see {@link ServiceGraph#buffers()}) and the branches' versions meet at the block's merger.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
  @JsonSubTypes.Type(value = GraphNode.Nf.class, name = "nf"),
  @JsonSubTypes.Type(value = GraphNode.Series.class, name = "series"),
  @JsonSubTypes.Type(value = GraphNode.Parallel.class, name = "parallel")
})
public sealed interface GraphNode {

  /** One NF, by id. */
  record Nf(int nf) implements GraphNode {}

  /** Two or more parts in sequence. */
  record Series(List<GraphNode> parts) implements GraphNode {
    public Series {
      parts = List.copyOf(parts);
    }
  }

  /**
   * Two or more branches at the same time; {@code merge} is the id of the merge-table entry that
   * joins them, and branch {@code i} delivers version {@code i} to it.
   */
  record Parallel(int merge, List<GraphNode> branches) implements GraphNode {
    public Parallel {
      branches = List.copyOf(branches);
    }
  }
}
