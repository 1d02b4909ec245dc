package dev.provenance.core.internal.crypto;

import dev.provenance.api.signing.SignatureAlgorithm;
import java.security.GeneralSecurityException;
import java.security.Signature;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PSSParameterSpec;

/** JCA {@code Signature} objects for our two RSA algorithms. */
final class RsaSignatures {
  /** SHA-256, MGF1 with SHA-256, salt length = hash length = 32, trailer field 1 (RFC 8017). */
  static final PSSParameterSpec PSS_SHA256 =
      new PSSParameterSpec("SHA-256", "MGF1", MGF1ParameterSpec.SHA256, 32, 1);

  private RsaSignatures() {}

  static Signature newSignature(SignatureAlgorithm algorithm) throws GeneralSecurityException {
    if (algorithm == SignatureAlgorithm.RSA_PSS_SHA256) {
      Signature s = Signature.getInstance("RSASSA-PSS");
      s.setParameter(PSS_SHA256);
      return s;
    }
    if (algorithm == SignatureAlgorithm.RSA_PKCS1_SHA256) {
      return Signature.getInstance("SHA256withRSA");
    }
    throw new IllegalArgumentException("not an RSA algorithm: " + algorithm);
  }
}
