package dev.provenance.api.dsse;

import dev.provenance.api.Bytes;
import dev.provenance.api.internal.Collections2;
import dev.provenance.api.signing.SignerIdentity;
import java.util.List;
import java.util.Objects;

/**
 * A DSSE envelope whose signatures met the threshold: exactly the payload bytes that were signed,
 * their payload type, and the distinct trusted keys whose signatures verified.
 *
 * @param payloadType the verified payload type
 * @param payload exactly the verified payload bytes
 * @param signers the distinct signers whose signatures verified, in envelope order
 */
public record VerifiedEnvelope(String payloadType, Bytes payload, List<SignerIdentity> signers) {
  /**
   * Checks that no component is null and that there is at least one signer.
   *
   * @param payloadType the {@code payloadType} component
   * @param payload the {@code payload} component
   * @param signers the {@code signers} component
   */
  public VerifiedEnvelope {
    Objects.requireNonNull(payloadType, "payloadType");
    Objects.requireNonNull(payload, "payload");
    signers = Collections2.listCopy(signers, "signers");
    if (signers.isEmpty()) {
      throw new IllegalArgumentException("a verified envelope has at least one signer");
    }
  }
}
