package dev.provenance.sigstore.internal.ct;

import static dev.provenance.sigstore.testing.TestPki.NOW;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.provenance.api.ErrorCode;
import dev.provenance.api.Finding;
import dev.provenance.api.VerificationException;
import dev.provenance.sigstore.internal.x509.CertificatePaths;
import dev.provenance.sigstore.internal.x509.ValidatedPath;
import dev.provenance.sigstore.testing.BundleFixture;
import dev.provenance.sigstore.testing.TestPki;
import dev.provenance.sigstore.testing.TestPki.SctSpec;
import dev.provenance.sigstore.testing.TestPki.TestLog;
import dev.provenance.sigstore.testing.TrustedRootFixture;
import dev.provenance.sigstore.testing.Vectors;
import java.math.BigInteger;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class SctVerifierTest {
  private static final TestPki PKI = TestPki.create();
  private static final TestLog LOG = TestLog.create();
  private static final TestLog OTHER_LOG = TestLog.create();

  private static ValidatedPath path(X509Certificate leaf) throws VerificationException {
    return CertificatePaths.validate(leaf, List.of(), List.of(PKI.authority()), List.of(NOW));
  }

  private static VerificationException failure(
      X509Certificate leaf, List<CtLog> logs, int threshold) throws VerificationException {
    ValidatedPath path = path(leaf);
    VerificationException e =
        catchThrowableOfType(
            VerificationException.class, () -> SctVerifier.verifyEmbedded(path, logs, threshold));
    assertThat(e).as("a VerificationException").isNotNull();
    return e;
  }

  @Test
  void verifyEmbedded_sctFromTrustedLog_countsOneLog() throws Exception {
    X509Certificate leaf = PKI.leaf().sct(SctSpec.of(LOG)).build();

    assertThat(SctVerifier.verifyEmbedded(path(leaf), List.of(LOG.trusted()), 1)).isEqualTo(1);
  }

  @Test
  void verifyEmbedded_twoSctsFromOneLog_countOnce() throws Exception {
    X509Certificate leaf =
        PKI.leaf()
            .sct(SctSpec.of(LOG))
            .sct(new SctSpec(LOG, NOW.plusSeconds(1), new byte[0], false))
            .build();

    assertThat(SctVerifier.verifyEmbedded(path(leaf), List.of(LOG.trusted()), 1)).isEqualTo(1);
    assertThat(failure(leaf, List.of(LOG.trusted()), 2).code())
        .isEqualTo(ErrorCode.THRESHOLD_NOT_MET);
  }

  @Test
  void verifyEmbedded_sctsFromTwoLogs_meetThresholdTwo() throws Exception {
    X509Certificate leaf = PKI.leaf().sct(SctSpec.of(LOG)).sct(SctSpec.of(OTHER_LOG)).build();

    assertThat(
            SctVerifier.verifyEmbedded(
                path(leaf), List.of(LOG.trusted(), OTHER_LOG.trusted()), 2))
        .isEqualTo(2);
  }

  @Test
  void verifyEmbedded_sctFromUnknownLog_throwsUntrustedAnchor() throws Exception {
    // H73: the only SCT comes from a log that is not in the trusted root.
    X509Certificate leaf = PKI.leaf().sct(SctSpec.of(OTHER_LOG)).build();

    VerificationException e = failure(leaf, List.of(LOG.trusted()), 1);

    assertThat(e.code()).isEqualTo(ErrorCode.UNTRUSTED_ANCHOR);
    assertThat(e.location()).contains("certificate/sct/0");
    assertThat(e.findings()).extracting(Finding::code).endsWith(ErrorCode.THRESHOLD_NOT_MET);
  }

  @Test
  void verifyEmbedded_unknownLogBesideTrustedOne_stillMeetsThreshold() throws Exception {
    X509Certificate leaf = PKI.leaf().sct(SctSpec.of(OTHER_LOG)).sct(SctSpec.of(LOG)).build();

    assertThat(SctVerifier.verifyEmbedded(path(leaf), List.of(LOG.trusted()), 1)).isEqualTo(1);
  }

  @Test
  void verifyEmbedded_sctWithExtensions_accepts() throws Exception {
    // H73: static-CT logs put a leaf index in the extensions; they are signed over, not read.
    byte[] extensions = {0, 0, 5, 0, 0, 0, 0, 42};
    X509Certificate leaf = PKI.leaf().sct(new SctSpec(LOG, NOW, extensions, false)).build();

    assertThat(SctVerifier.verifyEmbedded(path(leaf), List.of(LOG.trusted()), 1)).isEqualTo(1);
  }

  @Test
  void verifyEmbedded_signatureOverOtherData_throwsSignatureInvalid() throws Exception {
    X509Certificate leaf = PKI.leaf().sct(new SctSpec(LOG, NOW, new byte[0], true)).build();

    VerificationException e = failure(leaf, List.of(LOG.trusted()), 1);

    assertThat(e.code()).isEqualTo(ErrorCode.SIGNATURE_INVALID);
  }

  @Test
  void verifyEmbedded_sctSignedForAnotherIssuer_throwsSignatureInvalid() throws Exception {
    // The issuer key hash binds the SCT to the CA: the same TBS under another issuer fails.
    X509Certificate leaf = PKI.leaf().sct(SctSpec.of(LOG)).build();
    ValidatedPath real = path(leaf);
    ValidatedPath wrongIssuer =
        new ValidatedPath(leaf, PKI.root, List.of(leaf, PKI.root));

    assertThat(SctVerifier.verifyEmbedded(real, List.of(LOG.trusted()), 1)).isEqualTo(1);
    VerificationException e =
        catchThrowableOfType(
            VerificationException.class,
            () -> SctVerifier.verifyEmbedded(wrongIssuer, List.of(LOG.trusted()), 1));
    assertThat(e.code()).isEqualTo(ErrorCode.SIGNATURE_INVALID);
  }

  @Test
  void verifyEmbedded_sctTimeOutsideLogWindow_throwsTimeInvalid() throws Exception {
    X509Certificate leaf = PKI.leaf().sct(SctSpec.of(LOG)).build();
    CtLog retired =
        LOG.trusted(NOW.minus(Duration.ofDays(30)), Optional.of(NOW.minusMillis(1)));

    assertThat(failure(leaf, List.of(retired), 1).code()).isEqualTo(ErrorCode.TIME_INVALID);
  }

  @Test
  void verifyEmbedded_sctTimeEqualsLogWindowEnd_accepts() throws Exception {
    X509Certificate leaf = PKI.leaf().sct(SctSpec.of(LOG)).build();
    CtLog endsNow = LOG.trusted(NOW.minus(Duration.ofDays(30)), Optional.of(NOW));

    assertThat(SctVerifier.verifyEmbedded(path(leaf), List.of(endsNow), 1)).isEqualTo(1);
  }

  @Test
  void verifyEmbedded_noSctExtension_throwsThresholdNotMet() throws Exception {
    X509Certificate leaf = PKI.leaf().build();

    assertThat(failure(leaf, List.of(LOG.trusted()), 1).code())
        .isEqualTo(ErrorCode.THRESHOLD_NOT_MET);
  }

  @Test
  void verifyEmbedded_thresholdZeroWithoutScts_returnsZero() throws Exception {
    assertThat(SctVerifier.verifyEmbedded(path(PKI.leaf().build()), List.of(), 0)).isZero();
  }

  @Test
  void verifyEmbedded_negativeThreshold_throwsIllegalArgument() {
    assertThatThrownBy(
            () -> SctVerifier.verifyEmbedded(path(PKI.leaf().build()), List.of(), -1))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void verifyEmbedded_listLengthMismatch_throwsMalformedInput() throws Exception {
    X509Certificate leaf = PKI.leaf().rawSctList(new byte[] {0, 9, 0, 1, 7}).build();

    assertThat(failure(leaf, List.of(LOG.trusted()), 1).code())
        .isEqualTo(ErrorCode.MALFORMED_INPUT);
  }

  @Test
  void verifyEmbedded_deeplyNestedExtensionValue_throwsResourceLimitExceeded() throws Exception {
    X509Certificate leaf =
        PKI.leaf().rawExtension(TestPki.SCT_LIST, Vectors.nestedSequences(3_000)).build();

    assertThat(failure(leaf, List.of(LOG.trusted()), 1).code())
        .isEqualTo(ErrorCode.RESOURCE_LIMIT_EXCEEDED);
  }

  @Test
  void verifyEmbedded_unsupportedSctVersion_throwsUnsupportedFormatThenThreshold()
      throws Exception {
    X509Certificate leaf = PKI.leaf().rawSctList(new byte[] {0, 3, 0, 1, 1}).build();

    VerificationException e = failure(leaf, List.of(LOG.trusted()), 1);

    assertThat(e.findings())
        .extracting(Finding::code)
        .containsExactly(ErrorCode.UNSUPPORTED_FORMAT, ErrorCode.THRESHOLD_NOT_MET);
  }

  private static final KeyPair FIXED_KEY = TestPki.generate("secp256r1");
  private static final BigInteger FIXED_SERIAL = BigInteger.valueOf(777);

  /** A leaf with a fixed key and serial, so that rebuilding it gives the same precertificate. */
  private static TestPki.LeafBuilder fixedLeaf() {
    return PKI.leaf().key(FIXED_KEY).serial(FIXED_SERIAL);
  }

  private static final byte[] SIGNED_LIST = sctListOf(fixedLeaf().sct(SctSpec.of(LOG)).build());

  private static byte[] sctListOf(X509Certificate leaf) {
    byte[] value = leaf.getExtensionValue(TestPki.SCT_LIST);
    // extnValue OCTET STRING { OCTET STRING { list } }: skip both two-byte headers.
    return Arrays.copyOfRange(value, 4, value.length);
  }

  @Test
  void verifyEmbedded_sctListMovedToRebuiltIdenticalLeaf_verifies() throws Exception {
    X509Certificate rebuilt = fixedLeaf().rawSctList(SIGNED_LIST).build();

    assertThat(SctVerifier.verifyEmbedded(path(rebuilt), List.of(LOG.trusted()), 1)).isEqualTo(1);
  }

  @Property(tries = 300)
  void verifyEmbedded_anyByteOfSctListChanged_failsWithTypedError(
      @ForAll @IntRange(min = 0, max = 10_000) int position,
      @ForAll @IntRange(min = 1, max = 255) int mask)
      throws Exception {
    byte[] list = Arrays.copyOf(SIGNED_LIST, SIGNED_LIST.length);
    list[position % list.length] ^= (byte) mask;
    ValidatedPath path = path(fixedLeaf().rawSctList(list).build());

    VerificationException e =
        catchThrowableOfType(
            VerificationException.class,
            () -> SctVerifier.verifyEmbedded(path, List.of(LOG.trusted()), 1));

    assertThat(e).as("a changed SCT list must not verify").isNotNull();
  }

  // ------------------------------------------------------------------ real certificates

  @Test
  void verifyEmbedded_productionFulcioLeaf_verifiesAgainstProductionCtLog() throws Exception {
    BundleFixture bundle =
        BundleFixture.load("sigstore-conformance/bundle-verify/happy-path-v0.3/bundle.sigstore.json");
    TrustedRootFixture root =
        TrustedRootFixture.load("sigstore-python/trust-roots/production.trusted_root.json", 0);
    ValidatedPath path =
        CertificatePaths.validate(
            CertificatePaths.parse(bundle.certificates().get(0)),
            List.of(),
            root.cas(),
            bundle.integratedTimes());

    assertThat(SctVerifier.verifyEmbedded(path, root.ctLogs(), 1)).isEqualTo(1);
    // Without the log that signed it, the SCT is from an unknown log (H73).
    List<CtLog> others = root.ctLogs().subList(0, 1);
    VerificationException e =
        catchThrowableOfType(
            VerificationException.class, () -> SctVerifier.verifyEmbedded(path, others, 1));
    assertThat(e.code()).isEqualTo(ErrorCode.UNTRUSTED_ANCHOR);
  }
}
