package dev.provenance.sigstore.testing;

import dev.provenance.api.ErrorCode;
import dev.provenance.api.VerificationException;
import dev.provenance.api.signing.KeyId;
import dev.provenance.api.signing.SignatureAlgorithm;
import dev.provenance.api.signing.SignatureVerifier;
import dev.provenance.api.signing.SignerIdentity;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.util.HexFormat;

/** A plain JCA verifier for test fixtures, independent of the code under test. */
public final class JcaTestVerifier implements SignatureVerifier {
  private final PublicKey key;
  private final SignatureAlgorithm algorithm;
  private final String jcaName;

  private JcaTestVerifier(PublicKey key, SignatureAlgorithm algorithm, String jcaName) {
    this.key = key;
    this.algorithm = algorithm;
    this.jcaName = jcaName;
  }

  /** ECDSA with the hash of the curve, or Ed25519, from an SPKI DER key. */
  public static JcaTestVerifier of(byte[] spki) throws GeneralSecurityException {
    try {
      PublicKey k = KeyFactory.getInstance("EC").generatePublic(new X509EncodedKeySpec(spki));
      int bits = ((java.security.interfaces.ECPublicKey) k).getParams().getOrder().bitLength();
      if (bits <= 256) {
        return new JcaTestVerifier(k, SignatureAlgorithm.ECDSA_P256_SHA256, "SHA256withECDSA");
      }
      if (bits <= 384) {
        return new JcaTestVerifier(k, SignatureAlgorithm.ECDSA_P384_SHA384, "SHA384withECDSA");
      }
      return new JcaTestVerifier(k, SignatureAlgorithm.ECDSA_P521_SHA512, "SHA512withECDSA");
    } catch (java.security.spec.InvalidKeySpecException e) {
      PublicKey k = KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(spki));
      return new JcaTestVerifier(k, SignatureAlgorithm.ED25519, "Ed25519");
    }
  }

  /** The verifier for a JCA public key (EC or Ed25519). */
  public static JcaTestVerifier of(PublicKey key) throws GeneralSecurityException {
    return of(key.getEncoded());
  }

  @Override
  public SignatureAlgorithm algorithm() {
    return algorithm;
  }

  @Override
  public SignerIdentity identity() {
    try {
      byte[] h = MessageDigest.getInstance("SHA-256").digest(key.getEncoded());
      return SignerIdentity.ofKey(new KeyId(HexFormat.of().formatHex(h)));
    } catch (GeneralSecurityException e) {
      throw new AssertionError(e);
    }
  }

  @Override
  public void verify(byte[] message, byte[] signature) throws VerificationException {
    boolean ok;
    try {
      Signature s = Signature.getInstance(jcaName);
      s.initVerify(key);
      s.update(message);
      ok = s.verify(signature);
    } catch (GeneralSecurityException e) {
      ok = false;
    }
    if (!ok) {
      throw new VerificationException(ErrorCode.SIGNATURE_INVALID, "", "test signature invalid");
    }
  }
}
