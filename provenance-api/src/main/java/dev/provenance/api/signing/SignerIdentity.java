package dev.provenance.api.signing;

import java.util.Objects;
import java.util.Optional;

/**
 * Who produced a verified signature: always the public key, and for certificate-based (keyless)
 * signatures the certificate's identity and OIDC issuer.
 *
 * @param keyId the public key's canonical id
 * @param certificateIdentity the certificate subject alternative name, for keyless signatures
 * @param certificateIssuer the OIDC issuer from the certificate, for keyless signatures
 */
public record SignerIdentity(
    KeyId keyId, Optional<String> certificateIdentity, Optional<String> certificateIssuer) {
  /**
   * Checks that no component is null.
   *
   * @param keyId the {@code keyId} component
   * @param certificateIdentity the {@code certificateIdentity} component
   * @param certificateIssuer the {@code certificateIssuer} component
   */
  public SignerIdentity {
    Objects.requireNonNull(keyId, "keyId");
    Objects.requireNonNull(certificateIdentity, "certificateIdentity");
    Objects.requireNonNull(certificateIssuer, "certificateIssuer");
  }

  /**
   * Returns the identity of a plain public key.
   *
   * @param keyId the key id
   * @return the identity
   */
  public static SignerIdentity ofKey(KeyId keyId) {
    return new SignerIdentity(keyId, Optional.empty(), Optional.empty());
  }

  /**
   * Returns the identity of a certificate-based signer.
   *
   * @param keyId the certificate's public key id
   * @param identity the subject alternative name
   * @param issuer the OIDC issuer
   * @return the identity
   */
  public static SignerIdentity ofCertificate(KeyId keyId, String identity, String issuer) {
    return new SignerIdentity(keyId, Optional.of(identity), Optional.of(issuer));
  }
}
