package dev.provenance.api.dsse;

import dev.provenance.api.Bytes;
import java.util.Objects;

/**
 * One signature of a DSSE envelope.
 *
 * @param keyid an unauthenticated hint naming the key; empty when unset. Never used for security
 *     decisions, only to try a matching key first.
 * @param sig the signature bytes (decoded from base64)
 */
public record EnvelopeSignature(String keyid, Bytes sig) {
  /**
   * Checks that no component is null.
   *
   * @param keyid the {@code keyid} component
   * @param sig the {@code sig} component
   */
  public EnvelopeSignature {
    Objects.requireNonNull(keyid, "keyid");
    Objects.requireNonNull(sig, "sig");
  }

  /**
   * Returns a signature without a key id hint.
   *
   * @param sig the signature bytes
   * @return the signature
   */
  public static EnvelopeSignature of(Bytes sig) {
    return new EnvelopeSignature("", sig);
  }
}
