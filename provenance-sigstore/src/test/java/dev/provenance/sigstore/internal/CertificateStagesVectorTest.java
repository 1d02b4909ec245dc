package dev.provenance.sigstore.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.provenance.api.ErrorCode;
import dev.provenance.api.VerificationException;
import dev.provenance.sigstore.internal.ct.SctVerifier;
import dev.provenance.sigstore.internal.tsa.Rfc3161;
import dev.provenance.sigstore.internal.x509.CertificatePaths;
import dev.provenance.sigstore.internal.x509.ValidatedPath;
import dev.provenance.sigstore.testing.BundleFixture;
import dev.provenance.sigstore.testing.TrustedRootFixture;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Certificate path, embedded SCT and RFC 3161 checks over real bundles from peer projects, each
 * with the trusted root its upstream test uses. Signed times are the tlog integrated times plus the
 * genTime of every time-stamp that verified. Each stage has its own expected outcome: {@code OK}
 * or the error code (bundles that are invalid for other reasons pass these stages).
 */
class CertificateStagesVectorTest {
  private static final String PROD = "sigstore-python/trust-roots/production.trusted_root.json";
  private static final String STAGING = "sigstore-python/trust-roots/staging.trusted_root.json";
  private static final String CONFORMANCE = "sigstore-conformance/bundle-verify/";
  private static final String OK = "OK";
  private static final String NONE = "-";

  static Stream<Arguments> bundles() {
    List<Arguments> cases = new ArrayList<>();
    // bundle, trusted root (.jsonl line), timestamps, path, SCTs (threshold 1; "0" = threshold 0)
    for (String ok :
        List.of(
            "bundle-unknown-version_fail",
            "bundle-with-root-cert_fail",
            "checkpoint-bad-keyhint_fail",
            "dsse-invalid-sig_fail",
            "dsse-mismatch-envelope_fail",
            "happy-path-v0.1",
            "happy-path-v0.3",
            "happy-path-v0.3-new-mediaType",
            "inclusion-proof-corrupted-hash_fail",
            "incorrect-public-key_fail",
            "invalid-checkpoint-signature_fail",
            "invalid-inclusion-proof_fail",
            "signature-mismatch_fail",
            "wrong-hashedrekord-artifact_fail",
            "wrong-hashedrekord-entry_fail",
            "wrong-material_fail")) {
      cases.add(conformance(ok, PROD, NONE, OK, OK));
    }
    for (String ok :
        List.of(
            "intoto-log-entry-mismatch_fail",
            "intoto-missing-inclusion-proof_fail",
            "trust-root-tlog-validity-end-inclusive")) {
      cases.add(conformance(ok, null, NONE, OK, OK));
    }
    for (String tsaOk :
        List.of(
            "intoto-with-custom-trust-root",
            "rekor2-checkpoint-cosigned",
            "rekor2-checkpoint-missing-log-signature_fail",
            "rekor2-checkpoint-missing-origin_fail",
            "rekor2-checkpoint-missing-root-hash_fail",
            "rekor2-checkpoint-multiple-cosigs",
            "rekor2-checkpoint-no-matching-signature_fail",
            "rekor2-checkpoint-two-sigs-from-origin",
            "rekor2-dsse-happy-path",
            "rekor2-dsse-invalid-sig_fail",
            "rekor2-dsse-mismatch-sig_fail",
            "rekor2-happy-path",
            "rekor2-no-inclusion-proof_fail",
            "rekor2-timestamp-with-embedded-cert",
            "rekor2-timestamp-with-expired-cert-chain",
            "trust-root-tlog-missing-validity-start_fail",
            "trust-root-tsa-validity-end-inclusive")) {
      cases.add(conformance(tsaOk, null, OK, OK, OK));
    }
    // Staging bundle against the production root.
    cases.add(conformance("bundle-from-wrong-instance_fail", PROD, NONE, "UNTRUSTED_ANCHOR", NONE));
    // Leaf issued for 2030, signed time in 2023.
    cases.add(conformance("intoto-expired-certificate_fail", null, NONE, "TIME_INVALID", NONE));
    // The time-stamp is a day after the leaf expired.
    cases.add(
        conformance("intoto-tsa-timestamp-outside-cert-validity_fail", null, OK, "TIME_INVALID", NONE));
    // The trusted root's CT log has another key: the SCT's log is unknown (H73).
    cases.add(conformance("invalid-ct-key_fail", null, NONE, OK, "UNTRUSTED_ANCHOR"));
    // Rekor v2 entries carry no time; without a verified time-stamp there is no signed time.
    cases.add(conformance("rekor2-no-timestamp_fail", null, NONE, "TIME_INVALID", NONE));
    cases.add(
        conformance(
            "rekor2-timestamp-outside-trust-root-tsa-validity_fail",
            null,
            "TIME_INVALID",
            "TIME_INVALID",
            NONE));
    cases.add(
        conformance(
            "rekor2-timestamp-outside-tsa-cert-validity_fail",
            null,
            "TIME_INVALID",
            "TIME_INVALID",
            NONE));
    // H63: a valid time-stamp over another bundle's signature.
    cases.add(
        conformance(
            "rekor2-timestamp-payload-mismatch_fail", null, "BINDING_MISMATCH", "TIME_INVALID", NONE));
    cases.add(
        conformance(
            "rekor2-timestamp-untrusted-tsa-with-embedded-cert_fail",
            null,
            "UNTRUSTED_ANCHOR",
            "TIME_INVALID",
            NONE));
    // A fresh time-stamp on an old signature: the leaf had expired by then.
    cases.add(
        conformance("rekor2-timestamp-with-incorrect-time_fail", null, OK, "TIME_INVALID", NONE));

    for (String ok :
        List.of(
            "sigstore-java/PKIX_ECDSA_P256_SHA_256.sigstore.json",
            "sigstore-java/PKIX_ECDSA_P384_SHA_384.sigstore.json",
            "sigstore-java/PKIX_ECDSA_P521_SHA_512.sigstore.json",
            "sigstore-java/bundle.sigstore",
            "sigstore-java/bundle.dsse.sigstore",
            "sigstore-java/bundle.v1.sigstore",
            "sigstore-java/bundle.v2.sigstore",
            "sigstore-java/bundle.v3_1.sigstore",
            "sigstore-js/bundleV01-full-cert-chain.sigstore",
            "sigstore-js/bundleV02-intoto.sigstore",
            "sigstore-js/bundleV03-dsse.sigstore",
            "sigstore-python/bundle_v3_github.whl.sigstore")) {
      cases.add(Arguments.of(ok, PROD, 0, NONE, OK, OK));
    }
    cases.add(Arguments.of("sigstore-java/bundle-with-timestamp.sigstore", STAGING, 0, OK, OK, OK));
    cases.add(
        Arguments.of(
            "sigstore-java/bundle.dsse.rekor-v2.bad-signature.sigstore", STAGING, 0, OK, OK, OK));
    cases.add(Arguments.of("sigstore-python/bundle.txt.sigstore", STAGING, 0, NONE, OK, OK));
    cases.add(Arguments.of("sigstore-python/bundle_v3_alt.txt.sigstore", STAGING, 0, NONE, OK, OK));
    cases.add(
        Arguments.of(
            "sigstore-python/a.dsse.staging-rekor-v2.txt.sigstore.json", STAGING, 0, OK, OK, OK));
    // A production leaf checked against the staging root that its upstream test uses.
    cases.add(
        Arguments.of(
            "sigstore-python/tsa/bundle.txt.late_timestamp.sigstore",
            STAGING,
            0,
            OK,
            "UNTRUSTED_ANCHOR",
            NONE));
    String goPublicGood = "sigstore-go/trusted-roots/public-good.json";
    cases.add(Arguments.of("sigstore-go/bundles/dsse.sigstore.json", goPublicGood, 0, NONE, OK, OK));
    cases.add(
        Arguments.of(
            "sigstore-go/bundles/sigstore.js@2.0.0-provenance.sigstore.json",
            goPublicGood,
            0,
            NONE,
            OK,
            OK));
    cases.add(
        Arguments.of(
            "sigstore-go/bundles/othername.sigstore.json",
            "sigstore-go/trusted-roots/scaffolding.json",
            0,
            NONE,
            OK,
            OK));
    // GitHub's private Sigstore instance: time-stamp only, no CT logs.
    cases.add(
        Arguments.of(
            "sigstore-java/github-private-no-tlog/attestation.sigstore.json",
            "sigstore-java/github-private-no-tlog/trusted_root.jsonl",
            1,
            OK,
            OK,
            "0"));
    return cases.stream();
  }

  private static Arguments conformance(
      String name, String root, String tsa, String path, String sct) {
    String dir = CONFORMANCE + name + "/";
    return Arguments.of(
        dir + "bundle.sigstore.json", root == null ? dir + "trusted_root.json" : root, 0, tsa, path, sct);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("bundles")
  void verify_realBundle_matchesExpectedOutcomePerStage(
      String bundlePath, String rootPath, int rootLine, String tsa, String path, String sct)
      throws VerificationException {
    BundleFixture bundle = BundleFixture.load(bundlePath);
    TrustedRootFixture root = TrustedRootFixture.load(rootPath, rootLine);

    List<Instant> times = new ArrayList<>(bundle.integratedTimes());
    if (tsa.equals(NONE)) {
      assertThat(bundle.timestamps()).isEmpty();
    } else {
      assertThat(bundle.timestamps()).hasSize(1);
      byte[] token = bundle.timestamps().get(0);
      if (tsa.equals(OK)) {
        times.add(Rfc3161.verify(token, bundle.signature(), root.tsas()).time());
      } else {
        assertCode(() -> Rfc3161.verify(token, bundle.signature(), root.tsas()), tsa);
      }
    }

    X509Certificate leaf = CertificatePaths.parse(bundle.certificates().get(0));
    List<X509Certificate> presented = new ArrayList<>();
    for (byte[] der : bundle.certificates().subList(1, bundle.certificates().size())) {
      presented.add(CertificatePaths.parse(der));
    }
    if (!path.equals(OK)) {
      assertCode(() -> CertificatePaths.validate(leaf, presented, root.cas(), times), path);
      return;
    }
    ValidatedPath validated = CertificatePaths.validate(leaf, presented, root.cas(), times);
    assertThat(validated.leaf()).isEqualTo(leaf);
    assertThat(validated.path().get(validated.path().size() - 1).getSubjectX500Principal())
        .isEqualTo(validated.path().get(validated.path().size() - 1).getIssuerX500Principal());

    if (sct.equals(OK)) {
      assertThat(SctVerifier.verifyEmbedded(validated, root.ctLogs(), 1)).isEqualTo(1);
    } else if (sct.equals("0")) {
      assertThat(SctVerifier.verifyEmbedded(validated, root.ctLogs(), 0)).isZero();
    } else {
      assertCode(() -> SctVerifier.verifyEmbedded(validated, root.ctLogs(), 1), sct);
    }
  }

  @Test
  void verify_realBundlesAcrossThreads_giveSingleThreadedVerdicts() throws Exception {
    // H87: shared caches (trusted keys, verified trusted links) must not leak verdicts.
    List<Arguments> cases =
        bundles()
            .filter(a -> a.get()[0].toString().contains("rekor2") || a.get()[0].toString().contains("happy"))
            .collect(Collectors.toList());
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<?>> runs = new ArrayList<>();
      for (int round = 0; round < 4; round++) {
        for (Arguments c : cases) {
          Object[] a = c.get();
          runs.add(
              pool.submit(
                  () -> {
                    verify_realBundle_matchesExpectedOutcomePerStage(
                        (String) a[0], (String) a[1], (Integer) a[2], (String) a[3], (String) a[4],
                        (String) a[5]);
                    return null;
                  }));
        }
      }
      for (Future<?> run : runs) {
        run.get();
      }
    } finally {
      pool.shutdownNow();
    }
  }

  private interface Call {
    Object run() throws VerificationException;
  }

  private static void assertCode(Call call, String code) {
    VerificationException e =
        catchThrowableOfType(VerificationException.class, () -> call.run());
    assertThat(e).as("expected %s", code).isNotNull();
    assertThat(e.code()).isEqualTo(ErrorCode.valueOf(code));
  }
}
