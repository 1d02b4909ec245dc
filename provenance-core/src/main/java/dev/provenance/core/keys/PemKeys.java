package dev.provenance.core.keys;

import dev.provenance.api.ErrorCode;
import dev.provenance.api.KeyMaterialException;
import dev.provenance.api.signing.KeyId;
import dev.provenance.api.signing.SignatureAlgorithm;
import dev.provenance.api.signing.SignatureVerifier;
import dev.provenance.api.signing.Signer;
import dev.provenance.core.internal.crypto.EncryptedPrivateKeys;
import dev.provenance.core.internal.crypto.Pem;
import dev.provenance.core.internal.crypto.Primitives;
import dev.provenance.core.internal.crypto.PrivateKeyMaterial;
import dev.provenance.core.internal.crypto.PublicKeyMaterial;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.util.Objects;
import java.util.Optional;

/**
 * Loads signers and verifiers from PEM text, and writes keys as PEM.
 *
 * <pre>{@code
 * SignatureVerifier cosignKey = PemKeys.verifier(Files.readString(Path.of("cosign.pub")));
 * SignatureVerifier rsaKey = PemKeys.verifier(rsaPem, SignatureAlgorithm.RSA_PSS_SHA256);
 * Signer signer = PemKeys.signer(Files.readString(Path.of("key.pem")));
 * }</pre>
 *
 * <p>Public keys are read from {@code PUBLIC KEY} (SubjectPublicKeyInfo), {@code CERTIFICATE}
 * (the certificate's key; the certificate itself is not validated) and {@code RSA PUBLIC KEY}
 * (PKCS#1) blocks; private keys from {@code PRIVATE KEY} (PKCS#8), {@code ENCRYPTED PRIVATE KEY}
 * (PKCS#8 with PBES2), {@code EC PRIVATE KEY} (SEC1) and {@code RSA PRIVATE KEY} (PKCS#1) blocks. The text must hold exactly one block, with nothing
 * but whitespace around it. Errors carry the location {@code pem} or {@code pem/block/N}.
 *
 * <p>This class is stateless and thread-safe; the signers and verifiers it returns are immutable
 * and thread-safe.
 */
public final class PemKeys {
  private PemKeys() {}

  /**
   * Loads a verifier for an Ed25519 or EC public key, whose algorithm the key fixes.
   *
   * @param pem a {@code PUBLIC KEY} or {@code CERTIFICATE} block
   * @return the verifier; its identity is the key's id, also for a certificate
   * @throws KeyMaterialException {@code MALFORMED_INPUT} for bad PEM, DER or key values; {@code
   *     UNSUPPORTED_FORMAT} for refused key kinds, curves and sizes; {@code CONFIGURATION_ERROR}
   *     for an RSA key, which needs {@link #verifier(String, SignatureAlgorithm)}
   */
  public static SignatureVerifier verifier(String pem) throws KeyMaterialException {
    PublicKeyMaterial key = readPublic(pem);
    return Primitives.verifier(key, Primitives.resolve(key, Optional.empty()));
  }

  /**
   * Loads a verifier for a public key with a stated algorithm; required for RSA keys.
   *
   * @param pem a {@code PUBLIC KEY}, {@code RSA PUBLIC KEY} or {@code CERTIFICATE} block
   * @param algorithm the algorithm; must fit the key
   * @return the verifier
   * @throws KeyMaterialException as {@link #verifier(String)}; {@code CONFIGURATION_ERROR} if the
   *     algorithm does not fit the key
   */
  public static SignatureVerifier verifier(String pem, SignatureAlgorithm algorithm)
      throws KeyMaterialException {
    Objects.requireNonNull(algorithm, "algorithm");
    return Primitives.verifier(readPublic(pem), algorithm);
  }

  /**
   * Returns the canonical id of a PEM public key or certificate key.
   *
   * @param pem a {@code PUBLIC KEY}, {@code RSA PUBLIC KEY} or {@code CERTIFICATE} block
   * @return the key id
   * @throws KeyMaterialException as {@link #verifier(String)}, except that RSA keys are accepted
   */
  public static KeyId keyId(String pem) throws KeyMaterialException {
    return readPublic(pem).keyId();
  }

  /**
   * Loads a signer for an unencrypted Ed25519 or EC private key, whose algorithm the key fixes.
   * Signatures are checked against the public key once, when the signer is built.
   *
   * @param pem a {@code PRIVATE KEY} or {@code EC PRIVATE KEY} block
   * @return the signer; ECDSA signatures are DER encoded
   * @throws KeyMaterialException {@code MALFORMED_INPUT}, {@code UNSUPPORTED_FORMAT}; {@code
   *     CONFIGURATION_ERROR} for an RSA key (use {@link #signer(String, SignatureAlgorithm)}) or
   *     an encrypted key
   */
  public static Signer signer(String pem) throws KeyMaterialException {
    PrivateKeyMaterial key = readPrivate(pem, null);
    return Primitives.signer(key, Primitives.resolve(key.publicKey(), Optional.empty()));
  }

  /**
   * Loads a signer for an unencrypted private key with a stated algorithm; required for RSA keys.
   *
   * @param pem a {@code PRIVATE KEY}, {@code EC PRIVATE KEY} or {@code RSA PRIVATE KEY} block
   * @param algorithm the algorithm; must fit the key
   * @return the signer
   * @throws KeyMaterialException as {@link #signer(String)}; {@code CONFIGURATION_ERROR} if the
   *     algorithm does not fit the key
   */
  public static Signer signer(String pem, SignatureAlgorithm algorithm)
      throws KeyMaterialException {
    Objects.requireNonNull(algorithm, "algorithm");
    return Primitives.signer(readPrivate(pem, null), algorithm);
  }

  /**
   * Loads a signer for a password-protected Ed25519 or EC private key ({@code ENCRYPTED PRIVATE
   * KEY}, PKCS#8 with PBES2: PBKDF2 with HMAC-SHA-1/256/384/512 and AES-CBC, as written by {@code
   * openssl pkcs8 -topk8 -v2 aes-256-cbc}). An unencrypted key is accepted too, and the password
   * then ignored.
   *
   * @param pem the PEM block
   * @param password the password; this method keeps no reference to it and does not change it,
   *     so the caller can clear it afterwards
   * @return the signer
   * @throws KeyMaterialException as {@link #signer(String)}; {@code MALFORMED_INPUT} if the key
   *     cannot be decrypted (a wrong password and corrupted data cannot be told apart); {@code
   *     RESOURCE_LIMIT_EXCEEDED} for a PBKDF2 iteration count above {@value
   *     EncryptedPrivateKeys#MAX_PBKDF2_ITERATIONS}
   */
  public static Signer signer(String pem, char[] password) throws KeyMaterialException {
    Objects.requireNonNull(password, "password");
    PrivateKeyMaterial key = readPrivate(pem, password);
    return Primitives.signer(key, Primitives.resolve(key.publicKey(), Optional.empty()));
  }

  /**
   * Loads a signer for a password-protected private key with a stated algorithm; required for
   * RSA keys.
   *
   * @param pem the PEM block
   * @param password the password; not kept, not changed
   * @param algorithm the algorithm; must fit the key
   * @return the signer
   * @throws KeyMaterialException as {@link #signer(String, char[])}; {@code CONFIGURATION_ERROR}
   *     if the algorithm does not fit the key
   */
  public static Signer signer(String pem, char[] password, SignatureAlgorithm algorithm)
      throws KeyMaterialException {
    Objects.requireNonNull(password, "password");
    Objects.requireNonNull(algorithm, "algorithm");
    return Primitives.signer(readPrivate(pem, password), algorithm);
  }

  /**
   * Writes a public key as a {@code PUBLIC KEY} block holding its canonical SubjectPublicKeyInfo.
   *
   * @param key an Ed25519, EC or RSA public key of a supported kind and size
   * @return the PEM text, LF line ends
   * @throws KeyMaterialException {@code UNSUPPORTED_FORMAT} for a key we refuse
   */
  public static String publicKeyPem(PublicKey key) throws KeyMaterialException {
    return Pem.encode("PUBLIC KEY", PublicKeyMaterial.fromJca(key).spki());
  }

  /**
   * Writes a private key as an unencrypted PKCS#8 {@code PRIVATE KEY} block. Protect the result
   * as you would the key.
   *
   * @param key an Ed25519, EC or RSA private key of a supported kind and size, whose encoding is
   *     readable
   * @return the PEM text, LF line ends
   * @throws KeyMaterialException {@code UNSUPPORTED_FORMAT} if the key has no PKCS#8 encoding or
   *     is of a kind we refuse; {@code MALFORMED_INPUT} if its encoding is invalid
   */
  public static String privateKeyPem(PrivateKey key) throws KeyMaterialException {
    Objects.requireNonNull(key, "key");
    byte[] encoded = key.getEncoded();
    if (encoded == null || !"PKCS#8".equals(key.getFormat())) {
      throw new KeyMaterialException(
          ErrorCode.UNSUPPORTED_FORMAT, "", "the private key has no readable PKCS#8 encoding");
    }
    PrivateKeyMaterial.parsePkcs8(encoded, ""); // refuse what we could not load back
    return Pem.encode("PRIVATE KEY", encoded);
  }

  private static PublicKeyMaterial readPublic(String pem) throws KeyMaterialException {
    Pem.Block block = Pem.parseSingle(pem);
    switch (block.label()) {
      case "PUBLIC KEY":
        return PublicKeyMaterial.parseSpki(block.der(), block.location());
      case "CERTIFICATE":
        return PublicKeyMaterial.parseCertificate(block.der(), block.location());
      case "RSA PUBLIC KEY":
        return PublicKeyMaterial.parsePkcs1RsaPublicKey(block.der(), block.location());
      default:
        throw new KeyMaterialException(
            ErrorCode.UNSUPPORTED_FORMAT,
            block.location(),
            "expected a PUBLIC KEY, RSA PUBLIC KEY or CERTIFICATE block, found " + block.label());
    }
  }

  /** Reads a private key block; {@code password} is null when the caller has none. */
  private static PrivateKeyMaterial readPrivate(String pem, char[] password)
      throws KeyMaterialException {
    Pem.Block block = Pem.parseSingle(pem);
    switch (block.label()) {
      case "PRIVATE KEY":
        return PrivateKeyMaterial.parsePkcs8(block.der(), block.location());
      case "EC PRIVATE KEY":
        return PrivateKeyMaterial.parseSec1(block.der(), block.location());
      case "RSA PRIVATE KEY":
        return PrivateKeyMaterial.parsePkcs1Rsa(block.der(), block.location());
      case "ENCRYPTED PRIVATE KEY":
        if (password == null) {
          throw new KeyMaterialException(
              ErrorCode.CONFIGURATION_ERROR,
              block.location(),
              "the private key is encrypted; a password is needed");
        }
        return EncryptedPrivateKeys.decrypt(block.der(), password, block.location());
      default:
        throw new KeyMaterialException(
            ErrorCode.UNSUPPORTED_FORMAT,
            block.location(),
            "expected a PRIVATE KEY, ENCRYPTED PRIVATE KEY, EC PRIVATE KEY or RSA PRIVATE KEY"
                + " block, found "
                + block.label());
    }
  }
}
