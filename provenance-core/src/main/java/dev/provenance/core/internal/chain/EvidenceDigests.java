package dev.provenance.core.internal.chain;

import dev.provenance.api.digest.DigestAlgorithm;
import dev.provenance.api.digest.DigestSet;
import dev.provenance.core.internal.util.Hex;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The digest by which a chain names a stored attestation: SHA-256 of its stored bytes.
 *
 * <p>Stateless and thread-safe.
 */
public final class EvidenceDigests {
  /** Cloned per use: cheaper than a provider lookup, and never used itself. */
  private static final MessageDigest SHA256 = newSha256();

  private EvidenceDigests() {}

  /**
   * Returns the SHA-256 digest set of stored bytes.
   *
   * @param bytes the bytes
   * @return {@code {sha256: hex}}
   */
  public static DigestSet sha256(byte[] bytes) {
    MessageDigest md;
    try {
      md = (MessageDigest) SHA256.clone();
    } catch (CloneNotSupportedException e) {
      md = newSha256();
    }
    return DigestSet.of(DigestAlgorithm.SHA256, Hex.encode(md.digest(bytes)));
  }

  private static MessageDigest newSha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required of every JDK", e);
    }
  }
}
