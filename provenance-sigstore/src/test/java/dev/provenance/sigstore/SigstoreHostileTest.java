package dev.provenance.sigstore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.provenance.api.Bytes;
import dev.provenance.api.ErrorCode;
import dev.provenance.api.VerificationException;
import dev.provenance.api.json.JsonArray;
import dev.provenance.api.json.JsonString;
import dev.provenance.api.json.JsonValue;
import dev.provenance.sigstore.testing.JsonEdit;
import dev.provenance.sigstore.testing.SigstoreFixture;
import dev.provenance.sigstore.testing.TestPki;
import dev.provenance.sigstore.testing.TestRekor;
import dev.provenance.sigstore.testing.Vectors;
import dev.provenance.sigstore.trust.TrustedRoot;
import dev.provenance.sigstore.trust.ValidityPeriod;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

/**
 * The bundle, Rekor, Merkle and time rows of the hostile-input catalogue, each on a private
 * Sigstore instance whose signatures cover exactly the hostile bytes, with the error code asserted.
 */
class SigstoreHostileTest {
  private static final String TLOG = "/verificationMaterial/tlogEntries/0";
  private final SigstoreFixture f = new SigstoreFixture();

  private VerifiedBundle verify(SigstoreBundle b) throws VerificationException {
    return f.verifier().build().verify(b.toJson(), Artifact.ofBytes(f.artifact));
  }

  private static void assertCode(ThrowingCallable call, ErrorCode code) {
    assertThatThrownBy(call)
        .isInstanceOf(VerificationException.class)
        .extracting(e -> ((VerificationException) e).code())
        .isEqualTo(code);
  }

  private static void assertCodeAt(ThrowingCallable call, ErrorCode code, String locationPrefix) {
    assertCode(call, code);
    assertThatThrownBy(call)
        .extracting(e -> ((VerificationException) e).location().orElse(""))
        .asString()
        .startsWith(locationPrefix);
  }

  // H44 ---------------------------------------------------------------------------------------

  @Test
  void h44_v02AndV03EntryWithPromiseButNoProof_throwsTransparencyLogInvalid() throws Exception {
    for (BundleVersion v : List.of(BundleVersion.V0_2, BundleVersion.V0_3)) {
      byte[] sig = f.signArtifact(f.artifact);
      long i = f.rekor.append(f.hashedRekordV001(f.artifactSha256(), sig, f.leaf));
      TransparencyLogEntry entry = f.rekor.entry(i, "hashedrekord", "0.0.1").proof(false).build();
      SigstoreBundle b = f.messageBundle(v, sig, List.of(entry), List.of());
      assertCodeAt(() -> verify(b), ErrorCode.TRANSPARENCY_LOG_INVALID, TLOG + "/inclusionProof");
    }
  }

  @Test
  void h44_v01PromiseOnly_rejectedUnlessEnabledAndThenThePromiseMustVerify() throws Exception {
    byte[] sig = f.signArtifact(f.artifact);
    long i = f.rekor.append(f.hashedRekordV001(f.artifactSha256(), sig, f.leaf));
    TransparencyLogEntry entry = f.rekor.entry(i, "hashedrekord", "0.0.1").proof(false).build();
    SigstoreBundle b = f.messageBundle(BundleVersion.V0_1, sig, List.of(entry), List.of());
    assertCodeAt(() -> verify(b), ErrorCode.TRANSPARENCY_LOG_INVALID, TLOG + "/inclusionProof");
    SigstoreVerifier legacy = f.verifier().allowV01PromiseOnlyBundles(true).build();
    assertThatCode(() -> legacy.verify(b, Artifact.ofBytes(f.artifact))).doesNotThrowAnyException();
    // with the option, a promise for other values still fails
    TransparencyLogEntry forged =
        f.rekor.entry(i, "hashedrekord", "0.0.1").proof(false).setOver(entry.integratedTime() + 1, i).build();
    SigstoreBundle bad = f.messageBundle(BundleVersion.V0_1, sig, List.of(forged), List.of());
    assertCode(() -> legacy.verify(bad, Artifact.ofBytes(f.artifact)), ErrorCode.TRANSPARENCY_LOG_INVALID);
  }

  @Test
  void h44_v01BundleBelowMinimumVersion_throwsUnsupportedFormat() throws Exception {
    SigstoreBundle b = f.messageBundle(BundleVersion.V0_1);
    assertCodeAt(
        () -> f.verifier().minimumBundleVersion(BundleVersion.V0_2).build().verify(b, Artifact.ofBytes(f.artifact)),
        ErrorCode.UNSUPPORTED_FORMAT,
        "/mediaType");
  }

  @Test
  void h44_v01EntryWithoutPromise_throwsTransparencyLogInvalid() throws Exception {
    byte[] sig = f.signArtifact(f.artifact);
    long i = f.rekor.append(f.hashedRekordV001(f.artifactSha256(), sig, f.leaf));
    TransparencyLogEntry entry = f.rekor.entry(i, "hashedrekord", "0.0.1").promise(false).build();
    SigstoreBundle b = f.messageBundle(BundleVersion.V0_1, sig, List.of(entry), List.of());
    assertCodeAt(() -> verify(b), ErrorCode.TRANSPARENCY_LOG_INVALID, TLOG + "/inclusionPromise");
  }

  // H45 ---------------------------------------------------------------------------------------

  @Test
  void h45_messageDigestNotTheArtifactsWhileSignatureIsValid_throwsBindingMismatch() throws Exception {
    byte[] sig = f.signArtifact(f.artifact);
    TransparencyLogEntry entry = f.logV1(f.hashedRekordV001(f.artifactSha256(), sig, f.leaf), "hashedrekord", "0.0.1");
    String other = SigstoreFixture.hex(SigstoreFixture.sha256("another artifact".getBytes(StandardCharsets.UTF_8)));
    SigstoreBundle b =
        new SigstoreBundle(
            BundleVersion.V0_3.mediaType(),
            f.material(BundleVersion.V0_3, List.of(entry), List.of()),
            Optional.of(
                new MessageSignature(
                    Optional.of(dev.provenance.api.digest.DigestSet.of(dev.provenance.api.digest.DigestAlgorithm.SHA256, other)),
                    Bytes.of(sig))),
            Optional.empty());
    assertCodeAt(() -> verify(b), ErrorCode.BINDING_MISMATCH, "/messageSignature/messageDigest");
    // and against the other artifact, the signature does not verify: the digest is never used
    assertCode(
        () ->
            f.verifier()
                .build()
                .verify(b.toJson(), Artifact.ofBytes("another artifact".getBytes(StandardCharsets.UTF_8))),
        ErrorCode.SIGNATURE_INVALID);
  }

  // H47 ---------------------------------------------------------------------------------------

  @Test
  void h47_stagingBundleWithProductionRoot_throwsUntrustedAnchor() throws Exception {
    SigstoreVerifier production =
        SigstoreVerifier.newBuilder()
            .trustedRoot(TrustedRoot.publicGood())
            .addCertificateIdentity(
                CertificateIdentity.newBuilder()
                    .subjectAlternativeName(
                        "https://github.com/sigstore-conformance/extremely-dangerous-public-oidc-beacon/.github/workflows/extremely-dangerous-oidc-beacon.yml@refs/heads/main")
                    .issuer("https://token.actions.githubusercontent.com")
                    .build())
            .build();
    byte[] bundle =
        Vectors.bytes("sigstore-conformance/bundle-verify/bundle-from-wrong-instance_fail/bundle.sigstore.json");
    assertCodeAt(
        () -> production.verify(bundle, Artifact.ofBytes(Vectors.bytes("sigstore-conformance/bundle-verify/a.txt"))),
        ErrorCode.UNTRUSTED_ANCHOR,
        TLOG + "/logId");
  }

  // H48 ---------------------------------------------------------------------------------------

  @Test
  void h48_tlogEntriesSplicedFromAnotherArtifactsBundle_throwsBindingMismatch() throws Exception {
    byte[] other = "blob2".getBytes(StandardCharsets.UTF_8);
    byte[] otherSig = f.signArtifact(other);
    TransparencyLogEntry otherEntry =
        f.logV1(f.hashedRekordV001(SigstoreFixture.hex(SigstoreFixture.sha256(other)), otherSig, f.leaf), "hashedrekord", "0.0.1");
    SigstoreBundle b = f.messageBundle(BundleVersion.V0_3, f.signArtifact(f.artifact), List.of(otherEntry), List.of());
    assertCodeAt(() -> verify(b), ErrorCode.BINDING_MISMATCH, TLOG + "/canonicalizedBody");
  }

  @Test
  void h48_certificateAndSignatureFromOneEventBodyFromAnother_throwsBindingMismatch() throws Exception {
    // the same artifact signed twice by two certificates; the entry of the second event is used
    TestPki.LeafBuilder second = f.pki.leaf().sct(TestPki.SctSpec.of(f.ctlog));
    X509Certificate secondLeaf = second.build();
    byte[] secondSig = SigstoreFixture.sign(second.keyPair(), f.artifact);
    TransparencyLogEntry secondEntry =
        f.logV1(f.hashedRekordV001(f.artifactSha256(), secondSig, secondLeaf), "hashedrekord", "0.0.1");
    SigstoreBundle b = f.messageBundle(BundleVersion.V0_3, f.signArtifact(f.artifact), List.of(secondEntry), List.of());
    assertCodeAt(() -> verify(b), ErrorCode.BINDING_MISMATCH, TLOG + "/canonicalizedBody");
  }

  @Test
  void h48_entryForSameArtifactAndSignatureButAnotherKey_throwsBindingMismatch() throws Exception {
    byte[] sig = f.signArtifact(f.artifact);
    X509Certificate stranger = f.pki.leaf().build();
    TransparencyLogEntry entry = f.logV1(f.hashedRekordV001(f.artifactSha256(), sig, stranger), "hashedrekord", "0.0.1");
    SigstoreBundle b = f.messageBundle(BundleVersion.V0_3, sig, List.of(entry), List.of());
    assertCodeAt(() -> verify(b), ErrorCode.BINDING_MISMATCH, TLOG + "/canonicalizedBody/spec/signature/publicKey");
  }

  @Test
  void h48_dsseEntryOfAnotherEnvelope_throwsBindingMismatch() throws Exception {
    byte[] payload = f.statement();
    byte[] sig = SigstoreFixture.sign(f.leafKey, SigstoreFixture.pae("application/vnd.in-toto+json", payload));
    byte[] otherPayload = String.format(SigstoreFixture.STATEMENT_TEMPLATE, "00".repeat(32)).getBytes(StandardCharsets.UTF_8);
    byte[] otherSig = SigstoreFixture.sign(f.leafKey, SigstoreFixture.pae("application/vnd.in-toto+json", otherPayload));
    for (TransparencyLogEntry e :
        List.of(
            f.logV1(f.dsseV001(otherPayload, otherSig, f.leaf), "dsse", "0.0.1"),
            f.logV1(f.intotoV002(otherPayload, otherSig, f.leaf), "intoto", "0.0.2"),
            f.logV1(f.dsseV001(payload, otherSig, f.leaf), "dsse", "0.0.1"))) {
      SigstoreBundle b = f.dsseBundle(BundleVersion.V0_3, payload, sig, List.of(e), List.of());
      assertCodeAt(() -> verify(b), ErrorCode.BINDING_MISMATCH, TLOG + "/canonicalizedBody");
    }
    // the right bodies verify
    for (TransparencyLogEntry e :
        List.of(
            f.logV1(f.dsseV001(payload, sig, f.leaf), "dsse", "0.0.1"),
            f.logV1(f.intotoV002(payload, sig, f.leaf), "intoto", "0.0.2"))) {
      SigstoreBundle b = f.dsseBundle(BundleVersion.V0_3, payload, sig, List.of(e), List.of());
      assertThatCode(() -> verify(b)).doesNotThrowAnyException();
    }
  }

  @Test
  void h48_kindVersionDisagreesWithBody_throwsBindingMismatch() throws Exception {
    byte[] sig = f.signArtifact(f.artifact);
    long i = f.rekor.append(f.hashedRekordV001(f.artifactSha256(), sig, f.leaf));
    TransparencyLogEntry e = f.rekor.entry(i, "dsse", "0.0.1").build();
    SigstoreBundle b = f.messageBundle(BundleVersion.V0_3, sig, List.of(e), List.of());
    assertCode(() -> verify(b), ErrorCode.BINDING_MISMATCH);
  }

  // H50 / H51 ---------------------------------------------------------------------------------

  private SigstoreBundle withCheckpoint(SigstoreBundle b, String checkpoint) {
    byte[] json = b.toJson();
    return parse(JsonEdit.set(json, TLOG + "/inclusionProof/checkpoint/envelope", new JsonString(checkpoint)));
  }

  private static SigstoreBundle parse(byte[] json) {
    try {
      return SigstoreBundle.parse(json);
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  private String checkpointOf(SigstoreBundle b) {
    return b.verificationMaterial().tlogEntries().get(0).inclusionProof().orElseThrow().checkpoint().orElseThrow();
  }

  @Test
  void h50_checkpointSignatureLastThreeCharsAltered_throwsTransparencyLogInvalid() throws Exception {
    SigstoreBundle b = f.messageBundle(BundleVersion.V0_3);
    String cp = checkpointOf(b);
    int end = cp.length() - 1; // before the final newline
    String altered = cp.substring(0, end - 3) + "aaa\n";
    assertCodeAt(() -> verify(withCheckpoint(b, altered)), ErrorCode.TRANSPARENCY_LOG_INVALID, TLOG + "/inclusionProof/checkpoint");
  }

  @Test
  void h51_selfConsistentCheckpointForAnotherRoot_throwsTransparencyLogInvalid() throws Exception {
    SigstoreBundle b = f.messageBundle(BundleVersion.V0_3);
    InclusionProof p = b.verificationMaterial().tlogEntries().get(0).inclusionProof().orElseThrow();
    String other = f.rekor.checkpoint(p.treeSize(), new byte[32]);
    assertCodeAt(() -> verify(withCheckpoint(b, other)), ErrorCode.TRANSPARENCY_LOG_INVALID, TLOG + "/inclusionProof/checkpoint");
    String otherSize = f.rekor.checkpoint(p.treeSize() + 1, p.rootHash().toByteArray());
    assertCode(() -> verify(withCheckpoint(b, otherSize)), ErrorCode.TRANSPARENCY_LOG_INVALID);
  }

  @Test
  void h51_checkpointSignedByAnotherLogsKey_throwsTransparencyLogInvalid() throws Exception {
    SigstoreBundle b = f.messageBundle(BundleVersion.V0_3);
    InclusionProof p = b.verificationMaterial().tlogEntries().get(0).inclusionProof().orElseThrow();
    TestRekor impostor = TestRekor.v1("rekor.test.example");
    String cp = impostor.checkpoint(p.treeSize(), p.rootHash().toByteArray());
    assertCode(() -> verify(withCheckpoint(b, cp)), ErrorCode.TRANSPARENCY_LOG_INVALID);
    // the impostor's signature presented under our log's key hint
    String text = f.rekor.origin + "\n" + p.treeSize() + "\n" + Base64.getEncoder().encodeToString(p.rootHash().toByteArray()) + "\n";
    String forged = TestRekor.signNote(text, f.rekor.host, f.rekor.logId(), impostor.key);
    assertCode(() -> verify(withCheckpoint(b, forged)), ErrorCode.TRANSPARENCY_LOG_INVALID);
  }

  @Test
  void h51_checkpointMissingOriginSizeRootOrSignature_throwsTransparencyLogInvalid() throws Exception {
    SigstoreBundle b = f.messageBundle(BundleVersion.V0_3);
    InclusionProof p = b.verificationMaterial().tlogEntries().get(0).inclusionProof().orElseThrow();
    String root = Base64.getEncoder().encodeToString(p.rootHash().toByteArray());
    KeyPair k = f.rekor.key;
    byte[] id = f.rekor.logId();
    for (String text :
        List.of(
            p.treeSize() + "\n" + root + "\n",
            f.rekor.origin + "\n" + root + "\n",
            f.rekor.origin + "\n" + p.treeSize() + "\n")) {
      String note = TestRekor.signNote(text, f.rekor.host, id, k);
      assertCode(() -> verify(withCheckpoint(b, note)), ErrorCode.TRANSPARENCY_LOG_INVALID);
    }
    String unsigned = f.rekor.origin + "\n" + p.treeSize() + "\n" + root + "\n\n";
    assertCode(() -> verify(withCheckpoint(b, unsigned)), ErrorCode.TRANSPARENCY_LOG_INVALID);
  }

  @Test
  void h51_rekorV2CheckpointOriginNotTheLogsHost_throwsTransparencyLogInvalid() throws Exception {
    SigstoreBundle b = f.rekorV2Bundle(true);
    InclusionProof p = b.verificationMaterial().tlogEntries().get(0).inclusionProof().orElseThrow();
    String text =
        "other.rekor.test.example\n" + p.treeSize() + "\n" + Base64.getEncoder().encodeToString(p.rootHash().toByteArray()) + "\n";
    String cp = TestRekor.signNote(text, "other.rekor.test.example", f.rekorV2.logId(), f.rekorV2.key);
    assertCodeAt(() -> verify(withCheckpoint(b, cp)), ErrorCode.TRANSPARENCY_LOG_INVALID, TLOG + "/inclusionProof/checkpoint");
  }

  /** A v2 checkpoint for the bundle's proof with another origin line, signed by the v2 log. */
  private String v2Checkpoint(SigstoreBundle b, String origin, String signerName) {
    InclusionProof p = b.verificationMaterial().tlogEntries().get(0).inclusionProof().orElseThrow();
    String text =
        origin + "\n" + p.treeSize() + "\n" + Base64.getEncoder().encodeToString(p.rootHash().toByteArray()) + "\n";
    return TestRekor.signNote(text, signerName, f.rekorV2.logId(), f.rekorV2.key);
  }

  @Test
  void h51_rekorV2CheckpointWithRekorV1StyleOriginOfTheLogsHost_verifies() throws Exception {
    SigstoreBundle b = f.rekorV2Bundle(true);
    String host = f.rekorV2.host;

    assertThatCode(() -> verify(withCheckpoint(b, v2Checkpoint(b, host + " - 1234567890123", host))))
        .doesNotThrowAnyException();
  }

  @Test
  void h51_rekorV2CheckpointWithRekorV1StyleOriginOfAnotherHost_throwsTransparencyLogInvalid()
      throws Exception {
    SigstoreBundle b = f.rekorV2Bundle(true);
    String other = "other.rekor.test.example";
    String host = f.rekorV2.host;
    for (String cp :
        List.of(
            v2Checkpoint(b, other + " - 1234567890123", other),
            // the log's own name on the signature line, another log's origin
            v2Checkpoint(b, other + " - 1234567890123", host),
            v2Checkpoint(b, other, host),
            // not NAME - TREEID: the tree id must be decimal, the separator exact
            v2Checkpoint(b, host + " - 12ab", host),
            v2Checkpoint(b, host + "-1234", host),
            v2Checkpoint(b, host + ".evil - 1", host + ".evil"))) {
      assertCodeAt(
          () -> verify(withCheckpoint(b, cp)),
          ErrorCode.TRANSPARENCY_LOG_INVALID,
          TLOG + "/inclusionProof/checkpoint");
    }
  }

  // H52 ---------------------------------------------------------------------------------------

  private SigstoreBundle withProof(SigstoreBundle b, String field, JsonValue value) {
    return parse(JsonEdit.set(b.toJson(), TLOG + "/inclusionProof/" + field, value));
  }

  @Test
  void h52_corruptedProofs_throwTransparencyLogInvalid() throws Exception {
    SigstoreBundle b = f.messageBundle(BundleVersion.V0_3);
    InclusionProof p = b.verificationMaterial().tlogEntries().get(0).inclusionProof().orElseThrow();
    List<JsonValue> hashes = new ArrayList<>();
    for (Bytes h : p.hashes()) {
      hashes.add(new JsonString(h.toBase64()));
    }
    // one bit flipped in a hash
    byte[] flipped = p.hashes().get(1).toByteArray();
    flipped[5] ^= 0x10;
    List<JsonValue> bitFlip = new ArrayList<>(hashes);
    bitFlip.set(1, new JsonString(Base64.getEncoder().encodeToString(flipped)));
    assertCode(() -> verify(withProof(b, "hashes", new JsonArray(bitFlip))), ErrorCode.TRANSPARENCY_LOG_INVALID);
    // hash of 31 and 33 bytes
    for (int len : new int[] {31, 33}) {
      List<JsonValue> odd = new ArrayList<>(hashes);
      odd.set(0, new JsonString(Base64.getEncoder().encodeToString(new byte[len])));
      assertCode(() -> verify(withProof(b, "hashes", new JsonArray(odd))), ErrorCode.TRANSPARENCY_LOG_INVALID);
    }
    // 65 hashes
    List<JsonValue> many = new ArrayList<>();
    for (int i = 0; i < 65; i++) {
      many.add(new JsonString(Base64.getEncoder().encodeToString(new byte[32])));
    }
    assertCode(() -> verify(withProof(b, "hashes", new JsonArray(many))), ErrorCode.TRANSPARENCY_LOG_INVALID);
    // logIndex >= treeSize
    assertCode(
        () -> verify(withProof(b, "logIndex", new JsonString(Long.toString(p.treeSize())))),
        ErrorCode.TRANSPARENCY_LOG_INVALID);
  }

  @Test
  void h52_proofForAnOlderTree_throwsTransparencyLogInvalid() throws Exception {
    byte[] sig = f.signArtifact(f.artifact);
    long i = f.rekor.append(f.hashedRekordV001(f.artifactSha256(), sig, f.leaf));
    TransparencyLogEntry old = f.rekor.entry(i, "hashedrekord", "0.0.1").build();
    f.rekor.fill(7);
    TransparencyLogEntry fresh = f.rekor.entry(i, "hashedrekord", "0.0.1").build();
    // the old proof's hashes with the new tree's root, size and checkpoint
    InclusionProof o = old.inclusionProof().orElseThrow();
    InclusionProof n = fresh.inclusionProof().orElseThrow();
    InclusionProof spliced = new InclusionProof(n.logIndex(), n.rootHash(), n.treeSize(), o.hashes(), n.checkpoint());
    TransparencyLogEntry e =
        new TransparencyLogEntry(
            fresh.logIndex(), fresh.logId(), fresh.kind(), fresh.kindVersion(), fresh.integratedTime(),
            fresh.inclusionPromise(), Optional.of(spliced), fresh.canonicalizedBody());
    SigstoreBundle b = f.messageBundle(BundleVersion.V0_3, sig, List.of(e), List.of());
    assertCodeAt(() -> verify(b), ErrorCode.TRANSPARENCY_LOG_INVALID, TLOG + "/inclusionProof");
  }

  @Test
  void h52_shardIndexBelowGlobalIndex_accepted() throws Exception {
    byte[] sig = f.signArtifact(f.artifact);
    f.rekor.fill(4);
    long i = f.rekor.append(f.hashedRekordV001(f.artifactSha256(), sig, f.leaf));
    TransparencyLogEntry e = f.rekor.entry(i, "hashedrekord", "0.0.1").shardOffset(1_000_000).build();
    assertThat(e.logIndex()).isNotEqualTo(e.inclusionProof().orElseThrow().logIndex());
    assertThatCode(() -> verify(f.messageBundle(BundleVersion.V0_3, sig, List.of(e), List.of())))
        .doesNotThrowAnyException();
  }

  // H54 ---------------------------------------------------------------------------------------

  @Test
  void h54_setInvalidOrOverOtherTimeOrIndex_throwsTransparencyLogInvalid() throws Exception {
    byte[] sig = f.signArtifact(f.artifact);
    long i = f.rekor.append(f.hashedRekordV001(f.artifactSha256(), sig, f.leaf));
    f.rekor.fill(2);
    TransparencyLogEntry good = f.rekor.entry(i, "hashedrekord", "0.0.1").build();
    long t = good.integratedTime();
    for (TransparencyLogEntry e :
        List.of(
            f.rekor.entry(i, "hashedrekord", "0.0.1").setOver(t - 1, i).build(),
            f.rekor.entry(i, "hashedrekord", "0.0.1").setOver(t, i + 1).build())) {
      SigstoreBundle b = f.messageBundle(BundleVersion.V0_1, sig, List.of(e), List.of());
      assertCodeAt(() -> verify(b), ErrorCode.TRANSPARENCY_LOG_INVALID, TLOG + "/inclusionPromise");
    }
    byte[] garbage = good.inclusionPromise().orElseThrow().toByteArray();
    garbage[garbage.length - 1] ^= 1;
    TransparencyLogEntry e =
        new TransparencyLogEntry(
            good.logIndex(), good.logId(), good.kind(), good.kindVersion(), t,
            Optional.of(Bytes.of(garbage)), good.inclusionProof(), good.canonicalizedBody());
    assertCode(() -> verify(f.messageBundle(BundleVersion.V0_1, sig, List.of(e), List.of())), ErrorCode.TRANSPARENCY_LOG_INVALID);
  }

  // H55 ---------------------------------------------------------------------------------------

  @Test
  void h55_rekorV2EntryWithoutTimestamp_throwsTimeInvalid() throws Exception {
    SigstoreBundle b = f.rekorV2Bundle(false);
    assertCodeAt(() -> verify(b), ErrorCode.TIME_INVALID, "/verificationMaterial/timestampVerificationData");
  }

  @Test
  void h55_rekorV2EntryWithoutProof_throwsTransparencyLogInvalid() throws Exception {
    SigstoreBundle b = f.rekorV2Bundle(true);
    SigstoreBundle noProof = parse(JsonEdit.remove(b.toJson(), TLOG + "/inclusionProof"));
    assertCodeAt(() -> verify(noProof), ErrorCode.TRANSPARENCY_LOG_INVALID, TLOG + "/inclusionProof");
  }

  // H58 ---------------------------------------------------------------------------------------

  @Test
  void h58_integratedTimeOutsideCertificateValidity_throwsTimeInvalid() throws Exception {
    for (Duration shift : List.of(Duration.ofMinutes(-6), Duration.ofDays(365))) {
      byte[] sig = f.signArtifact(f.artifact);
      long i = f.rekor.append(f.hashedRekordV001(f.artifactSha256(), sig, f.leaf));
      TransparencyLogEntry e =
          f.rekor.entry(i, "hashedrekord", "0.0.1").integratedTime(TestPki.NOW.plus(shift).getEpochSecond()).build();
      SigstoreBundle b = f.messageBundle(BundleVersion.V0_3, sig, List.of(e), List.of());
      SigstoreVerifier later =
          f.verifier().clock(Clock.fixed(TestPki.NOW.plus(Duration.ofDays(400)), ZoneOffset.UTC)).build();
      assertCode(() -> later.verify(b, Artifact.ofBytes(f.artifact)), ErrorCode.TIME_INVALID);
    }
  }

  @Test
  void h58_v03ProofWithoutPromiseOrTimestamp_hasNoSignedTimeAndThrowsThresholdNotMet()
      throws Exception {
    byte[] sig = f.signArtifact(f.artifact);
    long i = f.rekor.append(f.hashedRekordV001(f.artifactSha256(), sig, f.leaf));
    f.rekor.fill(2);
    TransparencyLogEntry e = f.rekor.entry(i, "hashedrekord", "0.0.1").promise(false).build();
    SigstoreBundle b = f.messageBundle(BundleVersion.V0_3, sig, List.of(e), List.of());
    // the entry's integratedTime is there, but nothing signs it: it is not a signed time
    assertThat(e.integratedTime()).isPositive();
    assertCode(
        () -> f.verifier().observerTimestampThreshold(1).build().verify(b, Artifact.ofBytes(f.artifact)),
        ErrorCode.THRESHOLD_NOT_MET);
  }

  @Test
  void h58_integratedTimeInTheFuture_throwsTimeInvalid() throws Exception {
    SigstoreBundle b = f.messageBundle(BundleVersion.V0_3);
    SigstoreVerifier before =
        f.verifier().clock(Clock.fixed(TestPki.NOW.minus(Duration.ofMinutes(2)), ZoneOffset.UTC)).build();
    assertCodeAt(() -> before.verify(b, Artifact.ofBytes(f.artifact)), ErrorCode.TIME_INVALID, TLOG + "/integratedTime");
    SigstoreVerifier skewed =
        f.verifier()
            .clock(Clock.fixed(TestPki.NOW.minus(Duration.ofSeconds(30)), ZoneOffset.UTC))
            .build();
    assertThatCode(() -> skewed.verify(b, Artifact.ofBytes(f.artifact))).doesNotThrowAnyException();
  }

  // H62 ---------------------------------------------------------------------------------------

  @Test
  void h62_integratedTimeEqualToLogKeyValidityEnd_acceptedOneSecondLaterRejected()
      throws Exception {
    SigstoreBundle b = f.messageBundle(BundleVersion.V0_3);
    Instant t = Instant.ofEpochSecond(b.verificationMaterial().tlogEntries().get(0).integratedTime());
    Instant start = TestPki.NOW.minus(Duration.ofDays(1));
    TrustedRoot atEnd = f.trustedRoot(List.of(f.rekor.trusted(new ValidityPeriod(start, Optional.of(t)))));
    SigstoreVerifier inclusive =
        SigstoreVerifier.newBuilder().trustedRoot(atEnd).addCertificateIdentity(SigstoreFixture.identity()).clock(SigstoreFixture.clock()).build();
    assertThatCode(() -> inclusive.verify(b, Artifact.ofBytes(f.artifact))).doesNotThrowAnyException();
    TrustedRoot ended =
        f.trustedRoot(List.of(f.rekor.trusted(new ValidityPeriod(start, Optional.of(t.minusSeconds(1))))));
    SigstoreVerifier exclusive =
        SigstoreVerifier.newBuilder().trustedRoot(ended).addCertificateIdentity(SigstoreFixture.identity()).clock(SigstoreFixture.clock()).build();
    assertCodeAt(() -> exclusive.verify(b, Artifact.ofBytes(f.artifact)), ErrorCode.TIME_INVALID, TLOG + "/integratedTime");
  }

  // H79 (transparency log counts) -------------------------------------------------------------

  @Test
  void h79_duplicateEntriesOfOneLog_countOnce() throws Exception {
    byte[] sig = f.signArtifact(f.artifact);
    TransparencyLogEntry e1 = f.logV1(f.hashedRekordV001(f.artifactSha256(), sig, f.leaf), "hashedrekord", "0.0.1");
    TransparencyLogEntry e2 = f.logV1(f.hashedRekordV001(f.artifactSha256(), sig, f.leaf), "hashedrekord", "0.0.1");
    SigstoreBundle b = f.messageBundle(BundleVersion.V0_3, sig, List.of(e1, e2, e1), List.of());
    assertCodeAt(
        () -> f.verifier().transparencyLogThreshold(2).build().verify(b, Artifact.ofBytes(f.artifact)),
        ErrorCode.THRESHOLD_NOT_MET,
        "/verificationMaterial/tlogEntries");
    assertThatCode(() -> verify(b)).doesNotThrowAnyException();
  }

  @Test
  void h79_twoLogsOfTwoOperators_meetThresholdTwo() throws Exception {
    byte[] sig = f.signArtifact(f.artifact);
    TransparencyLogEntry e1 = f.logV1(f.hashedRekordV001(f.artifactSha256(), sig, f.leaf), "hashedrekord", "0.0.1");
    TestRekor second = TestRekor.v1("rekor2.test.example");
    second.fill(2);
    long i = second.append(f.hashedRekordV001(f.artifactSha256(), sig, f.leaf));
    TransparencyLogEntry e2 = second.entry(i, "hashedrekord", "0.0.1").build();
    TrustedRoot root = f.trustedRoot(List.of(f.rekor.trusted(), second.trusted()));
    SigstoreVerifier two =
        SigstoreVerifier.newBuilder()
            .trustedRoot(root)
            .addCertificateIdentity(SigstoreFixture.identity())
            .clock(SigstoreFixture.clock())
            .transparencyLogThreshold(2)
            .build();
    SigstoreBundle b = f.messageBundle(BundleVersion.V0_3, sig, List.of(e1, e2), List.of());
    assertThat(two.verify(b, Artifact.ofBytes(f.artifact)).signedTimes()).hasSize(1);
  }

  @Test
  void untrustedLog_entryFromAnUnknownLog_throwsUntrustedAnchor() throws Exception {
    byte[] sig = f.signArtifact(f.artifact);
    TestRekor unknown = TestRekor.v1("unknown.test.example");
    long i = unknown.append(f.hashedRekordV001(f.artifactSha256(), sig, f.leaf));
    TransparencyLogEntry e = unknown.entry(i, "hashedrekord", "0.0.1").build();
    assertCodeAt(
        () -> verify(f.messageBundle(BundleVersion.V0_3, sig, List.of(e), List.of())),
        ErrorCode.UNTRUSTED_ANCHOR,
        TLOG + "/logId");
  }

  @Test
  void concurrency_sharedVerifierOnMixedInputs_givesSingleThreadedVerdicts() throws Exception {
    SigstoreVerifier v = f.verifier().build();
    byte[] good = f.messageBundle(BundleVersion.V0_3).toJson();
    byte[] bad = JsonEdit.set(good, "/messageSignature/signature", new JsonString(Base64.getEncoder().encodeToString(f.signArtifact(new byte[] {1}))));
    java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(8);
    try {
      List<java.util.concurrent.Future<Boolean>> results = new ArrayList<>();
      for (int n = 0; n < 64; n++) {
        byte[] input = n % 2 == 0 ? good : bad;
        results.add(
            pool.submit(
                () -> {
                  try {
                    v.verify(input, Artifact.ofBytes(f.artifact));
                    return true;
                  } catch (VerificationException e) {
                    return false;
                  }
                }));
      }
      for (int n = 0; n < results.size(); n++) {
        assertThat(results.get(n).get()).isEqualTo(n % 2 == 0);
      }
    } finally {
      pool.shutdownNow();
    }
  }
}
