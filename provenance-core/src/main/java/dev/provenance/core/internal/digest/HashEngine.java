package dev.provenance.core.internal.digest;

import dev.provenance.api.ErrorCode;
import dev.provenance.api.MalformedInputException;
import dev.provenance.api.internal.ProvenanceBugException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * Computes several digests in one pass over bytes, files and streams. With more than one function
 * and a helper thread available, each function runs in its own thread over the same memory (the
 * same mapped file windows, or the same stream buffer), so the time is that of the slowest
 * function instead of the sum. Immutable and thread-safe.
 */
public final class HashEngine {
  /**
   * Files at least this large are memory-mapped; smaller ones are read. Mapping saves a copy but
   * costs a system call and a mapping that lives until the next garbage collection, which does not
   * pay off for small files.
   */
  static final int MAP_THRESHOLD = 4 << 20;

  /** Read buffer for files below {@link #MAP_THRESHOLD}. */
  static final int READ_BUFFER = 1 << 20;

  /**
   * Size of one mapped window. Windows are unmapped by the garbage collector (Java 17 has no
   * supported explicit unmap), so a window is big enough to keep mapping calls rare and small
   * enough to never map a huge file at once.
   */
  static final long WINDOW = 64L << 20;

  /**
   * Slice handed to each function in turn when several run in one thread: small enough to stay in
   * the L2 cache between functions.
   */
  static final int SLICE = 256 << 10;

  /** Buffer for streams; two are used when functions run in parallel (read one, hash the other). */
  static final int STREAM_BUFFER = 1 << 20;

  /** Mapped files at least this large get a page prefetcher when one function runs alone. */
  static final long PREFETCH_THRESHOLD = 8 << 20;

  /** Byte arrays at least this large are hashed with one thread per function. */
  static final int PARALLEL_BYTES_THRESHOLD = 4 << 20;

  private final List<HashFunction> functions;
  private final Executor executor;
  private final boolean canParallelize;
  private final long mapThreshold;
  private final long window;
  private final long prefetchThreshold;

  /**
   * Creates the engine.
   *
   * @param functions the digests to compute, in result order
   * @param executor where helper threads come from
   */
  public HashEngine(List<HashFunction> functions, Executor executor) {
    this(functions, executor, MAP_THRESHOLD, WINDOW, PREFETCH_THRESHOLD);
  }

  /** Creates an engine with other mapping sizes, so tests can cross window boundaries cheaply. */
  HashEngine(
      List<HashFunction> functions,
      Executor executor,
      long mapThreshold,
      long window,
      long prefetchThreshold) {
    this.functions = List.copyOf(functions);
    this.executor = executor;
    this.canParallelize = this.functions.size() > 1 && Parallel.helpers(executor) > 0;
    this.mapThreshold = mapThreshold;
    this.window = window;
    this.prefetchThreshold = prefetchThreshold;
  }

  /**
   * Returns the functions, in result order.
   *
   * @return the functions
   */
  public List<HashFunction> functions() {
    return functions;
  }

  /**
   * Hashes bytes held in memory.
   *
   * @param data the bytes
   * @return the digests
   */
  public HashResult hash(byte[] data) {
    int k = functions.size();
    byte[][] out = new byte[k][];
    if (canParallelize && data.length >= PARALLEL_BYTES_THRESHOLD) {
      List<Parallel.Work> work = new ArrayList<>(k);
      for (int i = 0; i < k; i++) {
        int f = i;
        work.add(() -> out[f] = finish(functions.get(f).start(data.length), data));
      }
      try {
        Parallel.runAll(executor, work);
      } catch (RuntimeException | Error e) {
        throw e;
      } catch (Exception e) {
        throw new ProvenanceBugException("hashing bytes cannot fail", e);
      }
    } else {
      for (int i = 0; i < k; i++) {
        out[i] = finish(functions.get(i).start(data.length), data);
      }
    }
    return new HashResult(data.length, out);
  }

  private MessageDigest[] start(long size) {
    MessageDigest[] mds = new MessageDigest[functions.size()];
    for (int i = 0; i < mds.length; i++) {
      mds[i] = functions.get(i).start(size);
    }
    return mds;
  }

  private static byte[][] finish(MessageDigest[] mds) {
    byte[][] out = new byte[mds.length][];
    for (int i = 0; i < mds.length; i++) {
      out[i] = mds[i].digest();
    }
    return out;
  }

  private static byte[] finish(MessageDigest md, byte[] data) {
    // One call over the whole array: the intrinsic loops over the blocks without copying.
    md.update(data);
    return md.digest();
  }

  /**
   * A file for {@link #hashFiles}.
   *
   * @param path the file
   * @param location the location reported in errors
   * @param followLinks whether a symbolic link at {@code path} is followed
   * @param expectedSize the size seen when the file was listed, or -1
   */
  public record FileJob(Path path, String location, boolean followLinks, long expectedSize) {}

  /**
   * Hashes many files, in parallel over files (each file's functions run in one thread, except
   * when there is a single file). Results keep the order of {@code jobs}; when several files fail,
   * the failure of the first in that order is reported, whatever the timing.
   *
   * @param jobs the files
   * @param maxBytesPerFile the largest file accepted
   * @return one result per job, in order
   * @throws MalformedInputException the failure of the first failing job
   */
  public List<HashResult> hashFiles(List<FileJob> jobs, long maxBytesPerFile)
      throws MalformedInputException {
    int n = jobs.size();
    HashResult[] results = new HashResult[n];
    if (n == 1) {
      FileJob j = jobs.get(0);
      results[0] =
          hashFile(j.path(), j.location(), j.followLinks(), j.expectedSize(), maxBytesPerFile, true);
      return List.of(results);
    }
    MalformedInputException[] failures = new MalformedInputException[n];
    AtomicInteger next = new AtomicInteger();
    AtomicInteger firstFailure = new AtomicInteger(Integer.MAX_VALUE);
    int workers = Math.min(n, 1 + Parallel.helpers(executor));
    List<Parallel.Work> work = new ArrayList<>(workers);
    for (int w = 0; w < workers; w++) {
      work.add(
          () -> {
            int i;
            // Jobs are taken in order and none after a failed one starts, so every job before
            // the first failure runs: the failure reported is the first in job order.
            while ((i = next.getAndIncrement()) < n && i < firstFailure.get()) {
              FileJob j = jobs.get(i);
              try {
                results[i] =
                    hashFile(
                        j.path(),
                        j.location(),
                        j.followLinks(),
                        j.expectedSize(),
                        maxBytesPerFile,
                        false);
              } catch (MalformedInputException e) {
                failures[i] = e;
                firstFailure.accumulateAndGet(i, Math::min);
              }
            }
          });
    }
    runChecked(work);
    int f = firstFailure.get();
    if (f != Integer.MAX_VALUE) {
      throw failures[f];
    }
    return List.of(results);
  }

  /**
   * Hashes a regular file. The file is opened once; its size when opened fixes the bytes hashed,
   * and the file must still have that size afterwards.
   *
   * @param file the file
   * @param location the location reported in errors
   * @param followLinks whether a symbolic link at {@code file} is followed
   * @param expectedSize the size the caller saw when listing the file, or -1
   * @param maxBytes the largest size accepted
   * @param parallel whether functions may run in helper threads for this file
   * @return the digests
   * @throws MalformedInputException MALFORMED_INPUT if the file cannot be read, is not a regular
   *     file or changes while being read; RESOURCE_LIMIT_EXCEEDED if it is larger than {@code
   *     maxBytes}
   */
  public HashResult hashFile(
      Path file,
      String location,
      boolean followLinks,
      long expectedSize,
      long maxBytes,
      boolean parallel)
      throws MalformedInputException {
    OpenOption[] options =
        followLinks
            ? new OpenOption[] {StandardOpenOption.READ}
            : new OpenOption[] {StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS};
    try (FileChannel ch = FileChannel.open(file, options)) {
      long size = ch.size();
      if (expectedSize >= 0 && size != expectedSize) {
        throw changed(location);
      }
      if (size > maxBytes) {
        throw new MalformedInputException(
            ErrorCode.RESOURCE_LIMIT_EXCEEDED,
            location,
            "file of " + size + " bytes exceeds the limit of " + maxBytes + " bytes");
      }
      byte[][] out;
      if (size < mapThreshold) {
        out = hashRead(ch, (int) size, location);
      } else if (parallel && canParallelize) {
        out = hashMappedParallel(ch, size, location);
      } else {
        boolean prefetch =
            parallel && size >= prefetchThreshold && Parallel.helpers(executor) > 0;
        out = hashMappedSequential(ch, size, location, prefetch);
      }
      if (ch.size() != size) {
        throw changed(location);
      }
      return new HashResult(size, out);
    } catch (IOException e) {
      throw unreadable(location, e);
    }
  }

  private byte[][] hashRead(FileChannel ch, int size, String location)
      throws IOException, MalformedInputException {
    MessageDigest[] mds = start(size);
    ByteBuffer buf = ByteBuffer.allocate(Math.min(size, READ_BUFFER));
    for (int remaining = size; remaining > 0; ) {
      buf.clear().limit(Math.min(buf.capacity(), remaining));
      while (buf.hasRemaining()) {
        if (ch.read(buf) < 0) {
          throw changed(location);
        }
      }
      for (MessageDigest md : mds) {
        md.update(buf.array(), 0, buf.limit());
      }
      remaining -= buf.limit();
    }
    return finish(mds);
  }

  private byte[][] hashMappedSequential(
      FileChannel ch, long size, String location, boolean prefetch)
      throws IOException, MalformedInputException {
    MessageDigest[] mds = start(size);
    Windows windows = new Windows(ch, size, window, prefetch ? 2 : 1);
    Prefetcher prefetcher = prefetch ? new Prefetcher(windows) : null;
    Parallel.Batch batch = prefetch ? Parallel.start(executor, List.of(prefetcher)) : null;
    try {
      for (int w = 0; w < windows.count(); w++) {
        ByteBuffer mapped = windows.acquire(w);
        if (mds.length == 1) {
          mds[0].update(mapped);
        } else {
          int limit = mapped.limit();
          for (int off = 0; off < limit; off += SLICE) {
            int end = Math.min(limit, off + SLICE);
            for (MessageDigest md : mds) {
              mapped.limit(end).position(off);
              md.update(mapped);
            }
          }
        }
        windows.release(w);
        if (prefetcher != null) {
          prefetcher.hashed(w + 1);
        }
      }
    } catch (InternalError e) {
      // A mapped page whose file was truncated raises SIGBUS, which the JVM turns into this.
      throw changed(location);
    } finally {
      if (prefetcher != null) {
        prefetcher.stop();
        try {
          batch.finish();
        } catch (Exception e) {
          // Prefetching only warms pages; the hashing thread reports any real failure.
        }
      }
    }
    return finish(mds);
  }

  /**
   * Touches the pages of the windows ahead of the hashing thread, so that page faults are taken on
   * an otherwise idle core instead of on the critical path (measured here: faulting in 256 MiB of
   * cached file costs about 30 ms against 180 ms of SHA-256). It stays at most {@link #LEAD}
   * windows ahead, so a file larger than memory is not read far ahead of its use.
   */
  private static final class Prefetcher implements Parallel.Work {
    static final int LEAD = 2;
    private static final int PAGE = 4096;

    private final Windows windows;
    // Guarded by this.
    private int hashed;
    private boolean stopped;
    // Keeps the page reads observable so they are not optimized away.
    private volatile long sink;

    Prefetcher(Windows windows) {
      this.windows = windows;
    }

    @Override
    public void run() throws Exception {
      long sum = 0;
      for (int w = 0; w < windows.count(); w++) {
        synchronized (this) {
          while (!stopped && w - hashed >= LEAD) {
            wait();
          }
          if (stopped) {
            return;
          }
          if (w < hashed) {
            windows.release(w);
            continue;
          }
        }
        try {
          ByteBuffer m = windows.acquire(w);
          for (int i = 0; i < m.limit(); i += PAGE) {
            sum += m.get(i);
          }
        } catch (IOException | InternalError e) {
          // A window that cannot be mapped or read fails in the hashing thread too, which
          // reports it; prefetching just stops.
          return;
        }
        windows.release(w);
      }
      sink = sum;
    }

    synchronized void hashed(int windowsHashed) {
      hashed = windowsHashed;
      notifyAll();
    }

    synchronized void stop() {
      stopped = true;
      notifyAll();
    }
  }

  private byte[][] hashMappedParallel(FileChannel ch, long size, String location)
      throws MalformedInputException {
    int k = functions.size();
    Windows windows = new Windows(ch, size, window, k);
    byte[][] out = new byte[k][];
    List<Parallel.Work> work = new ArrayList<>(k);
    for (int i = 0; i < k; i++) {
      int f = i;
      work.add(
          () -> {
            MessageDigest md = functions.get(f).start(size);
            try {
              for (int w = 0; w < windows.count(); w++) {
                md.update(windows.acquire(w));
                windows.release(w);
              }
            } catch (InternalError e) {
              throw changed(location);
            } catch (IOException e) {
              throw unreadable(location, e);
            }
            out[f] = md.digest();
          });
    }
    runChecked(work);
    return out;
  }

  /**
   * The mapped windows of one file, shared by the per-function threads: mapped by the first thread
   * that needs one, dropped when the last has hashed it.
   */
  private static final class Windows {
    private final FileChannel ch;
    private final long size;
    private final long window;
    private final int count;
    private final AtomicReferenceArray<MappedByteBuffer> mapped;
    private final AtomicIntegerArray pending;

    Windows(FileChannel ch, long size, long window, int users) {
      this.ch = ch;
      this.size = size;
      this.window = window;
      this.count = (int) ((size + window - 1) / window);
      this.mapped = new AtomicReferenceArray<>(count);
      this.pending = new AtomicIntegerArray(count);
      for (int i = 0; i < count; i++) {
        pending.set(i, users);
      }
    }

    int count() {
      return count;
    }

    ByteBuffer acquire(int i) throws IOException {
      MappedByteBuffer m = mapped.get(i);
      if (m == null) {
        synchronized (this) {
          m = mapped.get(i);
          if (m == null) {
            long pos = i * window;
            m = ch.map(FileChannel.MapMode.READ_ONLY, pos, Math.min(window, size - pos));
            mapped.set(i, m);
          }
        }
      }
      // Each thread reads through its own view: position and limit are not shared.
      return m.duplicate();
    }

    void release(int i) {
      if (pending.decrementAndGet(i) == 0) {
        mapped.set(i, null);
      }
    }
  }

  /**
   * Hashes a stream to its end. The stream is not closed.
   *
   * @param in the stream
   * @param maxBytes the most bytes accepted
   * @return the digests
   * @throws MalformedInputException MALFORMED_INPUT if reading fails; RESOURCE_LIMIT_EXCEEDED if
   *     the stream has more than {@code maxBytes} bytes
   */
  public HashResult hashStream(InputStream in, long maxBytes) throws MalformedInputException {
    int k = functions.size();
    MessageDigest[] mds = start(-1);
    Reader reader = new Reader(in, maxBytes);
    if (!canParallelize) {
      byte[] buf = new byte[STREAM_BUFFER];
      int n;
      while ((n = reader.fill(buf)) > 0) {
        for (MessageDigest md : mds) {
          md.update(buf, 0, n);
        }
      }
    } else {
      // Double buffering: the functions hash one buffer in helper threads while this thread
      // reads the next, then this thread helps with whatever has not started.
      byte[] current = new byte[STREAM_BUFFER];
      byte[] next = new byte[STREAM_BUFFER];
      int n = reader.fill(current);
      while (n > 0) {
        byte[] data = current;
        int len = n;
        List<Parallel.Work> work = new ArrayList<>(k);
        for (MessageDigest md : mds) {
          work.add(() -> md.update(data, 0, len));
        }
        Parallel.Batch batch = Parallel.start(executor, work);
        int m;
        try {
          m = reader.fill(next);
        } finally {
          finishChecked(batch);
        }
        current = next;
        next = data;
        n = m;
      }
    }
    return new HashResult(reader.total, finish(mds));
  }

  private static final class Reader {
    /** A stream that keeps returning 0 bytes breaks the InputStream contract; give up on it. */
    private static final int MAX_EMPTY_READS = 1024;

    private final InputStream in;
    private final long maxBytes;
    private long total;

    Reader(InputStream in, long maxBytes) {
      this.in = in;
      this.maxBytes = maxBytes;
    }

    /** Fills {@code buf} as far as the stream allows; returns the count, 0 at the end. */
    int fill(byte[] buf) throws MalformedInputException {
      int n = 0;
      int empty = 0;
      try {
        while (n < buf.length) {
          int r = in.read(buf, n, buf.length - n);
          if (r < 0) {
            break;
          }
          if (r == 0 && ++empty > MAX_EMPTY_READS) {
            throw new MalformedInputException(
                ErrorCode.MALFORMED_INPUT, "", "stream keeps returning no data");
          }
          n += r;
        }
      } catch (IOException e) {
        throw new MalformedInputException(
            ErrorCode.MALFORMED_INPUT, "", "cannot read stream: " + e.getMessage(), e);
      }
      if (n > maxBytes - total) {
        throw new MalformedInputException(
            ErrorCode.RESOURCE_LIMIT_EXCEEDED,
            "",
            "stream exceeds the limit of " + maxBytes + " bytes");
      }
      total += n;
      return n;
    }
  }

  private void runChecked(List<Parallel.Work> work) throws MalformedInputException {
    try {
      Parallel.runAll(executor, work);
    } catch (MalformedInputException | RuntimeException | Error e) {
      throw e;
    } catch (Exception e) {
      throw new ProvenanceBugException("unexpected failure while hashing", e);
    }
  }

  private static void finishChecked(Parallel.Batch batch) throws MalformedInputException {
    try {
      batch.finish();
    } catch (MalformedInputException | RuntimeException | Error e) {
      throw e;
    } catch (Exception e) {
      throw new ProvenanceBugException("unexpected failure while hashing", e);
    }
  }

  static MalformedInputException changed(String location) {
    return new MalformedInputException(
        ErrorCode.MALFORMED_INPUT, location, "file changed while it was being read");
  }

  /**
   * Maps an I/O failure on a path to MALFORMED_INPUT, naming what went wrong.
   *
   * @param location the path reported
   * @param e the failure
   * @return the exception to throw
   */
  public static MalformedInputException unreadable(String location, IOException e) {
    String why;
    if (e instanceof NoSuchFileException) {
      why = "no such file";
    } else if (e instanceof AccessDeniedException) {
      why = "access denied";
    } else if (e instanceof FileSystemException) {
      String reason = ((FileSystemException) e).getReason();
      why = reason == null ? e.getClass().getSimpleName() : reason;
    } else {
      why = String.valueOf(e.getMessage());
    }
    return new MalformedInputException(
        ErrorCode.MALFORMED_INPUT, location, "cannot read: " + why, e);
  }
}
