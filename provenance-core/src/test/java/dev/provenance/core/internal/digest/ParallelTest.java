package dev.provenance.core.internal.digest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ParallelTest {
  @Test
  void runAll_executorNeverRunsTasks_callerRunsEveryPieceOnce() throws Exception {
    List<Runnable> queued = new ArrayList<>();
    Executor blackHole = queued::add;
    AtomicInteger runs = new AtomicInteger();
    List<Parallel.Work> work = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      work.add(runs::incrementAndGet);
    }
    Parallel.runAll(blackHole, work);
    assertThat(runs).hasValue(5);
    assertThat(queued).hasSize(4);
    queued.forEach(Runnable::run); // a late worker finds every piece claimed
    assertThat(runs).hasValue(5);
  }

  @Test
  void runAll_realPool_runsEveryPieceOnce() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(3);
    try {
      ConcurrentLinkedQueue<Integer> done = new ConcurrentLinkedQueue<>();
      List<Parallel.Work> work = new ArrayList<>();
      for (int i = 0; i < 100; i++) {
        int n = i;
        work.add(() -> done.add(n));
      }
      Parallel.runAll(pool, work);
      assertThat(done).hasSize(100).doesNotHaveDuplicates();
    } finally {
      pool.shutdown();
    }
  }

  @Test
  void runAll_severalFailures_throwsLowestIndexFailure() {
    Executor direct = Runnable::run;
    List<Parallel.Work> work =
        List.of(
            () -> {},
            () -> {
              throw new IOException("first");
            },
            () -> {
              throw new IOException("second");
            });
    assertThatThrownBy(() -> Parallel.runAll(direct, work)).hasMessage("first");
  }

  @Test
  void runAll_interruptedCaller_waitsForWorkersAndKeepsInterrupt() throws Exception {
    ExecutorService pool = Executors.newSingleThreadExecutor();
    try {
      CountDownLatch workerStarted = new CountDownLatch(1);
      CountDownLatch release = new CountDownLatch(1);
      AtomicInteger runs = new AtomicInteger();
      Parallel.Work slow =
          () -> {
            workerStarted.countDown();
            release.await();
            runs.incrementAndGet();
          };
      Parallel.Work first =
          () -> {
            workerStarted.await(); // the pool thread holds the slow piece
            Thread.currentThread().interrupt();
            release.countDown();
            runs.incrementAndGet();
          };
      Parallel.runAll(pool, List.of(first, slow));
      assertThat(Thread.interrupted()).isTrue();
      assertThat(runs).hasValue(2);
    } finally {
      pool.shutdown();
    }
  }
}
