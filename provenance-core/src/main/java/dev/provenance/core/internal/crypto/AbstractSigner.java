package dev.provenance.core.internal.crypto;

import dev.provenance.api.Bytes;
import dev.provenance.api.ErrorCode;
import dev.provenance.api.SigningException;
import dev.provenance.api.signing.KeyId;
import dev.provenance.api.signing.SignatureAlgorithm;
import dev.provenance.api.signing.Signer;
import java.util.Objects;

/**
 * What every signer shares: the bound algorithm and key id, and a boundary that turns provider
 * failures into {@link SigningException}.
 */
abstract class AbstractSigner implements Signer {
  private final SignatureAlgorithm algorithm;
  private final KeyId keyId;

  AbstractSigner(PublicKeyMaterial publicKey, SignatureAlgorithm algorithm) {
    this.algorithm = Objects.requireNonNull(algorithm, "algorithm");
    this.keyId = publicKey.keyId();
  }

  @Override
  public final SignatureAlgorithm algorithm() {
    return algorithm;
  }

  @Override
  public final KeyId keyId() {
    return keyId;
  }

  @Override
  public final Bytes sign(byte[] message) throws SigningException {
    Objects.requireNonNull(message, "message");
    try {
      return Bytes.wrap(signRaw(message));
    } catch (java.security.GeneralSecurityException | RuntimeException e) {
      throw new SigningException(
          ErrorCode.CONFIGURATION_ERROR, "", "the key or its provider failed to sign (" + this + ")", e);
    }
  }

  abstract byte[] signRaw(byte[] message) throws java.security.GeneralSecurityException;

  @Override
  public String toString() {
    return "Signer[" + algorithm + ", keyId=" + keyId + "]";
  }
}
