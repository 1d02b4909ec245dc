package dev.provenance.core.internal.digest;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Runs pieces of work on an executor with the calling thread taking part. A piece that no worker
 * has started yet when the caller gets to it is run by the caller itself, so progress never
 * depends on a free executor thread: a saturated, single-threaded or shut-down executor gives
 * sequential execution instead of a deadlock. Waits are bounded by the work itself, which always
 * terminates, so they are not interruptible; an interrupt is kept for the caller.
 */
public final class Parallel {
  private Parallel() {}

  /** A piece of work. */
  @FunctionalInterface
  public interface Work {
    /**
     * Does the work.
     *
     * @throws Exception any failure, reported to the caller of {@link Parallel#runAll}
     */
    void run() throws Exception;
  }

  /**
   * Returns how many threads of {@code executor} may usefully work next to the caller.
   *
   * @param executor the executor
   * @return the number of helpers, at least 0
   */
  public static int helpers(Executor executor) {
    if (executor instanceof ForkJoinPool) {
      return ((ForkJoinPool) executor).getParallelism();
    }
    return Math.max(0, Runtime.getRuntime().availableProcessors() - 1);
  }

  /**
   * Runs every piece, the first in the calling thread and the others offered to the executor, and
   * returns when all have finished.
   *
   * @param executor where the other pieces may run
   * @param work the pieces
   * @throws Exception the failure of the lowest-indexed piece that failed, after all finished (an
   *     {@link Error} or unchecked exception of a piece is rethrown as is)
   */
  public static void runAll(Executor executor, List<? extends Work> work) throws Exception {
    // The caller starts on the first piece at once instead of queueing it.
    start(executor, work, 1).finish();
  }

  private static void rethrowFirst(List<Claimable> pieces) throws Exception {
    for (Claimable c : pieces) {
      Throwable t = c.failure;
      if (t instanceof Error) {
        throw (Error) t;
      }
      if (t instanceof Exception) {
        throw (Exception) t;
      }
    }
  }

  private static void offer(Executor executor, Claimable c) {
    try {
      executor.execute(c);
    } catch (RejectedExecutionException e) {
      // The caller runs the piece itself.
    }
  }

  /**
   * Starts pieces on the executor, to be finished with {@link Batch#finish()}; the caller can do
   * other work (read the next buffer) in between.
   *
   * @param executor where the pieces may run
   * @param work the pieces
   * @return the running batch
   */
  public static Batch start(Executor executor, List<? extends Work> work) {
    return start(executor, work, 0);
  }

  private static Batch start(Executor executor, List<? extends Work> work, int firstOffered) {
    List<Claimable> pieces = new ArrayList<>(work.size());
    for (Work w : work) {
      pieces.add(new Claimable(w));
    }
    for (int i = firstOffered; i < pieces.size(); i++) {
      offer(executor, pieces.get(i));
    }
    return new Batch(pieces);
  }

  /** Pieces started by {@link #start}. Used by one thread. */
  public static final class Batch {
    private final List<Claimable> pieces;

    private Batch(List<Claimable> pieces) {
      this.pieces = pieces;
    }

    /**
     * Runs the pieces no worker has started and waits for the others.
     *
     * @throws Exception the failure of the lowest-indexed piece that failed
     */
    public void finish() throws Exception {
      for (Claimable c : pieces) {
        c.run();
      }
      boolean interrupted = false;
      for (Claimable c : pieces) {
        interrupted |= c.awaitUninterruptibly();
      }
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
      rethrowFirst(pieces);
    }
  }

  private static final class Claimable implements Runnable {
    private final Work work;
    private final AtomicBoolean claimed = new AtomicBoolean();
    private final CountDownLatch done = new CountDownLatch(1);
    // Written before done.countDown(), read after done.await(): the latch orders the accesses.
    private Throwable failure;

    Claimable(Work work) {
      this.work = work;
    }

    @Override
    public void run() {
      if (!claimed.compareAndSet(false, true)) {
        return;
      }
      try {
        work.run();
      } catch (Exception | Error e) {
        failure = e;
      } finally {
        done.countDown();
      }
    }

    boolean awaitUninterruptibly() {
      boolean interrupted = false;
      while (true) {
        try {
          done.await();
          return interrupted;
        } catch (InterruptedException e) {
          interrupted = true;
        }
      }
    }
  }
}
