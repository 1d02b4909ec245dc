package dev.provenance.core.internal.crypto;

import dev.provenance.api.ErrorCode;
import dev.provenance.api.VerificationException;
import dev.provenance.api.signing.SignatureAlgorithm;
import dev.provenance.api.signing.SignatureVerifier;
import dev.provenance.api.signing.SignerIdentity;
import java.util.Objects;

/**
 * What every verifier shares: the bound key and algorithm, and a boundary that turns any failure
 * (including an unchecked one from a provider) into {@code SIGNATURE_INVALID}, so verification
 * fails closed and no provider exception reaches a caller.
 */
abstract class AbstractVerifier implements SignatureVerifier {
  private final SignatureAlgorithm algorithm;
  private final SignerIdentity identity;

  AbstractVerifier(PublicKeyMaterial key, SignatureAlgorithm algorithm) {
    this.algorithm = Objects.requireNonNull(algorithm, "algorithm");
    this.identity = SignerIdentity.ofKey(key.keyId());
  }

  @Override
  public final SignatureAlgorithm algorithm() {
    return algorithm;
  }

  @Override
  public final SignerIdentity identity() {
    return identity;
  }

  @Override
  public final void verify(byte[] message, byte[] signature) throws VerificationException {
    Objects.requireNonNull(message, "message");
    Objects.requireNonNull(signature, "signature");
    boolean valid;
    try {
      valid = check(message, signature);
    } catch (DerFormatException e) {
      throw invalid("malformed signature: " + e.getMessage());
    } catch (RuntimeException e) {
      // a provider rejecting odd input by throwing is still a rejection
      throw invalid("signature rejected by the provider");
    }
    if (!valid) {
      throw invalid("signature does not verify");
    }
  }

  /** Returns whether the signature is valid; may throw on malformed input. */
  abstract boolean check(byte[] message, byte[] signature) throws DerFormatException;

  private VerificationException invalid(String message) {
    return new VerificationException(
        ErrorCode.SIGNATURE_INVALID, "", message + " (" + algorithm + ", key " + keyId() + ")");
  }

  @Override
  public String toString() {
    return "SignatureVerifier[" + algorithm + ", keyId=" + keyId() + "]";
  }
}
