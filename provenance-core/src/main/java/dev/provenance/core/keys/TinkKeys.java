package dev.provenance.core.keys;

import com.google.crypto.tink.InsecureSecretKeyAccess;
import com.google.crypto.tink.Key;
import com.google.crypto.tink.KeyStatus;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.signature.EcdsaParameters;
import com.google.crypto.tink.signature.EcdsaPrivateKey;
import com.google.crypto.tink.signature.EcdsaPublicKey;
import com.google.crypto.tink.signature.Ed25519Parameters;
import com.google.crypto.tink.signature.Ed25519PrivateKey;
import com.google.crypto.tink.signature.Ed25519PublicKey;
import dev.provenance.api.ErrorCode;
import dev.provenance.api.KeyMaterialException;
import dev.provenance.api.signing.SignatureVerifier;
import dev.provenance.api.signing.Signer;
import dev.provenance.core.internal.crypto.EcCurve;
import dev.provenance.core.internal.crypto.Primitives;
import dev.provenance.core.internal.crypto.PrivateKeyMaterial;
import dev.provenance.core.internal.crypto.PublicKeyMaterial;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Builds signers and verifiers from Tink keysets holding Ed25519 or ECDSA (P-256, P-384, P-521)
 * keys. The result signs and verifies exactly like the same key loaded from PEM, so envelopes
 * signed through Tink verify with a PEM public key and the other way round.
 *
 * <pre>{@code
 * KeysetHandle keyset = ...;  // for example from your key management setup
 * Signer signer = TinkKeys.signer(keyset);
 * SignatureVerifier verifier = TinkKeys.verifier(keyset.getPublicKeysetHandle());
 * }</pre>
 *
 * <p>Only keys whose Tink output prefix is {@code RAW} ({@code NO_PREFIX}) are accepted. Tink's
 * {@code TINK}, {@code LEGACY} and {@code CRUNCHY} variants prepend a key-id prefix to every
 * signature (and {@code LEGACY} signs {@code message || 0x00}), so no other implementation
 * verifies them; such keys are refused with {@code UNSUPPORTED_FORMAT} rather than silently
 * changed. ECDSA keys must use DER signature encoding and their curve's hash (SHA-256, SHA-384,
 * SHA-512); IEEE P1363 keys and other hash pairings are refused the same way. The keys are
 * converted once; signing and verification then run on this SDK's implementations, not through
 * Tink's registry.
 *
 * <p>Tink is an optional dependency: this is the only class that uses it, so applications that
 * never call it do not need Tink on the class path. This class is stateless and thread-safe; the
 * signers and verifiers it returns are immutable and thread-safe.
 */
// Tink types appear in this API on purpose while Tink stays an optional (requires static) module:
// callers of these methods have Tink already; nobody else needs it.
@SuppressWarnings("exports")
public final class TinkKeys {
  private TinkKeys() {}

  /**
   * Builds a signer from the primary key of a private keyset.
   *
   * @param keysetHandle a keyset whose primary key is an Ed25519 or ECDSA private key
   * @return the signer; ECDSA signatures are DER encoded
   * @throws KeyMaterialException {@code UNSUPPORTED_FORMAT} for other key types, output prefixes,
   *     encodings or hashes; {@code CONFIGURATION_ERROR} if the keyset has no usable primary key
   */
  public static Signer signer(KeysetHandle keysetHandle) throws KeyMaterialException {
    Key key = primary(keysetHandle);
    PrivateKeyMaterial material;
    if (key instanceof Ed25519PrivateKey) {
      Ed25519PrivateKey ed = (Ed25519PrivateKey) key;
      requireRaw(ed.getParameters().getVariant() == Ed25519Parameters.Variant.NO_PREFIX, key);
      material =
          PrivateKeyMaterial.ofEd25519Seed(
              ed.getPrivateKeyBytes().toByteArray(InsecureSecretKeyAccess.get()), "tink/primary");
    } else if (key instanceof EcdsaPrivateKey) {
      EcdsaPrivateKey ec = (EcdsaPrivateKey) key;
      EcCurve curve = curve(ec.getParameters(), key);
      material =
          PrivateKeyMaterial.ofEcScalar(
              curve, ec.getPrivateValue().getBigInteger(InsecureSecretKeyAccess.get()), "tink/primary");
    } else {
      throw unsupported(key);
    }
    PublicKeyMaterial expected = publicMaterial(publicKeyOf(key), "tink/primary");
    if (!expected.keyId().equals(material.publicKey().keyId())) {
      throw new KeyMaterialException(
          ErrorCode.MALFORMED_INPUT, "tink/primary", "the keyset's private and public keys differ");
    }
    return Primitives.signer(material, material.publicKey().impliedAlgorithm().orElseThrow());
  }

  /**
   * Builds a verifier from the primary key of a keyset (public or private; only the public key is
   * used).
   *
   * @param keysetHandle a keyset whose primary key is an Ed25519 or ECDSA key
   * @return the verifier; ECDSA signatures must be DER encoded
   * @throws KeyMaterialException as {@link #signer(KeysetHandle)}
   */
  public static SignatureVerifier verifier(KeysetHandle keysetHandle) throws KeyMaterialException {
    PublicKeyMaterial material = publicMaterial(publicKeyOf(primary(keysetHandle)), "tink/primary");
    return Primitives.verifier(material, material.impliedAlgorithm().orElseThrow());
  }

  /**
   * Builds one verifier for each enabled key of a keyset, in keyset order, for example to trust
   * every key of a rotation set in a DSSE verifier.
   *
   * @param keysetHandle a keyset of Ed25519 and ECDSA keys
   * @return the verifiers, one per enabled key
   * @throws KeyMaterialException as {@link #signer(KeysetHandle)}, for any enabled key (location
   *     {@code tink/key/N})
   */
  public static List<SignatureVerifier> verifiers(KeysetHandle keysetHandle)
      throws KeyMaterialException {
    Objects.requireNonNull(keysetHandle, "keysetHandle");
    List<SignatureVerifier> out = new ArrayList<>();
    for (int i = 0; i < keysetHandle.size(); i++) {
      KeysetHandle.Entry entry;
      try {
        entry = keysetHandle.getAt(i);
      } catch (IllegalStateException e) {
        throw new KeyMaterialException(
            ErrorCode.UNSUPPORTED_FORMAT, "tink/key/" + i, "Tink cannot parse this key", e);
      }
      if (entry.getStatus() != KeyStatus.ENABLED) {
        continue;
      }
      PublicKeyMaterial material = publicMaterial(publicKeyOf(entry.getKey()), "tink/key/" + i);
      out.add(Primitives.verifier(material, material.impliedAlgorithm().orElseThrow()));
    }
    return List.copyOf(out);
  }

  private static Key primary(KeysetHandle keysetHandle) throws KeyMaterialException {
    Objects.requireNonNull(keysetHandle, "keysetHandle");
    try {
      return keysetHandle.getPrimary().getKey();
    } catch (IllegalStateException e) {
      throw new KeyMaterialException(
          ErrorCode.CONFIGURATION_ERROR, "tink/primary", "the keyset has no usable primary key", e);
    }
  }

  private static Key publicKeyOf(Key key) throws KeyMaterialException {
    if (key instanceof Ed25519PrivateKey) {
      return ((Ed25519PrivateKey) key).getPublicKey();
    }
    if (key instanceof EcdsaPrivateKey) {
      return ((EcdsaPrivateKey) key).getPublicKey();
    }
    if (key instanceof Ed25519PublicKey || key instanceof EcdsaPublicKey) {
      return key;
    }
    throw unsupported(key);
  }

  private static PublicKeyMaterial publicMaterial(Key key, String location)
      throws KeyMaterialException {
    if (key instanceof Ed25519PublicKey) {
      Ed25519PublicKey ed = (Ed25519PublicKey) key;
      requireRaw(ed.getParameters().getVariant() == Ed25519Parameters.Variant.NO_PREFIX, key);
      return PublicKeyMaterial.ofEd25519(ed.getPublicKeyBytes().toByteArray(), location);
    }
    EcdsaPublicKey ec = (EcdsaPublicKey) key;
    EcCurve curve = curve(ec.getParameters(), key);
    return PublicKeyMaterial.ofEcPoint(
        curve, ec.getPublicPoint().getAffineX(), ec.getPublicPoint().getAffineY(), location);
  }

  private static EcCurve curve(EcdsaParameters p, Key key) throws KeyMaterialException {
    requireRaw(p.getVariant() == EcdsaParameters.Variant.NO_PREFIX, key);
    if (p.getSignatureEncoding() != EcdsaParameters.SignatureEncoding.DER) {
      throw new KeyMaterialException(
          ErrorCode.UNSUPPORTED_FORMAT,
          "tink/primary",
          "only DER-encoded Tink ECDSA keys are supported; this key uses "
              + p.getSignatureEncoding());
    }
    EcCurve curve;
    EcdsaParameters.HashType hash;
    if (p.getCurveType() == EcdsaParameters.CurveType.NIST_P256) {
      curve = EcCurve.P256;
      hash = EcdsaParameters.HashType.SHA256;
    } else if (p.getCurveType() == EcdsaParameters.CurveType.NIST_P384) {
      curve = EcCurve.P384;
      hash = EcdsaParameters.HashType.SHA384;
    } else if (p.getCurveType() == EcdsaParameters.CurveType.NIST_P521) {
      curve = EcCurve.P521;
      hash = EcdsaParameters.HashType.SHA512;
    } else {
      throw unsupported(key);
    }
    if (p.getHashType() != hash) {
      throw new KeyMaterialException(
          ErrorCode.UNSUPPORTED_FORMAT,
          "tink/primary",
          "ECDSA on " + curve + " is used with " + hash + " only; this key uses " + p.getHashType());
    }
    return curve;
  }

  private static void requireRaw(boolean raw, Key key) throws KeyMaterialException {
    if (!raw) {
      throw new KeyMaterialException(
          ErrorCode.UNSUPPORTED_FORMAT,
          "tink/primary",
          "only Tink keys with the RAW output prefix interoperate; this key is "
              + key.getParameters());
    }
  }

  private static KeyMaterialException unsupported(Key key) {
    return new KeyMaterialException(
        ErrorCode.UNSUPPORTED_FORMAT,
        "tink/primary",
        "unsupported Tink key type " + key.getClass().getSimpleName()
            + "; Ed25519 and ECDSA keys are supported");
  }
}
