package dev.provenance.core.policy;

import dev.provenance.api.ErrorCode;
import dev.provenance.api.Finding;
import dev.provenance.api.VerificationException;
import dev.provenance.api.attestation.PredicateTypes;
import dev.provenance.api.attestation.ResourceDescriptor;
import dev.provenance.api.attestation.Statement;
import dev.provenance.api.attestation.VerifiedAttestation;
import dev.provenance.api.json.JsonObject;
import dev.provenance.api.json.JsonString;
import dev.provenance.api.json.JsonValue;
import dev.provenance.api.policy.Policy;
import dev.provenance.api.policy.PolicyContext;
import dev.provenance.api.slsa.BuildDefinition;
import dev.provenance.api.slsa.SlsaProvenance;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Expectations on SLSA Provenance v1 (<a
 * href="https://slsa.dev/spec/v1.0/verifying-artifacts">verifying artifacts</a>, step 2): the
 * builder, the build type, the source repository and ref, and the external parameters.
 *
 * <pre>{@code
 * Policy slsa = SlsaPolicy.newBuilder()
 *     .requireBuilderId("https://github.com/slsa-framework/slsa-github-generator/.github/workflows/generator_generic_slsa3.yml@refs/tags/v2.1.0")
 *     .requireSourceRepository("https://github.com/org/repo")
 *     .build();
 * }</pre>
 *
 * <p><b>Comparison is exact.</b> Builder ids, build types and refs are compared by string equality
 * with <em>no normalisation</em>: no case folding, no percent-decoding, no trailing-slash or
 * {@code .git} handling. A look-alike id such as {@code …slsa-github-generator-evil/…} or the
 * expected id with a trailing {@code /} is a mismatch. The one rewriting is for repositories: a
 * {@code git+} prefix and an {@code @ref} suffix are split off a dependency URI, and an expected
 * repository given without a scheme ({@code github.com/org/repo}, slsa-verifier's form) is read
 * as {@code https://github.com/org/repo}.
 *
 * <p><b>Source repository.</b> The source is the first entry of {@code
 * buildDefinition.resolvedDependencies} (the convention of the GitHub generators and
 * actions/attest), and {@code externalParameters.workflow.repository} and {@code .ref} when present
 * (the GitHub Actions build types). When both are present both must match.
 *
 * <p><b>Predicate type.</b> Only {@value PredicateTypes#SLSA_PROVENANCE_V1} is evaluated. SLSA
 * v0.2 and v0.1 give {@code UNSUPPORTED_FORMAT}; any other type gives {@code POLICY_MISMATCH}.
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class SlsaPolicy implements Policy {
  private static final Set<String> OLD_SLSA_TYPES =
      Set.of(
          PredicateTypes.SLSA_PROVENANCE_V02,
          "https://slsa.dev/provenance/v0.1",
          "https://in-toto.io/Provenance/v0.1");

  private final Set<String> builderIds;
  private final Set<String> buildTypes;
  private final Optional<String> sourceRepository;
  private final Optional<String> sourceRef;
  private final Optional<Set<String>> allowedExternalParameters;
  private final Map<String, JsonValue> requiredExternalParameters;

  private SlsaPolicy(Builder b) {
    this.builderIds = Collections.unmodifiableSet(new LinkedHashSet<>(b.builderIds));
    this.buildTypes = Collections.unmodifiableSet(new LinkedHashSet<>(b.buildTypes));
    this.sourceRepository = Optional.ofNullable(b.sourceRepository);
    this.sourceRef = Optional.ofNullable(b.sourceRef);
    this.allowedExternalParameters =
        b.allowedExternalParameters == null
            ? Optional.empty()
            : Optional.of(Collections.unmodifiableSet(new LinkedHashSet<>(b.allowedExternalParameters)));
    this.requiredExternalParameters =
        Collections.unmodifiableMap(new LinkedHashMap<>(b.requiredExternalParameters));
  }

  /**
   * Returns a builder.
   *
   * @return a new builder
   */
  public static Builder newBuilder() {
    return new Builder();
  }

  /**
   * Evaluates the attestation's SLSA Provenance v1 predicate against every expectation.
   *
   * @param attestation the verified attestation
   * @param context the verification context (not used)
   * @return the findings: {@code UNSUPPORTED_FORMAT} for older SLSA predicate types, {@code
   *     MALFORMED_INPUT} for a v1 predicate that was not read as SLSA Provenance, and {@code
   *     POLICY_MISMATCH} for each unmet expectation; empty if every expectation is met
   */
  @Override
  public List<Finding> evaluate(VerifiedAttestation attestation, PolicyContext context) {
    Statement st = attestation.statement();
    String type = st.predicateType();
    if (OLD_SLSA_TYPES.contains(type)) {
      return List.of(
          Finding.of(
              ErrorCode.UNSUPPORTED_FORMAT,
              "/predicateType",
              "predicate type " + type + " is not SLSA Provenance v1"));
    }
    if (!PredicateTypes.SLSA_PROVENANCE_V1.equals(type)) {
      return List.of(
          Finding.of(
              ErrorCode.POLICY_MISMATCH,
              "/predicateType",
              "expected predicate type " + PredicateTypes.SLSA_PROVENANCE_V1 + ", found " + type));
    }
    if (!(st.predicate() instanceof SlsaProvenance)) {
      return List.of(
          Finding.of(
              ErrorCode.MALFORMED_INPUT, "/predicate", "predicate was not read as SLSA Provenance"));
    }
    SlsaProvenance p = (SlsaProvenance) st.predicate();
    List<Finding> findings = new ArrayList<>();
    String builderId = p.runDetails().builder().id();
    if (!builderIds.contains(builderId)) {
      findings.add(
          mismatch(
              "/predicate/runDetails/builder/id",
              "builder id " + builderId + " is not one of " + builderIds));
    }
    BuildDefinition def = p.buildDefinition();
    if (!buildTypes.isEmpty() && !buildTypes.contains(def.buildType())) {
      findings.add(
          mismatch(
              "/predicate/buildDefinition/buildType",
              "build type " + def.buildType() + " is not one of " + buildTypes));
    }
    if (sourceRepository.isPresent() || sourceRef.isPresent()) {
      checkSource(def, findings);
    }
    checkExternalParameters(def.externalParameters(), findings);
    return List.copyOf(findings);
  }

  private void checkSource(BuildDefinition def, List<Finding> findings) {
    boolean found = false;
    List<ResourceDescriptor> deps = def.resolvedDependencies();
    if (!deps.isEmpty() && deps.get(0).uri().isPresent()) {
      found = true;
      String uri = deps.get(0).uri().get();
      String pointer = "/predicate/buildDefinition/resolvedDependencies/0/uri";
      String withoutGit = uri.startsWith("git+") ? uri.substring(4) : uri;
      int at = withoutGit.lastIndexOf('@');
      String repo = at < 0 ? withoutGit : withoutGit.substring(0, at);
      Optional<String> ref = at < 0 ? Optional.empty() : Optional.of(withoutGit.substring(at + 1));
      compare(pointer, repo, ref, findings);
    }
    Optional<JsonValue> workflow = def.externalParameters().get("workflow");
    if (workflow.isPresent() && workflow.get() instanceof JsonObject) {
      JsonObject w = (JsonObject) workflow.get();
      Optional<String> repo = string(w, "repository");
      if (repo.isPresent()) {
        found = true;
        compare(
            "/predicate/buildDefinition/externalParameters/workflow",
            repo.get(),
            string(w, "ref"),
            findings);
      }
    }
    if (!found) {
      findings.add(
          mismatch(
              "/predicate/buildDefinition",
              "provenance names no source repository (resolvedDependencies[0].uri or"
                  + " externalParameters.workflow.repository)"));
    }
  }

  private void compare(
      String pointer, String repo, Optional<String> ref, List<Finding> findings) {
    if (sourceRepository.isPresent() && !sourceRepository.get().equals(repo)) {
      findings.add(
          mismatch(
              pointer,
              "source repository " + repo + " is not the expected " + sourceRepository.get()));
    }
    if (sourceRef.isPresent() && !ref.equals(sourceRef)) {
      findings.add(
          mismatch(
              pointer,
              "source ref " + ref.orElse("(none)") + " is not the expected " + sourceRef.get()));
    }
  }

  private void checkExternalParameters(JsonObject params, List<Finding> findings) {
    String base = "/predicate/buildDefinition/externalParameters";
    if (allowedExternalParameters.isPresent()) {
      for (String name : params.members().keySet()) {
        if (!allowedExternalParameters.get().contains(name)) {
          findings.add(
              mismatch(base + "/" + pointerEscape(name), "unrecognized external parameter " + name));
        }
      }
    }
    for (Map.Entry<String, JsonValue> e : requiredExternalParameters.entrySet()) {
      Optional<JsonValue> actual = params.get(e.getKey());
      if (actual.isEmpty() || !actual.get().equals(e.getValue())) {
        findings.add(
            mismatch(
                base + "/" + pointerEscape(e.getKey()),
                "external parameter "
                    + e.getKey()
                    + (actual.isEmpty() ? " is missing" : " differs from the expected value")));
      }
    }
  }

  private static Optional<String> string(JsonObject o, String name) {
    Optional<JsonValue> v = o.get(name);
    return v.isPresent() && v.get() instanceof JsonString
        ? Optional.of(((JsonString) v.get()).value())
        : Optional.empty();
  }

  private static Finding mismatch(String location, String message) {
    return Finding.of(ErrorCode.POLICY_MISMATCH, location, message);
  }

  private static String pointerEscape(String name) {
    return name.replace("~", "~0").replace("/", "~1");
  }

  /**
   * Returns the accepted builder ids.
   *
   * @return the ids, compared exactly
   */
  public Set<String> builderIds() {
    return builderIds;
  }

  @Override
  public String toString() {
    return "SlsaPolicy[builderIds="
        + builderIds
        + ", buildTypes="
        + buildTypes
        + ", sourceRepository="
        + sourceRepository.orElse("any")
        + ", sourceRef="
        + sourceRef.orElse("any")
        + "]";
  }

  /** Builds a {@link SlsaPolicy}. Not thread-safe. */
  public static final class Builder {
    private final Set<String> builderIds = new LinkedHashSet<>();
    private final Set<String> buildTypes = new LinkedHashSet<>();
    private String sourceRepository;
    private String sourceRef;
    private Set<String> allowedExternalParameters;
    private final Map<String, JsonValue> requiredExternalParameters = new LinkedHashMap<>();

    private Builder() {}

    /**
     * Accepts a builder id, compared exactly. SLSA requires consumers to accept only specific
     * builders, so at least one is required; calling again accepts several.
     *
     * @param builderId the {@code runDetails.builder.id} URI
     * @return this builder
     */
    public Builder requireBuilderId(String builderId) {
      builderIds.add(nonEmpty(builderId, "builderId"));
      return this;
    }

    /**
     * Accepts a build type, compared exactly; calling again accepts several. Default: any.
     *
     * @param buildType the {@code buildDefinition.buildType} URI
     * @return this builder
     */
    public Builder requireBuildType(String buildType) {
      buildTypes.add(nonEmpty(buildType, "buildType"));
      return this;
    }

    /**
     * Requires the source repository, for example {@code https://github.com/org/repo}, {@code
     * git+https://github.com/org/repo} or {@code github.com/org/repo}.
     *
     * @param repository the repository URI
     * @return this builder
     */
    public Builder requireSourceRepository(String repository) {
      String r = nonEmpty(repository, "repository");
      if (r.startsWith("git+")) {
        r = r.substring(4);
      }
      if (!r.contains("://")) {
        r = "https://" + r;
      }
      this.sourceRepository = r;
      return this;
    }

    /**
     * Requires the source ref, compared exactly, for example {@code refs/tags/v1.2.0} or {@code
     * refs/heads/main}.
     *
     * @param ref the full git ref
     * @return this builder
     */
    public Builder requireSourceRef(String ref) {
      this.sourceRef = nonEmpty(ref, "ref");
      return this;
    }

    /**
     * Restricts the external parameters to these names: any other top-level name in {@code
     * externalParameters} is a mismatch, as SLSA asks verifiers to reject unrecognized
     * parameters. Default: any names.
     *
     * @param names the allowed parameter names
     * @return this builder
     */
    public Builder allowExternalParameters(Set<String> names) {
      if (allowedExternalParameters == null) {
        allowedExternalParameters = new LinkedHashSet<>();
      }
      for (String n : names) {
        allowedExternalParameters.add(Objects.requireNonNull(n, "name"));
      }
      return this;
    }

    /**
     * Requires an external parameter with exactly this JSON value (objects compare member-wise
     * regardless of order; numbers by their literal).
     *
     * @param name the top-level parameter name
     * @param value the expected value
     * @return this builder
     */
    public Builder requireExternalParameter(String name, JsonValue value) {
      requiredExternalParameters.put(
          nonEmpty(name, "name"), Objects.requireNonNull(value, "value"));
      return this;
    }

    /**
     * Builds the policy.
     *
     * @return the immutable policy
     * @throws VerificationException with {@code CONFIGURATION_ERROR} if no builder id was given,
     *     or a required external parameter is outside the allowed names
     */
    public SlsaPolicy build() throws VerificationException {
      if (builderIds.isEmpty()) {
        throw new VerificationException(
            ErrorCode.CONFIGURATION_ERROR,
            "",
            "a SLSA policy must name the accepted builder id(s)");
      }
      if (allowedExternalParameters != null) {
        for (String n : requiredExternalParameters.keySet()) {
          if (!allowedExternalParameters.contains(n)) {
            throw new VerificationException(
                ErrorCode.CONFIGURATION_ERROR,
                "",
                "required external parameter " + n + " is not among the allowed names");
          }
        }
      }
      return new SlsaPolicy(this);
    }

    private static String nonEmpty(String s, String name) {
      Objects.requireNonNull(s, name);
      if (s.isEmpty()) {
        throw new IllegalArgumentException("empty " + name);
      }
      return s;
    }
  }
}
