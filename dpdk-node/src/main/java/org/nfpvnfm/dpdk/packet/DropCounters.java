package org.nfpvnfm.dpdk.packet;

/**
 * Frames counted by {@link ParseStatus}, in a plain array indexed by ordinal: one instance per
 * core, one writer (the core's runtime), so no atomics. A reader on another thread sees values that
 * may lag; they are statistics, not control state.
 */
public final class DropCounters {

  private static final ParseStatus[] STATUSES = ParseStatus.values();

  private final long[] counts = new long[STATUSES.length];

  /** Counts one frame with {@code status}. */
  public void count(ParseStatus status) {
    counts[status.ordinal()]++;
  }

  /** Counts {@code n} frames with {@code status} (a burst's worth). */
  public void add(ParseStatus status, long n) {
    if (n < 0) {
      throw new IllegalArgumentException("n: " + n + " (expected: n >= 0)");
    }
    counts[status.ordinal()] += n;
  }

  /** The frames counted with {@code status}. */
  public long get(ParseStatus status) {
    return counts[status.ordinal()];
  }

  /** The frames counted with a malformed status (the parser's drops). */
  public long malformed() {
    long sum = 0;
    for (ParseStatus s : STATUSES) {
      if (s.isMalformed()) {
        sum += counts[s.ordinal()];
      }
    }
    return sum;
  }

  /** Every frame counted. */
  public long total() {
    long sum = 0;
    for (long c : counts) {
      sum += c;
    }
    return sum;
  }

  /** Adds {@code other}'s counts to this one's (to sum the per-core counters for a report). */
  public void addAll(DropCounters other) {
    for (int i = 0; i < counts.length; i++) {
      counts[i] += other.counts[i];
    }
  }

  public void reset() {
    java.util.Arrays.fill(counts, 0);
  }

  /** The non-zero counts, {@code NAME=count} separated by commas (allocates: for reports only). */
  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder("DropCounters[");
    String sep = "";
    for (ParseStatus s : STATUSES) {
      long c = counts[s.ordinal()];
      if (c != 0) {
        sb.append(sep).append(s.name()).append('=').append(c);
        sep = ", ";
      }
    }
    return sb.append(']').toString();
  }
}
