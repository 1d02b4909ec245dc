package dev.provenance.sigstore.internal.cache;

import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A bounded set of signature checks that succeeded: "these exact bytes verified under this exact
 * key with this exact scheme".
 *
 * <p>An entry is a domain, which names the key and how it verifies (for example a verifier object,
 * compared by identity, or a scheme name with the key's full encoding as one of the parts), and
 * the complete byte arrays the check read (key encoding, parameters, signed bytes, signature).
 * Lookups compare every part in full; the hash only picks the bucket, so a one-bit change in any
 * part is a miss. Failed checks are never added, so a cache can only repeat a success that the
 * same inputs already produced; it never turns a failure into a pass.
 *
 * <p>Bounds: at most {@code maxEntries} entries and {@code maxBytes} bytes of stored parts; a check
 * whose parts exceed {@code maxEntryBytes} is not remembered. When a bound is reached the least
 * recently used entries are dropped, so the cache never grows past its bounds. Parts are copied
 * when added, so later changes to the caller's arrays cannot alter an entry.
 *
 * <p>Thread-safe: every access holds the instance's lock; hashing happens outside it.
 */
public final class VerifiedSignatures {
  /** Entries kept by {@link #shared()}. */
  public static final int SHARED_MAX_ENTRIES = 1024;

  /** Bytes of stored parts kept by {@link #shared()}. */
  public static final long SHARED_MAX_BYTES = 4L * 1024 * 1024;

  /** Largest check, in bytes of all its parts, that {@link #shared()} remembers. */
  public static final int SHARED_MAX_ENTRY_BYTES = 64 * 1024;

  private static final VerifiedSignatures SHARED =
      new VerifiedSignatures(SHARED_MAX_ENTRIES, SHARED_MAX_BYTES, SHARED_MAX_ENTRY_BYTES);

  private final int maxEntries;
  private final long maxBytes;
  private final int maxEntryBytes;
  private final LinkedHashMap<Check, Boolean> entries;
  private long bytes;

  /**
   * Creates an empty cache.
   *
   * @param maxEntries most entries kept; at least 1
   * @param maxBytes most bytes of parts kept; at least {@code maxEntryBytes}
   * @param maxEntryBytes largest check remembered, in bytes of all its parts; at least 1
   * @throws IllegalArgumentException if a bound is out of range
   */
  public VerifiedSignatures(int maxEntries, long maxBytes, int maxEntryBytes) {
    if (maxEntries < 1 || maxEntryBytes < 1 || maxBytes < maxEntryBytes) {
      throw new IllegalArgumentException(
          "bounds must be positive and maxBytes >= maxEntryBytes: "
              + maxEntries
              + ", "
              + maxBytes
              + ", "
              + maxEntryBytes);
    }
    this.maxEntries = maxEntries;
    this.maxBytes = maxBytes;
    this.maxEntryBytes = maxEntryBytes;
    // access order: a hit moves the entry to the end, the eldest is the least recently used
    this.entries = new LinkedHashMap<>(16, 0.75f, true);
  }

  /**
   * Returns the process-wide cache used by the verification path ({@value #SHARED_MAX_ENTRIES}
   * entries, 4 MiB, checks of at most {@value #SHARED_MAX_ENTRY_BYTES} bytes).
   *
   * @return the shared cache
   */
  public static VerifiedSignatures shared() {
    return SHARED;
  }

  /**
   * Describes one check without copying its parts; use it for one lookup and, after the check
   * succeeded, one {@link #add}.
   *
   * @param domain what verifies: the key and its scheme, compared with {@code equals}
   * @param parts every byte array the check reads, in a fixed order
   * @return the description
   */
  public static Check check(Object domain, byte[]... parts) {
    return new Check(domain, parts);
  }

  /**
   * Returns whether exactly this check succeeded before and is still remembered.
   *
   * @param check the check
   * @return true only for a remembered success with equal domain and equal parts
   */
  public boolean contains(Check check) {
    Objects.requireNonNull(check, "check");
    synchronized (this) {
      return entries.get(check) != null;
    }
  }

  /**
   * Remembers a check that has just succeeded. Call it only after the signature verified.
   *
   * @param check the check; its parts are copied
   */
  public void add(Check check) {
    Objects.requireNonNull(check, "check");
    long size = check.size();
    if (size > maxEntryBytes) {
      return;
    }
    Check copy = check.copy();
    synchronized (this) {
      if (entries.putIfAbsent(copy, Boolean.TRUE) != null) {
        return;
      }
      bytes += size;
      Iterator<Check> eldest = entries.keySet().iterator();
      while (entries.size() > maxEntries || bytes > maxBytes) {
        Check dropped = eldest.next();
        eldest.remove();
        bytes -= dropped.size();
      }
    }
  }

  /**
   * Returns how many checks are remembered.
   *
   * @return the number of entries
   */
  public synchronized int size() {
    return entries.size();
  }

  /**
   * Returns the bytes of parts held.
   *
   * @return the sum of the stored parts' lengths
   */
  public synchronized long bytes() {
    return bytes;
  }

  /** Forgets every check. */
  public synchronized void clear() {
    entries.clear();
    bytes = 0;
  }

  /**
   * One signature check: a domain and the complete bytes it read. Equal only to a check with an
   * equal domain and, part by part, byte-for-byte equal parts. Immutable once added to a cache
   * (the cache holds its own copy); thread-safe.
   */
  public static final class Check {
    private final Object domain;
    private final byte[][] parts;
    private final int hash;

    private Check(Object domain, byte[][] parts) {
      this.domain = Objects.requireNonNull(domain, "domain");
      this.parts = Objects.requireNonNull(parts, "parts");
      int h = domain.hashCode();
      for (byte[] part : parts) {
        h = 31 * h + Arrays.hashCode(Objects.requireNonNull(part, "part"));
      }
      this.hash = h;
    }

    private Check copy() {
      byte[][] copied = new byte[parts.length][];
      for (int i = 0; i < parts.length; i++) {
        copied[i] = parts[i].clone();
      }
      return new Check(domain, copied);
    }

    long size() {
      long size = 0;
      for (byte[] part : parts) {
        size += part.length;
      }
      return size;
    }

    @Override
    public boolean equals(Object o) {
      if (this == o) {
        return true;
      }
      if (!(o instanceof Check)) {
        return false;
      }
      Check other = (Check) o;
      if (hash != other.hash
          || parts.length != other.parts.length
          || !domain.equals(other.domain)) {
        return false;
      }
      for (int i = 0; i < parts.length; i++) {
        // the lengths differ or every byte is compared: no prefix or hash stands in for a part
        if (parts[i].length != other.parts[i].length
            || !MessageDigest.isEqual(parts[i], other.parts[i])) {
          return false;
        }
      }
      return true;
    }

    @Override
    public int hashCode() {
      return hash;
    }

    @Override
    public String toString() {
      return "Check[" + domain + ", " + size() + " bytes]";
    }
  }
}
