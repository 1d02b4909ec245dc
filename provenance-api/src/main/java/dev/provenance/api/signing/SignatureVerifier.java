package dev.provenance.api.signing;

import dev.provenance.api.VerificationException;

/**
 * Verifies signatures made with one public key and one algorithm, fixed when it is built.
 *
 * <p>Implementations are thread-safe and hold no state that changes between calls.
 */
public interface SignatureVerifier {
  /**
   * Returns the algorithm this verifier accepts.
   *
   * @return the algorithm
   */
  SignatureAlgorithm algorithm();

  /**
   * Returns who a signature verified by this verifier comes from.
   *
   * @return the identity; its key id is the canonical id of the public key
   */
  SignerIdentity identity();

  /**
   * Returns the canonical id of the public key.
   *
   * @return {@code identity().keyId()}
   */
  default KeyId keyId() {
    return identity().keyId();
  }

  /**
   * Verifies a signature over a message; returns normally only if it is valid.
   *
   * @param message the exact bytes that were signed
   * @param signature the signature, in the encoding this verifier was built for
   * @throws VerificationException with {@code SIGNATURE_INVALID} if the signature does not verify
   *     or is malformed
   */
  void verify(byte[] message, byte[] signature) throws VerificationException;
}
