package dev.provenance.sigstore.internal.x509;

import static dev.provenance.sigstore.testing.TestPki.NOW;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.provenance.api.ErrorCode;
import dev.provenance.api.VerificationException;
import dev.provenance.sigstore.testing.BundleFixture;
import dev.provenance.sigstore.testing.TestPki;
import dev.provenance.sigstore.testing.TrustedRootFixture;
import dev.provenance.sigstore.testing.Vectors;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.bouncycastle.asn1.DERUTF8String;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CertificatePathsTest {
  private static final TestPki PKI = TestPki.create();
  private static final List<Instant> AT_NOW = List.of(NOW);

  private static ValidatedPath validate(X509Certificate leaf, List<X509Certificate> presented)
      throws VerificationException {
    return CertificatePaths.validate(leaf, presented, List.of(PKI.authority()), AT_NOW);
  }

  private static ErrorCode code(ThrowingCall call) {
    VerificationException e = catchThrowableOfType(VerificationException.class, call::run);
    assertThat(e).as("a VerificationException").isNotNull();
    return e.code();
  }

  @FunctionalInterface
  private interface ThrowingCall {
    void run() throws Exception;
  }

  // ------------------------------------------------------------------ happy paths

  @Test
  void validate_fulcioLikeLeaf_returnsPathToTrustedRoot() throws Exception {
    X509Certificate leaf = PKI.leaf().build();

    ValidatedPath path = validate(leaf, List.of());

    assertThat(path.leaf()).isEqualTo(leaf);
    assertThat(path.issuer()).isEqualTo(PKI.intermediate);
    assertThat(path.path()).containsExactly(leaf, PKI.intermediate, PKI.root);
  }

  @Test
  void validate_signedTimesAtValidityBoundaries_areInclusive() throws Exception {
    Instant from = NOW.minusSeconds(60);
    Instant to = NOW.plusSeconds(60);
    X509Certificate leaf = PKI.leaf().validity(from, to).build();

    ValidatedPath path =
        CertificatePaths.validate(leaf, List.of(), List.of(PKI.authority()), List.of(from, to));

    assertThat(path.path()).hasSize(3);
  }

  @Test
  void validate_authorityWindowEndEqualsSignedTime_accepts() throws Exception {
    CertificateAuthority ca =
        new CertificateAuthority(
            List.of(PKI.intermediate, PKI.root), NOW.minusSeconds(3600), Optional.of(NOW), "test");

    ValidatedPath path =
        CertificatePaths.validate(PKI.leaf().build(), List.of(), List.of(ca), AT_NOW);

    assertThat(path.issuer()).isEqualTo(PKI.intermediate);
  }

  @Test
  void validate_presentedIntermediateLinksToTrustedRoot_accepts() throws Exception {
    CertificateAuthority rootOnly =
        new CertificateAuthority(List.of(PKI.root), NOW.minus(Duration.ofDays(1)), Optional.empty(), "");
    X509Certificate leaf = PKI.leaf().build();

    ValidatedPath path =
        CertificatePaths.validate(leaf, List.of(PKI.intermediate), List.of(rootOnly), AT_NOW);

    assertThat(path.path()).containsExactly(leaf, PKI.intermediate, PKI.root);
  }

  @Test
  void validate_superfluousPresentedCertificates_areIgnored() throws Exception {
    TestPki other = TestPki.create();
    X509Certificate leaf = PKI.leaf().build();
    List<X509Certificate> presented =
        List.of(leaf, other.intermediate, other.root, PKI.intermediate, PKI.root, other.leaf().build());

    ValidatedPath path = validate(leaf, presented);

    assertThat(path.path()).containsExactly(leaf, PKI.intermediate, PKI.root);
  }

  @Test
  void validate_secondAuthorityIssuedLeaf_accepts() throws Exception {
    TestPki other = TestPki.create();
    X509Certificate leaf = PKI.leaf().build();

    ValidatedPath path =
        CertificatePaths.validate(
            leaf, List.of(), List.of(other.authority(), PKI.authority()), AT_NOW);

    assertThat(path.issuer()).isEqualTo(PKI.intermediate);
  }

  // ------------------------------------------------------------------ time (H60, hybrid model)

  @Test
  void validate_leafExpiredAtSignedTime_throwsTimeInvalid() {
    X509Certificate leaf =
        PKI.leaf().validity(NOW.minusSeconds(1200), NOW.minusSeconds(600)).build();

    assertThat(code(() -> validate(leaf, List.of()))).isEqualTo(ErrorCode.TIME_INVALID);
  }

  @Test
  void validate_leafNotYetValidAtSignedTime_throwsTimeInvalid() {
    X509Certificate leaf = PKI.leaf().validity(NOW.plusSeconds(1), NOW.plusSeconds(600)).build();

    assertThat(code(() -> validate(leaf, List.of()))).isEqualTo(ErrorCode.TIME_INVALID);
  }

  @Test
  void validate_intermediateExpiredAtSignedTime_throwsTimeInvalid() {
    // H60: the leaf is valid at the signed time, the intermediate that issued it is not.
    TestPki expired =
        TestPki.create(NOW.minus(Duration.ofDays(400)), NOW.minus(Duration.ofDays(1)));
    X509Certificate leaf = expired.leaf().build();

    assertThat(
            code(
                () ->
                    CertificatePaths.validate(
                        leaf, List.of(), List.of(expired.authority()), AT_NOW)))
        .isEqualTo(ErrorCode.TIME_INVALID);
  }

  @Test
  void validate_oneOfSeveralSignedTimesOutsideLeafValidity_throwsTimeInvalid() {
    X509Certificate leaf = PKI.leaf().build();
    List<Instant> times = List.of(NOW, NOW.plus(Duration.ofHours(1)));

    assertThat(
            code(
                () -> CertificatePaths.validate(leaf, List.of(), List.of(PKI.authority()), times)))
        .isEqualTo(ErrorCode.TIME_INVALID);
  }

  @Test
  void validate_signedTimeOutsideAuthorityWindow_throwsTimeInvalid() {
    CertificateAuthority ended =
        new CertificateAuthority(
            List.of(PKI.intermediate, PKI.root),
            NOW.minus(Duration.ofDays(10)),
            Optional.of(NOW.minusMillis(1)),
            "test");

    assertThat(
            code(
                () ->
                    CertificatePaths.validate(
                        PKI.leaf().build(), List.of(), List.of(ended), AT_NOW)))
        .isEqualTo(ErrorCode.TIME_INVALID);
  }

  @Test
  void validate_noSignedTime_throwsTimeInvalid() {
    assertThat(
            code(
                () ->
                    CertificatePaths.validate(
                        PKI.leaf().build(), List.of(), List.of(PKI.authority()), List.of())))
        .isEqualTo(ErrorCode.TIME_INVALID);
  }

  // ------------------------------------------------------------------ anchors (H67)

  @Test
  void validate_leafOfAnotherPki_throwsUntrustedAnchor() {
    // Same subject names, different keys: only signatures link a path.
    X509Certificate leaf = TestPki.create().leaf().build();

    assertThat(code(() -> validate(leaf, List.of()))).isEqualTo(ErrorCode.UNTRUSTED_ANCHOR);
  }

  @Test
  void validate_bundleSuppliesAttackerRootAndIntermediate_throwsUntrustedAnchor() {
    TestPki attacker = TestPki.create();
    X509Certificate leaf = attacker.leaf().build();

    assertThat(code(() -> validate(leaf, List.of(attacker.intermediate, attacker.root))))
        .isEqualTo(ErrorCode.UNTRUSTED_ANCHOR);
  }

  @Test
  void validate_leafIssuedBySelfSignedBundleCertificate_throwsUntrustedAnchor() {
    KeyPair key = TestPki.generate("secp384r1");
    X500Name name = X500Name.getInstance(PKI.intermediate.getSubjectX500Principal().getEncoded());
    X509Certificate selfSigned =
        TestPki.ca(name, key, name, key.getPublic(), NOW.minus(Duration.ofDays(1)),
            NOW.plus(Duration.ofDays(1)), 0, KeyPurposeId.id_kp_codeSigning);
    X509Certificate leaf = TestPki.leafOf(selfSigned, key).build();

    assertThat(code(() -> validate(leaf, List.of(selfSigned))))
        .isEqualTo(ErrorCode.UNTRUSTED_ANCHOR);
  }

  @Test
  void validate_bundleIncludesTheTrustedRoot_ignoresItAsAnchor() throws Exception {
    X509Certificate leaf = PKI.leaf().build();

    ValidatedPath path = validate(leaf, List.of(PKI.intermediate, PKI.root));

    assertThat(path.path()).containsExactly(leaf, PKI.intermediate, PKI.root);
  }

  @Test
  void validate_noAuthorities_throwsUntrustedAnchor() {
    assertThat(
            code(() -> CertificatePaths.validate(PKI.leaf().build(), List.of(), List.of(), AT_NOW)))
        .isEqualTo(ErrorCode.UNTRUSTED_ANCHOR);
  }

  @Test
  void validate_leafSignatureTampered_throwsUntrustedAnchor() throws Exception {
    byte[] der = PKI.leaf().build().getEncoded();
    der[der.length - 5] ^= 0x01; // inside the ECDSA signature value
    X509Certificate tampered = CertificatePaths.parse(der);

    assertThat(code(() -> validate(tampered, List.of()))).isEqualTo(ErrorCode.UNTRUSTED_ANCHOR);
  }

  @Test
  void validate_presentedIssuerIsNotCa_throwsUntrustedAnchor() {
    // A leaf-profile certificate that carries the intermediate's name cannot issue.
    CertificateAuthority rootOnly =
        new CertificateAuthority(List.of(PKI.root), NOW.minus(Duration.ofDays(1)), Optional.empty(), "");
    TestPki.LeafBuilder fakeIssuer = TestPki.leafOf(PKI.root, PKI.rootKey).subject("CN=fake-issuer");
    X509Certificate notCa = fakeIssuer.build();
    X509Certificate leaf = TestPki.leafOf(notCa, fakeIssuer.keyPair()).build();

    assertThat(
            code(() -> CertificatePaths.validate(leaf, List.of(notCa), List.of(rootOnly), AT_NOW)))
        .isEqualTo(ErrorCode.UNTRUSTED_ANCHOR);
  }

  @Test
  void validate_pathLengthConstraintExceeded_throwsUntrustedAnchor() {
    // The trusted intermediate has pathLen 0, so it may not issue another CA.
    KeyPair subKey = TestPki.generate("secp384r1");
    X509Certificate sub =
        TestPki.ca(
            X500Name.getInstance(PKI.intermediate.getSubjectX500Principal().getEncoded()),
            PKI.intermediateKey,
            new X500Name("O=provenance.test,CN=sub-intermediate"),
            subKey.getPublic(),
            NOW.minus(Duration.ofDays(1)),
            NOW.plus(Duration.ofDays(1)),
            -1,
            KeyPurposeId.id_kp_codeSigning);
    X509Certificate leaf = TestPki.leafOf(sub, subKey).build();

    assertThat(code(() -> validate(leaf, List.of(sub)))).isEqualTo(ErrorCode.UNTRUSTED_ANCHOR);
  }

  @Test
  void validate_trustedChainDoesNotVerify_throwsUntrustedAnchor() {
    TestPki other = TestPki.create();
    CertificateAuthority broken =
        new CertificateAuthority(
            List.of(PKI.intermediate, other.root), NOW.minus(Duration.ofDays(1)), Optional.empty(), "");

    assertThat(
            code(
                () -> CertificatePaths.validate(PKI.leaf().build(), List.of(), List.of(broken), AT_NOW)))
        .isEqualTo(ErrorCode.UNTRUSTED_ANCHOR);
  }

  @Test
  void validate_tooManyPresentedCertificates_throwsResourceLimitExceeded() {
    List<X509Certificate> many =
        Collections.nCopies(CertificatePaths.MAX_PRESENTED_CERTIFICATES + 1, PKI.intermediate);

    assertThat(code(() -> validate(PKI.leaf().build(), many)))
        .isEqualTo(ErrorCode.RESOURCE_LIMIT_EXCEEDED);
  }

  // ------------------------------------------------------------------ leaf profile (H70)

  @Test
  void validate_leafIsCa_throwsUntrustedAnchor() {
    assertThat(code(() -> validate(PKI.leaf().ca(true).build(), List.of())))
        .isEqualTo(ErrorCode.UNTRUSTED_ANCHOR);
  }

  @Test
  void validate_leafWithoutCodeSigningEku_throwsUntrustedAnchor() {
    assertThat(code(() -> validate(PKI.leaf().codeSigning(false).build(), List.of())))
        .isEqualTo(ErrorCode.UNTRUSTED_ANCHOR);
  }

  @Test
  void validate_leafWithoutKeyUsage_throwsUntrustedAnchor() {
    assertThat(code(() -> validate(PKI.leaf().keyUsage(-1).build(), List.of())))
        .isEqualTo(ErrorCode.UNTRUSTED_ANCHOR);
  }

  @Test
  void validate_leafKeyUsageWithoutDigitalSignature_throwsUntrustedAnchor() {
    assertThat(
            code(() -> validate(PKI.leaf().keyUsage(KeyUsage.keyEncipherment).build(), List.of())))
        .isEqualTo(ErrorCode.UNTRUSTED_ANCHOR);
  }

  @Test
  void validate_leafWithUnknownCriticalExtension_throwsUntrustedAnchor() {
    X509Certificate leaf =
        PKI.leaf().extension("1.3.6.1.4.1.99999.1", true, new DERUTF8String("x")).build();

    assertThat(code(() -> validate(leaf, List.of()))).isEqualTo(ErrorCode.UNTRUSTED_ANCHOR);
  }

  @Test
  void validate_leafWithUnknownNonCriticalExtension_accepts() throws Exception {
    X509Certificate leaf =
        PKI.leaf().extension("1.3.6.1.4.1.99999.1", false, new DERUTF8String("x")).build();

    assertThat(validate(leaf, List.of()).leaf()).isEqualTo(leaf);
  }

  // ------------------------------------------------------------------ parse (H68)

  @Test
  void parse_validDer_returnsEqualCertificate() throws Exception {
    X509Certificate leaf = PKI.leaf().build();

    assertThat(CertificatePaths.parse(leaf.getEncoded())).isEqualTo(leaf);
  }

  @Test
  void parse_empty_throwsMalformedInput() {
    assertThat(code(() -> CertificatePaths.parse(new byte[0]))).isEqualTo(ErrorCode.MALFORMED_INPUT);
  }

  @Test
  void parse_pemText_throwsMalformedInput() throws Exception {
    String pem =
        "-----BEGIN CERTIFICATE-----\n"
            + Base64.getMimeEncoder().encodeToString(PKI.root.getEncoded())
            + "\n-----END CERTIFICATE-----\n";

    assertThat(code(() -> CertificatePaths.parse(pem.getBytes(StandardCharsets.US_ASCII))))
        .isEqualTo(ErrorCode.MALFORMED_INPUT);
  }

  @Test
  void parse_trailingBytes_throwsMalformedInput() throws Exception {
    byte[] der = PKI.root.getEncoded();
    byte[] padded = Arrays.copyOf(der, der.length + 1);

    assertThat(code(() -> CertificatePaths.parse(padded))).isEqualTo(ErrorCode.MALFORMED_INPUT);
  }

  @ParameterizedTest
  @ValueSource(strings = {"30", "3000", "308200", "300a0201", "deadbeef"})
  void parse_garbage_throwsMalformedInput(String hex) {
    byte[] der = Vectors.hex(hex);

    assertThat(code(() -> CertificatePaths.parse(der))).isEqualTo(ErrorCode.MALFORMED_INPUT);
  }

  @Test
  void parse_deeplyNestedInput_throwsResourceLimitExceeded() {
    assertThat(code(() -> CertificatePaths.parse(Vectors.nestedSequences(3_000))))
        .isEqualTo(ErrorCode.RESOURCE_LIMIT_EXCEEDED);
  }

  @Test
  void parse_overLimit_throwsResourceLimitExceeded() {
    byte[] big = new byte[CertificatePaths.MAX_CERTIFICATE_BYTES + 1];
    big[0] = 0x30;

    assertThat(code(() -> CertificatePaths.parse(big)))
        .isEqualTo(ErrorCode.RESOURCE_LIMIT_EXCEEDED);
  }

  @Property(tries = 200)
  void parse_anyStrictPrefix_throwsMalformedInput(@ForAll @IntRange(min = 0, max = 700) int cut)
      throws Exception {
    byte[] der = PKI.intermediate.getEncoded();
    byte[] prefix = Arrays.copyOf(der, Math.min(cut, der.length - 1));

    assertThat(code(() -> CertificatePaths.parse(prefix))).isEqualTo(ErrorCode.MALFORMED_INPUT);
  }

  @Property(tries = 300)
  void validate_anyByteFlipped_failsWithTypedErrorOrValidates(
      @ForAll @IntRange(min = 0, max = 10_000) int position, @ForAll @IntRange(min = 1, max = 255) int mask)
      throws Exception {
    byte[] der = LEAF_FOR_FLIPS.getEncoded();
    der[position % der.length] ^= (byte) mask;
    try {
      X509Certificate flipped = CertificatePaths.parse(der);
      validate(flipped, List.of());
      // Only bytes outside what the signature covers (the outer signature's DER padding) may
      // change without failing; the signed TBSCertificate must be intact.
      assertThat(flipped.getTBSCertificate()).isEqualTo(LEAF_FOR_FLIPS.getTBSCertificate());
    } catch (VerificationException e) {
      assertThat(e.code()).isNotNull();
    }
  }

  private static final X509Certificate LEAF_FOR_FLIPS = PKI.leaf().build();

  // ------------------------------------------------------------------ real certificates

  @Test
  void validate_realFulcioLeafAtTimestampAfterItsExpiry_throwsTimeInvalid() throws Exception {
    // sigstore-python's late-timestamp bundle: a production leaf and a time-stamp two minutes
    // after the leaf's notAfter.
    BundleFixture bundle = BundleFixture.load("sigstore-python/tsa/bundle.txt.late_timestamp.sigstore");
    TrustedRootFixture production =
        TrustedRootFixture.load("sigstore-python/trust-roots/production.trusted_root.json", 0);
    X509Certificate leaf = CertificatePaths.parse(bundle.certificates().get(0));

    assertThat(
            CertificatePaths.validate(leaf, List.of(), production.cas(), bundle.integratedTimes())
                .path())
        .hasSize(3);
    assertThat(
            code(
                () ->
                    CertificatePaths.validate(
                        leaf,
                        List.of(),
                        production.cas(),
                        List.of(Instant.parse("2025-05-12T19:00:27Z")))))
        .isEqualTo(ErrorCode.TIME_INVALID);
  }

  // ------------------------------------------------------------------ concurrency (H87)

  @Test
  void validate_sharedAcrossThreads_givesSameVerdicts() throws Exception {
    X509Certificate good = PKI.leaf().build();
    X509Certificate foreign = TestPki.create().leaf().build();
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<String>> results = new ArrayList<>();
      for (int i = 0; i < 64; i++) {
        X509Certificate leaf = i % 2 == 0 ? good : foreign;
        results.add(
            pool.submit(
                () -> {
                  try {
                    validate(leaf, List.of());
                    return "OK";
                  } catch (VerificationException e) {
                    return e.code().name();
                  }
                }));
      }
      for (int i = 0; i < results.size(); i++) {
        assertThat(results.get(i).get()).isEqualTo(i % 2 == 0 ? "OK" : "UNTRUSTED_ANCHOR");
      }
    } finally {
      pool.shutdownNow();
    }
  }
}
