package dev.provenance.core.keys;

import dev.provenance.api.ErrorCode;
import dev.provenance.api.KeyMaterialException;
import dev.provenance.api.internal.ProvenanceBugException;
import dev.provenance.api.signing.KeyId;
import dev.provenance.api.signing.SignatureAlgorithm;
import dev.provenance.api.signing.SignatureVerifier;
import dev.provenance.api.signing.Signer;
import dev.provenance.core.internal.crypto.EcCurve;
import dev.provenance.core.internal.crypto.Primitives;
import dev.provenance.core.internal.crypto.PrivateKeyMaterial;
import dev.provenance.core.internal.crypto.PublicKeyMaterial;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.RSAKeyGenParameterSpec;
import java.util.Objects;
import java.util.Optional;

/**
 * Builds signers and verifiers from JCA key objects, computes key ids and generates key pairs.
 *
 * <pre>{@code
 * KeyPair pair = JcaKeys.generate(SignatureAlgorithm.ECDSA_P256_SHA256);
 * Signer signer = JcaKeys.signer(pair.getPrivate(), pair.getPublic());
 * SignatureVerifier verifier = JcaKeys.verifier(pair.getPublic());
 * // a key on a PKCS#11 token: the secret never leaves it
 * Signer hsm = JcaKeys.signer((PrivateKey) keyStore.getKey(alias, null), certificate.getPublicKey());
 * }</pre>
 *
 * <p>Public keys are read through their X.509 encoding and checked like PEM keys. Private keys
 * whose encoding can be read are handled like PEM keys; keys whose secret cannot be read (PKCS#11,
 * hardware keystores) sign through the JCA provider that owns them. Either way a test signature
 * is verified against the public key when the signer is built.
 *
 * <p>This class is stateless and thread-safe; the signers and verifiers it returns are immutable
 * and thread-safe.
 */
public final class JcaKeys {
  /** RSA modulus size of generated RSA keys. */
  public static final int GENERATED_RSA_BITS = 3072;

  private JcaKeys() {}

  /**
   * Builds a verifier for an Ed25519 or EC public key, whose algorithm the key fixes. ECDSA
   * signatures must be ASN.1 DER.
   *
   * @param key the public key, for example {@code certificate.getPublicKey()}
   * @return the verifier
   * @throws KeyMaterialException {@code UNSUPPORTED_FORMAT} for refused key kinds, curves and
   *     sizes; {@code MALFORMED_INPUT} for invalid key values; {@code CONFIGURATION_ERROR} for an
   *     RSA key, which needs {@link #verifier(PublicKey, SignatureAlgorithm)}
   */
  public static SignatureVerifier verifier(PublicKey key) throws KeyMaterialException {
    PublicKeyMaterial material = PublicKeyMaterial.fromJca(key);
    return Primitives.verifier(material, Primitives.resolve(material, Optional.empty()));
  }

  /**
   * Builds a verifier with a stated algorithm; required for RSA keys.
   *
   * @param key the public key
   * @param algorithm the algorithm; must fit the key
   * @return the verifier
   * @throws KeyMaterialException as {@link #verifier(PublicKey)}; {@code CONFIGURATION_ERROR} if
   *     the algorithm does not fit the key
   */
  public static SignatureVerifier verifier(PublicKey key, SignatureAlgorithm algorithm)
      throws KeyMaterialException {
    Objects.requireNonNull(algorithm, "algorithm");
    return Primitives.verifier(PublicKeyMaterial.fromJca(key), algorithm);
  }

  /**
   * Builds an ECDSA verifier for signatures encoded as IEEE P1363 raw {@code r || s} (each the
   * curve's field length), as in the DSSE specification's test vector. Use it only where a profile
   * says so: the encoding is fixed here and never guessed from a signature's length.
   *
   * @param ecKey an EC public key on P-256, P-384 or P-521
   * @return the verifier
   * @throws KeyMaterialException {@code CONFIGURATION_ERROR} if the key is not an EC key; else as
   *     {@link #verifier(PublicKey)}
   */
  public static SignatureVerifier verifierP1363(PublicKey ecKey) throws KeyMaterialException {
    PublicKeyMaterial material = PublicKeyMaterial.fromJca(ecKey);
    if (material.kind() != PublicKeyMaterial.Kind.EC) {
      throw new KeyMaterialException(
          ErrorCode.CONFIGURATION_ERROR, "", "IEEE P1363 signatures apply to ECDSA keys only");
    }
    return Primitives.verifier(
        material, material.impliedAlgorithm().orElseThrow(), Primitives.EcdsaEncoding.P1363);
  }

  /**
   * Builds a signer for an Ed25519 or EC key pair, whose algorithm the key fixes.
   *
   * @param key the private key; in memory or on a token
   * @param publicKey its public key, which gives the signer's key id
   * @return the signer; ECDSA signatures are DER encoded
   * @throws KeyMaterialException {@code CONFIGURATION_ERROR} for an RSA key (use {@link
   *     #signer(PrivateKey, PublicKey, SignatureAlgorithm)}) or if the two keys do not belong
   *     together; {@code UNSUPPORTED_FORMAT} or {@code MALFORMED_INPUT} for refused keys
   */
  public static Signer signer(PrivateKey key, PublicKey publicKey) throws KeyMaterialException {
    PublicKeyMaterial pub = PublicKeyMaterial.fromJca(publicKey);
    return signer(key, pub, Primitives.resolve(pub, Optional.empty()));
  }

  /**
   * Builds a signer with a stated algorithm; required for RSA keys.
   *
   * @param key the private key; in memory or on a token
   * @param publicKey its public key
   * @param algorithm the algorithm; must fit the key
   * @return the signer
   * @throws KeyMaterialException as {@link #signer(PrivateKey, PublicKey)}; {@code
   *     CONFIGURATION_ERROR} if the algorithm does not fit the key
   */
  public static Signer signer(PrivateKey key, PublicKey publicKey, SignatureAlgorithm algorithm)
      throws KeyMaterialException {
    Objects.requireNonNull(algorithm, "algorithm");
    return signer(key, PublicKeyMaterial.fromJca(publicKey), algorithm);
  }

  private static Signer signer(PrivateKey key, PublicKeyMaterial pub, SignatureAlgorithm algorithm)
      throws KeyMaterialException {
    Objects.requireNonNull(key, "key");
    Primitives.resolve(pub, Optional.of(algorithm));
    byte[] encoded = pub.kind() == PublicKeyMaterial.Kind.RSA ? null : key.getEncoded();
    if (encoded == null || !"PKCS#8".equals(key.getFormat())) {
      // RSA runs on the JDK anyway; unreadable keys must stay with their provider
      return Primitives.jcaSigner(key, pub, algorithm);
    }
    PrivateKeyMaterial material = PrivateKeyMaterial.parsePkcs8(encoded, "");
    if (!material.publicKey().keyId().equals(pub.keyId())) {
      throw new KeyMaterialException(
          ErrorCode.CONFIGURATION_ERROR, "", "the private key does not belong to " + pub);
    }
    return Primitives.signer(material, algorithm);
  }

  /**
   * Returns the canonical id of a public key: lowercase hex SHA-256 of its canonical DER
   * SubjectPublicKeyInfo.
   *
   * @param key the public key
   * @return the key id
   * @throws KeyMaterialException {@code UNSUPPORTED_FORMAT} or {@code MALFORMED_INPUT} for a key
   *     this SDK refuses
   */
  public static KeyId keyId(PublicKey key) throws KeyMaterialException {
    return PublicKeyMaterial.fromJca(key).keyId();
  }

  /**
   * Generates a key pair with the JDK's providers and {@link SecureRandom}: Ed25519, an EC key
   * on the algorithm's curve, or a 3072-bit RSA key (exponent 65537) for either RSA algorithm.
   *
   * @param algorithm the algorithm the key will be used with
   * @return a new key pair
   */
  public static KeyPair generate(SignatureAlgorithm algorithm) {
    Objects.requireNonNull(algorithm, "algorithm");
    try {
      KeyPairGenerator generator;
      Optional<EcCurve> curve = EcCurve.of(algorithm);
      if (algorithm == SignatureAlgorithm.ED25519) {
        generator = KeyPairGenerator.getInstance("Ed25519");
      } else if (curve.isPresent()) {
        generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec(curve.get().jcaName()), new SecureRandom());
      } else {
        generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(
            new RSAKeyGenParameterSpec(GENERATED_RSA_BITS, BigInteger.valueOf(65537)),
            new SecureRandom());
      }
      return generator.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new ProvenanceBugException("the JDK cannot generate " + algorithm + " keys", e);
    }
  }
}
