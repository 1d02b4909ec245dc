package dev.provenance.core.internal.crypto;

import dev.provenance.api.Bytes;
import dev.provenance.api.ErrorCode;
import dev.provenance.api.KeyMaterialException;
import dev.provenance.api.internal.ProvenanceBugException;
import dev.provenance.api.signing.KeyId;
import dev.provenance.api.signing.SignatureAlgorithm;
import java.math.BigInteger;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.util.Objects;
import java.util.Optional;
import org.bouncycastle.math.ec.ECPoint;
import org.bouncycastle.math.ec.rfc8032.Ed25519;

/**
 * A validated public key of a kind we support, with its canonical {@code SubjectPublicKeyInfo}
 * and key id. Every way of getting a public key (PEM, certificate, JCA object, Tink keyset, raw
 * DER from a trusted root) ends here, so the same key always gets the same id and the same checks.
 *
 * <p>Size and curve checks run on the encoding, before any provider or big-number arithmetic is
 * involved, so hostile keys (RSA-16384, explicit or binary curves) are refused cheaply.
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class PublicKeyMaterial {
  /** Smallest RSA modulus accepted, in bits. */
  public static final int MIN_RSA_BITS = 2048;
  /** Largest RSA modulus accepted, in bits. */
  public static final int MAX_RSA_BITS = 4096;
  /** Largest public exponent accepted, in bits (Go's crypto/rsa has the same bound). */
  static final int MAX_RSA_EXPONENT_BITS = 31;

  /** The kind of key. */
  public enum Kind {
    /** Ed25519 (RFC 8410). */
    ED25519,
    /** ECDSA on a named prime curve (RFC 5480). */
    EC,
    /** RSA (RFC 8017). */
    RSA
  }

  private final Kind kind;
  private final EcCurve curve; // EC only
  private final Ed25519.PublicPoint edPoint; // Ed25519 only
  private final ECPoint ecPoint; // EC only
  private final BigInteger modulus; // RSA only
  private final BigInteger exponent; // RSA only
  private final byte[] spki;
  private final KeyId keyId;

  private PublicKeyMaterial(
      Kind kind,
      EcCurve curve,
      Ed25519.PublicPoint edPoint,
      ECPoint ecPoint,
      BigInteger modulus,
      BigInteger exponent,
      byte[] spki) {
    this.kind = kind;
    this.curve = curve;
    this.edPoint = edPoint;
    this.ecPoint = ecPoint;
    this.modulus = modulus;
    this.exponent = exponent;
    this.spki = spki;
    this.keyId = new KeyId(Bytes.wrap(sha256(spki)).toHex());
  }

  /**
   * Parses a DER {@code SubjectPublicKeyInfo} (RFC 5280 section 4.1.2.7).
   *
   * @param der the encoding
   * @param location where the encoding came from, for errors
   * @return the key
   * @throws KeyMaterialException {@code MALFORMED_INPUT} for bad DER or an invalid key, {@code
   *     UNSUPPORTED_FORMAT} for a key kind, curve or size we refuse
   */
  public static PublicKeyMaterial parseSpki(byte[] der, String location)
      throws KeyMaterialException {
    Objects.requireNonNull(der, "der");
    Objects.requireNonNull(location, "location");
    byte[] algorithm;
    DerReader params;
    byte[] key;
    try {
      DerReader outer = DerReader.of(der);
      DerReader spki = outer.sequence();
      outer.expectEnd();
      DerReader algId = spki.sequence();
      algorithm = algId.oid();
      params = algId;
      key = spki.bitStringBytes();
      spki.expectEnd();
    } catch (DerFormatException e) {
      throw malformed(location, "SubjectPublicKeyInfo: " + e.getMessage());
    }
    try {
      if (Oids.is(algorithm, Oids.ED25519)) {
        params.expectEnd(); // RFC 8410 section 3: parameters MUST be absent
        return ed25519(key, location);
      }
      if (Oids.is(algorithm, Oids.EC_PUBLIC_KEY)) {
        if (params.peekTag() != DerReader.OID) {
          // explicit parameters (a SEQUENCE) or implicitlyCA (NULL): never parsed, see H77
          throw unsupported(location, "EC keys must name their curve; explicit parameters are refused");
        }
        byte[] curveOid = params.oid();
        params.expectEnd();
        EcCurve curve = curveFor(curveOid, location);
        return ec(curve, key, location);
      }
      if (Oids.is(algorithm, Oids.RSA_ENCRYPTION)) {
        // RFC 3279 section 2.3.1: parameters are NULL; some encoders omit them
        if (params.hasMore()) {
          params.nullValue();
        }
        params.expectEnd();
        return rsaFromPkcs1(key, location);
      }
    } catch (DerFormatException e) {
      throw malformed(location, "SubjectPublicKeyInfo: " + e.getMessage());
    }
    throw unsupported(location, "unsupported key algorithm " + describeAlgorithm(algorithm));
  }

  /**
   * Reads the public key of a DER X.509 certificate (RFC 5280 section 4.1). Only the structure
   * up to the key is checked; the certificate is not validated, and nothing else in it is used.
   *
   * @param der the certificate encoding
   * @param location where the encoding came from, for errors
   * @return the certificate's public key
   * @throws KeyMaterialException as {@link #parseSpki}
   */
  public static PublicKeyMaterial parseCertificate(byte[] der, String location)
      throws KeyMaterialException {
    Objects.requireNonNull(der, "der");
    byte[] spki;
    try {
      DerReader outer = DerReader.of(der);
      DerReader cert = outer.sequence();
      outer.expectEnd();
      DerReader tbs = cert.sequence();
      cert.sequence(); // signatureAlgorithm
      cert.bitStringBytes(); // signatureValue
      cert.expectEnd();
      if (tbs.nextIsContext(0)) {
        tbs.skip(); // version
      }
      tbs.integerBytes(); // serialNumber
      tbs.sequence(); // signature
      tbs.sequence(); // issuer
      tbs.sequence(); // validity
      tbs.sequence(); // subject
      spki = tbs.sequenceEncoding();
    } catch (DerFormatException e) {
      throw malformed(location, "Certificate: " + e.getMessage());
    }
    return parseSpki(spki, location);
  }

  /**
   * Parses a PKCS#1 {@code RSAPublicKey} (RFC 8017 appendix A.1.1), the form of PEM "RSA PUBLIC
   * KEY" blocks and of some Sigstore trusted-root keys.
   *
   * @param der the encoding
   * @param location where the encoding came from, for errors
   * @return the key
   * @throws KeyMaterialException {@code MALFORMED_INPUT} or {@code UNSUPPORTED_FORMAT} (size)
   */
  public static PublicKeyMaterial parsePkcs1RsaPublicKey(byte[] der, String location)
      throws KeyMaterialException {
    Objects.requireNonNull(der, "der");
    Objects.requireNonNull(location, "location");
    try {
      return rsaFromPkcs1(der, location);
    } catch (DerFormatException e) {
      throw malformed(location, "RSAPublicKey: " + e.getMessage());
    }
  }

  /**
   * Converts a JCA public key through its X.509 encoding.
   *
   * @param key the key
   * @return the key material
   * @throws KeyMaterialException {@code UNSUPPORTED_FORMAT} if the key has no X.509 encoding or
   *     is of a kind we refuse, {@code MALFORMED_INPUT} if its encoding is invalid
   */
  public static PublicKeyMaterial fromJca(PublicKey key) throws KeyMaterialException {
    Objects.requireNonNull(key, "key");
    byte[] encoded = key.getEncoded();
    if (encoded == null || !"X.509".equals(key.getFormat())) {
      throw unsupported("", "the public key has no X.509 SubjectPublicKeyInfo encoding");
    }
    return parseSpki(encoded, "");
  }

  /**
   * Builds an Ed25519 key from its 32-byte encoding (RFC 8032 section 5.1.5).
   *
   * @param key the encoded point
   * @param location where it came from, for errors
   * @return the key
   * @throws KeyMaterialException {@code MALFORMED_INPUT} for an invalid or small-order point
   */
  public static PublicKeyMaterial ofEd25519(byte[] key, String location)
      throws KeyMaterialException {
    return ed25519(key.clone(), location);
  }

  /**
   * Builds an EC key from affine coordinates.
   *
   * @param curve the curve
   * @param x the x coordinate
   * @param y the y coordinate
   * @param location where it came from, for errors
   * @return the key
   * @throws KeyMaterialException {@code MALFORMED_INPUT} if the point is not on the curve
   */
  public static PublicKeyMaterial ofEcPoint(EcCurve curve, BigInteger x, BigInteger y, String location)
      throws KeyMaterialException {
    int n = curve.fieldBytes();
    if (x.signum() < 0 || y.signum() < 0 || x.bitLength() > 8 * n || y.bitLength() > 8 * n) {
      throw malformed(location, "EC point coordinates out of range for " + curve);
    }
    byte[] encoded = new byte[1 + 2 * n];
    encoded[0] = 0x04;
    byte[] xs = x.toByteArray();
    byte[] ys = y.toByteArray();
    int xl = Math.min(xs.length, n);
    int yl = Math.min(ys.length, n);
    System.arraycopy(xs, xs.length - xl, encoded, 1 + n - xl, xl);
    System.arraycopy(ys, ys.length - yl, encoded, 1 + 2 * n - yl, yl);
    return ec(curve, encoded, location);
  }

  static PublicKeyMaterial ed25519(byte[] key, String location) throws KeyMaterialException {
    if (key.length != Ed25519.PUBLIC_KEY_SIZE) {
      throw malformed(location, "an Ed25519 public key is 32 bytes, found " + key.length);
    }
    // full validation refuses non-canonical encodings and small-order points, for which a
    // signature could verify regardless of the message
    Ed25519.PublicPoint point = Ed25519.validatePublicKeyFullExport(key, 0);
    if (point == null) {
      throw malformed(location, "invalid Ed25519 public key");
    }
    byte[] spki =
        DerWriter.sequence(DerWriter.sequence(DerWriter.oid(Oids.ED25519)), DerWriter.bitString(key));
    return new PublicKeyMaterial(Kind.ED25519, null, point, null, null, null, spki);
  }

  static PublicKeyMaterial ec(EcCurve curve, byte[] encodedPoint, String location)
      throws KeyMaterialException {
    int n = curve.fieldBytes();
    boolean uncompressed = encodedPoint.length == 1 + 2 * n && encodedPoint[0] == 0x04;
    boolean compressed =
        encodedPoint.length == 1 + n && (encodedPoint[0] == 0x02 || encodedPoint[0] == 0x03);
    if (!uncompressed && !compressed) {
      throw malformed(location, "invalid EC point encoding for " + curve);
    }
    ECPoint point;
    try {
      point = curve.domain().validatePublicPoint(curve.domain().getCurve().decodePoint(encodedPoint));
    } catch (IllegalArgumentException e) {
      throw malformed(location, "EC point is not on " + curve);
    }
    return ec(curve, point);
  }

  static PublicKeyMaterial ec(EcCurve curve, ECPoint validatedPoint) {
    ECPoint point = validatedPoint.normalize();
    byte[] spki =
        DerWriter.sequence(
            DerWriter.sequence(DerWriter.oid(Oids.EC_PUBLIC_KEY), DerWriter.oid(curve.oid())),
            DerWriter.bitString(point.getEncoded(false)));
    return new PublicKeyMaterial(Kind.EC, curve, null, point, null, null, spki);
  }

  static EcCurve curveFor(byte[] curveOid, String location) throws KeyMaterialException {
    Optional<EcCurve> curve = EcCurve.byOid(curveOid);
    if (curve.isEmpty()) {
      throw unsupported(
          location, "unsupported elliptic curve " + DerReader.oidToString(curveOid)
              + "; only P-256, P-384 and P-521 are accepted");
    }
    return curve.get();
  }

  private static PublicKeyMaterial rsaFromPkcs1(byte[] der, String location)
      throws DerFormatException, KeyMaterialException {
    DerReader outer = DerReader.of(der);
    DerReader seq = outer.sequence();
    outer.expectEnd();
    byte[] n = seq.integerBytes();
    checkModulusSize(n, location);
    byte[] e = seq.integerBytes();
    seq.expectEnd();
    return rsa(new BigInteger(n), new BigInteger(e), location);
  }

  /**
   * Measures the modulus from its minimal two's-complement encoding and refuses sizes outside
   * [2048, 4096] bits before any big-number object exists (H77).
   */
  static void checkModulusSize(byte[] minimalInteger, String location) throws KeyMaterialException {
    if ((minimalInteger[0] & 0x80) != 0) {
      throw malformed(location, "negative RSA modulus");
    }
    int offset = minimalInteger[0] == 0 ? 1 : 0;
    int bits = (minimalInteger.length - offset) * 8;
    if (minimalInteger.length > offset) {
      bits -= Integer.numberOfLeadingZeros(minimalInteger[offset] & 0xff) - 24;
    }
    if (bits < MIN_RSA_BITS || bits > MAX_RSA_BITS) {
      throw unsupported(
          location, "RSA modulus of " + bits + " bits; accepted sizes are 2048 to 4096 bits");
    }
  }

  static PublicKeyMaterial rsa(BigInteger n, BigInteger e, String location)
      throws KeyMaterialException {
    if (!n.testBit(0)) {
      throw malformed(location, "RSA modulus is even");
    }
    if (e.signum() <= 0 || e.bitLength() > MAX_RSA_EXPONENT_BITS) {
      throw unsupported(location, "RSA public exponent out of the accepted range [3, 2^31)");
    }
    if (!e.testBit(0) || e.compareTo(BigInteger.valueOf(3)) < 0) {
      throw malformed(location, "RSA public exponent must be odd and at least 3");
    }
    byte[] spki =
        DerWriter.sequence(
            DerWriter.sequence(DerWriter.oid(Oids.RSA_ENCRYPTION), DerWriter.nullValue()),
            DerWriter.bitString(DerWriter.sequence(DerWriter.integer(n), DerWriter.integer(e))));
    return new PublicKeyMaterial(Kind.RSA, null, null, null, n, e, spki);
  }

  private static String describeAlgorithm(byte[] oid) {
    if (Oids.is(oid, Oids.ED448)) {
      return "Ed448 (1.3.101.113)";
    }
    if (Oids.is(oid, Oids.RSASSA_PSS)) {
      return "id-RSASSA-PSS (1.2.840.113549.1.1.10); use an rsaEncryption key and choose RSA-PSS";
    }
    if (Oids.is(oid, Oids.X25519) || Oids.is(oid, Oids.X448)) {
      return "X25519/X448 (key agreement only)";
    }
    return DerReader.oidToString(oid);
  }

  /**
   * Returns the kind of key.
   *
   * @return the kind
   */
  public Kind kind() {
    return kind;
  }

  /**
   * Returns the curve of an EC key.
   *
   * @return the curve, or empty for other kinds
   */
  public Optional<EcCurve> curve() {
    return Optional.ofNullable(curve);
  }

  /**
   * Returns the algorithm this key fixes: Ed25519, or ECDSA with its curve's hash.
   *
   * @return the algorithm, or empty for RSA, whose padding the caller must name
   */
  public Optional<SignatureAlgorithm> impliedAlgorithm() {
    switch (kind) {
      case ED25519:
        return Optional.of(SignatureAlgorithm.ED25519);
      case EC:
        return Optional.of(curve.algorithm());
      default:
        return Optional.empty();
    }
  }

  /**
   * Whether this key can be used with the given algorithm.
   *
   * @param algorithm the algorithm
   * @return true if key kind (and curve) match the algorithm
   */
  public boolean supports(SignatureAlgorithm algorithm) {
    Objects.requireNonNull(algorithm, "algorithm");
    if (kind == Kind.RSA) {
      return algorithm == SignatureAlgorithm.RSA_PSS_SHA256
          || algorithm == SignatureAlgorithm.RSA_PKCS1_SHA256;
    }
    return impliedAlgorithm().orElseThrow() == algorithm;
  }

  /**
   * Returns the canonical DER {@code SubjectPublicKeyInfo}: named curve, uncompressed point,
   * minimal integers, NULL RSA parameters.
   *
   * @return a fresh copy
   */
  public byte[] spki() {
    return spki.clone();
  }

  /**
   * Returns the lowercase hex SHA-256 of {@link #spki()}.
   *
   * @return the key id
   */
  public KeyId keyId() {
    return keyId;
  }

  /**
   * Returns the RSA modulus size.
   *
   * @return the size in bits, or 0 for other kinds
   */
  public int rsaBits() {
    return kind == Kind.RSA ? modulus.bitLength() : 0;
  }

  Ed25519.PublicPoint edPoint() {
    return edPoint;
  }

  ECPoint ecPoint() {
    return ecPoint;
  }

  BigInteger modulus() {
    return modulus;
  }

  BigInteger exponent() {
    return exponent;
  }

  /** Whether the two describe the same key (same canonical encoding). */
  boolean sameKey(PublicKeyMaterial other) {
    return MessageDigest.isEqual(spki, other.spki);
  }

  @Override
  public String toString() {
    return "PublicKey[" + (kind == Kind.EC ? curve.name() : kind.name()) + ", keyId=" + keyId + "]";
  }

  static byte[] sha256(byte[] data) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(data);
    } catch (NoSuchAlgorithmException e) {
      throw new ProvenanceBugException("SHA-256 is required of every Java platform", e);
    }
  }

  static KeyMaterialException malformed(String location, String message) {
    return new KeyMaterialException(ErrorCode.MALFORMED_INPUT, location, message);
  }

  static KeyMaterialException unsupported(String location, String message) {
    return new KeyMaterialException(ErrorCode.UNSUPPORTED_FORMAT, location, message);
  }
}
