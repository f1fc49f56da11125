package org.nfpvnfm.dpdk.node;

import java.util.Arrays;
import java.util.List;
import java.util.concurrent.locks.LockSupport;
import org.jspecify.annotations.Nullable;
import org.nfpvnfm.dpdk.Eal;

/**
 * One worker core: a platform thread registered with DPDK (its own lcore id, so the mempools'
 * per-core caches work for it) that polls its tasks in a loop. The task list is swapped whole by
 * the node ({@link #addTask}, {@link #removeTasks}); the loop reads it once per round, and {@link
 * #loops()} lets the node wait until a round began after a swap, after which no removed task runs
 * any more.
 */
final class Worker {

  private final int index;
  private final Eal eal;
  private final NodeConfig.Idle idle;
  private final Thread thread;
  private volatile Task[] tasks = new Task[0];
  private volatile boolean running = true;
  private volatile int lcore = -1;
  private volatile int cpu = -1;
  private final int pinTo;
  private final Counter loops = new Counter();
  private final Counter taskFailures = new Counter();
  private volatile @Nullable String current;
  private volatile long currentSince;
  private volatile @Nullable Throwable lastFailure;

  /** {@code pinTo}: the CPU index to pin to ({@link Eal#pinThread}), or -1 for any of them. */
  Worker(int index, Eal eal, NodeConfig.Idle idle, int pinTo) {
    this.index = index;
    this.pinTo = pinTo;
    this.eal = eal;
    this.idle = idle;
    this.thread = Thread.ofPlatform().name("nfp-worker-" + index).daemon().unstarted(this::run);
  }

  void start() {
    thread.start();
  }

  int index() {
    return index;
  }

  int lcore() {
    return lcore;
  }

  /** The CPU the worker is pinned to, or -1 (any of the process's). */
  int cpu() {
    return cpu;
  }

  List<Task> tasks() {
    return List.of(tasks);
  }

  void addTask(Task task) {
    Task[] now = tasks;
    Task[] more = Arrays.copyOf(now, now.length + 1);
    more[now.length] = task;
    tasks = more;
  }

  void removeTasks(List<? extends Task> gone) {
    tasks = Arrays.stream(tasks).filter(t -> !gone.contains(t)).toArray(Task[]::new);
  }

  long loops() {
    return loops.get();
  }

  long taskFailures() {
    return taskFailures.get();
  }

  @Nullable Throwable lastFailure() {
    return lastFailure;
  }

  /** The task this worker has been in since {@link #busySince()}, or null between tasks. */
  @Nullable String busyIn() {
    return current;
  }

  long busySince() {
    return currentSince;
  }

  private void run() {
    // Before registering, so that DPDK records the lcore's real CPU set.
    cpu = eal.pinThread(pinTo);
    lcore = eal.registerThread();
    try {
      int idleRounds = 0;
      while (running) {
        Task[] ts = tasks;
        int work = 0;
        long now = System.nanoTime();
        for (Task t : ts) {
          current = t.name();
          currentSince = now;
          try {
            work += t.poll(now);
          } catch (RuntimeException | LinkageError | AssertionError e) {
            // A task bug must not stop the core: the other tasks on it still forward.
            taskFailures.increment();
            lastFailure = e;
          }
        }
        current = null;
        loops.increment();
        if (work > 0) {
          idleRounds = 0;
        } else {
          idle(++idleRounds);
        }
      }
    } finally {
      eal.unregisterThread();
    }
  }

  private void idle(int rounds) {
    if (idle == NodeConfig.Idle.SPIN || rounds < 64) {
      Thread.onSpinWait();
    } else if (rounds < 128) {
      Thread.yield();
    } else {
      LockSupport.parkNanos(20_000);
    }
  }

  /** Stops the loop and waits for the thread; true when it ended in time. */
  boolean stop(long timeoutMillis) throws InterruptedException {
    running = false;
    thread.join(timeoutMillis);
    return !thread.isAlive();
  }
}
