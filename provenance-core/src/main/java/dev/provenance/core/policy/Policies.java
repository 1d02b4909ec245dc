package dev.provenance.core.policy;

import dev.provenance.api.Finding;
import dev.provenance.api.attestation.VerifiedAttestation;
import dev.provenance.api.policy.Policy;
import dev.provenance.api.policy.PolicyContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** Combinators over {@link Policy}. The returned policies are immutable and thread-safe. */
public final class Policies {
  private Policies() {}

  /**
   * Returns a policy met only when every given policy is met. Every policy is evaluated, so the
   * findings of all of them are reported together, in the given order.
   *
   * @param policies the policies, at least one
   * @return the combined policy
   * @throws IllegalArgumentException if no policy is given
   */
  public static Policy allOf(Policy... policies) {
    return allOf(List.of(policies));
  }

  /**
   * Returns a policy met only when every given policy is met; see {@link #allOf(Policy...)}.
   *
   * @param policies the policies, at least one
   * @return the combined policy
   * @throws IllegalArgumentException if no policy is given
   */
  public static Policy allOf(List<? extends Policy> policies) {
    List<Policy> copy = List.copyOf(policies);
    if (copy.isEmpty()) {
      // An empty conjunction would accept everything: refuse it rather than fail open.
      throw new IllegalArgumentException("allOf needs at least one policy");
    }
    if (copy.size() == 1) {
      return copy.get(0);
    }
    return new AllOf(copy);
  }

  private static final class AllOf implements Policy {
    private final List<Policy> policies;

    AllOf(List<Policy> policies) {
      this.policies = policies;
    }

    @Override
    public List<Finding> evaluate(VerifiedAttestation attestation, PolicyContext context) {
      List<Finding> findings = new ArrayList<>();
      for (Policy p : policies) {
        findings.addAll(Objects.requireNonNull(p.evaluate(attestation, context), "findings"));
      }
      return List.copyOf(findings);
    }

    @Override
    public String toString() {
      return "allOf" + policies;
    }
  }
}
