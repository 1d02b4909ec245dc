package dev.provenance.sigstore.internal.x509;

import dev.provenance.api.Bytes;
import dev.provenance.api.ErrorCode;
import dev.provenance.api.VerificationException;
import dev.provenance.api.internal.ProvenanceBugException;
import dev.provenance.core.internal.crypto.PublicKeyMaterial;
import dev.provenance.sigstore.internal.cache.VerifiedSignatures;
import java.io.IOException;
import java.math.BigInteger;
import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.PSSParameterSpec;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.edec.EdECObjectIdentifiers;
import org.bouncycastle.asn1.sec.SECObjectIdentifiers;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;
import org.bouncycastle.crypto.signers.ECDSASigner;
import org.bouncycastle.crypto.signers.Ed25519Signer;
import org.bouncycastle.crypto.signers.StandardDSAEncoding;
import org.bouncycastle.crypto.util.PublicKeyFactory;

/**
 * Signature checks for certificates, SCTs and CMS: the verifying key fixes the family (EC, RSA,
 * Ed25519) and the structure being verified names the hash, as X.509, RFC 6962 and CMS define.
 *
 * <p>Unlike the key-bound verifiers of the core module, where a curve fixes its hash, X.509 and CMS
 * name the hash in the signed structure (a P-256 CA may sign with ecdsa-with-SHA384, as some
 * trusted roots do), so this class takes the scheme from the structure and checks only that it
 * fits the key's type.
 *
 * <p>ECDSA goes through Bouncy Castle's lightweight API: measured here, a P-384 certificate
 * signature takes about 2.4 ms with the JDK provider, 0.6 ms with Bouncy Castle and 0.28 ms when
 * the key's point (and with it Bouncy Castle's multiplication tables) is reused. Trusted keys
 * (CAs, CT logs, TSAs) are therefore cached in a small bounded map; keys from untrusted input never
 * are. Checks under trusted keys that succeeded are remembered in {@link
 * VerifiedSignatures#shared()}, keyed by the key's full encoding, the scheme and its parameters,
 * the complete signed bytes and the signature, so re-verifying the same certificate, SCT or
 * time-stamp token costs no arithmetic; failures are never remembered. Stateless apart from those
 * bounded caches; thread-safe.
 */
public final class Signatures {
  /** Signature schemes accepted on certificates, SCTs and time-stamp tokens. */
  public enum Scheme {
    /** ECDSA with SHA-256, DER signature. */
    ECDSA_SHA256("SHA-256"),
    /** ECDSA with SHA-384, DER signature. */
    ECDSA_SHA384("SHA-384"),
    /** ECDSA with SHA-512, DER signature. */
    ECDSA_SHA512("SHA-512"),
    /** RSA PKCS#1 v1.5 with SHA-256. */
    RSA_PKCS1_SHA256("SHA-256"),
    /** RSA PKCS#1 v1.5 with SHA-384. */
    RSA_PKCS1_SHA384("SHA-384"),
    /** RSA PKCS#1 v1.5 with SHA-512. */
    RSA_PKCS1_SHA512("SHA-512"),
    /** RSASSA-PSS; its parameters travel with the algorithm identifier. */
    RSA_PSS(""),
    /** Pure Ed25519. */
    ED25519("");

    private final String digest;

    Scheme(String digest) {
      this.digest = digest;
    }

    boolean isEcdsa() {
      return this == ECDSA_SHA256 || this == ECDSA_SHA384 || this == ECDSA_SHA512;
    }

    boolean isRsa() {
      return this == RSA_PKCS1_SHA256
          || this == RSA_PKCS1_SHA384
          || this == RSA_PKCS1_SHA512
          || this == RSA_PSS;
    }
  }

  /** RSA moduli outside this range are refused before any arithmetic (H77); as for all keys. */
  static final int MIN_RSA_BITS = PublicKeyMaterial.MIN_RSA_BITS;

  static final int MAX_RSA_BITS = PublicKeyMaterial.MAX_RSA_BITS;

  private static final int MAX_CACHED_KEYS = 128;

  private static final Map<Bytes, ECPublicKeyParameters> TRUSTED_EC_KEYS =
      new ConcurrentHashMap<>();

  private static final Map<String, Scheme> BY_OID =
      Map.of(
          "1.2.840.10045.4.3.2", Scheme.ECDSA_SHA256,
          "1.2.840.10045.4.3.3", Scheme.ECDSA_SHA384,
          "1.2.840.10045.4.3.4", Scheme.ECDSA_SHA512,
          "1.2.840.113549.1.1.11", Scheme.RSA_PKCS1_SHA256,
          "1.2.840.113549.1.1.12", Scheme.RSA_PKCS1_SHA384,
          "1.2.840.113549.1.1.13", Scheme.RSA_PKCS1_SHA512,
          "1.2.840.113549.1.1.10", Scheme.RSA_PSS,
          "1.3.101.112", Scheme.ED25519);

  private Signatures() {}

  /**
   * Returns the scheme named by a signature algorithm OID of X.509 or CMS.
   *
   * @param oid the dotted OID
   * @return the scheme, or empty when not supported
   */
  public static Optional<Scheme> forOid(String oid) {
    return Optional.ofNullable(BY_OID.get(oid));
  }

  /**
   * Checks the signature of a certificate with the key of its issuer.
   *
   * @param certificate the signed certificate
   * @param issuerKey the issuer's public key
   * @param trustedKey whether the key comes from trusted configuration and may be cached
   * @param location where the certificate is, for the error
   * @throws VerificationException {@code SIGNATURE_INVALID} if the signature does not verify, or
   *     {@code UNSUPPORTED_FORMAT} for an algorithm or key outside the supported set
   */
  public static void verifyCertificate(
      X509Certificate certificate, PublicKey issuerKey, boolean trustedKey, String location)
      throws VerificationException {
    Scheme scheme =
        forOid(certificate.getSigAlgOID())
            .orElseThrow(
                () ->
                    new VerificationException(
                        ErrorCode.UNSUPPORTED_FORMAT,
                        location,
                        "unsupported certificate signature algorithm "
                            + certificate.getSigAlgOID()));
    byte[] tbs;
    try {
      tbs = certificate.getTBSCertificate();
    } catch (GeneralSecurityException e) {
      throw new VerificationException(
          ErrorCode.MALFORMED_INPUT, location, "certificate cannot be re-encoded", e);
    }
    verify(
        issuerKey,
        scheme,
        certificate.getSigAlgParams(),
        tbs,
        certificate.getSignature(),
        trustedKey,
        location);
  }

  /**
   * Checks a signature.
   *
   * @param key the verifying key; its type must match the scheme
   * @param scheme the scheme
   * @param parameters the DER algorithm parameters (RSASSA-PSS only), or null
   * @param data the signed bytes
   * @param signature the signature (DER for ECDSA)
   * @param trustedKey whether the key comes from trusted configuration: its decoded form and the
   *     successes of this check are cached
   * @param location where the signature is, for the error
   * @throws VerificationException {@code SIGNATURE_INVALID} or {@code UNSUPPORTED_FORMAT}
   */
  public static void verify(
      PublicKey key,
      Scheme scheme,
      byte[] parameters,
      byte[] data,
      byte[] signature,
      boolean trustedKey,
      String location)
      throws VerificationException {
    VerifiedSignatures.Check check =
        trustedKey ? rememberedCheck(key, scheme, parameters, data, signature) : null;
    if (check != null && VerifiedSignatures.shared().contains(check)) {
      return;
    }
    boolean valid;
    if (scheme.isEcdsa()) {
      valid = verifyEcdsa(key, scheme, data, signature, trustedKey, location);
    } else if (scheme.isRsa()) {
      valid = verifyRsa(key, scheme, parameters, data, signature, location);
    } else {
      valid = verifyEd25519(key, data, signature, location);
    }
    if (!valid) {
      throw new VerificationException(
          ErrorCode.SIGNATURE_INVALID, location, "signature does not verify (" + scheme + ")");
    }
    if (check != null) {
      VerifiedSignatures.shared().add(check);
    }
  }

  /**
   * Returns how a check under a trusted key is remembered: the scheme (and whether parameters are
   * present) as the domain; the key's full SubjectPublicKeyInfo, the parameters, the signed bytes
   * and the signature as parts. Null when the key has no encoding (such a check fails anyway).
   */
  static VerifiedSignatures.Check rememberedCheck(
      PublicKey key, Scheme scheme, byte[] parameters, byte[] data, byte[] signature) {
    byte[] spki = key.getEncoded();
    if (spki == null) {
      return null;
    }
    return parameters == null
        ? VerifiedSignatures.check(scheme.name(), spki, data, signature)
        : VerifiedSignatures.check(scheme.name() + "/parameters", spki, parameters, data, signature);
  }

  private static boolean verifyEcdsa(
      PublicKey key, Scheme scheme, byte[] data, byte[] signature, boolean trusted, String location)
      throws VerificationException {
    ECPublicKeyParameters params = ecParameters(key, trusted, location);
    BigInteger[] rs;
    try {
      // StandardDSAEncoding re-encodes and compares, so only strict DER is accepted.
      rs = StandardDSAEncoding.INSTANCE.decode(params.getParameters().getN(), signature);
    } catch (IOException | RuntimeException e) {
      return false;
    }
    ECDSASigner verifier = new ECDSASigner();
    verifier.init(false, params);
    return verifier.verifySignature(digest(scheme.digest, data), rs[0], rs[1]);
  }

  private static ECPublicKeyParameters ecParameters(
      PublicKey key, boolean trusted, String location) throws VerificationException {
    byte[] spki = key.getEncoded();
    if (spki == null) {
      throw unsupported(location, "key has no X.509 encoding");
    }
    Bytes cacheKey = null;
    if (trusted) {
      cacheKey = Bytes.wrap(spki.clone());
      ECPublicKeyParameters cached = TRUSTED_EC_KEYS.get(cacheKey);
      if (cached != null) {
        return cached;
      }
    }
    ECPublicKeyParameters params;
    try {
      SubjectPublicKeyInfo info = SubjectPublicKeyInfo.getInstance(spki);
      if (!X9ObjectIdentifiers.id_ecPublicKey.equals(info.getAlgorithm().getAlgorithm())
          || !isSupportedCurve(info.getAlgorithm().getParameters())) {
        throw unsupported(location, "ECDSA needs a P-256, P-384 or P-521 key");
      }
      params = (ECPublicKeyParameters) PublicKeyFactory.createKey(info);
    } catch (IOException | RuntimeException e) {
      throw new VerificationException(
          ErrorCode.MALFORMED_INPUT, location, "public key cannot be decoded", e);
    }
    if (cacheKey != null) {
      if (TRUSTED_EC_KEYS.size() >= MAX_CACHED_KEYS) {
        TRUSTED_EC_KEYS.clear();
      }
      TRUSTED_EC_KEYS.putIfAbsent(cacheKey, params);
    }
    return params;
  }

  private static boolean isSupportedCurve(Object parameters) {
    return parameters instanceof ASN1ObjectIdentifier
        && (SECObjectIdentifiers.secp256r1.equals(parameters)
            || SECObjectIdentifiers.secp384r1.equals(parameters)
            || SECObjectIdentifiers.secp521r1.equals(parameters));
  }

  private static boolean verifyRsa(
      PublicKey key, Scheme scheme, byte[] parameters, byte[] data, byte[] signature, String loc)
      throws VerificationException {
    if (!(key instanceof RSAPublicKey)) {
      throw unsupported(loc, "RSA signature needs an RSA key");
    }
    int bits = ((RSAPublicKey) key).getModulus().bitLength();
    if (bits < MIN_RSA_BITS || bits > MAX_RSA_BITS) {
      throw unsupported(
          loc, "RSA key of " + bits + " bits is outside " + MIN_RSA_BITS + ".." + MAX_RSA_BITS);
    }
    try {
      Signature verifier;
      if (scheme == Scheme.RSA_PSS) {
        if (parameters == null) {
          throw unsupported(loc, "RSASSA-PSS without parameters");
        }
        AlgorithmParameters pss = AlgorithmParameters.getInstance("RSASSA-PSS");
        pss.init(parameters);
        verifier = Signature.getInstance("RSASSA-PSS");
        verifier.setParameter(pss.getParameterSpec(PSSParameterSpec.class));
      } else {
        verifier = Signature.getInstance(scheme.digest.replace("-", "") + "withRSA");
      }
      verifier.initVerify(key);
      verifier.update(data);
      return verifier.verify(signature);
    } catch (IOException | GeneralSecurityException | RuntimeException e) {
      return false;
    }
  }

  private static boolean verifyEd25519(PublicKey key, byte[] data, byte[] signature, String loc)
      throws VerificationException {
    byte[] raw;
    try {
      SubjectPublicKeyInfo info = SubjectPublicKeyInfo.getInstance(key.getEncoded());
      if (!EdECObjectIdentifiers.id_Ed25519.equals(info.getAlgorithm().getAlgorithm())) {
        throw unsupported(loc, "Ed25519 signature needs an Ed25519 key");
      }
      raw = info.getPublicKeyData().getOctets();
    } catch (RuntimeException e) {
      throw new VerificationException(
          ErrorCode.MALFORMED_INPUT, loc, "public key cannot be decoded", e);
    }
    if (raw.length != Ed25519PublicKeyParameters.KEY_SIZE) {
      return false;
    }
    Ed25519Signer verifier = new Ed25519Signer();
    verifier.init(false, new Ed25519PublicKeyParameters(raw, 0));
    verifier.update(data, 0, data.length);
    return verifier.verifySignature(signature);
  }

  /**
   * Returns a message digest by JCA name; the JDK always has the SHA-2 family.
   *
   * @param algorithm a JCA digest name such as {@code SHA-256}
   * @param data the bytes to hash
   * @return the digest
   */
  public static byte[] digest(String algorithm, byte[] data) {
    return messageDigest(algorithm).digest(data);
  }

  /**
   * Returns a new message digest by JCA name.
   *
   * @param algorithm a JCA digest name of the SHA-1 or SHA-2 family
   * @return the digest
   */
  public static MessageDigest messageDigest(String algorithm) {
    try {
      return MessageDigest.getInstance(algorithm);
    } catch (NoSuchAlgorithmException e) {
      throw new ProvenanceBugException(algorithm + " missing from the JDK", e);
    }
  }

  private static VerificationException unsupported(String location, String message) {
    return new VerificationException(ErrorCode.UNSUPPORTED_FORMAT, location, message);
  }
}
