package dev.provenance.core.chain;

import dev.provenance.api.internal.Collections2;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What a chain policy expects of one build step: which predicate types its attestations carry,
 * which functionaries may sign them and how many distinct ones must, in-toto artifact rules on its
 * materials (inputs) and products (outputs), constraints on predicate values, and, for SLSA
 * provenance, the external parameters it may record.
 *
 * <p>An attestation belongs to this step when one of the step's functionaries signed it, its
 * predicate type is listed and, for in-toto links, the link's name equals the step name. When
 * several steps qualify, those whose attribute constraints hold are kept; more than one is an
 * ambiguity and fails verification. Instances are immutable and thread-safe.
 *
 * @param name the step name, unique within the policy
 * @param predicateTypes the accepted predicate types ({@value ChainPolicy#LEGACY_LINK_TYPE} for
 *     legacy in-toto links)
 * @param functionaries the ids of the functionaries that may sign
 * @param threshold how many distinct functionaries must sign the same materials and products
 * @param expectedMaterials the rules on the step's materials
 * @param expectedProducts the rules on the step's products
 * @param attributes the constraints on predicate values
 * @param allowedExternalParameters when present, the only keys allowed in a SLSA provenance's
 *     {@code buildDefinition.externalParameters}
 * @param expectedCommand the command the step should have run; informational, as in in-toto
 * @param required whether the verified chain must contain this step
 */
public record StepPolicy(
    String name,
    List<String> predicateTypes,
    List<String> functionaries,
    int threshold,
    List<ArtifactRule> expectedMaterials,
    List<ArtifactRule> expectedProducts,
    List<AttributeConstraint> attributes,
    Optional<List<String>> allowedExternalParameters,
    List<String> expectedCommand,
    boolean required) {

  /**
   * Checks every component.
   *
   * @param name the {@code name} component
   * @param predicateTypes the {@code predicateTypes} component
   * @param functionaries the {@code functionaries} component
   * @param threshold the {@code threshold} component
   * @param expectedMaterials the {@code expectedMaterials} component
   * @param expectedProducts the {@code expectedProducts} component
   * @param attributes the {@code attributes} component
   * @param allowedExternalParameters the {@code allowedExternalParameters} component
   * @param expectedCommand the {@code expectedCommand} component
   * @param required the {@code required} component
   * @throws IllegalArgumentException if the name, predicate types or functionaries are empty,
   *     functionaries repeat, or the threshold is not between 1 and the number of functionaries
   */
  public StepPolicy {
    Objects.requireNonNull(name, "name");
    predicateTypes = Collections2.listCopy(predicateTypes, "predicateTypes");
    functionaries = Collections2.listCopy(functionaries, "functionaries");
    expectedMaterials = Collections2.listCopy(expectedMaterials, "expectedMaterials");
    expectedProducts = Collections2.listCopy(expectedProducts, "expectedProducts");
    attributes = Collections2.listCopy(attributes, "attributes");
    Objects.requireNonNull(allowedExternalParameters, "allowedExternalParameters");
    allowedExternalParameters = allowedExternalParameters.map(List::copyOf);
    expectedCommand = Collections2.listCopy(expectedCommand, "expectedCommand");
    if (name.isEmpty()) {
      throw new IllegalArgumentException("empty step name");
    }
    if (predicateTypes.isEmpty()) {
      throw new IllegalArgumentException("step " + name + " needs at least one predicate type");
    }
    if (functionaries.isEmpty()) {
      throw new IllegalArgumentException("step " + name + " needs at least one functionary");
    }
    if (new HashSet<>(functionaries).size() != functionaries.size()) {
      throw new IllegalArgumentException("step " + name + " lists a functionary twice");
    }
    if (threshold < 1 || threshold > functionaries.size()) {
      throw new IllegalArgumentException(
          "step " + name + ": threshold must be between 1 and the number of functionaries");
    }
  }

  /**
   * Returns a builder.
   *
   * @param name the step name
   * @return a new builder
   */
  public static Builder newBuilder(String name) {
    return new Builder(name);
  }

  /** Builds a {@link StepPolicy}. Not thread-safe. */
  public static final class Builder {
    private final String name;
    private final List<String> predicateTypes = new ArrayList<>();
    private final List<String> functionaries = new ArrayList<>();
    private int threshold = 1;
    private final List<ArtifactRule> expectedMaterials = new ArrayList<>();
    private final List<ArtifactRule> expectedProducts = new ArrayList<>();
    private final List<AttributeConstraint> attributes = new ArrayList<>();
    private List<String> allowedExternalParameters;
    private final List<String> expectedCommand = new ArrayList<>();
    private boolean required = true;

    private Builder(String name) {
      this.name = Objects.requireNonNull(name, "name");
    }

    /**
     * Adds an accepted predicate type.
     *
     * @param predicateType the type URI
     * @return this builder
     */
    public Builder addPredicateType(String predicateType) {
      predicateTypes.add(Objects.requireNonNull(predicateType, "predicateType"));
      return this;
    }

    /**
     * Adds a functionary by id.
     *
     * @param id the functionary id
     * @return this builder
     */
    public Builder addFunctionary(String id) {
      functionaries.add(Objects.requireNonNull(id, "id"));
      return this;
    }

    /**
     * Sets the threshold (default 1).
     *
     * @param threshold distinct functionaries required
     * @return this builder
     */
    public Builder threshold(int threshold) {
      this.threshold = threshold;
      return this;
    }

    /**
     * Adds a material rule.
     *
     * @param rule the rule
     * @return this builder
     */
    public Builder addMaterialRule(ArtifactRule rule) {
      expectedMaterials.add(Objects.requireNonNull(rule, "rule"));
      return this;
    }

    /**
     * Adds a product rule.
     *
     * @param rule the rule
     * @return this builder
     */
    public Builder addProductRule(ArtifactRule rule) {
      expectedProducts.add(Objects.requireNonNull(rule, "rule"));
      return this;
    }

    /**
     * Adds an attribute constraint.
     *
     * @param constraint the constraint
     * @return this builder
     */
    public Builder addAttribute(AttributeConstraint constraint) {
      attributes.add(Objects.requireNonNull(constraint, "constraint"));
      return this;
    }

    /**
     * Restricts SLSA {@code externalParameters} to these keys.
     *
     * @param keys the allowed keys
     * @return this builder
     */
    public Builder allowedExternalParameters(List<String> keys) {
      this.allowedExternalParameters = List.copyOf(keys);
      return this;
    }

    /**
     * Sets the expected command (informational).
     *
     * @param command the command
     * @return this builder
     */
    public Builder expectedCommand(List<String> command) {
      expectedCommand.clear();
      expectedCommand.addAll(command);
      return this;
    }

    /**
     * Sets whether the chain must contain this step (default true).
     *
     * @param required whether required
     * @return this builder
     */
    public Builder required(boolean required) {
      this.required = required;
      return this;
    }

    /**
     * Returns the step policy.
     *
     * @return a new step policy
     * @throws IllegalStateException if a component is invalid
     */
    public StepPolicy build() {
      try {
        return new StepPolicy(
            name,
            predicateTypes,
            functionaries,
            threshold,
            expectedMaterials,
            expectedProducts,
            attributes,
            Optional.ofNullable(allowedExternalParameters),
            expectedCommand,
            required);
      } catch (IllegalArgumentException e) {
        throw new IllegalStateException(e.getMessage(), e);
      }
    }
  }
}
