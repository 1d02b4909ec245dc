package dev.provenance.core.internal.crypto;

import static dev.provenance.core.internal.crypto.PublicKeyMaterial.malformed;
import static dev.provenance.core.internal.crypto.PublicKeyMaterial.unsupported;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.spec.RSAPrivateCrtKeySpec;
import java.util.Arrays;
import java.util.Objects;
import dev.provenance.api.KeyMaterialException;
import org.bouncycastle.crypto.params.ECPrivateKeyParameters;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.math.ec.ECPoint;
import org.bouncycastle.math.ec.FixedPointCombMultiplier;

/**
 * A parsed private key of a kind we support, with its public half. Parsing checks that any public
 * key embedded in the encoding matches the one derived from the private key.
 *
 * <p>Instances are immutable and thread-safe. They never print or expose the secret.
 */
public final class PrivateKeyMaterial {
  private final PublicKeyMaterial publicKey;
  private final Ed25519PrivateKeyParameters ed25519; // Ed25519 only
  private final ECPrivateKeyParameters ec; // EC only
  private final PrivateKey rsa; // RSA only

  private PrivateKeyMaterial(
      PublicKeyMaterial publicKey,
      Ed25519PrivateKeyParameters ed25519,
      ECPrivateKeyParameters ec,
      PrivateKey rsa) {
    this.publicKey = publicKey;
    this.ed25519 = ed25519;
    this.ec = ec;
    this.rsa = rsa;
  }

  /**
   * Parses an unencrypted PKCS#8 {@code PrivateKeyInfo} / {@code OneAsymmetricKey} (RFC 5208,
   * RFC 5958).
   *
   * @param der the encoding
   * @param location where it came from, for errors
   * @return the key
   * @throws KeyMaterialException {@code MALFORMED_INPUT} or {@code UNSUPPORTED_FORMAT}
   */
  public static PrivateKeyMaterial parsePkcs8(byte[] der, String location)
      throws KeyMaterialException {
    Objects.requireNonNull(der, "der");
    try {
      DerReader outer = DerReader.of(der);
      DerReader info = outer.sequence();
      outer.expectEnd();
      int version = info.smallInteger();
      if (version != 0 && version != 1) {
        throw malformed(location, "unknown PrivateKeyInfo version " + version);
      }
      DerReader algId = info.sequence();
      byte[] algorithm = algId.oid();
      byte[] privateKey = info.octetString();
      if (info.nextIsContext(0)) {
        info.skip(); // attributes: nothing we use
      }
      byte[] embeddedPublic = null;
      if (info.peekTag() == 0x81) { // [1] IMPLICIT BIT STRING, v2 only
        if (version != 1) {
          throw malformed(location, "public key in a version 0 PrivateKeyInfo");
        }
        byte[] bits = info.primitive(0x81);
        if (bits.length == 0 || bits[0] != 0) {
          throw malformed(location, "public key BIT STRING with unused bits");
        }
        embeddedPublic = Arrays.copyOfRange(bits, 1, bits.length);
      }
      info.expectEnd();
      if (Oids.is(algorithm, Oids.ED25519)) {
        algId.expectEnd();
        DerReader inner = DerReader.of(privateKey);
        byte[] seed = inner.octetString();
        inner.expectEnd();
        PrivateKeyMaterial key = ed25519(seed, location);
        if (embeddedPublic != null) {
          checkSame(key.publicKey, PublicKeyMaterial.ed25519(embeddedPublic, location), location);
        }
        return key;
      }
      if (Oids.is(algorithm, Oids.EC_PUBLIC_KEY)) {
        if (algId.peekTag() != DerReader.OID) {
          throw unsupported(location, "EC keys must name their curve; explicit parameters are refused");
        }
        EcCurve curve = PublicKeyMaterial.curveFor(algId.oid(), location);
        algId.expectEnd();
        return parseSec1(privateKey, curve, location);
      }
      if (Oids.is(algorithm, Oids.RSA_ENCRYPTION)) {
        if (algId.hasMore()) {
          algId.nullValue();
        }
        algId.expectEnd();
        return parsePkcs1Rsa(privateKey, location);
      }
      throw unsupported(location, "unsupported private key algorithm " + DerReader.oidToString(algorithm));
    } catch (DerFormatException e) {
      throw malformed(location, "PrivateKeyInfo: " + e.getMessage());
    }
  }

  /**
   * Parses a SEC1 {@code ECPrivateKey} (RFC 5915), the form of PEM "EC PRIVATE KEY" blocks. The
   * curve must be named inside.
   *
   * @param der the encoding
   * @param location where it came from, for errors
   * @return the key
   * @throws KeyMaterialException {@code MALFORMED_INPUT} or {@code UNSUPPORTED_FORMAT}
   */
  public static PrivateKeyMaterial parseSec1(byte[] der, String location)
      throws KeyMaterialException {
    return parseSec1(der, null, location);
  }

  /**
   * Parses a PKCS#1 {@code RSAPrivateKey} (RFC 8017 appendix A.1.2), the form of PEM "RSA PRIVATE
   * KEY" blocks.
   *
   * @param der the encoding
   * @param location where it came from, for errors
   * @return the key
   * @throws KeyMaterialException {@code MALFORMED_INPUT} or {@code UNSUPPORTED_FORMAT}
   */
  public static PrivateKeyMaterial parsePkcs1Rsa(byte[] der, String location)
      throws KeyMaterialException {
    try {
      DerReader outer = DerReader.of(der);
      DerReader seq = outer.sequence();
      outer.expectEnd();
      int version = seq.smallInteger();
      if (version != 0) {
        throw unsupported(location, "multi-prime RSA keys are not supported");
      }
      byte[] nBytes = seq.integerBytes();
      PublicKeyMaterial.checkModulusSize(nBytes, location);
      BigInteger n = new BigInteger(nBytes);
      BigInteger e = seq.nonNegativeInteger();
      BigInteger d = seq.nonNegativeInteger();
      BigInteger p = seq.nonNegativeInteger();
      BigInteger q = seq.nonNegativeInteger();
      BigInteger dp = seq.nonNegativeInteger();
      BigInteger dq = seq.nonNegativeInteger();
      BigInteger qinv = seq.nonNegativeInteger();
      seq.expectEnd();
      PublicKeyMaterial pub = PublicKeyMaterial.rsa(n, e, location);
      if (p.signum() == 0 || q.signum() == 0 || !p.multiply(q).equals(n)
          || d.signum() == 0 || d.compareTo(n) >= 0) {
        throw malformed(location, "inconsistent RSA private key");
      }
      PrivateKey key;
      try {
        key = KeyFactory.getInstance("RSA")
            .generatePrivate(new RSAPrivateCrtKeySpec(n, e, d, p, q, dp, dq, qinv));
      } catch (GeneralSecurityException ex) {
        throw malformed(location, "RSA private key refused by the provider");
      }
      return new PrivateKeyMaterial(pub, null, null, key);
    } catch (DerFormatException ex) {
      throw malformed(location, "RSAPrivateKey: " + ex.getMessage());
    }
  }

  private static PrivateKeyMaterial parseSec1(byte[] der, EcCurve outerCurve, String location)
      throws KeyMaterialException {
    try {
      DerReader outer = DerReader.of(der);
      DerReader seq = outer.sequence();
      outer.expectEnd();
      if (seq.smallInteger() != 1) {
        throw malformed(location, "ECPrivateKey version must be 1");
      }
      byte[] d = seq.octetString();
      EcCurve curve = outerCurve;
      if (seq.nextIsContext(0)) {
        DerReader params = seq.context(0);
        if (params.peekTag() != DerReader.OID) {
          throw unsupported(location, "EC keys must name their curve; explicit parameters are refused");
        }
        EcCurve named = PublicKeyMaterial.curveFor(params.oid(), location);
        params.expectEnd();
        if (curve != null && curve != named) {
          throw malformed(location, "ECPrivateKey names a different curve than its PrivateKeyInfo");
        }
        curve = named;
      }
      byte[] embeddedPublic = null;
      if (seq.nextIsContext(1)) {
        DerReader pub = seq.context(1);
        embeddedPublic = pub.bitStringBytes();
        pub.expectEnd();
      }
      seq.expectEnd();
      if (curve == null) {
        throw malformed(location, "ECPrivateKey does not name its curve");
      }
      // RFC 5915: the private key is ceiling(log2(n)/8) octets; shorter encodings exist in the wild
      if (d.length == 0 || d.length > curve.fieldBytes()) {
        throw malformed(location, "EC private key of the wrong length for " + curve);
      }
      PrivateKeyMaterial key = ec(curve, new BigInteger(1, d), location);
      Arrays.fill(d, (byte) 0);
      if (embeddedPublic != null) {
        checkSame(key.publicKey, PublicKeyMaterial.ec(curve, embeddedPublic, location), location);
      }
      return key;
    } catch (DerFormatException e) {
      throw malformed(location, "ECPrivateKey: " + e.getMessage());
    }
  }

  /**
   * Builds an Ed25519 private key from its 32-byte seed (RFC 8032 section 5.1.5).
   *
   * @param seed the seed; copied
   * @param location where it came from, for errors
   * @return the key
   * @throws KeyMaterialException {@code MALFORMED_INPUT} for a wrong length
   */
  public static PrivateKeyMaterial ofEd25519Seed(byte[] seed, String location)
      throws KeyMaterialException {
    return ed25519(seed, location);
  }

  /**
   * Builds an EC private key from its scalar.
   *
   * @param curve the curve
   * @param d the private scalar, in [1, n-1]
   * @param location where it came from, for errors
   * @return the key
   * @throws KeyMaterialException {@code MALFORMED_INPUT} for a scalar out of range
   */
  public static PrivateKeyMaterial ofEcScalar(EcCurve curve, BigInteger d, String location)
      throws KeyMaterialException {
    return ec(curve, d, location);
  }

  static PrivateKeyMaterial ed25519(byte[] seed, String location) throws KeyMaterialException {
    if (seed.length != Ed25519PrivateKeyParameters.KEY_SIZE) {
      throw malformed(location, "an Ed25519 private key is 32 bytes");
    }
    Ed25519PrivateKeyParameters params = new Ed25519PrivateKeyParameters(seed, 0);
    PublicKeyMaterial pub = PublicKeyMaterial.ed25519(params.generatePublicKey().getEncoded(), location);
    return new PrivateKeyMaterial(pub, params, null, null);
  }

  static PrivateKeyMaterial ec(EcCurve curve, BigInteger d, String location)
      throws KeyMaterialException {
    if (d.signum() <= 0 || d.compareTo(curve.order()) >= 0) {
      throw malformed(location, "EC private key out of range");
    }
    ECPoint q = new FixedPointCombMultiplier().multiply(curve.domain().getG(), d);
    PublicKeyMaterial pub = PublicKeyMaterial.ec(curve, q);
    return new PrivateKeyMaterial(pub, null, new ECPrivateKeyParameters(d, curve.domain()), null);
  }

  private static void checkSame(PublicKeyMaterial derived, PublicKeyMaterial embedded, String location)
      throws KeyMaterialException {
    if (!MessageDigest.isEqual(derived.spki(), embedded.spki())) {
      throw malformed(location, "the embedded public key does not match the private key");
    }
  }

  /**
   * Returns the public half.
   *
   * @return the public key
   */
  public PublicKeyMaterial publicKey() {
    return publicKey;
  }

  Ed25519PrivateKeyParameters ed25519() {
    return ed25519;
  }

  ECPrivateKeyParameters ec() {
    return ec;
  }

  PrivateKey rsa() {
    return rsa;
  }

  @Override
  public String toString() {
    return "PrivateKey[" + publicKey + "]";
  }
}
