package dev.provenance.core.internal.digest;

import dev.provenance.api.digest.DigestAlgorithm;
import dev.provenance.api.internal.ProvenanceBugException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.Provider;
import java.util.Objects;

/**
 * One digest to compute over some content: a JCA hash, or a git blob id (the JCA hash of the
 * {@code blob <size> NUL} header followed by the content). Immutable; each computation gets its own
 * {@link MessageDigest}.
 */
public final class HashFunction {
  private final DigestAlgorithm algorithm;
  private final String jcaName;
  private final Provider provider;
  private final boolean gitBlob;

  private HashFunction(
      DigestAlgorithm algorithm, String jcaName, Provider provider, boolean gitBlob) {
    this.algorithm = algorithm;
    this.jcaName = jcaName;
    this.provider = provider;
    this.gitBlob = gitBlob;
  }

  /**
   * Returns the function for a JCA-backed DigestSet algorithm.
   *
   * @param algorithm the algorithm
   * @return the function
   * @throws NoSuchAlgorithmException if the algorithm has no JCA name or the JDK lacks it
   */
  public static HashFunction jca(DigestAlgorithm algorithm) throws NoSuchAlgorithmException {
    String name =
        algorithm
            .jcaName()
            .orElseThrow(() -> new NoSuchAlgorithmException("no JCA name for " + algorithm));
    // Resolving the provider once keeps the per-file cost of getInstance to a map lookup.
    Provider provider = MessageDigest.getInstance(name).getProvider();
    return new HashFunction(algorithm, name, provider, false);
  }

  /**
   * Returns the function that computes git blob ids with the given object hash.
   *
   * @param jcaObjectHash {@code SHA-1} or {@code SHA-256}
   * @return the function, reporting under {@link DigestAlgorithm#GIT_BLOB}
   */
  public static HashFunction gitBlob(String jcaObjectHash) {
    try {
      Provider provider = MessageDigest.getInstance(jcaObjectHash).getProvider();
      return new HashFunction(DigestAlgorithm.GIT_BLOB, jcaObjectHash, provider, true);
    } catch (NoSuchAlgorithmException e) {
      throw new ProvenanceBugException("every JDK provides " + jcaObjectHash, e);
    }
  }

  /**
   * Returns the DigestSet key this function reports under.
   *
   * @return the algorithm
   */
  public DigestAlgorithm algorithm() {
    return algorithm;
  }

  /**
   * Returns whether the content size must be known before hashing starts (git blob header).
   *
   * @return true for git blob ids
   */
  public boolean needsSize() {
    return gitBlob;
  }

  /**
   * Starts a computation over content of {@code size} bytes.
   *
   * @param size the content size; ignored unless {@link #needsSize()}
   * @return a fresh digest, already fed with any header
   */
  public MessageDigest start(long size) {
    MessageDigest md;
    try {
      md = MessageDigest.getInstance(jcaName, provider);
    } catch (NoSuchAlgorithmException e) {
      throw new ProvenanceBugException("provider lost " + jcaName, e);
    }
    if (gitBlob) {
      if (size < 0) {
        throw new ProvenanceBugException("git blob size unknown");
      }
      md.update(("blob " + size).getBytes(StandardCharsets.US_ASCII));
      md.update((byte) 0);
    }
    return md;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof HashFunction
        && ((HashFunction) o).algorithm.equals(algorithm)
        && ((HashFunction) o).jcaName.equals(jcaName)
        && ((HashFunction) o).gitBlob == gitBlob;
  }

  @Override
  public int hashCode() {
    return Objects.hash(algorithm, jcaName, gitBlob);
  }

  @Override
  public String toString() {
    return gitBlob ? "gitBlob(" + jcaName + ")" : algorithm.name();
  }
}
