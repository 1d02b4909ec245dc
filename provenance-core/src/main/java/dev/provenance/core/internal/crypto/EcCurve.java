package dev.provenance.core.internal.crypto;

import dev.provenance.api.signing.SignatureAlgorithm;
import java.math.BigInteger;
import java.util.Optional;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.crypto.ec.CustomNamedCurves;
import org.bouncycastle.crypto.params.ECDomainParameters;

/**
 * The named curves we accept, each bound to the one hash its ECDSA uses (RFC 5480 section 4;
 * Sigstore algorithm registry). Every other curve is refused: secp256k1, brainpool, binary (F2m)
 * curves and explicit parameters never reach a provider.
 */
public enum EcCurve {
  /** NIST P-256 with SHA-256. */
  P256(Oids.P256, "secp256r1", 32, "SHA-256", SignatureAlgorithm.ECDSA_P256_SHA256),
  /** NIST P-384 with SHA-384. */
  P384(Oids.P384, "secp384r1", 48, "SHA-384", SignatureAlgorithm.ECDSA_P384_SHA384),
  /** NIST P-521 with SHA-512. */
  P521(Oids.P521, "secp521r1", 66, "SHA-512", SignatureAlgorithm.ECDSA_P521_SHA512);

  private final byte[] oid;
  private final String jcaName;
  private final int fieldBytes;
  private final String digest;
  private final SignatureAlgorithm algorithm;

  EcCurve(byte[] oid, String jcaName, int fieldBytes, String digest, SignatureAlgorithm algorithm) {
    this.oid = oid;
    this.jcaName = jcaName;
    this.fieldBytes = fieldBytes;
    this.digest = digest;
    this.algorithm = algorithm;
  }

  /** Returns the curve with the given encoded OID contents, if we support it. */
  static Optional<EcCurve> byOid(byte[] oid) {
    for (EcCurve c : values()) {
      if (Oids.is(oid, c.oid)) {
        return Optional.of(c);
      }
    }
    return Optional.empty();
  }

  /**
   * Returns the curve whose ECDSA algorithm is the given one.
   *
   * @param algorithm a signature algorithm
   * @return the curve, or empty for a non-ECDSA algorithm
   */
  public static Optional<EcCurve> of(SignatureAlgorithm algorithm) {
    for (EcCurve c : values()) {
      if (c.algorithm == algorithm) {
        return Optional.of(c);
      }
    }
    return Optional.empty();
  }

  byte[] oid() {
    return oid.clone();
  }

  /**
   * Returns the standard JCA name of the curve.
   *
   * @return for example {@code secp256r1}
   */
  public String jcaName() {
    return jcaName;
  }

  /**
   * Returns the length in bytes of a field element (and of r or s in IEEE P1363 form).
   *
   * @return 32, 48 or 66
   */
  public int fieldBytes() {
    return fieldBytes;
  }

  /**
   * Returns the JCA name of the hash ECDSA uses on this curve.
   *
   * @return for example {@code SHA-256}
   */
  public String digest() {
    return digest;
  }

  /**
   * Returns the ECDSA algorithm of this curve.
   *
   * @return the algorithm
   */
  public SignatureAlgorithm algorithm() {
    return algorithm;
  }

  /** Returns the curve order n. */
  BigInteger order() {
    return domain().getN();
  }

  /**
   * Bouncy Castle's custom (fast field arithmetic) implementation of the curve. Built once per
   * curve, on first use; BC caches precomputed multiples of the generator inside it.
   */
  ECDomainParameters domain() {
    switch (this) {
      case P256:
        return Domains.P256;
      case P384:
        return Domains.P384;
      default:
        return Domains.P521;
    }
  }

  private static final class Domains {
    static final ECDomainParameters P256 = load("1.2.840.10045.3.1.7");
    static final ECDomainParameters P384 = load("1.3.132.0.34");
    static final ECDomainParameters P521 = load("1.3.132.0.35");

    private static ECDomainParameters load(String oid) {
      X9ECParameters p = CustomNamedCurves.getByOID(new ASN1ObjectIdentifier(oid));
      return new ECDomainParameters(p);
    }
  }
}
