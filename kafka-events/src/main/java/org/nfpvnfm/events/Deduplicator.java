package org.nfpvnfm.events;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Remembers the last {@code capacity} event ids it was shown, so that an event delivered twice is
 * handled once. Kafka delivers at least once: the relay publishes again after a crash between
 * publishing and recording that it published, and a consumer group reads again what it had not
 * committed. Both repeat an event shortly after the first copy, so a bounded window of recent ids
 * catches them without growing for ever.
 *
 * <p>The window is least recently used: an id seen again counts as recent again. An id that has
 * left the window (more than {@code capacity} other ids since) is new again; so is every id after
 * the process restarts, since the window lives in memory only.
 *
 * <p>Not thread-safe: one consumer thread owns it.
 */
public final class Deduplicator {
  /** The window {@link EventConsumer} uses unless told otherwise. */
  public static final int DEFAULT_CAPACITY = 100_000;

  private final int capacity;
  private final LinkedHashMap<String, Boolean> recent;
  private long duplicates;

  /**
   * A window of the last {@code capacity} ids.
   *
   * @throws IllegalArgumentException when {@code capacity} is below 1
   */
  public Deduplicator(int capacity) {
    if (capacity < 1) {
      throw new IllegalArgumentException(
          "capacity is " + capacity + " (expected: 1 or more ids to remember)");
    }
    this.capacity = capacity;
    this.recent =
        new LinkedHashMap<>(16, 0.75f, true) {
          private static final long serialVersionUID = 1L;

          @Override
          protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
            return size() > Deduplicator.this.capacity;
          }
        };
  }

  /**
   * Whether {@code id} is new: {@code true} the first time (and remembers it), {@code false} when
   * it is in the window (and counts a duplicate).
   */
  public boolean firstSeen(String id) {
    if (recent.get(id) != null) {
      duplicates++;
      return false;
    }
    recent.put(id, Boolean.TRUE);
    return true;
  }

  /** Whether {@code id} is in the window, without counting or refreshing it. */
  public boolean contains(String id) {
    return recent.containsKey(id);
  }

  /** How many calls to {@link #firstSeen} answered {@code false}. */
  public long duplicates() {
    return duplicates;
  }

  /** How many ids the window holds now (at most {@link #capacity()}). */
  public int size() {
    return recent.size();
  }

  public int capacity() {
    return capacity;
  }
}
