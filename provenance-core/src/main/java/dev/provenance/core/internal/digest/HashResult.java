package dev.provenance.core.internal.digest;

/**
 * The digests of some content, one per {@link HashFunction} in the order given to {@link
 * HashEngine}, and the number of bytes hashed. Owned by the caller that received it.
 */
public final class HashResult {
  private final long size;
  private final byte[][] digests;

  HashResult(long size, byte[][] digests) {
    this.size = size;
    this.digests = digests;
  }

  /**
   * Returns the number of content bytes hashed.
   *
   * @return the size
   */
  public long size() {
    return size;
  }

  /**
   * Returns the raw digest of the function at {@code index}.
   *
   * @param index the function's position
   * @return the digest bytes (not copied)
   */
  public byte[] digest(int index) {
    return digests[index];
  }

  /**
   * Returns how many digests there are.
   *
   * @return the count
   */
  public int count() {
    return digests.length;
  }
}
