package dev.provenance.sigstore.slsa;

import static org.assertj.core.api.Assertions.assertThat;

import dev.provenance.api.ErrorCode;
import dev.provenance.api.VerificationException;
import dev.provenance.api.digest.DigestAlgorithm;
import dev.provenance.api.digest.DigestSet;
import dev.provenance.core.digest.Digester;
import dev.provenance.sigstore.testing.Vectors;
import dev.provenance.sigstore.trust.TrustedRoot;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every case of {@code vectors/slsa-cases.json} through {@link SlsaVerifier}: each run the case's
 * policy describes must give the case's expected outcome.
 *
 * <p>The legacy envelopes (category {@code slsa-provenance/legacy-dsse-embedded-cert}) carry no
 * transparency log entry; slsa-verifier's regression suite finds it in Rekor online and runs with
 * {@code SLSA_VERIFIER_TESTING}. Their runs therefore use {@link
 * SlsaVerifier.Builder#acceptLegacyEnvelopes(boolean)} and {@link
 * SlsaVerifier.Builder#testingExceptions(boolean)}; the tests below show that without them the same
 * vectors fail closed.
 */
class SlsaVerifierVectorsTest {
  static final String LEGACY = "slsa-provenance/legacy-dsse-embedded-cert";

  static List<SlsaCase> cases() {
    return SlsaCase.all();
  }

  @Test
  void cases_coverEveryCaseOfTheCategories() {
    Map<String, Long> perCategory =
        cases().stream().collect(Collectors.groupingBy(c -> c.category, Collectors.counting()));
    assertThat(perCategory)
        .containsEntry("slsa-provenance/github-generator", 17L)
        .containsEntry("slsa-provenance/github-generator/byob", 26L)
        .containsEntry(LEGACY, 6L)
        .containsEntry("github-attestation/slsa-v1", 3L);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void verify_vectorCase_givesTheExpectedOutcome(SlsaCase c) throws Exception {
    SlsaVerifier verifier = verifier(c, c.category.equals(LEGACY), c.category.equals(LEGACY));
    assertThat(c.runs).isNotEmpty();
    for (SlsaCase.Run run : c.runs) {
      Optional<VerificationException> failure = run(verifier, c.provenance, run);
      if (c.valid) {
        assertThat(failure).as("%s: %s", c.id, run.label()).isEmpty();
      } else {
        assertThat(failure).as("%s: %s", c.id, run.label()).isPresent();
        assertThat(failure.get().code())
            .as("%s: %s %s", c.id, run.label(), failure.get().findings())
            .isEqualTo(expectedCode(c));
      }
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("validLegacyCases")
  void verify_legacyEnvelopeByDefault_failsClosedWithThresholdNotMet(SlsaCase c) throws Exception {
    SlsaVerifier verifier = verifier(c, false, true);
    for (SlsaCase.Run run : c.runs) {
      assertThat(run(verifier, c.provenance, run))
          .as(run.label())
          .get()
          .extracting(VerificationException::code)
          .isEqualTo(ErrorCode.THRESHOLD_NOT_MET);
    }
  }

  static List<SlsaCase> validLegacyCases() {
    return cases().stream()
        .filter(c -> c.category.equals(LEGACY) && c.valid)
        .collect(Collectors.toList());
  }

  @Test
  void verify_builderAtMainWithoutTestingExceptions_throwsPolicyMismatch() throws Exception {
    SlsaCase c =
        cases().stream()
            .filter(x -> x.id.equals("sv-legacy-multi-subject-match"))
            .findFirst()
            .orElseThrow();
    SlsaVerifier verifier = verifier(c, true, false);
    for (SlsaCase.Run run : c.runs) {
      assertThat(run(verifier, c.provenance, run))
          .as(run.label())
          .get()
          .extracting(VerificationException::code)
          .isEqualTo(ErrorCode.POLICY_MISMATCH);
    }
  }

  /**
   * The first reason each INVALID case fails for. The two malicious legacy envelopes (certificates
   * from 2022, before SCTs were embedded) fail on the missing SCT before their untrusted builder;
   * {@link #verify_maliciousLegacyEnvelopeWithoutCtRequirement_throwsPolicyMismatch} shows the
   * builder check.
   */
  static ErrorCode expectedCode(SlsaCase c) {
    if (c.id.endsWith("-no-match")) {
      return ErrorCode.BINDING_MISMATCH;
    }
    if (c.id.equals("sv-legacy-no-tlog-upload") || c.id.equals("sv-legacy-expired-cert")) {
      return ErrorCode.THRESHOLD_NOT_MET;
    }
    return ErrorCode.POLICY_MISMATCH;
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("maliciousLegacyCases")
  void verify_maliciousLegacyEnvelopeWithoutCtRequirement_throwsPolicyMismatch(SlsaCase c)
      throws Exception {
    SlsaVerifier verifier =
        SlsaVerifier.newBuilder()
            .acceptLegacyEnvelopes(true)
            .testingExceptions(true)
            .certificateTransparencyThreshold(0)
            .build();
    for (SlsaCase.Run run : c.runs) {
      assertThat(run(verifier, c.provenance, run))
          .as(run.label())
          .get()
          .extracting(VerificationException::code)
          .isEqualTo(ErrorCode.POLICY_MISMATCH);
    }
  }

  static List<SlsaCase> maliciousLegacyCases() {
    return cases().stream()
        .filter(
            c -> c.id.equals("sv-legacy-no-tlog-upload") || c.id.equals("sv-legacy-expired-cert"))
        .collect(Collectors.toList());
  }

  static SlsaVerifier verifier(SlsaCase c, boolean legacy, boolean testing) throws Exception {
    SlsaVerifier.Builder b =
        SlsaVerifier.newBuilder().acceptLegacyEnvelopes(legacy).testingExceptions(testing);
    if (c.trustedRoot.isPresent()) {
      b.trustedRoot(TrustedRoot.parse(Vectors.bytes(c.trustedRoot.get())));
    }
    return b.build();
  }

  static Optional<VerificationException> run(
      SlsaVerifier verifier, String provenance, SlsaCase.Run run) {
    SlsaExpectations.Builder e = SlsaExpectations.newBuilder();
    run.options()
        .forEach(
            (k, v) -> {
              switch (k) {
                case "source_uri":
                  e.sourceUri(v);
                  break;
                case "builder_id":
                  e.builderId(v);
                  break;
                case "source_branch":
                  e.sourceBranch(v);
                  break;
                case "source_tag":
                  e.sourceTag(v);
                  break;
                case "source_versioned_tag":
                  e.sourceVersionedTag(v);
                  break;
                default:
                  if (!k.startsWith("build_workflow_input:")) {
                    throw new IllegalArgumentException("unknown option " + k);
                  }
                  e.addBuildWorkflowInput(k.substring(k.indexOf(':') + 1), v);
              }
            });
    List<DigestSet> artifacts = new ArrayList<>();
    for (SlsaCase.Artifact a : run.artifacts()) {
      if (a.path().isPresent()) {
        artifacts.add(Digester.sha256().digest(Vectors.bytes(a.path().get())));
      } else {
        String[] d = a.digest().orElseThrow().split(":", 2);
        artifacts.add(DigestSet.of(DigestAlgorithm.of(d[0]), d[1]));
      }
    }
    try {
      List<VerifiedSlsaProvenance> result =
          verifier.verify(Vectors.bytes(provenance), e.build(), artifacts);
      assertThat(result).hasSameSizeAs(artifacts);
      for (int i = 0; i < artifacts.size(); i++) {
        assertThat(result.get(i).artifact()).isEqualTo(artifacts.get(i));
        assertThat(result.get(i).attestation().matchedSubjects()).isNotEmpty();
      }
      return Optional.empty();
    } catch (VerificationException ex) {
      return Optional.of(ex);
    }
  }
}
