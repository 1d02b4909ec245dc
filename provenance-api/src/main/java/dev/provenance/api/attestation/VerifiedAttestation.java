package dev.provenance.api.attestation;

import dev.provenance.api.dsse.VerifiedEnvelope;
import dev.provenance.api.internal.Collections2;
import java.util.List;
import java.util.Objects;

/**
 * A statement whose envelope verified against trusted keys or identities, whose subjects matched
 * the artifact, and which passed the verifier's policies. Only a verifier creates one from
 * untrusted input; no API accepts it as proof.
 *
 * @param envelope the verified envelope: exactly the signed payload bytes and who signed them
 * @param statement the statement parsed from those bytes
 * @param matchedSubjects the subjects that matched the artifact; all subjects when no artifact was
 *     given
 */
public record VerifiedAttestation(
    VerifiedEnvelope envelope, Statement statement, List<ResourceDescriptor> matchedSubjects) {
  /**
   * Checks that no component is null.
   *
   * @param envelope the {@code envelope} component
   * @param statement the {@code statement} component
   * @param matchedSubjects the {@code matchedSubjects} component
   */
  public VerifiedAttestation {
    Objects.requireNonNull(envelope, "envelope");
    Objects.requireNonNull(statement, "statement");
    matchedSubjects = Collections2.listCopy(matchedSubjects, "matchedSubjects");
  }
}
