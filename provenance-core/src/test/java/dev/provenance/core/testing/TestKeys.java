package dev.provenance.core.testing;

import dev.provenance.api.Bytes;
import dev.provenance.api.ErrorCode;
import dev.provenance.api.SigningException;
import dev.provenance.api.VerificationException;
import dev.provenance.api.signing.KeyId;
import dev.provenance.api.signing.SignatureAlgorithm;
import dev.provenance.api.signing.SignatureVerifier;
import dev.provenance.api.signing.Signer;
import dev.provenance.api.signing.SignerIdentity;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.spec.AlgorithmParameterSpec;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPoint;
import java.security.spec.ECPublicKeySpec;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PSSParameterSpec;
import java.util.HexFormat;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Test keys and signers/verifiers built directly on JCA, independent of the production key
 * loaders, so DSSE and attestation logic is tested against a second implementation.
 */
public final class TestKeys {
  private static final ConcurrentHashMap<String, KeyPair> CACHE = new ConcurrentHashMap<>();

  private TestKeys() {}

  /** Returns a cached P-256 key pair per name (a, b, c, ...). */
  public static KeyPair p256(String name) {
    return CACHE.computeIfAbsent("p256-" + name, n -> generate("EC", new ECGenParameterSpec("secp256r1")));
  }

  /** Returns a cached Ed25519 key pair per name. */
  public static KeyPair ed25519(String name) {
    return CACHE.computeIfAbsent("ed25519-" + name, n -> generate("Ed25519", null));
  }

  /** Returns a cached RSA-2048 key pair per name. */
  public static KeyPair rsa(String name) {
    return CACHE.computeIfAbsent("rsa-" + name, n -> generate("RSA", null));
  }

  /** Returns a verifier for a JCA public key, DER ECDSA. */
  public static SignatureVerifier verifier(PublicKey key) {
    return new JcaVerifier(key, algorithmOf(key), false);
  }

  /** Returns a verifier for an EC public key that expects raw r||s (IEEE P1363) signatures. */
  public static SignatureVerifier p1363Verifier(PublicKey key) {
    return new JcaVerifier(key, SignatureAlgorithm.ECDSA_P256_SHA256, true);
  }

  /** Returns an RSA verifier for a given padding. */
  public static SignatureVerifier rsaVerifier(PublicKey key, SignatureAlgorithm algorithm) {
    return new JcaVerifier(key, algorithm, false);
  }

  /** Returns a signer for a key pair, DER ECDSA. */
  public static Signer signer(KeyPair pair) {
    return new JcaSigner(pair, algorithmOf(pair.getPublic()));
  }

  /** Returns an RSA signer for a given padding. */
  public static Signer rsaSigner(KeyPair pair, SignatureAlgorithm algorithm) {
    return new JcaSigner(pair, algorithm);
  }

  /** Returns the canonical key id: hex SHA-256 of the DER SubjectPublicKeyInfo. */
  public static KeyId keyId(PublicKey key) {
    try {
      return new KeyId(
          HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(key.getEncoded())));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Builds a P-256 public key from its affine coordinates. */
  public static PublicKey p256Point(BigInteger x, BigInteger y) {
    try {
      java.security.AlgorithmParameters params = java.security.AlgorithmParameters.getInstance("EC");
      params.init(new ECGenParameterSpec("secp256r1"));
      ECParameterSpec spec = params.getParameterSpec(ECParameterSpec.class);
      return KeyFactory.getInstance("EC").generatePublic(new ECPublicKeySpec(new ECPoint(x, y), spec));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Signs raw bytes with a JCA key (for hostile fixtures that sign something other than PAE). */
  public static byte[] rawSign(KeyPair pair, byte[] message) {
    try {
      return JcaSigner.sign(pair.getPrivate(), algorithmOf(pair.getPublic()), message);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private static KeyPair generate(String algorithm, AlgorithmParameterSpec spec) {
    try {
      KeyPairGenerator g = KeyPairGenerator.getInstance(algorithm);
      if (spec != null) {
        g.initialize(spec, new SecureRandom());
      } else if (algorithm.equals("RSA")) {
        g.initialize(2048, new SecureRandom());
      }
      return g.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private static SignatureAlgorithm algorithmOf(PublicKey key) {
    switch (key.getAlgorithm()) {
      case "EC":
        return SignatureAlgorithm.ECDSA_P256_SHA256;
      case "Ed25519":
      case "EdDSA":
        return SignatureAlgorithm.ED25519;
      case "RSA":
        return SignatureAlgorithm.RSA_PSS_SHA256;
      default:
        throw new IllegalArgumentException(key.getAlgorithm());
    }
  }

  private static Signature instance(SignatureAlgorithm algorithm, boolean p1363)
      throws GeneralSecurityException {
    switch (algorithm) {
      case ECDSA_P256_SHA256:
        return Signature.getInstance(p1363 ? "SHA256withECDSAinP1363Format" : "SHA256withECDSA");
      case ED25519:
        return Signature.getInstance("Ed25519");
      case RSA_PKCS1_SHA256:
        return Signature.getInstance("SHA256withRSA");
      case RSA_PSS_SHA256:
        Signature s = Signature.getInstance("RSASSA-PSS");
        s.setParameter(new PSSParameterSpec("SHA-256", "MGF1", MGF1ParameterSpec.SHA256, 32, 1));
        return s;
      default:
        throw new IllegalArgumentException(algorithm.toString());
    }
  }

  private static final class JcaVerifier implements SignatureVerifier {
    private final PublicKey key;
    private final SignatureAlgorithm algorithm;
    private final boolean p1363;
    private final SignerIdentity identity;

    JcaVerifier(PublicKey key, SignatureAlgorithm algorithm, boolean p1363) {
      this.key = key;
      this.algorithm = algorithm;
      this.p1363 = p1363;
      this.identity = SignerIdentity.ofKey(TestKeys.keyId(key));
    }

    @Override
    public SignatureAlgorithm algorithm() {
      return algorithm;
    }

    @Override
    public SignerIdentity identity() {
      return identity;
    }

    @Override
    public void verify(byte[] message, byte[] signature) throws VerificationException {
      boolean ok;
      try {
        Signature s = instance(algorithm, p1363);
        s.initVerify(key);
        s.update(message);
        ok = s.verify(signature);
      } catch (GeneralSecurityException e) {
        ok = false;
      }
      if (!ok) {
        throw new VerificationException(ErrorCode.SIGNATURE_INVALID, "", "signature invalid");
      }
    }

    @Override
    public String toString() {
      return "TestVerifier[" + algorithm + ", " + identity.keyId() + "]";
    }
  }

  private static final class JcaSigner implements Signer {
    private final PrivateKey key;
    private final SignatureAlgorithm algorithm;
    private final KeyId keyId;

    JcaSigner(KeyPair pair, SignatureAlgorithm algorithm) {
      this.key = pair.getPrivate();
      this.algorithm = algorithm;
      this.keyId = TestKeys.keyId(pair.getPublic());
    }

    static byte[] sign(PrivateKey key, SignatureAlgorithm algorithm, byte[] message)
        throws GeneralSecurityException {
      Signature s = instance(algorithm, false);
      s.initSign(key);
      s.update(message);
      return s.sign();
    }

    @Override
    public SignatureAlgorithm algorithm() {
      return algorithm;
    }

    @Override
    public KeyId keyId() {
      return keyId;
    }

    @Override
    public Bytes sign(byte[] message) throws SigningException {
      try {
        return Bytes.wrap(sign(key, algorithm, message));
      } catch (GeneralSecurityException e) {
        throw new SigningException(ErrorCode.CONFIGURATION_ERROR, "", "signing failed", e);
      }
    }

    @Override
    public String toString() {
      return "TestSigner[" + algorithm + ", " + keyId + "]";
    }
  }
}
