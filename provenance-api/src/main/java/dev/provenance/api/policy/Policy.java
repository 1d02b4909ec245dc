package dev.provenance.api.policy;

import dev.provenance.api.Finding;
import dev.provenance.api.attestation.VerifiedAttestation;
import java.util.List;

/**
 * A rule a verified attestation must meet. A policy is a pure function: it returns every finding
 * (usually {@code POLICY_MISMATCH}) and an empty list when the attestation complies. The verifier
 * turns findings into a {@code VerificationException}.
 *
 * <p>Implementations are immutable and thread-safe.
 */
@FunctionalInterface
public interface Policy {
  /**
   * Evaluates the attestation.
   *
   * @param attestation the verified attestation
   * @param context the verification time and the artifact being verified
   * @return the findings; empty if the attestation complies
   */
  List<Finding> evaluate(VerifiedAttestation attestation, PolicyContext context);
}
