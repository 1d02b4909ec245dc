package dev.provenance.api.signing;

import dev.provenance.api.Bytes;
import dev.provenance.api.SigningException;

/**
 * Signs bytes with one private key and one algorithm, fixed when it is built. Implementations
 * wrap in-memory keys, PKCS#11 tokens, Tink keysets or a key management service.
 *
 * <p>Implementations are thread-safe.
 */
public interface Signer {
  /**
   * Returns the algorithm of every signature this signer makes.
   *
   * @return the algorithm
   */
  SignatureAlgorithm algorithm();

  /**
   * Returns the canonical id of the public key that verifies this signer's signatures.
   *
   * @return the key id
   */
  KeyId keyId();

  /**
   * Signs the message. ECDSA signatures are ASN.1 DER encoded.
   *
   * @param message the exact bytes to sign (for DSSE, the PAE)
   * @return the signature
   * @throws SigningException if the key, device or service fails
   */
  Bytes sign(byte[] message) throws SigningException;
}
