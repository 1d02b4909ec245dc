package dev.provenance.sigstore.slsa;

import dev.provenance.api.ErrorCode;
import dev.provenance.api.VerificationException;
import dev.provenance.api.attestation.GenericPredicate;
import dev.provenance.api.attestation.PredicateTypes;
import dev.provenance.api.attestation.ResourceDescriptor;
import dev.provenance.api.attestation.Statement;
import dev.provenance.api.json.JsonArray;
import dev.provenance.api.json.JsonNull;
import dev.provenance.api.json.JsonObject;
import dev.provenance.api.json.JsonString;
import dev.provenance.api.json.JsonValue;
import dev.provenance.api.slsa.SlsaProvenance;
import java.util.Locale;
import java.util.Optional;

/**
 * Reads the fields slsa-verifier checks from a verified provenance statement, whatever its format:
 * SLSA v0.2 from the slsa-github-generator workflows, and SLSA v1 from the BYOB delegators, the
 * container-based builder and GitHub's {@code actions/attest}. Each format keeps the source, the
 * triggering ref and the workflow inputs in different places; this class hides that. Missing or
 * mistyped fields are {@code MALFORMED_INPUT} with a JSON Pointer into the statement.
 */
abstract class ProvenanceView {
  /** Build type of the BYOB delegator workflows. */
  static final String BYOB_BUILD_TYPE =
      "https://github.com/slsa-framework/slsa-github-generator/delegator-generic@v0";

  /** Build type of slsa-github-generator's container-based builder. */
  static final String CONTAINER_BASED_BUILD_TYPE =
      "https://slsa.dev/container-based-build/v0.1?draft";

  /** Build type of GitHub artifact attestations ({@code actions/attest-build-provenance}). */
  static final String GITHUB_WORKFLOW_BUILD_TYPE =
      "https://actions.github.io/buildtypes/workflow/v1";

  /** Build type of SLSA v0.2 provenance from the npm CLI on GitHub Actions. */
  static final String NPM_CLI_V02_BUILD_TYPE = "https://github.com/npm/cli/gha/v2";

  /** Build type of SLSA v1 provenance from the npm CLI on GitHub Actions. */
  static final String NPM_CLI_V1_BUILD_TYPE =
      "https://slsa-framework.github.io/github-actions-buildtypes/workflow/v1";

  private ProvenanceView() {}

  /**
   * Picks the reader for a statement.
   *
   * @throws VerificationException {@code UNSUPPORTED_FORMAT} for a predicate type other than SLSA
   *     v0.2 and v1 or an unknown v1 build type; {@code MALFORMED_INPUT} for a predicate that was
   *     not read as its type
   */
  static ProvenanceView of(Statement statement) throws VerificationException {
    String type = statement.predicateType();
    if (type.equals(PredicateTypes.SLSA_PROVENANCE_V02)) {
      if (!(statement.predicate() instanceof GenericPredicate)) {
        throw malformed("/predicate", "SLSA v0.2 predicate was not read as a JSON object");
      }
      return new V02(((GenericPredicate) statement.predicate()).body());
    }
    if (!type.equals(PredicateTypes.SLSA_PROVENANCE_V1)) {
      throw new VerificationException(
          ErrorCode.UNSUPPORTED_FORMAT,
          "/predicateType",
          "predicate type "
              + type
              + " is not "
              + PredicateTypes.SLSA_PROVENANCE_V02
              + " or "
              + PredicateTypes.SLSA_PROVENANCE_V1);
    }
    if (!(statement.predicate() instanceof SlsaProvenance)) {
      throw malformed("/predicate", "predicate was not read as SLSA Provenance v1");
    }
    SlsaProvenance p = (SlsaProvenance) statement.predicate();
    String buildType = p.buildDefinition().buildType();
    switch (buildType) {
      case BYOB_BUILD_TYPE:
      case CONTAINER_BASED_BUILD_TYPE:
        return new Delegated(p);
      case GITHUB_WORKFLOW_BUILD_TYPE:
        return new GithubWorkflow(p);
      default:
        throw new VerificationException(
            ErrorCode.UNSUPPORTED_FORMAT,
            "/predicate/buildDefinition/buildType",
            "build type " + buildType + " is not one this verifier knows how to check");
    }
  }

  /**
   * Picks the reader for the provenance the npm CLI writes when it publishes from GitHub Actions:
   * SLSA v0.2 of build type {@code https://github.com/npm/cli/gha/v2}, or SLSA v1 of build type
   * {@code https://slsa-framework.github.io/github-actions-buildtypes/workflow/v1}, which records
   * its source the way GitHub's workflow build type does.
   *
   * @throws VerificationException {@code UNSUPPORTED_FORMAT} for other predicate or build types;
   *     {@code MALFORMED_INPUT} for a predicate that was not read as its type
   */
  static ProvenanceView ofNpm(Statement statement) throws VerificationException {
    String type = statement.predicateType();
    if (type.equals(PredicateTypes.SLSA_PROVENANCE_V02)) {
      V02 view = (V02) of(statement);
      String buildType =
          nonEmptyString(view.predicate, "buildType", "/predicate/buildType");
      if (!buildType.equals(NPM_CLI_V02_BUILD_TYPE)) {
        throw new VerificationException(
            ErrorCode.UNSUPPORTED_FORMAT,
            "/predicate/buildType",
            "build type " + buildType + " is not the npm CLI's " + NPM_CLI_V02_BUILD_TYPE);
      }
      return view;
    }
    if (type.equals(PredicateTypes.SLSA_PROVENANCE_V1)
        && statement.predicate() instanceof SlsaProvenance) {
      SlsaProvenance p = (SlsaProvenance) statement.predicate();
      String buildType = p.buildDefinition().buildType();
      if (!buildType.equals(NPM_CLI_V1_BUILD_TYPE)) {
        throw new VerificationException(
            ErrorCode.UNSUPPORTED_FORMAT,
            "/predicate/buildDefinition/buildType",
            "build type " + buildType + " is not the npm CLI's " + NPM_CLI_V1_BUILD_TYPE);
      }
      return new GithubWorkflow(p);
    }
    return of(statement);
  }

  /** Returns whether the statement is SLSA Provenance v1. */
  abstract boolean isV1();

  /** Returns {@code builder.id} (v0.2) or {@code runDetails.builder.id} (v1). */
  abstract String builderId() throws VerificationException;

  /** Returns where the builder id is. */
  abstract String builderIdLocation();

  /** Returns the repository and ref whose event triggered the build, as {@code git+URL@ref}. */
  abstract String triggerUri() throws VerificationException;

  /** Returns where the trigger is. */
  abstract String triggerLocation();

  /** Returns the source that was built, as {@code git+URL[@ref]}. */
  abstract String sourceUri() throws VerificationException;

  /** Returns where the source is. */
  abstract String sourceLocation();

  /**
   * Returns whether the source may lack a ref: BYOB builders may build a commit other than the
   * triggering one (slsa-verifier allows it for that build type only).
   */
  boolean allowsSourceWithoutRef() {
    return false;
  }

  /** A ref and where it was read, for example {@code refs/heads/main}; the value may be empty. */
  record Ref(String value, String location) {}

  /** Returns the ref that tells the branch, for example {@code refs/heads/main}. */
  abstract Ref branchRef() throws VerificationException;

  /** Returns the ref that tells the tag, for example {@code refs/tags/v1.2.3}. */
  abstract Ref tagRef() throws VerificationException;

  /** Returns the {@code workflow_dispatch} inputs. */
  abstract GithubEnvironment.Inputs workflowInputs() throws VerificationException;

  static VerificationException malformed(String location, String message) {
    return new VerificationException(ErrorCode.MALFORMED_INPUT, location, message);
  }

  static JsonObject object(JsonObject parent, String name, String pointer)
      throws VerificationException {
    Optional<JsonValue> v = parent.get(name);
    if (v.isEmpty() || !(v.get() instanceof JsonObject)) {
      throw malformed(pointer, "expected an object");
    }
    return (JsonObject) v.get();
  }

  static String string(JsonObject parent, String name, String pointer)
      throws VerificationException {
    Optional<JsonValue> v = parent.get(name);
    if (v.isEmpty() || !(v.get() instanceof JsonString)) {
      throw malformed(pointer, "expected a string");
    }
    return ((JsonString) v.get()).value();
  }

  static String nonEmptyString(JsonObject parent, String name, String pointer)
      throws VerificationException {
    String s = string(parent, name, pointer);
    if (s.isEmpty()) {
      throw malformed(pointer, "expected a non-empty string");
    }
    return s;
  }

  /** SLSA v0.2 from the slsa-github-generator workflows. */
  static final class V02 extends ProvenanceView {
    private static final String BASE = "/predicate";
    private final JsonObject predicate;

    V02(JsonObject predicate) {
      this.predicate = predicate;
    }

    @Override
    boolean isV1() {
      return false;
    }

    @Override
    String builderId() throws VerificationException {
      return string(object(predicate, "builder", BASE + "/builder"), "id", builderIdLocation());
    }

    @Override
    String builderIdLocation() {
      return BASE + "/builder/id";
    }

    @Override
    String triggerUri() throws VerificationException {
      JsonObject invocation = object(predicate, "invocation", BASE + "/invocation");
      JsonObject config = object(invocation, "configSource", BASE + "/invocation/configSource");
      return nonEmptyString(config, "uri", triggerLocation());
    }

    @Override
    String triggerLocation() {
      return BASE + "/invocation/configSource/uri";
    }

    @Override
    String sourceUri() throws VerificationException {
      Optional<JsonValue> materials = predicate.get("materials");
      if (materials.isEmpty()
          || !(materials.get() instanceof JsonArray)
          || ((JsonArray) materials.get()).elements().isEmpty()
          || !(((JsonArray) materials.get()).elements().get(0) instanceof JsonObject)) {
        throw malformed(BASE + "/materials", "expected at least one material");
      }
      JsonObject first = (JsonObject) ((JsonArray) materials.get()).elements().get(0);
      return nonEmptyString(first, "uri", sourceLocation());
    }

    @Override
    String sourceLocation() {
      return BASE + "/materials/0/uri";
    }

    private GithubEnvironment environment() throws VerificationException {
      JsonObject invocation = object(predicate, "invocation", BASE + "/invocation");
      String at = BASE + "/invocation/environment";
      return new GithubEnvironment(object(invocation, "environment", at), at, false);
    }

    @Override
    Ref branchRef() throws VerificationException {
      return environment().branchRef();
    }

    @Override
    Ref tagRef() throws VerificationException {
      return environment().tagRef();
    }

    @Override
    GithubEnvironment.Inputs workflowInputs() throws VerificationException {
      return environment().workflowInputs();
    }
  }

  /** SLSA v1 written by slsa-github-generator's own workflows (BYOB and container-based). */
  static class Delegated extends ProvenanceView {
    private static final String DEFINITION = "/predicate/buildDefinition";
    final SlsaProvenance provenance;

    Delegated(SlsaProvenance provenance) {
      this.provenance = provenance;
    }

    @Override
    final boolean isV1() {
      return true;
    }

    @Override
    final String builderId() {
      return provenance.runDetails().builder().id();
    }

    @Override
    final String builderIdLocation() {
      return "/predicate/runDetails/builder/id";
    }

    @Override
    String triggerUri() throws VerificationException {
      // GITHUB_WORKFLOW_REF is "org/repo/path/to/workflow.yml@ref".
      String workflowRef =
          nonEmptyString(
              provenance.buildDefinition().internalParameters(),
              "GITHUB_WORKFLOW_REF",
              triggerLocation());
      int at = workflowRef.indexOf('@');
      String repoAndPath = at < 0 ? workflowRef : workflowRef.substring(0, at);
      String[] parts = repoAndPath.split("/", -1);
      if (at < 0 || at != workflowRef.lastIndexOf('@') || parts.length < 2) {
        throw malformed(triggerLocation(), "expected org/repo/path@ref, found " + workflowRef);
      }
      return "git+"
          + WorkflowIdentity.GITHUB
          + parts[0]
          + "/"
          + parts[1]
          + workflowRef.substring(at);
    }

    @Override
    String triggerLocation() {
      return DEFINITION + "/internalParameters/GITHUB_WORKFLOW_REF";
    }

    @Override
    final String sourceUri() throws VerificationException {
      if (provenance.buildDefinition().resolvedDependencies().isEmpty()) {
        throw malformed(DEFINITION + "/resolvedDependencies", "expected a source dependency");
      }
      ResourceDescriptor first = provenance.buildDefinition().resolvedDependencies().get(0);
      if (first.uri().isEmpty() || first.uri().get().isEmpty()) {
        throw malformed(sourceLocation(), "expected a non-empty uri");
      }
      return first.uri().get();
    }

    @Override
    final String sourceLocation() {
      return DEFINITION + "/resolvedDependencies/0/uri";
    }

    @Override
    boolean allowsSourceWithoutRef() {
      return provenance.buildDefinition().buildType().equals(BYOB_BUILD_TYPE);
    }

    /** The ref of the source dependency, if it has one. */
    private Optional<Ref> sourceRef() throws VerificationException {
      if (provenance.buildDefinition().resolvedDependencies().isEmpty()) {
        return Optional.empty();
      }
      return GitRefs.split(sourceUri())
          .map(GitRefs.UriAndRef::ref)
          .filter(r -> !r.isEmpty())
          .map(r -> new Ref(r, sourceLocation()));
    }

    GithubEnvironment environment() {
      return new GithubEnvironment(
          provenance.buildDefinition().internalParameters(),
          DEFINITION + "/internalParameters",
          true);
    }

    @Override
    Ref branchRef() throws VerificationException {
      Optional<Ref> ref = sourceRef();
      return ref.isPresent() ? ref.get() : environment().branchRef();
    }

    @Override
    Ref tagRef() throws VerificationException {
      Optional<Ref> ref = sourceRef();
      return ref.isPresent() ? ref.get() : environment().tagRef();
    }

    @Override
    GithubEnvironment.Inputs workflowInputs() throws VerificationException {
      return environment().workflowInputs();
    }
  }

  /** SLSA v1 from GitHub's {@code actions/attest-build-provenance}. */
  static final class GithubWorkflow extends Delegated {
    private static final String WORKFLOW = "/predicate/buildDefinition/externalParameters/workflow";

    GithubWorkflow(SlsaProvenance provenance) {
      super(provenance);
    }

    private JsonObject workflow() throws VerificationException {
      return object(provenance.buildDefinition().externalParameters(), "workflow", WORKFLOW);
    }

    @Override
    String triggerUri() throws VerificationException {
      JsonObject w = workflow();
      return "git+"
          + nonEmptyString(w, "repository", WORKFLOW + "/repository")
          + "@"
          + nonEmptyString(w, "ref", WORKFLOW + "/ref");
    }

    @Override
    String triggerLocation() {
      return WORKFLOW;
    }

    @Override
    boolean allowsSourceWithoutRef() {
      return false;
    }

    @Override
    Ref branchRef() throws VerificationException {
      return new Ref(nonEmptyString(workflow(), "ref", WORKFLOW + "/ref"), WORKFLOW + "/ref");
    }

    @Override
    Ref tagRef() throws VerificationException {
      return branchRef();
    }

    @Override
    GithubEnvironment.Inputs workflowInputs() throws VerificationException {
      throw new VerificationException(
          ErrorCode.POLICY_MISMATCH,
          "/predicate/buildDefinition",
          "build type " + GITHUB_WORKFLOW_BUILD_TYPE + " records no workflow inputs");
    }
  }

  /**
   * The GitHub context a builder recorded: lower-case {@code github_*} names in SLSA v0.2's {@code
   * invocation.environment}, upper-case {@code GITHUB_*} in SLSA v1's {@code internalParameters}.
   */
  static final class GithubEnvironment {
    private final JsonObject values;
    private final String pointer;
    private final boolean upperCase;

    GithubEnvironment(JsonObject values, String pointer, boolean upperCase) {
      this.values = values;
      this.pointer = pointer;
      this.upperCase = upperCase;
    }

    /** The {@code workflow_dispatch} inputs and where they are. */
    record Inputs(JsonObject values, String pointer) {}

    private String key(String name) {
      return upperCase ? name.toUpperCase(Locale.ROOT) : name;
    }

    private String at(String name) {
      return pointer + "/" + key(name);
    }

    private String get(String name) throws VerificationException {
      return string(values, key(name), at(name));
    }

    private JsonObject eventPayload() throws VerificationException {
      return object(values, key("github_event_payload"), at("github_event_payload"));
    }

    String refType() throws VerificationException {
      String type = get("github_ref_type");
      if (!type.equals("branch") && !type.equals("tag")) {
        throw malformed(at("github_ref_type"), "unknown ref type " + type);
      }
      return type;
    }

    /** The branch ref; for a tag build the branch the event names, possibly empty. */
    Ref branchRef() throws VerificationException {
      if (refType().equals("branch")) {
        return new Ref(get("github_ref"), at("github_ref"));
      }
      String baseRef = get("github_base_ref");
      if (!baseRef.isEmpty()) {
        return new Ref(baseRef, at("github_base_ref"));
      }
      String event = get("github_event_name");
      String payloadAt = at("github_event_payload");
      switch (event) {
        case "push":
          {
            // base_ref is null when a commit rather than a branch was pushed.
            Optional<JsonValue> v = eventPayload().get("base_ref");
            if (v.isEmpty()) {
              throw malformed(payloadAt + "/base_ref", "expected base_ref");
            }
            String ref = v.get() instanceof JsonString ? ((JsonString) v.get()).value() : "";
            return new Ref(ref, payloadAt + "/base_ref");
          }
        case "release":
          {
            JsonObject release = object(eventPayload(), "release", payloadAt + "/release");
            String at = payloadAt + "/release/target_commitish";
            return new Ref("refs/heads/" + string(release, "target_commitish", at), at);
          }
        default:
          return new Ref("", at("github_event_name"));
      }
    }

    /** The triggering ref: a {@code refs/tags/} ref for a tag build, else the branch ref. */
    Ref tagRef() throws VerificationException {
      refType();
      return new Ref(get("github_ref"), at("github_ref"));
    }

    Inputs workflowInputs() throws VerificationException {
      String event = get("github_event_name");
      if (!event.equals("workflow_dispatch")) {
        throw new VerificationException(
            ErrorCode.POLICY_MISMATCH,
            at("github_event_name"),
            "workflow inputs exist only for workflow_dispatch builds, this one was " + event);
      }
      String inputsAt = at("github_event_payload") + "/inputs";
      Optional<JsonValue> inputs = eventPayload().get("inputs");
      if (inputs.isEmpty() || inputs.get() instanceof JsonNull) {
        return new Inputs(JsonObject.empty(), inputsAt);
      }
      if (!(inputs.get() instanceof JsonObject)) {
        throw malformed(inputsAt, "expected an object");
      }
      return new Inputs((JsonObject) inputs.get(), inputsAt);
    }
  }
}
