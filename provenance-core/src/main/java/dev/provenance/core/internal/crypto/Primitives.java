package dev.provenance.core.internal.crypto;

import dev.provenance.api.ErrorCode;
import dev.provenance.api.KeyMaterialException;
import dev.provenance.api.ProvenanceException;
import dev.provenance.api.signing.SignatureAlgorithm;
import dev.provenance.api.signing.SignatureVerifier;
import dev.provenance.api.signing.Signer;
import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import java.util.Objects;
import java.util.Optional;

/**
 * The one place that decides which implementation runs each algorithm. Measured on the project's
 * reference machine (2-core AMD EPYC with SHA-NI, Java 17, one thread, 1 KiB message, operations
 * per second; "ours" includes strict signature decoding and range checks):
 *
 * <pre>
 * algorithm              operation  JDK provider   Bouncy Castle lightweight     chosen
 * Ed25519                verify         1,500        11,700 (precomputed point)  BC
 * Ed25519                sign           1,500        25,400                      BC
 * ECDSA P-256 / SHA-256  verify           980        12,200                      BC + JDK SHA-256
 * ECDSA P-256 / SHA-256  sign           1,900        11,600 (RFC 6979 nonces)    BC
 * ECDSA P-384 / SHA-384  verify           430         4,200                      BC + JDK SHA-384
 * ECDSA P-384 / SHA-384  sign             780         4,500                      BC
 * ECDSA P-521 / SHA-512  verify           190         1,700                      BC + JDK SHA-512
 * ECDSA P-521 / SHA-512  sign             360         2,000                      BC
 * RSA-3072 PSS / PKCS#1  verify        15,100        13,000 (PSSSigner)          JDK
 * RSA-3072 PSS / PKCS#1  sign             320             -                      JDK
 * </pre>
 *
 * A new JDK {@code Signature} per RSA call costs nothing measurable against a reused one (15,100
 * vs 14,700), so verifiers hold no mutable state. Keys whose secret cannot be read (PKCS#11,
 * hardware-backed keystores) always sign through the JCA provider that owns them. Bouncy Castle
 * is used through its lightweight API only; it is never registered as a JCA provider.
 */
public final class Primitives {
  /** The message signed and verified when a signer is built, to prove the key pair matches. */
  private static final byte[] PAIRWISE_CHECK =
      "provenance key pair consistency check".getBytes(StandardCharsets.US_ASCII);

  private Primitives() {}

  /** How an ECDSA verifier decodes signatures. Fixed when it is built; never guessed. */
  public enum EcdsaEncoding {
    /** ASN.1 DER {@code SEQUENCE { r INTEGER, s INTEGER }}, strictly. */
    DER,
    /** IEEE P1363: {@code r || s}, each the curve's field length. */
    P1363
  }

  /**
   * Resolves the algorithm for a key: the one the key fixes, or the requested one, which must be
   * compatible with the key.
   *
   * @param key the public key
   * @param requested the caller's algorithm, if any
   * @return the algorithm
   * @throws KeyMaterialException {@code CONFIGURATION_ERROR} if an RSA key has no algorithm or the
   *     requested algorithm does not fit the key
   */
  public static SignatureAlgorithm resolve(
      PublicKeyMaterial key, Optional<SignatureAlgorithm> requested) throws KeyMaterialException {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(requested, "requested");
    if (requested.isPresent()) {
      if (!key.supports(requested.get())) {
        throw new KeyMaterialException(
            ErrorCode.CONFIGURATION_ERROR,
            "",
            "algorithm " + requested.get() + " does not fit " + key);
      }
      return requested.get();
    }
    return key.impliedAlgorithm()
        .orElseThrow(
            () ->
                new KeyMaterialException(
                    ErrorCode.CONFIGURATION_ERROR,
                    "",
                    "RSA keys need an explicit algorithm (RSA_PSS_SHA256 or RSA_PKCS1_SHA256)"));
  }

  /**
   * Builds a verifier; ECDSA signatures are decoded as DER.
   *
   * @param key the public key
   * @param algorithm the algorithm, which must fit the key
   * @return an immutable, thread-safe verifier
   * @throws KeyMaterialException {@code CONFIGURATION_ERROR} if the algorithm does not fit the key
   */
  public static SignatureVerifier verifier(PublicKeyMaterial key, SignatureAlgorithm algorithm)
      throws KeyMaterialException {
    return verifier(key, algorithm, EcdsaEncoding.DER);
  }

  /**
   * Builds a verifier with an explicit ECDSA signature encoding.
   *
   * @param key the public key
   * @param algorithm the algorithm, which must fit the key
   * @param encoding how ECDSA signatures are encoded; must be DER for other algorithms
   * @return an immutable, thread-safe verifier
   * @throws KeyMaterialException {@code CONFIGURATION_ERROR} if the algorithm or encoding does
   *     not fit the key
   */
  public static SignatureVerifier verifier(
      PublicKeyMaterial key, SignatureAlgorithm algorithm, EcdsaEncoding encoding)
      throws KeyMaterialException {
    Objects.requireNonNull(encoding, "encoding");
    resolve(key, Optional.of(algorithm));
    switch (key.kind()) {
      case ED25519:
        requireDer(encoding, algorithm);
        return new BcEd25519Verifier(key);
      case EC:
        return new BcEcdsaVerifier(key, encoding == EcdsaEncoding.P1363);
      default:
        requireDer(encoding, algorithm);
        return new JcaRsaVerifier(key, algorithm);
    }
  }

  private static void requireDer(EcdsaEncoding encoding, SignatureAlgorithm algorithm)
      throws KeyMaterialException {
    if (encoding != EcdsaEncoding.DER) {
      throw new KeyMaterialException(
          ErrorCode.CONFIGURATION_ERROR, "", "IEEE P1363 encoding applies to ECDSA only, not " + algorithm);
    }
  }

  /**
   * Builds a signer for an in-memory private key, after checking that a test signature verifies.
   *
   * @param key the private key
   * @param algorithm the algorithm, which must fit the key
   * @return an immutable, thread-safe signer
   * @throws KeyMaterialException {@code CONFIGURATION_ERROR} if the algorithm does not fit the key
   *     or the key pair is inconsistent
   */
  public static Signer signer(PrivateKeyMaterial key, SignatureAlgorithm algorithm)
      throws KeyMaterialException {
    PublicKeyMaterial pub = key.publicKey();
    resolve(pub, Optional.of(algorithm));
    Signer signer;
    switch (pub.kind()) {
      case ED25519:
        signer = new BcEd25519Signer(key);
        break;
      case EC:
        signer = new BcEcdsaSigner(key);
        break;
      default:
        signer = new JcaSigner(key.rsa(), pub, algorithm);
        break;
    }
    return checked(signer, pub);
  }

  /**
   * Builds a signer that signs through the JCA with a key object whose secret may be unreadable,
   * after checking that a test signature verifies with the given public key.
   *
   * @param key the private key object
   * @param publicKey its public key
   * @param algorithm the algorithm, which must fit the key
   * @return an immutable, thread-safe signer
   * @throws KeyMaterialException {@code CONFIGURATION_ERROR} if the algorithm does not fit, or the
   *     private key does not sign for this public key
   */
  public static Signer jcaSigner(
      PrivateKey key, PublicKeyMaterial publicKey, SignatureAlgorithm algorithm)
      throws KeyMaterialException {
    Objects.requireNonNull(key, "key");
    resolve(publicKey, Optional.of(algorithm));
    return checked(new JcaSigner(key, publicKey, algorithm), publicKey);
  }

  /** Pairwise consistency test (FIPS 140 style): a mismatched key pair is refused when built. */
  private static Signer checked(Signer signer, PublicKeyMaterial publicKey)
      throws KeyMaterialException {
    try {
      byte[] signature = signer.sign(PAIRWISE_CHECK).toByteArray();
      verifier(publicKey, signer.algorithm()).verify(PAIRWISE_CHECK, signature);
    } catch (ProvenanceException e) {
      throw new KeyMaterialException(
          ErrorCode.CONFIGURATION_ERROR,
          "",
          "the private key does not produce signatures that verify with " + publicKey,
          e);
    }
    return signer;
  }
}
