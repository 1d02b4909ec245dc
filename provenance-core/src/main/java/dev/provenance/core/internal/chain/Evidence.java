package dev.provenance.core.internal.chain;

import dev.provenance.api.attestation.ResourceDescriptor;
import dev.provenance.api.attestation.VerifiedAttestation;
import dev.provenance.api.digest.DigestSet;
import dev.provenance.api.json.JsonObject;
import dev.provenance.api.json.JsonValue;
import dev.provenance.api.signing.SignerIdentity;
import dev.provenance.api.internal.Collections2;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * One attestation whose signature verified, in the uniform shape the chain engine walks: what it
 * produced (subjects or link products), what it consumed, who signed it and where it came from.
 * Built only from verified payload bytes.
 *
 * <p>Immutable apart from the memoised predicate JSON; safe for use by one verification at a
 * time.
 */
public final class Evidence {
  private final int index;
  private final String source;
  private final DigestSet envelopeDigest;
  private final List<SignerIdentity> signers;
  private final String predicateType;
  private final Optional<String> linkName;
  private final List<ResourceDescriptor> subjects;
  private final List<ResourceDescriptor> materials;
  private final List<ResourceDescriptor> inputs;
  private final Optional<JsonObject> externalParameters;
  private final Supplier<JsonValue> predicateSupplier;
  private final Optional<VerifiedAttestation> attestation;
  private JsonValue predicate;

  /**
   * Creates evidence.
   *
   * @param index load order, unique within one verification
   * @param source where it was read, for example {@code build.intoto.jsonl:3}
   * @param envelopeDigest digests of the stored bytes
   * @param signers the verified signers
   * @param predicateType the predicate type ({@code link} for legacy in-toto links)
   * @param linkName the step name an in-toto link claims
   * @param subjects the products
   * @param materials the materials artifact rules apply to
   * @param inputs every input the walk follows (materials plus builder dependencies)
   * @param externalParameters SLSA {@code buildDefinition.externalParameters}, if SLSA
   * @param predicateSupplier computes the predicate as JSON for attribute constraints
   * @param attestation the verified attestation, when the payload is a statement with subjects
   */
  public Evidence(
      int index,
      String source,
      DigestSet envelopeDigest,
      List<SignerIdentity> signers,
      String predicateType,
      Optional<String> linkName,
      List<ResourceDescriptor> subjects,
      List<ResourceDescriptor> materials,
      List<ResourceDescriptor> inputs,
      Optional<JsonObject> externalParameters,
      Supplier<JsonValue> predicateSupplier,
      Optional<VerifiedAttestation> attestation) {
    this.index = index;
    this.source = Objects.requireNonNull(source, "source");
    this.envelopeDigest = Objects.requireNonNull(envelopeDigest, "envelopeDigest");
    this.signers = Collections2.listCopy(signers, "signers");
    this.predicateType = Objects.requireNonNull(predicateType, "predicateType");
    this.linkName = Objects.requireNonNull(linkName, "linkName");
    this.subjects = Collections2.listCopy(subjects, "subjects");
    this.materials = Collections2.listCopy(materials, "materials");
    this.inputs = Collections2.listCopy(inputs, "inputs");
    this.externalParameters = Objects.requireNonNull(externalParameters, "externalParameters");
    this.predicateSupplier = Objects.requireNonNull(predicateSupplier, "predicateSupplier");
    this.attestation = Objects.requireNonNull(attestation, "attestation");
  }

  /** @return the load order */
  public int index() {
    return index;
  }

  /** @return where it was read */
  public String source() {
    return source;
  }

  /** @return digests of the stored bytes */
  public DigestSet envelopeDigest() {
    return envelopeDigest;
  }

  /** @return the verified signers */
  public List<SignerIdentity> signers() {
    return signers;
  }

  /** @return the predicate type */
  public String predicateType() {
    return predicateType;
  }

  /** @return the step name an in-toto link claims */
  public Optional<String> linkName() {
    return linkName;
  }

  /** @return the products */
  public List<ResourceDescriptor> subjects() {
    return subjects;
  }

  /** @return the materials for artifact rules */
  public List<ResourceDescriptor> materials() {
    return materials;
  }

  /** @return every input the walk follows */
  public List<ResourceDescriptor> inputs() {
    return inputs;
  }

  /** @return the SLSA external parameters, if any */
  public Optional<JsonObject> externalParameters() {
    return externalParameters;
  }

  /** @return the verified attestation, if the payload is a statement with subjects */
  public Optional<VerifiedAttestation> attestation() {
    return attestation;
  }

  /** @return the predicate as JSON, computed once */
  public JsonValue predicate() {
    if (predicate == null) {
      predicate = predicateSupplier.get();
    }
    return predicate;
  }

  @Override
  public String toString() {
    return source;
  }
}
