package dev.provenance.core.policy;

import static dev.provenance.core.testing.Statements.BUILDER;
import static dev.provenance.core.testing.Statements.provenance;
import static dev.provenance.core.testing.Statements.statement;
import static dev.provenance.core.testing.Statements.verified;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.provenance.api.ErrorCode;
import dev.provenance.api.Finding;
import dev.provenance.api.attestation.VerifiedAttestation;
import dev.provenance.api.policy.Policy;
import dev.provenance.api.policy.PolicyContext;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PoliciesTest {
  private static final PolicyContext CONTEXT = new PolicyContext(Instant.EPOCH, Optional.empty());
  private static final VerifiedAttestation ATTESTATION = verified(statement(provenance(BUILDER)));

  private static Policy failing(String location) {
    return (a, c) -> List.of(Finding.of(ErrorCode.POLICY_MISMATCH, location, "no"));
  }

  @Test
  void allOf_everyPolicyMet_noFindings() {
    Policy ok = (a, c) -> List.of();

    assertThat(Policies.allOf(ok, ok).evaluate(ATTESTATION, CONTEXT)).isEmpty();
  }

  @Test
  void allOf_severalFail_reportsEveryFindingInOrder() {
    Policy p = Policies.allOf(failing("/a"), (a, c) -> List.of(), failing("/b"));

    assertThat(p.evaluate(ATTESTATION, CONTEXT)).extracting(Finding::location).containsExactly("/a", "/b");
  }

  @Test
  void allOf_noPolicies_rejected() {
    assertThatThrownBy(() -> Policies.allOf()).isInstanceOf(IllegalArgumentException.class);
  }
}
