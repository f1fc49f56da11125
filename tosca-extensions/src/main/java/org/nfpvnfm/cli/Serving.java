package org.nfpvnfm.cli;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * How a command that serves ({@code nfp node}, {@code nfp serve}) waits to be stopped: until the
 * JVM shuts down (Ctrl-C, SIGTERM), whose hook then waits for the service to close so that it can
 * drain, or until the command's thread is interrupted (a test running the command).
 */
public final class Serving {
  private Serving() {}

  /**
   * Blocks until asked to stop, then closes {@code service}. A shutdown waits up to {@code
   * closeTimeout} for the close; an interrupt is restored once the close is done, which it must not
   * cut short.
   */
  public static void untilStopped(AutoCloseable service, String name, Duration closeTimeout)
      throws Exception {
    CountDownLatch stop = new CountDownLatch(1);
    CountDownLatch closed = new CountDownLatch(1);
    Thread hook =
        new Thread(
            () -> {
              stop.countDown();
              try {
                closed.await(closeTimeout.toMillis(), TimeUnit.MILLISECONDS);
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            },
            name + "-shutdown");
    Runtime.getRuntime().addShutdownHook(hook);
    boolean interrupted = false;
    try {
      stop.await();
    } catch (InterruptedException e) {
      interrupted = true;
    } finally {
      try {
        service.close();
      } finally {
        closed.countDown();
        try {
          Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
          // The JVM is shutting down already: the hook is what woke us.
        }
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }
}
