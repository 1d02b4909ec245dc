package dev.provenance.sigstore.internal.fulcio;

import dev.provenance.api.Bytes;
import dev.provenance.api.ErrorCode;
import dev.provenance.api.KeyMaterialException;
import dev.provenance.api.SigningException;
import dev.provenance.api.internal.ProvenanceBugException;
import dev.provenance.api.signing.KeyId;
import dev.provenance.api.signing.SignatureAlgorithm;
import dev.provenance.api.signing.Signer;
import dev.provenance.core.internal.crypto.PublicKeyMaterial;
import java.io.IOException;
import java.math.BigInteger;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import org.bouncycastle.asn1.ASN1EncodableVector;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.sec.SECObjectIdentifiers;
import org.bouncycastle.asn1.x9.ECNamedCurveTable;
import org.bouncycastle.crypto.AsymmetricCipherKeyPair;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.generators.ECKeyPairGenerator;
import org.bouncycastle.crypto.params.ECKeyGenerationParameters;
import org.bouncycastle.crypto.params.ECNamedDomainParameters;
import org.bouncycastle.crypto.params.ECPrivateKeyParameters;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;
import org.bouncycastle.crypto.signers.ECDSASigner;
import org.bouncycastle.crypto.signers.HMacDSAKCalculator;
import org.bouncycastle.crypto.util.SubjectPublicKeyInfoFactory;

/**
 * A one-use ECDSA P-256 key pair for keyless signing: generated per signing operation, never
 * written anywhere, dropped with the signer. P-256 with SHA-256 is the algorithm every Fulcio
 * instance and every Sigstore client supports.
 *
 * <p>Signatures are DER-encoded and use deterministic nonces (RFC 6979), so their safety does not
 * rest on the random source at signing time. Besides whole messages it signs precomputed SHA-256
 * digests, so large artifacts can be hashed as streams. {@link #toString()} never shows the
 * private key. Thread-safe: immutable.
 */
public final class EphemeralKey implements Signer {
  private static final ECNamedDomainParameters P256 =
      new ECNamedDomainParameters(
          SECObjectIdentifiers.secp256r1, ECNamedCurveTable.getByOID(SECObjectIdentifiers.secp256r1));

  private final ECPrivateKeyParameters privateKey;
  private final byte[] spki;
  private final KeyId keyId;

  private EphemeralKey(ECPrivateKeyParameters privateKey, byte[] spki, KeyId keyId) {
    this.privateKey = privateKey;
    this.spki = spki;
    this.keyId = keyId;
  }

  /**
   * Generates a key pair.
   *
   * @param random the source of the private key
   * @return the key
   */
  public static EphemeralKey generate(SecureRandom random) {
    ECKeyPairGenerator generator = new ECKeyPairGenerator();
    generator.init(new ECKeyGenerationParameters(P256, random));
    AsymmetricCipherKeyPair pair = generator.generateKeyPair();
    try {
      byte[] spki =
          SubjectPublicKeyInfoFactory.createSubjectPublicKeyInfo(
                  (ECPublicKeyParameters) pair.getPublic())
              .getEncoded("DER");
      KeyId keyId = PublicKeyMaterial.parseSpki(spki, "").keyId();
      return new EphemeralKey((ECPrivateKeyParameters) pair.getPrivate(), spki, keyId);
    } catch (IOException | KeyMaterialException e) {
      throw new ProvenanceBugException("a generated P-256 key does not encode", e);
    }
  }

  /**
   * Returns the DER {@code SubjectPublicKeyInfo} of the public key.
   *
   * @return a copy of the encoding
   */
  public byte[] subjectPublicKeyInfo() {
    return spki.clone();
  }

  @Override
  public SignatureAlgorithm algorithm() {
    return SignatureAlgorithm.ECDSA_P256_SHA256;
  }

  @Override
  public KeyId keyId() {
    return keyId;
  }

  @Override
  public Bytes sign(byte[] message) {
    return signSha256(sha256(message));
  }

  /**
   * Signs a SHA-256 digest computed elsewhere.
   *
   * @param digest the 32-byte digest of the message
   * @return the DER signature
   * @throws SigningException {@code MALFORMED_INPUT} if the digest is not 32 bytes
   */
  public Bytes signDigest(byte[] digest) throws SigningException {
    if (digest.length != 32) {
      throw new SigningException(ErrorCode.MALFORMED_INPUT, "", "a SHA-256 digest is 32 bytes");
    }
    return signSha256(digest);
  }

  private Bytes signSha256(byte[] digest) {
    ECDSASigner signer = new ECDSASigner(new HMacDSAKCalculator(new SHA256Digest()));
    signer.init(true, privateKey);
    BigInteger[] rs = signer.generateSignature(digest);
    ASN1EncodableVector v = new ASN1EncodableVector(2);
    v.add(new ASN1Integer(rs[0]));
    v.add(new ASN1Integer(rs[1]));
    try {
      return Bytes.wrap(new DERSequence(v).getEncoded("DER"));
    } catch (IOException e) {
      throw new ProvenanceBugException("DER encoding of a signature failed", e);
    }
  }

  private static byte[] sha256(byte[] message) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(message);
    } catch (NoSuchAlgorithmException e) {
      throw new ProvenanceBugException("no SHA-256", e);
    }
  }

  @Override
  public String toString() {
    return "EphemeralKey[ECDSA_P256_SHA256, keyId=" + keyId + "]";
  }
}
