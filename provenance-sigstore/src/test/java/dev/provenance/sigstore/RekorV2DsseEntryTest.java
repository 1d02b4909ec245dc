package dev.provenance.sigstore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.provenance.api.Bytes;
import dev.provenance.api.ErrorCode;
import dev.provenance.api.VerificationException;
import dev.provenance.api.dsse.Envelope;
import dev.provenance.api.dsse.EnvelopeSignature;
import dev.provenance.sigstore.testing.SigstoreFixture;
import dev.provenance.sigstore.testing.TestPki;
import java.security.KeyPair;
import java.security.MessageDigest;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Optional;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

/**
 * DSSE bundles logged in Rekor v2: as {@code hashedrekord} 0.0.2 over the envelope's PAE (the
 * current form) and as the early {@code dsse} 0.0.2 type, which is refused unless the verifier
 * accepts it and then bound to the bundle field by field (H48 for Rekor v2, H55).
 */
class RekorV2DsseEntryTest {
  private static final String BODY = "/verificationMaterial/tlogEntries/0/canonicalizedBody";
  private static final String SPEC = BODY + "/spec/dsseV002";
  private final SigstoreFixture f = new SigstoreFixture();

  private SigstoreVerifier verifier(boolean allowDsseV002) throws VerificationException {
    return f.verifier().allowRekorV2DsseEntries(allowDsseV002).build();
  }

  private VerifiedBundle verify(SigstoreBundle b) throws VerificationException {
    return verifier(true).verify(b.toJson(), Artifact.ofBytes(f.artifact));
  }

  private static void assertCodeAt(ThrowingCallable call, ErrorCode code, String location) {
    assertThatThrownBy(call)
        .isInstanceOf(VerificationException.class)
        .satisfies(
            e -> {
              VerificationException v = (VerificationException) e;
              assertThat(v.code()).isEqualTo(code);
              assertThat(v.location().orElse("")).startsWith(location);
            });
  }

  /** Logs a {@code dsse} 0.0.2 body for the fixture's DSSE bundle; the verification must fail. */
  private void assertDsseBodyRejected(byte[] body, ErrorCode code, String location) {
    assertCodeAt(() -> verify(f.rekorV2DsseBundle(body, "dsse")), code, location);
  }

  /** A {@code dsse} 0.0.2 body with the bundle's signature and certificate and this payload hash. */
  private byte[] bodyWithHash(String algorithm, byte[] digest) {
    return SigstoreFixture.dsseV002(
        algorithm, digest, List.of(SigstoreFixture.v2Signature(f.signStatement(), f.leaf)));
  }

  private byte[] payload() {
    return f.statement();
  }

  private static byte[] digest(String algorithm, byte[] data) throws Exception {
    return MessageDigest.getInstance(algorithm).digest(data);
  }

  // ------------------------------------------------------------------ accepted forms

  @Test
  void verify_hashedRekordOverPae_verifiesWithoutAnyOption() throws Exception {
    byte[] pae = SigstoreFixture.pae("application/vnd.in-toto+json", payload());
    byte[] body = f.hashedRekordV002(SigstoreFixture.sha256(pae), f.signStatement(), f.leaf);
    SigstoreBundle b = f.rekorV2DsseBundle(body, "hashedrekord");

    VerifiedBundle v = verifier(false).verify(b.toJson(), Artifact.ofBytes(f.artifact));

    assertThat(v.signer().certificateIdentity()).contains(TestPki.SAN);
    assertThat(v.signedTimes()).isNotEmpty();
  }

  @Test
  void verify_dsseV002EntryAccepted_verifiesAtTheTimestampTime() throws Exception {
    SigstoreBundle b = f.rekorV2DsseBundle(f.dsseV002(payload(), f.signStatement(), f.leaf), "dsse");

    VerifiedBundle v = verify(b);

    assertThat(v.signer().certificateIdentity()).contains(TestPki.SAN);
    assertThat(v.signedTimes()).hasSize(1);
  }

  @Test
  void verify_dsseV002EntryWithSha384PayloadHash_verifies() throws Exception {
    byte[] body = bodyWithHash("SHA2_384", digest("SHA-384", payload()));

    assertThat(verify(f.rekorV2DsseBundle(body, "dsse")).signedTimes()).hasSize(1);
  }

  @Test
  void verify_dsseV002EntryByDefault_throwsUnsupportedFormat() throws Exception {
    SigstoreBundle b = f.rekorV2DsseBundle(f.dsseV002(payload(), f.signStatement(), f.leaf), "dsse");

    assertCodeAt(
        () -> verifier(false).verify(b.toJson(), Artifact.ofBytes(f.artifact)),
        ErrorCode.UNSUPPORTED_FORMAT,
        BODY);
  }

  // ------------------------------------------------------------------ binding failures

  @Test
  void verify_dsseV002PayloadHashOfAnotherPayload_throwsBindingMismatch() throws Exception {
    byte[] other = f.statement().clone();
    other[other.length - 2] ^= 1;
    byte[] body = bodyWithHash("SHA2_256", SigstoreFixture.sha256(other));

    assertDsseBodyRejected(body, ErrorCode.BINDING_MISMATCH, SPEC + "/payloadHash/digest");
  }

  @Test
  void verify_dsseV002PayloadHashOfThePae_throwsBindingMismatch() throws Exception {
    // the hashedrekord digest (over PAE) placed in a dsse body, which hashes the payload
    byte[] pae = SigstoreFixture.pae("application/vnd.in-toto+json", payload());
    byte[] body = bodyWithHash("SHA2_256", SigstoreFixture.sha256(pae));

    assertDsseBodyRejected(body, ErrorCode.BINDING_MISMATCH, SPEC + "/payloadHash/digest");
  }

  @Test
  void verify_dsseV002AlgorithmDisagreesWithDigest_throwsBindingMismatch() throws Exception {
    byte[] sha256 = SigstoreFixture.sha256(payload());
    byte[] sha384 = digest("SHA-384", payload());
    String sig = SigstoreFixture.v2Signature(f.signStatement(), f.leaf);
    for (byte[] body :
        List.of(
            SigstoreFixture.dsseV002("SHA2_384", sha256, List.of(sig)),
            SigstoreFixture.dsseV002("SHA2_512", sha384, List.of(sig)),
            SigstoreFixture.dsseV002("SHA2_256", sha384, List.of(sig)))) {
      assertDsseBodyRejected(body, ErrorCode.BINDING_MISMATCH, SPEC + "/payloadHash/digest");
    }
  }

  @Test
  void verify_dsseV002UnspecifiedAlgorithm_throwsUnsupportedFormat() throws Exception {
    byte[] body = bodyWithHash("HASH_ALGORITHM_UNSPECIFIED", SigstoreFixture.sha256(payload()));

    assertDsseBodyRejected(body, ErrorCode.UNSUPPORTED_FORMAT, SPEC + "/payloadHash/algorithm");
  }

  @Test
  void verify_dsseV002OtherSignature_throwsBindingMismatch() throws Exception {
    byte[] otherSig =
        SigstoreFixture.sign(f.leafKey, SigstoreFixture.pae("application/vnd.in-toto+json", payload()));
    byte[] body =
        SigstoreFixture.dsseV002(
            "SHA2_256",
            SigstoreFixture.sha256(payload()),
            List.of(SigstoreFixture.v2Signature(otherSig, f.leaf)));

    assertDsseBodyRejected(body, ErrorCode.BINDING_MISMATCH, SPEC + "/signatures/0/content");
  }

  @Test
  void verify_dsseV002OtherCertificate_throwsBindingMismatch() throws Exception {
    X509Certificate stranger = f.pki.leaf().build();

    SigstoreBundle b = f.rekorV2DsseBundle(f.dsseV002(payload(), f.signStatement(), stranger), "dsse");

    assertCodeAt(
        () -> verify(b), ErrorCode.BINDING_MISMATCH, SPEC + "/signatures/0/verifier/x509Certificate");
  }

  @Test
  void verify_dsseV002PublicKeyForACertificateBundle_throwsBindingMismatch() throws Exception {
    byte[] body =
        SigstoreFixture.dsseV002(
            "SHA2_256",
            SigstoreFixture.sha256(payload()),
            List.of(SigstoreFixture.v2KeySignature(f.signStatement(), f.leafKey.getPublic())));

    assertDsseBodyRejected(body, ErrorCode.BINDING_MISMATCH, SPEC + "/signatures/0/verifier/publicKey");
  }

  @Test
  void verify_dsseV002ExtraOrMissingSignatures_throwsBindingMismatch() throws Exception {
    byte[] sig = f.signStatement();
    String ours = SigstoreFixture.v2Signature(sig, f.leaf);
    KeyPair otherKey = TestPki.generate("secp256r1");
    String theirs =
        SigstoreFixture.v2KeySignature(
            SigstoreFixture.sign(otherKey, SigstoreFixture.pae("application/vnd.in-toto+json", payload())),
            otherKey.getPublic());
    for (List<String> signatures : List.of(List.of(ours, theirs), List.of(theirs, ours), List.of(ours, ours), List.<String>of())) {
      byte[] body = SigstoreFixture.dsseV002("SHA2_256", SigstoreFixture.sha256(payload()), signatures);
      assertDsseBodyRejected(body, ErrorCode.BINDING_MISMATCH, SPEC + "/signatures");
    }
  }

  @Test
  void verify_dsseV002EntryForAMessageSignatureBundle_throwsBindingMismatch() throws Exception {
    byte[] sig = f.signArtifact(f.artifact);
    byte[] body =
        SigstoreFixture.dsseV002(
            "SHA2_256", SigstoreFixture.sha256(f.artifact), List.of(SigstoreFixture.v2Signature(sig, f.leaf)));
    f.rekorV2.fill(2);
    long index = f.rekorV2.append(body);
    TransparencyLogEntry entry = f.rekorV2.entry(index, "dsse", "0.0.2").build();
    SigstoreBundle b =
        f.messageBundle(
            BundleVersion.V0_3, sig, List.of(entry), List.of(Bytes.of(f.tsa.token(sig).build())));

    assertCodeAt(() -> verify(b), ErrorCode.BINDING_MISMATCH, BODY);
  }

  /**
   * A key-signed DSSE bundle over the statement whose Rekor v2 {@code dsse} 0.0.2 entry holds the
   * payload's SHA-256 and the given {@code Signature}.
   */
  private SigstoreBundle keyedDsseBundle(byte[] sig, String logged) {
    byte[] body =
        SigstoreFixture.dsseV002("SHA2_256", SigstoreFixture.sha256(payload()), List.of(logged));
    f.rekorV2.fill(2);
    long index = f.rekorV2.append(body);
    TransparencyLogEntry entry = f.rekorV2.entry(index, "dsse", "0.0.2").build();
    return new SigstoreBundle(
        BundleVersion.V0_3.mediaType(),
        new VerificationMaterial(
            VerificationMaterial.Kind.PUBLIC_KEY,
            Optional.of("keyed"),
            List.of(),
            List.of(entry),
            List.of(Bytes.of(f.tsa.token(sig).build()))),
        Optional.empty(),
        Optional.of(
            new Envelope(
                "application/vnd.in-toto+json",
                Bytes.of(payload()),
                List.of(new EnvelopeSignature("", Bytes.of(sig))))));
  }

  @Test
  void verify_keyedBundleWithDsseV002Entry_bindsThePublicKey() throws Exception {
    KeyPair key = TestPki.generate("secp256r1");
    KeyPair stranger = TestPki.generate("secp256r1");
    byte[] sig = SigstoreFixture.sign(key, SigstoreFixture.pae("application/vnd.in-toto+json", payload()));
    SigstoreVerifier keyed =
        SigstoreVerifier.newBuilder()
            .trustedRoot(f.trustedRoot())
            .publicKey(key.getPublic())
            .clock(SigstoreFixture.clock())
            .allowRekorV2DsseEntries(true)
            .build();

    SigstoreBundle ok = keyedDsseBundle(sig, SigstoreFixture.v2KeySignature(sig, key.getPublic()));
    assertThat(keyed.verify(ok.toJson(), Artifact.ofBytes(f.artifact)).signer().certificateIdentity())
        .isEmpty();

    SigstoreBundle otherKey =
        keyedDsseBundle(sig, SigstoreFixture.v2KeySignature(sig, stranger.getPublic()));
    assertCodeAt(
        () -> keyed.verify(otherKey.toJson(), Artifact.ofBytes(f.artifact)),
        ErrorCode.BINDING_MISMATCH,
        SPEC + "/signatures/0/verifier/publicKey");

    SigstoreBundle certificate = keyedDsseBundle(sig, SigstoreFixture.v2Signature(sig, f.leaf));
    assertCodeAt(
        () -> keyed.verify(certificate.toJson(), Artifact.ofBytes(f.artifact)),
        ErrorCode.BINDING_MISMATCH,
        SPEC + "/signatures/0/verifier/x509Certificate");
  }

  // ------------------------------------------------------------------ Rekor v2 evidence (H55)

  @Test
  void verify_dsseV002EntryWithoutTimestamp_throwsTimeInvalid() throws Exception {
    SigstoreBundle b = f.rekorV2DsseBundle(f.dsseV002(payload(), f.signStatement(), f.leaf), "dsse");
    SigstoreBundle untimed =
        f.dsseBundle(BundleVersion.V0_3, payload(), f.signStatement(), b.verificationMaterial().tlogEntries(), List.of());

    assertThatThrownBy(() -> verify(untimed))
        .isInstanceOf(VerificationException.class)
        .extracting(e -> ((VerificationException) e).code())
        .isEqualTo(ErrorCode.TIME_INVALID);
  }

  @Test
  void verify_dsseV002EntryWithoutProofOrCheckpoint_throwsTransparencyLogInvalid()
      throws Exception {
    byte[] sig = f.signStatement();
    long index = f.rekorV2.append(f.dsseV002(payload(), sig, f.leaf));
    f.rekorV2.fill(3);
    List<Bytes> timestamp = List.of(Bytes.of(f.tsa.token(sig).build()));
    TransparencyLogEntry noProof = f.rekorV2.entry(index, "dsse", "0.0.2").proof(false).build();
    TransparencyLogEntry noCheckpoint =
        f.rekorV2.entry(index, "dsse", "0.0.2").checkpoint(false).build();

    for (TransparencyLogEntry entry : List.of(noProof, noCheckpoint)) {
      SigstoreBundle b = f.dsseBundle(BundleVersion.V0_3, payload(), sig, List.of(entry), timestamp);
      assertCodeAt(
          () -> verify(b),
          ErrorCode.TRANSPARENCY_LOG_INVALID,
          "/verificationMaterial/tlogEntries/0/inclusionProof");
    }
  }
}
