package dev.provenance.core.digest;

/**
 * The hash function a git repository names its objects with: SHA-1 (40 hex digits, the default)
 * or SHA-256 (64 hex digits, {@code git init --object-format=sha256}). See <a
 * href="https://git-scm.com/docs/hash-function-transition">hash-function-transition</a>.
 *
 * <p>Constants are immutable and thread-safe.
 */
public enum GitObjectFormat {
  /** SHA-1 object ids. */
  SHA1("sha1", "SHA-1", 20),
  /** SHA-256 object ids. */
  SHA256("sha256", "SHA-256", 32);

  private final String configName;
  private final String jcaName;
  private final int idBytes;

  GitObjectFormat(String configName, String jcaName, int idBytes) {
    this.configName = configName;
    this.jcaName = jcaName;
    this.idBytes = idBytes;
  }

  /**
   * Returns the name git uses for the format in {@code extensions.objectFormat}.
   *
   * @return {@code sha1} or {@code sha256}
   */
  public String configName() {
    return configName;
  }

  /**
   * Returns the JCA {@code MessageDigest} name of the hash function.
   *
   * @return {@code SHA-1} or {@code SHA-256}
   */
  public String jcaName() {
    return jcaName;
  }

  /**
   * Returns the length of an object id in bytes.
   *
   * @return 20 or 32
   */
  public int idBytes() {
    return idBytes;
  }

  /**
   * Returns the length of an object id in hex digits.
   *
   * @return 40 or 64
   */
  public int hexLength() {
    return idBytes * 2;
  }
}
