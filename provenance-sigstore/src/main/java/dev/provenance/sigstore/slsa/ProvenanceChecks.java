package dev.provenance.sigstore.slsa;

import dev.provenance.api.ErrorCode;
import dev.provenance.api.Finding;
import dev.provenance.api.VerificationException;
import dev.provenance.api.attestation.VerifiedAttestation;
import dev.provenance.api.json.JsonString;
import dev.provenance.api.json.JsonValue;
import dev.provenance.api.policy.PolicyContext;
import dev.provenance.core.policy.SlsaPolicy;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The checks slsa-verifier makes on a provenance statement and its signing certificate once the
 * signature verified: who built it, from which repository and ref, with which inputs. Every check
 * runs and every failure is reported. Stateless.
 */
final class ProvenanceChecks {
  private static final String CERT_SOURCE = "certificate/extensions/1.3.6.1.4.1.57264.1.12";

  private ProvenanceChecks() {}

  /**
   * What passed: the statement's reader, the builder id the caller may rely on (the certificate's
   * workflow at its ref, or for BYOB builds the builder the provenance names), and the source.
   */
  record Outcome(ProvenanceView view, String builderId, String source) {}

  /**
   * Checks a verified attestation and the identity of the certificate that signed it.
   *
   * @throws VerificationException with every finding: {@code POLICY_MISMATCH} for unmet
   *     expectations and untrusted builders, {@code MALFORMED_INPUT} for provenance that lacks a
   *     field slsa-verifier reads, {@code UNSUPPORTED_FORMAT} for other predicate or build types
   */
  static Outcome check(
      VerifiedAttestation attestation,
      WorkflowIdentity identity,
      SlsaExpectations expectations,
      boolean testing)
      throws VerificationException {
    ProvenanceView view = ProvenanceView.of(attestation.statement());
    Optional<BuilderId> expected = expectations.builderId().flatMap(BuilderId::parse);
    TrustedBuilders.Decision decision = TrustedBuilders.decide(identity, expected, testing);
    List<Finding> findings = new ArrayList<>();
    if (!identity.sourceRepository().equals(expectations.sourceRepository())) {
      findings.add(
          mismatch(
              CERT_SOURCE,
              "certificate source repository "
                  + identity.sourceRepository()
                  + " is not the expected "
                  + expectations.sourceRepository()));
    }
    String builderId = "";
    try {
      builderId = builder(view, decision, expected, testing);
    } catch (VerificationException e) {
      findings.addAll(e.findings());
    }
    String source = "";
    try {
      source = source(view, expectations);
    } catch (VerificationException e) {
      findings.addAll(e.findings());
    }
    refs(view, expectations, findings);
    inputs(view, expectations, findings);
    if (findings.isEmpty() && view.isV1()) {
      // The same expectations through the core SLSA v1 policy: exact builder id and the source
      // repository in resolvedDependencies / externalParameters.workflow.
      findings.addAll(
          SlsaPolicy.newBuilder()
              .requireBuilderId(builderId)
              .requireSourceRepository(expectations.sourceUri())
              .build()
              .evaluate(attestation, new PolicyContext(Instant.EPOCH, Optional.empty())));
    }
    if (!findings.isEmpty()) {
      throw VerificationException.of(findings);
    }
    return new Outcome(view, builderId, source);
  }

  /**
   * Checks the builder id inside the provenance. For a workflow signing for itself it must be the
   * certificate's workflow at the same ref; for a BYOB delegator it must be pinned to a release and
   * be the expected builder (by default, one of slsa-github-generator's own).
   */
  private static String builder(
      ProvenanceView view,
      TrustedBuilders.Decision decision,
      Optional<BuilderId> expected,
      boolean testing)
      throws VerificationException {
    String id = view.builderId();
    String at = view.builderIdLocation();
    Optional<BuilderId> parsed = BuilderId.parse(id);
    if (parsed.isEmpty()) {
      throw ProvenanceView.malformed(at, "builder id " + id + " has more than one or an empty @");
    }
    BuilderId builder = parsed.get();
    if (!decision.delegated()) {
      if (!builder.matchesExactly(decision.signer())) {
        throw fail(
            mismatch(at, "builder id " + id + " is not the signing workflow " + decision.signer()));
      }
      return decision.signer().toString();
    }
    if (!builder.hasVersion() || !delegatedRefAllowed(builder.version(), view, testing)) {
      throw fail(
          mismatch(at, "builder " + id + " is not pinned to a release tag refs/tags/vX.Y.Z"));
    }
    BuilderId want;
    if (expected.isPresent()) {
      want = expected.get();
    } else if (builder.name().startsWith(TrustedBuilders.GENERATOR_WORKFLOWS)) {
      want = new BuilderId(builder.name(), "");
    } else {
      throw fail(
          mismatch(
              at,
              "builder "
                  + id
                  + " is not an slsa-github-generator builder; name the builder you trust with a"
                  + " builder id"));
    }
    if (!builder.matchesLoosely(want)) {
      throw fail(mismatch(at, "builder " + id + " is not the expected " + want));
    }
    return id;
  }

  /** slsa-verifier isValidDelegatorBuilderID: a release tag, or the testing exceptions. */
  private static boolean delegatedRefAllowed(String ref, ProvenanceView view, boolean testing)
      throws VerificationException {
    if (testing) {
      Optional<GitRefs.UriAndRef> source = GitRefs.split(view.sourceUri());
      String repository = source.map(GitRefs.UriAndRef::uri).orElse("");
      if (repository.equals(repo(TrustedBuilders.E2E_REPOSITORY))
          && ref.equals("refs/heads/main")) {
        return true;
      }
      if (repository.equals(repo(TrustedBuilders.GENERATOR_REPOSITORY))) {
        return true;
      }
    }
    return TrustedBuilders.isReleaseTag(ref, false);
  }

  private static String repo(String orgRepo) {
    return "git+" + WorkflowIdentity.GITHUB + orgRepo;
  }

  /**
   * Checks that the triggering repository and the built source are the expected repository, that
   * both carry a ref (BYOB sources may omit it) and that they agree.
   */
  static String source(ProvenanceView view, SlsaExpectations expectations)
      throws VerificationException {
    String expected = expectations.sourceUri();
    List<Finding> findings = new ArrayList<>();
    String trigger = view.triggerUri();
    Optional<GitRefs.UriAndRef> t = GitRefs.split(trigger);
    if (t.isEmpty()) {
      throw ProvenanceView.malformed(view.triggerLocation(), "not a git+ URI: " + trigger);
    }
    if (!t.get().uri().equals(expected)) {
      findings.add(
          mismatch(
              view.triggerLocation(),
              "build was triggered from " + t.get().uri() + ", not the expected " + expected));
    }
    if (t.get().ref().isEmpty()) {
      findings.add(malformed(view.triggerLocation(), "trigger " + trigger + " has no ref"));
    }
    String source = view.sourceUri();
    Optional<GitRefs.UriAndRef> s = GitRefs.split(source);
    if (s.isEmpty()) {
      throw ProvenanceView.malformed(view.sourceLocation(), "not a git+ URI: " + source);
    }
    if (!s.get().uri().equals(expected)) {
      findings.add(
          mismatch(
              view.sourceLocation(),
              "source " + s.get().uri() + " is not the expected " + expected));
    }
    if (findings.isEmpty() && !s.get().ref().isEmpty() && !trigger.equals(source)) {
      findings.add(
          malformed(
              view.sourceLocation(), "source " + source + " and trigger " + trigger + " disagree"));
    }
    if (s.get().ref().isEmpty() && !view.allowsSourceWithoutRef()) {
      findings.add(malformed(view.sourceLocation(), "source " + source + " has no ref"));
    }
    if (!findings.isEmpty()) {
      throw VerificationException.of(findings);
    }
    return source;
  }

  /** Checks the branch, the exact tag and the versioned tag the caller asked for. */
  private static void refs(
      ProvenanceView view, SlsaExpectations expectations, List<Finding> findings) {
    try {
      if (expectations.sourceBranch().isPresent()) {
        ProvenanceView.Ref ref = view.branchRef();
        Optional<String> branch = GitRefs.branch(ref.value());
        if (!branch.equals(expectations.sourceBranch())) {
          findings.add(
              mismatch(
                  ref.location(),
                  "expected branch "
                      + expectations.sourceBranch().get()
                      + ", the build ran on "
                      + (branch.isPresent() ? branch.get() : "no branch (" + describe(ref) + ")")));
        }
      }
      if (expectations.sourceTag().isPresent() || expectations.sourceVersionedTag().isPresent()) {
        ProvenanceView.Ref ref = view.tagRef();
        Optional<String> tag = GitRefs.tag(ref.value());
        if (tag.isEmpty()) {
          findings.add(
              mismatch(
                  ref.location(),
                  "expected a tag build, the build was triggered by " + describe(ref)));
          return;
        }
        if (expectations.sourceTag().isPresent()
            && !tag.get().equals(expectations.sourceTag().get())) {
          findings.add(
              mismatch(
                  ref.location(),
                  "expected tag " + expectations.sourceTag().get() + ", found " + tag.get()));
        }
        if (expectations.sourceVersionedTag().isPresent()) {
          versionedTag(
              tag.get(), expectations.sourceVersionedTag().get(), ref.location(), findings);
        }
      }
    } catch (VerificationException e) {
      findings.addAll(e.findings());
    }
  }

  /**
   * slsa-verifier VerifyVersionedTag: the major versions must be equal, and the minor and patch
   * versions when the expectation has them (a missing part of the found tag counts as 0). With a
   * patch version the prerelease must be equal too; build metadata is ignored.
   */
  private static void versionedTag(
      String tag, String expected, String location, List<Finding> findings) {
    Optional<Semver> found = Semver.parse(tag);
    Semver want = Semver.parse(expected).orElseThrow();
    if (found.isEmpty()) {
      findings.add(mismatch(location, "tag " + tag + " is not a semantic version"));
      return;
    }
    Semver f = found.get();
    boolean ok = f.major().equals(want.major());
    if (want.minor().isPresent()) {
      ok &= f.minorOrZero().equals(want.minor().get());
    }
    if (want.patch().isPresent()) {
      ok &= f.patchOrZero().equals(want.patch().get()) && f.prerelease().equals(want.prerelease());
    }
    if (!ok) {
      findings.add(mismatch(location, "tag " + tag + " is not a version under " + expected));
    }
  }

  private static String describe(ProvenanceView.Ref ref) {
    return ref.value().isEmpty() ? "no ref" : "ref " + ref.value();
  }

  /** Checks the {@code workflow_dispatch} inputs the caller asked for: each must be that string. */
  private static void inputs(
      ProvenanceView view, SlsaExpectations expectations, List<Finding> findings) {
    if (expectations.buildWorkflowInputs().isEmpty()) {
      return;
    }
    ProvenanceView.GithubEnvironment.Inputs inputs;
    try {
      inputs = view.workflowInputs();
    } catch (VerificationException e) {
      findings.addAll(e.findings());
      return;
    }
    for (Map.Entry<String, String> e : expectations.buildWorkflowInputs().entrySet()) {
      Optional<JsonValue> actual = inputs.values().get(e.getKey());
      String at = inputs.pointer() + "/" + e.getKey().replace("~", "~0").replace("/", "~1");
      if (actual.isEmpty()) {
        findings.add(mismatch(at, "workflow input " + e.getKey() + " is absent"));
      } else if (!(actual.get() instanceof JsonString)
          || !((JsonString) actual.get()).value().equals(e.getValue())) {
        findings.add(mismatch(at, "workflow input " + e.getKey() + " is not " + e.getValue()));
      }
    }
  }

  static Finding mismatch(String location, String message) {
    return Finding.of(ErrorCode.POLICY_MISMATCH, location, message);
  }

  static Finding malformed(String location, String message) {
    return Finding.of(ErrorCode.MALFORMED_INPUT, location, message);
  }

  static VerificationException fail(Finding finding) {
    return VerificationException.of(List.of(finding));
  }
}
