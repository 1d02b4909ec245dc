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
  private EvidenceDigests() {}

  /**
   * Returns the SHA-256 digest set of stored bytes.
   *
   * @param bytes the bytes
   * @return {@code {sha256: hex}}
   */
  public static DigestSet sha256(byte[] bytes) {
    try {
      return DigestSet.of(
          DigestAlgorithm.SHA256, Hex.encode(MessageDigest.getInstance("SHA-256").digest(bytes)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required of every JDK", e);
    }
  }
}
