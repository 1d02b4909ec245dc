package dev.provenance.core.internal.digest;

import dev.provenance.api.ErrorCode;
import dev.provenance.api.MalformedInputException;
import dev.provenance.api.internal.ProvenanceBugException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
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
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Computes several digests in one pass over bytes, files and streams.
 *
 * <p>Content is read in chunks into two buffers: while helper threads hash one chunk, the calling
 * thread reads the next, so reading is off the critical path. With several functions, each hashes
 * the same chunk in its own thread, so the time is that of the slowest function instead of the
 * sum; the slowest function (by measured time) is offered to the helpers first and the calling
 * thread takes what no helper has started. Files are read with positional reads into reusable
 * direct buffers (one kernel copy, no memory mapping: Java 17 cannot unmap, and mappings that
 * wait for the garbage collector were measured to slow later calls down). Immutable and
 * thread-safe.
 */
public final class HashEngine {
  /** Chunk size: a few milliseconds of hashing, so the per-chunk hand-off costs about 1%. */
  static final int CHUNK = 2 << 20;

  /** Slice handed to each function in turn when several run in one thread (L2-sized). */
  static final int SLICE = 256 << 10;

  /** Byte arrays at least this large are hashed with one thread per function. */
  static final int PARALLEL_BYTES_THRESHOLD = 4 << 20;

  /** Most direct buffers kept for reuse. */
  private static final int POOL_LIMIT = 4;

  private final List<HashFunction> functions;
  private final Executor executor;
  private final boolean hasHelpers;
  private final int chunk;
  private final ConcurrentLinkedQueue<ByteBuffer> pool = new ConcurrentLinkedQueue<>();
  private final AtomicInteger pooled = new AtomicInteger();

  /**
   * Creates the engine.
   *
   * @param functions the digests to compute, in result order
   * @param executor where helper threads come from
   */
  public HashEngine(List<HashFunction> functions, Executor executor) {
    this(functions, executor, CHUNK);
  }

  /** Creates an engine with another chunk size, so tests can cross chunk boundaries cheaply. */
  HashEngine(List<HashFunction> functions, Executor executor, int chunk) {
    this.functions = List.copyOf(functions);
    this.executor = executor;
    this.hasHelpers = Parallel.helpers(executor) > 0;
    this.chunk = chunk;
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
    if (k > 1 && hasHelpers && data.length >= PARALLEL_BYTES_THRESHOLD) {
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

  private static byte[] finish(MessageDigest md, byte[] data) {
    // One call over the whole array: the intrinsic loops over the blocks without copying.
    md.update(data);
    return md.digest();
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
   * @param parallel whether helper threads may be used for this file
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
      MessageDigest[] mds = start(size);
      if (size > 0) {
        // Parallel only when there is more than one chunk to overlap.
        boolean overlap = parallel && hasHelpers && size > chunk;
        ChunkSource source = new FileSource(ch, size, location);
        ByteBuffer a = takeBuffer();
        ByteBuffer b = overlap ? takeBuffer() : null;
        try {
          hashChunks(source, mds, a, b);
        } finally {
          giveBuffer(a);
          giveBuffer(b);
        }
      }
      if (ch.size() != size) {
        throw changed(location);
      }
      return new HashResult(size, finish(mds));
    } catch (IOException e) {
      throw unreadable(location, e);
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
    MessageDigest[] mds = start(-1);
    StreamSource source = new StreamSource(in, maxBytes);
    ByteBuffer a = ByteBuffer.allocate(chunk);
    ByteBuffer b = hasHelpers ? ByteBuffer.allocate(chunk) : null;
    try {
      hashChunks(source, mds, a, b);
    } catch (IOException e) {
      throw new MalformedInputException(
          ErrorCode.MALFORMED_INPUT, "", "cannot read stream: " + e.getMessage(), e);
    }
    return new HashResult(source.total, finish(mds));
  }

  /** Where chunks come from. */
  private interface ChunkSource {
    /**
     * Fills {@code buf} from its start as far as its capacity and the content allow, and flips
     * it.
     *
     * @return the number of bytes read; 0 at the end
     */
    int fill(ByteBuffer buf) throws IOException, MalformedInputException;
  }

  /**
   * Runs the functions over every chunk of {@code source}. With a second buffer, chunks are
   * hashed in helper threads while the next one is read; without, everything runs here.
   */
  private void hashChunks(ChunkSource source, MessageDigest[] mds, ByteBuffer a, ByteBuffer b)
      throws IOException, MalformedInputException {
    if (b == null) {
      while (source.fill(a) > 0) {
        updateSliced(mds, a);
      }
      return;
    }
    int k = mds.length;
    long[] nanos = new long[k];
    Integer[] order = new Integer[k];
    for (int i = 0; i < k; i++) {
      order[i] = i;
    }
    ByteBuffer current = a;
    ByteBuffer next = b;
    int n = source.fill(current);
    while (n > 0) {
      // Slowest first: the first piece offered is the one a helper thread picks up, and this
      // thread, busy reading meanwhile, takes the cheaper ones.
      Arrays.sort(order, (x, y) -> Long.compare(nanos[y], nanos[x]));
      ByteBuffer data = current;
      List<Parallel.Work> work = new ArrayList<>(k);
      for (int i : order) {
        work.add(
            () -> {
              long t0 = System.nanoTime();
              mds[i].update(data.duplicate());
              nanos[i] += System.nanoTime() - t0;
            });
      }
      Parallel.Batch batch = Parallel.start(executor, work);
      int m;
      try {
        m = source.fill(next);
      } finally {
        await(batch);
      }
      current = next;
      next = data;
      n = m;
    }
  }

  /** Feeds every function the buffer in L2-sized slices, so the bytes stay cached between them. */
  private static void updateSliced(MessageDigest[] mds, ByteBuffer buf) {
    if (mds.length == 1) {
      mds[0].update(buf);
      return;
    }
    int limit = buf.limit();
    for (int off = 0; off < limit; off += SLICE) {
      int end = Math.min(limit, off + SLICE);
      for (MessageDigest md : mds) {
        buf.limit(end).position(off);
        md.update(buf);
      }
    }
  }

  private static final class FileSource implements ChunkSource {
    private final FileChannel ch;
    private final long size;
    private final String location;
    private long position;

    FileSource(FileChannel ch, long size, String location) {
      this.ch = ch;
      this.size = size;
      this.location = location;
    }

    @Override
    public int fill(ByteBuffer buf) throws IOException, MalformedInputException {
      buf.clear();
      int want = (int) Math.min(buf.capacity(), size - position);
      buf.limit(want);
      while (buf.hasRemaining()) {
        // Positional reads: the channel's own position is never shared or moved.
        if (ch.read(buf, position + buf.position()) < 0) {
          throw changed(location);
        }
      }
      position += want;
      buf.flip();
      return want;
    }
  }

  private static final class StreamSource implements ChunkSource {
    /** A stream that keeps returning 0 bytes breaks the InputStream contract; give up on it. */
    private static final int MAX_EMPTY_READS = 1024;

    private final InputStream in;
    private final long maxBytes;
    private long total;

    StreamSource(InputStream in, long maxBytes) {
      this.in = in;
      this.maxBytes = maxBytes;
    }

    @Override
    public int fill(ByteBuffer buf) throws IOException, MalformedInputException {
      byte[] arr = buf.array();
      int n = 0;
      int empty = 0;
      while (n < arr.length) {
        int r = in.read(arr, n, arr.length - n);
        if (r < 0) {
          break;
        }
        if (r == 0 && ++empty > MAX_EMPTY_READS) {
          throw new MalformedInputException(
              ErrorCode.MALFORMED_INPUT, "", "stream keeps returning no data");
        }
        n += r;
      }
      if (n > maxBytes - total) {
        throw new MalformedInputException(
            ErrorCode.RESOURCE_LIMIT_EXCEEDED,
            "",
            "stream exceeds the limit of " + maxBytes + " bytes");
      }
      total += n;
      buf.clear().limit(n);
      return n;
    }
  }

  private ByteBuffer takeBuffer() {
    ByteBuffer b = pool.poll();
    if (b != null) {
      pooled.decrementAndGet();
      return b;
    }
    return ByteBuffer.allocateDirect(chunk);
  }

  private void giveBuffer(ByteBuffer b) {
    if (b != null && pooled.incrementAndGet() <= POOL_LIMIT) {
      pool.offer(b);
    } else if (b != null) {
      pooled.decrementAndGet();
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

  private static void await(Parallel.Batch batch) throws IOException, MalformedInputException {
    try {
      batch.finish();
    } catch (IOException | MalformedInputException | RuntimeException | Error e) {
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
