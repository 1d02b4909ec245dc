package dev.provenance.api.dsse;

import dev.provenance.api.Bytes;
import dev.provenance.api.internal.Collections2;
import java.util.List;
import java.util.Objects;

/**
 * A DSSE envelope as read or about to be written. Nothing in it is trusted until a verifier
 * returns a {@link VerifiedEnvelope}.
 *
 * @param payloadType the payload type, compared exactly and case-sensitively
 * @param payload the raw payload bytes (decoded from base64)
 * @param signatures the signatures; a verifier rejects an envelope without any
 */
public record Envelope(String payloadType, Bytes payload, List<EnvelopeSignature> signatures) {
  /**
   * Checks that no component is null and copies the signatures.
   *
   * @param payloadType the {@code payloadType} component
   * @param payload the {@code payload} component
   * @param signatures the {@code signatures} component
   */
  public Envelope {
    Objects.requireNonNull(payloadType, "payloadType");
    Objects.requireNonNull(payload, "payload");
    signatures = Collections2.listCopy(signatures, "signatures");
  }
}
