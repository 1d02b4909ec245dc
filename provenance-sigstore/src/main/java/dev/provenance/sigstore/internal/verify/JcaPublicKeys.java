package dev.provenance.sigstore.internal.verify;

import dev.provenance.core.internal.crypto.PublicKeyMaterial;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.spec.X509EncodedKeySpec;

/** Converts validated key material to JCA keys, for APIs that take them. Stateless. */
public final class JcaPublicKeys {
  private JcaPublicKeys() {}

  /**
   * Returns the JCA form of a validated public key.
   *
   * @param key the key material
   * @return the JCA key, decoded from its canonical SubjectPublicKeyInfo
   * @throws GeneralSecurityException if the JDK cannot decode it
   */
  public static PublicKey of(PublicKeyMaterial key) throws GeneralSecurityException {
    String algorithm;
    switch (key.kind()) {
      case EC:
        algorithm = "EC";
        break;
      case ED25519:
        algorithm = "Ed25519";
        break;
      default:
        algorithm = "RSA";
        break;
    }
    return KeyFactory.getInstance(algorithm).generatePublic(new X509EncodedKeySpec(key.spki()));
  }
}
