package dev.provenance.sigstore;

import dev.provenance.api.Bytes;
import dev.provenance.api.digest.DigestSet;
import java.util.Objects;
import java.util.Optional;

/**
 * A signature over an artifact's bytes, as a bundle carries it.
 *
 * @param messageDigest the digest of the artifact the signer states, with exactly one algorithm.
 *     Verification requires it to equal the artifact's digest but never uses it to check the
 *     signature
 * @param signature the signature bytes
 */
public record MessageSignature(Optional<DigestSet> messageDigest, Bytes signature) {
  /**
   * Checks the components.
   *
   * @param messageDigest the {@code messageDigest} component
   * @param signature the {@code signature} component
   * @throws IllegalArgumentException if the digest has other than one algorithm
   */
  public MessageSignature {
    Objects.requireNonNull(messageDigest, "messageDigest");
    Objects.requireNonNull(signature, "signature");
    if (messageDigest.isPresent() && messageDigest.get().digests().size() != 1) {
      throw new IllegalArgumentException("a message digest has exactly one algorithm");
    }
  }
}
