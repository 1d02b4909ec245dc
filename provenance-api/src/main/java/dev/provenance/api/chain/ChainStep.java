package dev.provenance.api.chain;

import dev.provenance.api.attestation.ResourceDescriptor;
import dev.provenance.api.attestation.VerifiedAttestation;
import dev.provenance.api.digest.DigestSet;
import dev.provenance.api.internal.Collections2;
import java.util.List;
import java.util.Objects;

/**
 * One verified step of a chain: its name in the policy, its verified attestation, the digest of
 * the signed envelope, the inputs it consumed and the policy functionaries whose signatures were
 * accepted for it.
 *
 * @param name the step name from the chain policy
 * @param attestation the verified attestation of the step
 * @param envelopeDigest digests of the signed envelope bytes as stored
 * @param inputs the inputs the step consumed, each linked to a producing step or a root
 * @param functionaries the ids of the policy functionaries that signed this attestation
 */
public record ChainStep(
    String name,
    VerifiedAttestation attestation,
    DigestSet envelopeDigest,
    List<ResourceDescriptor> inputs,
    List<String> functionaries) {
  /**
   * Checks that no component is null.
   *
   * @param name the {@code name} component
   * @param attestation the {@code attestation} component
   * @param envelopeDigest the {@code envelopeDigest} component
   * @param inputs the {@code inputs} component
   * @param functionaries the {@code functionaries} component
   */
  public ChainStep {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(attestation, "attestation");
    Objects.requireNonNull(envelopeDigest, "envelopeDigest");
    inputs = Collections2.listCopy(inputs, "inputs");
    functionaries = Collections2.listCopy(functionaries, "functionaries");
  }
}
