package org.nfpvnfm.engine;

import java.util.List;
import org.jspecify.annotations.Nullable;
import org.nfpvnfm.tosca.SourceLocation;
import org.nfpvnfm.tosca.nfp.PacketField;

/**
 * One row of the merge table: how the merger of one parallel block turns the versions of a packet
 * into one packet.
 *
 * <p>The merger waits for {@code versions().size()} versions (each arrives processed or marked
 * dropped). If {@link #drop()} says the packet is dropped, every version is freed. Otherwise the
 * output is version {@code output}'s buffer; each field in {@link #fields()} whose owner is on
 * another buffer is copied from the owner's buffer ({@link FieldOwner#copy()}); when {@link
 * #headerOps()} is not empty, the header additions and removals are replayed on the output in that
 * order, starting from the headers the packet had when the block began; the other buffers are
 * released; then the hops in {@link #next()} are performed.
 *
 * @param parentMerge the merger the output goes to next, or -1
 * @param parentVersion its version number there, or -1
 */
public record MergeEntry(
    int id,
    List<Version> versions,
    int output,
    List<FieldOwner> fields,
    List<HeaderOp> headerOps,
    DropRule drop,
    int parentMerge,
    int parentVersion,
    List<Hop> next) {

  public MergeEntry {
    versions = List.copyOf(versions);
    fields = List.copyOf(fields);
    headerOps = List.copyOf(headerOps);
    next = List.copyOf(next);
  }

  /**
   * One version the merger expects: made from a copy of kind {@code copy} on buffer {@code buffer},
   * processed by {@code nfs} (the branch's NFs, in order), sent by {@code from}.
   */
  public record Version(int version, int buffer, CopyKind copy, List<Integer> nfs, Endpoint from) {
    public Version {
      nfs = List.copyOf(nfs);
    }
  }

  /**
   * Which version supplies a field written in the block. {@code nf} is the NF whose value survives:
   * the last writer in the reference chain, or among NFs run together the one with priority. {@code
   * losers} are the other NFs that wrote it. {@code copy} is true when the owner's buffer is not
   * the output buffer, so the merger must copy the value.
   */
  public record FieldOwner(
      PacketField field,
      int version,
      int nf,
      List<Integer> losers,
      OwnerReason reason,
      @Nullable SourceLocation rule,
      boolean copy) {
    public FieldOwner {
      losers = List.copyOf(losers);
    }
  }

  /** Why a version owns a field. */
  public enum OwnerReason {
    /** The only NF of the block that writes it. */
    ONLY_WRITER,
    /** Several write it; the last in the reference chain wins, as in the sequential chain. */
    LAST_WRITER,
    /** NFs run together by priority both write it; the higher one wins. */
    PRIORITY
  }

  /** A header addition or removal of NF {@code nf}, found in version {@code version}'s log. */
  public record HeaderOp(int version, int nf) {}

  /**
   * How the versions' verdicts combine. The packet is dropped when an NF in {@code droppers}
   * dropped it, unless every NF that dropped it is overruled: an entry of {@code overrides} whose
   * {@code winner} let the packet pass overrules its {@code losers} (priority between NFs that may
   * both drop).
   */
  public record DropRule(List<Dropper> droppers, List<Override> overrides) {
    public DropRule {
      droppers = List.copyOf(droppers);
      overrides = List.copyOf(overrides);
    }

    public boolean neverDrops() {
      return droppers.isEmpty();
    }
  }

  /** An NF of the block that may drop, and the version it is in. */
  public record Dropper(int nf, int version) {}

  /** {@code priority(winner > loser)} between NFs that may both drop. */
  public record Override(int winner, List<Integer> losers, @Nullable SourceLocation rule) {
    public Override {
      losers = List.copyOf(losers);
    }
  }
}
