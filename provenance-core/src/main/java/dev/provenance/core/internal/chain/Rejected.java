package dev.provenance.core.internal.chain;

import dev.provenance.api.ErrorCode;
import dev.provenance.api.digest.DigestSet;
import java.util.List;
import java.util.Objects;

/**
 * A stored attestation that did not verify (malformed, signed by no functionary of the policy, or
 * with a broken signature). Its content is never trusted; what it claims to produce is read only
 * to explain a failure that has already happened.
 *
 * @param index load order
 * @param source where it was read
 * @param envelopeDigest digests of the stored bytes
 * @param code why it was rejected
 * @param reason the rejection message
 * @param claimedSubjects what the unverified payload claims to produce; empty if unreadable
 */
public record Rejected(
    int index,
    String source,
    DigestSet envelopeDigest,
    ErrorCode code,
    String reason,
    List<DigestSet> claimedSubjects) {
  /**
   * Checks that no component is null.
   *
   * @param index the {@code index} component
   * @param source the {@code source} component
   * @param envelopeDigest the {@code envelopeDigest} component
   * @param code the {@code code} component
   * @param reason the {@code reason} component
   * @param claimedSubjects the {@code claimedSubjects} component
   */
  public Rejected {
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(envelopeDigest, "envelopeDigest");
    Objects.requireNonNull(code, "code");
    Objects.requireNonNull(reason, "reason");
    claimedSubjects = List.copyOf(claimedSubjects);
  }
}
