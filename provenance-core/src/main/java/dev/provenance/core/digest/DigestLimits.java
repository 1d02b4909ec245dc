package dev.provenance.core.digest;

/**
 * Bounds on what one {@link Digester} call reads, so a huge or hostile tree, file list or stream
 * fails fast with {@code RESOURCE_LIMIT_EXCEEDED} instead of exhausting memory or time. Each call
 * is bounded separately.
 *
 * <p>Instances are immutable and thread-safe; the builder is not thread-safe.
 */
public final class DigestLimits {
  /** Default for {@link #maxTotalBytes()}: 64 GiB. */
  public static final long DEFAULT_MAX_TOTAL_BYTES = 64L << 30;

  /**
   * Default for {@link #maxEntries()}: 250,000 files, links and directories (the manifest of a
   * tree is held in memory, about 1 KiB per entry).
   */
  public static final int DEFAULT_MAX_ENTRIES = 250_000;

  /** Default for {@link #maxDepth()}: 256 nested directories. */
  public static final int DEFAULT_MAX_DEPTH = 256;

  private static final DigestLimits DEFAULTS = newBuilder().build();

  private final long maxTotalBytes;
  private final int maxEntries;
  private final int maxDepth;

  private DigestLimits(Builder b) {
    this.maxTotalBytes = b.maxTotalBytes;
    this.maxEntries = b.maxEntries;
    this.maxDepth = b.maxDepth;
  }

  /**
   * Returns the default limits.
   *
   * @return the defaults
   */
  public static DigestLimits defaults() {
    return DEFAULTS;
  }

  /**
   * Returns a builder starting from the defaults.
   *
   * @return a new builder
   */
  public static Builder newBuilder() {
    return new Builder();
  }

  /**
   * Returns the most content bytes one call hashes: a file, a stream, all files of a list, or all
   * files and link targets of a tree.
   *
   * @return the byte limit
   */
  public long maxTotalBytes() {
    return maxTotalBytes;
  }

  /**
   * Returns the most entries one call handles: paths in a list, or files, links and directories
   * in a tree.
   *
   * @return the entry limit
   */
  public int maxEntries() {
    return maxEntries;
  }

  /**
   * Returns the deepest directory nesting accepted in a tree.
   *
   * @return the depth limit
   */
  public int maxDepth() {
    return maxDepth;
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof DigestLimits)) {
      return false;
    }
    DigestLimits other = (DigestLimits) o;
    return maxTotalBytes == other.maxTotalBytes
        && maxEntries == other.maxEntries
        && maxDepth == other.maxDepth;
  }

  @Override
  public int hashCode() {
    return Long.hashCode(maxTotalBytes) * 961 + maxEntries * 31 + maxDepth;
  }

  @Override
  public String toString() {
    return "DigestLimits[maxTotalBytes="
        + maxTotalBytes
        + ", maxEntries="
        + maxEntries
        + ", maxDepth="
        + maxDepth
        + "]";
  }

  /** Builds {@link DigestLimits}. Not thread-safe. */
  public static final class Builder {
    private long maxTotalBytes = DEFAULT_MAX_TOTAL_BYTES;
    private int maxEntries = DEFAULT_MAX_ENTRIES;
    private int maxDepth = DEFAULT_MAX_DEPTH;

    private Builder() {}

    /**
     * Sets the most content bytes one call hashes.
     *
     * @param maxTotalBytes the limit, at least 0
     * @return this builder
     * @throws IllegalArgumentException if negative
     */
    public Builder maxTotalBytes(long maxTotalBytes) {
      if (maxTotalBytes < 0) {
        throw new IllegalArgumentException("maxTotalBytes < 0");
      }
      this.maxTotalBytes = maxTotalBytes;
      return this;
    }

    /**
     * Sets the most entries one call handles.
     *
     * @param maxEntries the limit, at least 1
     * @return this builder
     * @throws IllegalArgumentException if below 1
     */
    public Builder maxEntries(int maxEntries) {
      if (maxEntries < 1) {
        throw new IllegalArgumentException("maxEntries < 1");
      }
      this.maxEntries = maxEntries;
      return this;
    }

    /**
     * Sets the deepest directory nesting accepted.
     *
     * @param maxDepth the limit, at least 0 (0 accepts only files directly in the root)
     * @return this builder
     * @throws IllegalArgumentException if negative
     */
    public Builder maxDepth(int maxDepth) {
      if (maxDepth < 0) {
        throw new IllegalArgumentException("maxDepth < 0");
      }
      this.maxDepth = maxDepth;
      return this;
    }

    /**
     * Builds the limits.
     *
     * @return the limits
     */
    public DigestLimits build() {
      return new DigestLimits(this);
    }
  }
}
