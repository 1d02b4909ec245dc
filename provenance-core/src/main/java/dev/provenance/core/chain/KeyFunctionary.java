package dev.provenance.core.chain;

import dev.provenance.api.signing.SignatureAlgorithm;
import java.util.Objects;
import java.util.Optional;

/**
 * A functionary identified by a public key. EC and Ed25519 keys fix their signature algorithm;
 * RSA keys need {@code algorithm} (PSS with salt length equal to the hash length, or PKCS#1 v1.5).
 * The optional {@code keyId} is the key id hint signers put into envelopes (for example an in-toto
 * key id); it only narrows which key is tried and never decides trust.
 *
 * <p>Instances are immutable and thread-safe.
 *
 * @param id the id steps use to name this functionary
 * @param publicKeyPem the SubjectPublicKeyInfo PEM or X.509 certificate PEM
 * @param algorithm the signature algorithm, required for RSA keys
 * @param keyId an additional key id hint that signatures by this key may carry
 */
public record KeyFunctionary(
    String id, String publicKeyPem, Optional<SignatureAlgorithm> algorithm, Optional<String> keyId)
    implements Functionary {
  /**
   * Checks every component.
   *
   * @param id the {@code id} component
   * @param publicKeyPem the {@code publicKeyPem} component
   * @param algorithm the {@code algorithm} component
   * @param keyId the {@code keyId} component
   * @throws IllegalArgumentException if the id or key is empty
   */
  public KeyFunctionary {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(publicKeyPem, "publicKeyPem");
    Objects.requireNonNull(algorithm, "algorithm");
    Objects.requireNonNull(keyId, "keyId");
    if (id.isEmpty() || publicKeyPem.isBlank()) {
      throw new IllegalArgumentException("a key functionary needs an id and a public key");
    }
  }

  /**
   * Returns a functionary for an EC or Ed25519 key, whose algorithm the key fixes.
   *
   * @param id the id
   * @param publicKeyPem the public key PEM
   * @return the functionary
   */
  public static KeyFunctionary of(String id, String publicKeyPem) {
    return new KeyFunctionary(id, publicKeyPem, Optional.empty(), Optional.empty());
  }

  /**
   * Returns a functionary for a key with an explicit algorithm (required for RSA).
   *
   * @param id the id
   * @param publicKeyPem the public key PEM
   * @param algorithm the signature algorithm
   * @return the functionary
   */
  public static KeyFunctionary of(String id, String publicKeyPem, SignatureAlgorithm algorithm) {
    return new KeyFunctionary(id, publicKeyPem, Optional.of(algorithm), Optional.empty());
  }
}
