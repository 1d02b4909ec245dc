package dev.provenance.sigstore.slsa;

import dev.provenance.api.ErrorCode;
import dev.provenance.api.Finding;
import dev.provenance.api.VerificationException;
import dev.provenance.api.attestation.GenericPredicate;
import dev.provenance.api.attestation.Statement;
import dev.provenance.api.json.JsonArray;
import dev.provenance.api.json.JsonBoolean;
import dev.provenance.api.json.JsonNull;
import dev.provenance.api.json.JsonObject;
import dev.provenance.api.json.JsonString;
import dev.provenance.api.json.JsonValue;
import dev.provenance.api.slsa.BuildMetadata;
import dev.provenance.api.slsa.SlsaProvenance;
import dev.provenance.sigstore.CertificateIdentity;
import dev.provenance.sigstore.FulcioExtension;
import dev.provenance.sigstore.internal.x509.FulcioCertificates;
import java.security.cert.X509Certificate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The npm CLI is not a trusted builder: the job being verified writes its own provenance. What
 * that provenance claims about the build must therefore be what Fulcio certified for the job
 * (repository, ref, commit, workflow, event, run), or it is refused (slsa-verifier
 * verifyProvenanceMatchesCertificate). Claims no certificate can confirm (build start and finish
 * times, reproducibility, completeness, parameters, a build configuration, more than one source)
 * are refused too. Mismatches are {@code BINDING_MISMATCH}; unverifiable claims {@code
 * POLICY_MISMATCH}. Stateless.
 */
final class NpmProvenanceClaims {
  private static final String GITHUB = WorkflowIdentity.GITHUB;
  private static final String RUNS = "/actions/runs/";
  private static final String ATTEMPTS = "/attempts/";

  /** What the certificate says about the job, by the name the v0.2 provenance gives it. */
  private final Map<String, Optional<String>> certified = new LinkedHashMap<>();

  private final Optional<String> runId;
  private final Optional<String> runAttempt;
  private final Optional<String> configPath;
  private final List<Finding> findings;

  private NpmProvenanceClaims(X509Certificate leaf, List<Finding> findings)
      throws VerificationException {
    this.findings = findings;
    Optional<String> repository =
        ext(leaf, FulcioExtension.SOURCE_REPOSITORY_URI)
            .filter(r -> r.startsWith(GITHUB))
            .map(r -> r.substring(GITHUB.length()));
    certified.put("GITHUB_EVENT_NAME", ext(leaf, FulcioExtension.BUILD_TRIGGER));
    certified.put("GITHUB_REF", ext(leaf, FulcioExtension.SOURCE_REPOSITORY_REF));
    certified.put("GITHUB_REPOSITORY", repository);
    certified.put("GITHUB_REPOSITORY_ID", ext(leaf, FulcioExtension.SOURCE_REPOSITORY_IDENTIFIER));
    certified.put(
        "GITHUB_REPOSITORY_OWNER_ID", ext(leaf, FulcioExtension.SOURCE_REPOSITORY_OWNER_IDENTIFIER));
    certified.put("GITHUB_SHA", ext(leaf, FulcioExtension.SOURCE_REPOSITORY_DIGEST));
    certified.put(
        "GITHUB_WORKFLOW_REF",
        CertificateIdentity.subjectAlternativeName(leaf)
            .filter(s -> s.startsWith(GITHUB))
            .map(s -> s.substring(GITHUB.length())));
    certified.put("GITHUB_WORKFLOW_SHA", ext(leaf, FulcioExtension.BUILD_SIGNER_DIGEST));
    // Run invocation URI: https://github.com/ORG/REPO/actions/runs/ID/attempts/N
    Optional<String> run = ext(leaf, FulcioExtension.RUN_INVOCATION_URI);
    int runs = run.map(r -> r.indexOf(RUNS)).orElse(-1);
    int attempts = run.map(r -> r.indexOf(ATTEMPTS)).orElse(-1);
    if (runs > 0 && attempts > runs) {
      runId = Optional.of(run.get().substring(runs + RUNS.length(), attempts));
      runAttempt = Optional.of(run.get().substring(attempts + ATTEMPTS.length()));
    } else {
      runId = Optional.empty();
      runAttempt = Optional.empty();
    }
    certified.put("GITHUB_RUN_ID", runId);
    certified.put("GITHUB_RUN_ATTEMPT", runAttempt);
    // Build config URI: https://github.com/ORG/REPO/PATH@REF
    Optional<String> config = ext(leaf, FulcioExtension.BUILD_CONFIG_URI);
    String prefix = GITHUB + repository.orElse("\u0000") + "/";
    configPath =
        config
            .filter(c -> c.startsWith(prefix) && c.indexOf('@') > prefix.length())
            .map(c -> c.substring(prefix.length(), c.indexOf('@')));
  }

  /**
   * Checks the provenance's claims against the certificate, adding every failure to {@code
   * findings}.
   *
   * @param statement the verified npm provenance statement (SLSA v0.2 or v1)
   * @param leaf the certificate that signed it
   * @param builtSource the built source, {@code git+URL@ref}, already checked to be the expected
   *     repository
   * @throws VerificationException {@code MALFORMED_INPUT} for an undecodable certificate value
   */
  static void check(
      Statement statement, X509Certificate leaf, String builtSource, List<Finding> findings)
      throws VerificationException {
    NpmProvenanceClaims claims = new NpmProvenanceClaims(leaf, findings);
    Optional<String> ref = GitRefs.split(builtSource).map(GitRefs.UriAndRef::ref);
    claims.equal(
        claims.certified.get("GITHUB_REF"), ref.orElse(""), "source ref", sourceLocation(statement));
    if (statement.predicate() instanceof SlsaProvenance) {
      claims.v1((SlsaProvenance) statement.predicate());
    } else if (statement.predicate() instanceof GenericPredicate) {
      claims.v02(((GenericPredicate) statement.predicate()).body());
    }
  }

  private static String sourceLocation(Statement statement) {
    return statement.predicate() instanceof SlsaProvenance
        ? "/predicate/buildDefinition/resolvedDependencies/0/uri"
        : "/predicate/materials/0/uri";
  }

  // ------------------------------------------------------------------ SLSA v0.2

  private void v02(JsonObject predicate) {
    String base = "/predicate";
    Optional<JsonValue> invocation = predicate.get("invocation");
    if (invocation.isPresent() && invocation.get() instanceof JsonObject) {
      JsonObject inv = (JsonObject) invocation.get();
      String at = base + "/invocation";
      Optional<JsonValue> environment = inv.get("environment");
      if (environment.isPresent() && environment.get() instanceof JsonObject) {
        for (Map.Entry<String, JsonValue> e : ((JsonObject) environment.get()).members().entrySet()) {
          String where = at + "/environment/" + e.getKey();
          if (!certified.containsKey(e.getKey())) {
            unverifiable(where, "environment variable " + e.getKey() + " cannot be checked");
          } else {
            claim(certified.get(e.getKey()), e.getValue(), e.getKey(), where);
          }
        }
      } else if (environment.isPresent() && !(environment.get() instanceof JsonNull)) {
        malformed(at + "/environment", "expected an object");
      }
      emptyOrAbsent(inv, "parameters", at + "/parameters");
      Optional<JsonValue> config = inv.get("configSource");
      if (config.isPresent() && config.get() instanceof JsonObject) {
        Optional<JsonValue> entry = ((JsonObject) config.get()).get("entryPoint");
        if (entry.isPresent()) {
          claim(configPath, entry.get(), "trigger workflow", at + "/configSource/entryPoint");
        }
      }
    }
    emptyOrAbsent(predicate, "buildConfig", base + "/buildConfig");
    Optional<JsonValue> materials = predicate.get("materials");
    if (materials.isEmpty()
        || !(materials.get() instanceof JsonArray)
        || ((JsonArray) materials.get()).elements().size() != 1) {
      unverifiable(base + "/materials", "npm provenance names exactly one material, the source");
    }
    Optional<JsonValue> metadata = predicate.get("metadata");
    if (metadata.isPresent() && metadata.get() instanceof JsonObject) {
      v02Metadata((JsonObject) metadata.get(), base + "/metadata");
    } else if (metadata.isPresent() && !(metadata.get() instanceof JsonNull)) {
      malformed(base + "/metadata", "expected an object");
    }
  }

  private void v02Metadata(JsonObject metadata, String at) {
    Optional<JsonValue> id = metadata.get("buildInvocationId");
    if (id.isPresent() && !(id.get() instanceof JsonNull)) {
      if (!(id.get() instanceof JsonString)) {
        malformed(at + "/buildInvocationId", "expected a string");
      } else {
        String[] parts = ((JsonString) id.get()).value().split("-", -1);
        if (parts.length != 2) {
          malformed(at + "/buildInvocationId", "expected RUN-ATTEMPT");
        } else {
          equal(runId, parts[0], "run id", at + "/buildInvocationId");
          equal(runAttempt, parts[1], "run attempt", at + "/buildInvocationId");
        }
      }
    }
    for (String time : List.of("buildStartedOn", "buildFinishedOn")) {
      if (metadata.get(time).filter(v -> !(v instanceof JsonNull)).isPresent()) {
        unverifiable(at + "/" + time, time + " cannot be checked");
      }
    }
    if (isTrue(metadata.get("reproducible"))) {
      unverifiable(at + "/reproducible", "reproducibility cannot be checked");
    }
    Optional<JsonValue> completeness = metadata.get("completeness");
    if (completeness.isPresent() && completeness.get() instanceof JsonObject) {
      for (String part : List.of("parameters", "environment", "materials")) {
        if (isTrue(((JsonObject) completeness.get()).get(part))) {
          unverifiable(at + "/completeness/" + part, "completeness cannot be checked");
        }
      }
    }
  }

  // ------------------------------------------------------------------ SLSA v1

  private void v1(SlsaProvenance p) {
    String definition = "/predicate/buildDefinition";
    Optional<JsonValue> github = p.buildDefinition().internalParameters().get("github");
    if (github.isPresent() && github.get() instanceof JsonObject) {
      Map<String, String> names =
          Map.of(
              "event_name", "GITHUB_EVENT_NAME",
              "repository_id", "GITHUB_REPOSITORY_ID",
              "repository_owner_id", "GITHUB_REPOSITORY_OWNER_ID");
      for (Map.Entry<String, JsonValue> e : ((JsonObject) github.get()).members().entrySet()) {
        String where = definition + "/internalParameters/github/" + e.getKey();
        String name = names.get(e.getKey());
        if (name == null) {
          unverifiable(where, "parameter " + e.getKey() + " cannot be checked");
        } else {
          claim(certified.get(name), e.getValue(), e.getKey(), where);
        }
      }
    } else if (github.isPresent()) {
      malformed(definition + "/internalParameters/github", "expected an object");
    }
    Optional<JsonValue> workflow = p.buildDefinition().externalParameters().get("workflow");
    if (workflow.isPresent() && workflow.get() instanceof JsonObject) {
      Optional<JsonValue> path = ((JsonObject) workflow.get()).get("path");
      if (path.isPresent()) {
        claim(
            configPath,
            path.get(),
            "trigger workflow",
            definition + "/externalParameters/workflow/path");
      }
    }
    if (p.buildDefinition().resolvedDependencies().size() != 1) {
      unverifiable(
          definition + "/resolvedDependencies",
          "npm provenance names exactly one resolved dependency, the source");
    }
    Optional<BuildMetadata> metadata = p.runDetails().metadata();
    String at = "/predicate/runDetails/metadata";
    if (metadata.isPresent()) {
      Optional<String> id = metadata.get().invocationId();
      if (id.isPresent()) {
        // https://github.com/ORG/REPO/actions/runs/ID/attempts/N
        String[] parts =
            id.get().startsWith(GITHUB)
                ? id.get().substring(GITHUB.length()).split("/", -1)
                : new String[0];
        if (parts.length != 7) {
          malformed(at + "/invocationId", "expected " + GITHUB + "ORG/REPO/actions/runs/ID/attempts/N");
        } else {
          equal(runId, parts[4], "run id", at + "/invocationId");
          equal(runAttempt, parts[6], "run attempt", at + "/invocationId");
        }
      }
      if (metadata.get().startedOn().isPresent()) {
        unverifiable(at + "/startedOn", "the build start time cannot be checked");
      }
      if (metadata.get().finishedOn().isPresent()) {
        unverifiable(at + "/finishedOn", "the build finish time cannot be checked");
      }
    }
  }

  // ------------------------------------------------------------------ helpers

  private void claim(Optional<String> certificate, JsonValue value, String what, String where) {
    if (!(value instanceof JsonString)) {
      malformed(where, what + " is not a string");
      return;
    }
    equal(certificate, ((JsonString) value).value(), what, where);
  }

  private void equal(Optional<String> certificate, String claimed, String what, String where) {
    if (certificate.isEmpty()) {
      findings.add(
          Finding.of(
              ErrorCode.BINDING_MISMATCH,
              where,
              what + " " + claimed + " cannot be checked: the certificate does not state it"));
    } else if (!certificate.get().equals(claimed)) {
      findings.add(
          Finding.of(
              ErrorCode.BINDING_MISMATCH,
              where,
              what + " " + claimed + " is not the certificate's " + certificate.get()));
    }
  }

  private void emptyOrAbsent(JsonObject parent, String name, String where) {
    Optional<JsonValue> v = parent.get(name);
    if (v.isPresent()
        && !(v.get() instanceof JsonNull)
        && !(v.get() instanceof JsonObject && ((JsonObject) v.get()).isEmpty())) {
      unverifiable(where, name + " cannot be checked");
    }
  }

  private static boolean isTrue(Optional<JsonValue> v) {
    return v.isPresent() && v.get() instanceof JsonBoolean && ((JsonBoolean) v.get()).value();
  }

  private void unverifiable(String where, String message) {
    findings.add(Finding.of(ErrorCode.POLICY_MISMATCH, where, message));
  }

  private void malformed(String where, String message) {
    findings.add(Finding.of(ErrorCode.MALFORMED_INPUT, where, message));
  }

  private static Optional<String> ext(X509Certificate leaf, FulcioExtension e)
      throws VerificationException {
    return FulcioCertificates.extension(leaf, e.oid(), e.isDerEncoded()).filter(v -> !v.isEmpty());
  }
}
