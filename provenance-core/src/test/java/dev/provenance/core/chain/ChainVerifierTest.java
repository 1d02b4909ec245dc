package dev.provenance.core.chain;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.provenance.api.Bytes;
import dev.provenance.api.ErrorCode;
import dev.provenance.api.Finding;
import dev.provenance.api.VerificationException;
import dev.provenance.api.attestation.Statement;
import dev.provenance.api.chain.ChainStep;
import dev.provenance.api.chain.VerifiedChain;
import dev.provenance.api.dsse.Envelope;
import dev.provenance.api.dsse.EnvelopeSignature;
import dev.provenance.api.dsse.PayloadTypes;
import dev.provenance.api.dsse.VerifiedEnvelope;
import dev.provenance.api.signing.KeyId;
import dev.provenance.api.signing.SignerIdentity;
import dev.provenance.core.dsse.DsseSigner;
import dev.provenance.core.json.JsonCodec;
import dev.provenance.core.testing.TestKeys;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChainVerifierTest {
  @TempDir Path tmp;

  private static VerificationException failure(ThrowingVerify v) {
    VerificationException e = catchThrowableOfType(VerificationException.class, v::run);
    assertThat(e).as("verification must fail").isNotNull();
    return e;
  }

  @FunctionalInterface
  interface ThrowingVerify {
    void run() throws Exception;
  }

  private static List<Path> paths(RecordedChain c) {
    return List.of(c.store);
  }

  @Test
  void verify_recordedChain_returnsEveryStepAndRoots() throws Exception {
    RecordedChain c = new RecordedChain(tmp).recordAll();
    VerifiedChain chain = RecordedChain.verifier().verify(c.work.resolve("app.tar.gz"), paths(c));
    assertThat(chain.artifact()).isEqualTo(c.artifact());
    assertThat(chain.steps()).extracting(ChainStep::name).containsExactly("package", "build", "checkout");
    assertThat(chain.steps()).extracting(ChainStep::functionaries)
        .containsExactly(List.of("packager"), List.of("builder"), List.of("checkout"));
    assertThat(chain.steps().get(0).envelopeDigest()).isEqualTo(c.pkg.digest());
    assertThat(chain.roots()).hasSize(2);
    assertThat(ChainReports.text(chain)).anyMatch(l -> l.contains("step checkout"));
    assertThat(ChainReports.json(chain).get("steps")).isPresent();
  }

  @Test
  void verify_inMemoryLines_verifies() throws Exception {
    RecordedChain c = new RecordedChain(tmp).recordAll();
    List<byte[]> lines =
        List.of(c.pkg.bytes().toByteArray(), c.checkout.bytes().toByteArray(), c.build.bytes().toByteArray());
    assertThat(RecordedChain.verifier().verify(c.artifact(), lines).steps()).hasSize(3);
  }

  @Test
  void verify_jarByteChangedAfterBuild_reportsBindingMismatchAtPackageInput() throws Exception {
    RecordedChain c = new RecordedChain(tmp).recordCheckout().recordBuild();
    Files.writeString(c.work.resolve("app.jar"), "tampered", UTF_8);
    c.recordPackage();
    VerificationException e = failure(() -> RecordedChain.verifier().verify(c.artifact(), paths(c)));
    assertThat(e.code()).isEqualTo(ErrorCode.BINDING_MISMATCH);
    assertThat(e.location()).contains("chain/package/inputs/app.jar");
    assertThat(e.findings().get(0).message()).contains("step build");
  }

  @Test
  void verify_sourceChangedAfterCheckout_reportsBindingMismatchAtBuildInput() throws Exception {
    RecordedChain c = new RecordedChain(tmp).recordCheckout();
    Files.writeString(c.work.resolve("src/demo/App.java"), "class App { evil(); }\n", UTF_8);
    c.recordBuild().recordPackage();
    VerificationException e = failure(() -> RecordedChain.verifier().verify(c.artifact(), paths(c)));
    assertThat(e.code()).isEqualTo(ErrorCode.BINDING_MISMATCH);
    assertThat(e.location()).contains("chain/build/inputs/src/demo/App.java");
    assertThat(e.findings().get(0).message()).contains("step checkout");
  }

  @Test
  void verify_buildResignedByUnknownKey_reportsUntrustedAnchor() throws Exception {
    RecordedChain c = new RecordedChain(tmp).recordAll();
    Envelope forged = DsseSigner.of(TestKeys.signer(TestKeys.ed25519("attacker")))
        .sign(PayloadTypes.IN_TOTO, c.build.envelope().payload());
    Files.write(c.store.resolve("build.intoto.jsonl"), (new String(JsonCodec.standard().writeEnvelope(forged), UTF_8) + "\n").getBytes(UTF_8));
    VerificationException e = failure(() -> RecordedChain.verifier().verify(c.artifact(), paths(c)));
    assertThat(e.code()).isEqualTo(ErrorCode.UNTRUSTED_ANCHOR);
    assertThat(e.location()).contains("chain/package/inputs/app.jar");
  }

  @Test
  void verify_buildResignedByPackagerKey_reportsUntrustedAnchor() throws Exception {
    RecordedChain c = new RecordedChain(tmp).recordAll();
    Envelope forged = DsseSigner.of(RecordedChain.signer(RecordedChain.PACKAGE))
        .sign(PayloadTypes.IN_TOTO, c.build.envelope().payload());
    Files.write(c.store.resolve("build.intoto.jsonl"), (new String(JsonCodec.standard().writeEnvelope(forged), UTF_8) + "\n").getBytes(UTF_8));
    VerificationException e = failure(() -> RecordedChain.verifier().verify(c.artifact(), paths(c)));
    assertThat(e.findings()).extracting(Finding::code).contains(ErrorCode.UNTRUSTED_ANCHOR);
    assertThat(e.code()).isEqualTo(ErrorCode.BINDING_MISMATCH); // the package step names the original build envelope
  }

  @Test
  void verify_payloadChangedUnderSignature_reportsSignatureInvalid() throws Exception {
    RecordedChain c = new RecordedChain(tmp).recordAll();
    byte[] payload = c.build.envelope().payload().toByteArray();
    String text = new String(payload, UTF_8).replace("https://example.com/builder@v1", "https://example.com/builder@v2");
    Envelope changed = new Envelope(c.build.envelope().payloadType(), Bytes.of(text.getBytes(UTF_8)), c.build.envelope().signatures());
    Files.write(c.store.resolve("build.intoto.jsonl"), (new String(JsonCodec.standard().writeEnvelope(changed), UTF_8) + "\n").getBytes(UTF_8));
    VerificationException e = failure(() -> RecordedChain.verifier().verify(c.artifact(), paths(c)));
    assertThat(e.findings()).extracting(Finding::code).contains(ErrorCode.SIGNATURE_INVALID);
  }

  @Test
  void verify_missingBuildAttestation_failsWithMissingLink() throws Exception {
    RecordedChain c = new RecordedChain(tmp).recordAll();
    Files.delete(c.store.resolve("build.intoto.jsonl"));
    VerificationException e = failure(() -> RecordedChain.verifier().verify(c.artifact(), paths(c)));
    assertThat(e.code()).isEqualTo(ErrorCode.BINDING_MISMATCH);
    assertThat(e.findings()).extracting(Finding::code).contains(ErrorCode.THRESHOLD_NOT_MET);
  }

  @Test
  void verify_policyExpiresAtVerificationTime_reportsTimeInvalid() throws Exception {
    // HOSTILE.md H41: expired when expires <= now
    RecordedChain c = new RecordedChain(tmp).recordAll();
    Instant expires = Instant.parse("2030-01-01T00:00:00Z");
    ChainVerifier atExpiry = ChainVerifier.newBuilder().policy(RecordedChain.policy()).clock(Clock.fixed(expires, ZoneOffset.UTC)).build();
    assertThat(failure(() -> atExpiry.verify(c.artifact(), paths(c))).code()).isEqualTo(ErrorCode.TIME_INVALID);
    ChainVerifier before = ChainVerifier.newBuilder().policy(RecordedChain.policy()).clock(Clock.fixed(expires.minusSeconds(1), ZoneOffset.UTC)).build();
    assertThat(before.verify(c.artifact(), paths(c)).steps()).hasSize(3);
  }

  @Test
  void verify_moreAttestationsThanLimit_reportsResourceLimitExceeded() throws Exception {
    RecordedChain c = new RecordedChain(tmp).recordAll();
    ChainVerifier small = ChainVerifier.newBuilder().policy(RecordedChain.policy()).maxAttestations(2).build();
    assertThat(failure(() -> small.verify(c.artifact(), paths(c))).code()).isEqualTo(ErrorCode.RESOURCE_LIMIT_EXCEEDED);
  }

  @Test
  void verify_unrelatedJunkLines_areIgnored() throws Exception {
    RecordedChain c = new RecordedChain(tmp).recordAll();
    Files.writeString(c.store.resolve("junk.intoto.jsonl"), "not json\n{\"payloadType\":1}\n\n{}\n", UTF_8);
    assertThat(RecordedChain.verifier().verify(c.artifact(), paths(c)).steps()).hasSize(3);
  }

  @Test
  void verify_malformedStepLine_failsNamingIt() throws Exception {
    RecordedChain c = new RecordedChain(tmp).recordAll();
    byte[] line = c.build.bytes().toByteArray();
    line[line.length / 2] = '{';
    Files.write(c.store.resolve("build.intoto.jsonl"), line);
    VerificationException e = failure(() -> RecordedChain.verifier().verify(c.artifact(), paths(c)));
    assertThat(e.findings()).isNotEmpty();
  }

  @Test
  void verify_concurrentUse_givesSameVerdicts() throws Exception {
    // HOSTILE.md H87: one verifier shared by many threads
    RecordedChain good = new RecordedChain(tmp.resolve("good")).recordAll();
    RecordedChain bad = new RecordedChain(tmp.resolve("bad")).recordCheckout().recordBuild();
    Files.writeString(bad.work.resolve("app.jar"), "tampered", UTF_8);
    bad.recordPackage();
    ChainVerifier v = RecordedChain.verifier();
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<String>> results = new ArrayList<>();
      for (int i = 0; i < 32; i++) {
        RecordedChain c = i % 2 == 0 ? good : bad;
        results.add(pool.submit(() -> {
          try {
            return "ok:" + v.verify(c.artifact(), paths(c)).steps().size();
          } catch (VerificationException e) {
            return e.code() + ":" + e.location().orElse("");
          }
        }));
      }
      for (int i = 0; i < results.size(); i++) {
        assertThat(results.get(i).get())
            .isEqualTo(i % 2 == 0 ? "ok:3" : "BINDING_MISMATCH:chain/package/inputs/app.jar");
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void build_sigstoreFunctionaryWithoutEnvelopeVerifier_throwsConfigurationError() throws Exception {
    ChainPolicy p = RecordedChain.policyBuilder().addFunctionary(new SigstoreFunctionary("ci", "https://id", "https://issuer")).build();
    VerificationException e = catchThrowableOfType(VerificationException.class, () -> ChainVerifier.newBuilder().policy(p).build());
    assertThat(e.code()).isEqualTo(ErrorCode.CONFIGURATION_ERROR);
  }

  @Test
  void verify_sigstoreFunctionaryThroughEnvelopeVerifier_matchesIdentity() throws Exception {
    RecordedChain c = new RecordedChain(tmp).recordAll();
    String identity = "https://github.com/org/app/.github/workflows/release.yml@refs/heads/main";
    String issuer = "https://token.actions.githubusercontent.com";
    // the package step is signed keylessly: a bundle the plugged verifier accepts
    ChainPolicy.Builder pb = ChainPolicy.newBuilder()
        .expires(Instant.parse("2030-01-01T00:00:00Z"))
        .addFunctionary(KeyFunctionary.of("checkout", RecordedChain.pem(RecordedChain.CHECKOUT)))
        .addFunctionary(KeyFunctionary.of("builder", RecordedChain.pem(RecordedChain.BUILD)))
        .addFunctionary(new SigstoreFunctionary("release", identity, issuer))
        .addStep(RecordedChain.step("checkout", "checkout").build())
        .addStep(RecordedChain.step("build", "builder").build())
        .addStep(RecordedChain.step("package", "release").build())
        .addRoot(ChainRoot.ofRepository(RecordedChain.REPO, List.of(), List.of()))
        .addExternal(ExternalDependency.ofUri("pkg:generic/openjdk@*", dev.provenance.api.digest.DigestSet.empty()));
    byte[] bundle = ("{\"mediaType\":\"application/vnd.dev.sigstore.bundle.v0.3+json\",\"verificationMaterial\":{},\"dsseEnvelope\":{\"payload\":\""
        + c.pkg.envelope().payload().toBase64() + "\"}}").getBytes(UTF_8);
    Bytes payload = c.pkg.envelope().payload();
    ChainEnvelopeVerifier plug = stored -> new VerifiedEnvelope(PayloadTypes.IN_TOTO, payload,
        List.of(SignerIdentity.ofCertificate(new KeyId("a".repeat(64)), identity, issuer)));
    List<byte[]> all = List.of(bundle, c.build.bytes().toByteArray(), c.checkout.bytes().toByteArray());
    ChainVerifier v = ChainVerifier.newBuilder().policy(pb.build()).envelopeVerifier(plug).build();
    assertThat(v.verify(c.artifact(), all).steps().get(0).functionaries()).containsExactly("release");
    ChainEnvelopeVerifier otherIdentity = stored -> new VerifiedEnvelope(PayloadTypes.IN_TOTO, payload,
        List.of(SignerIdentity.ofCertificate(new KeyId("a".repeat(64)), identity + "-evil", issuer)));
    ChainVerifier w = ChainVerifier.newBuilder().policy(pb.build()).envelopeVerifier(otherIdentity).build();
    assertThat(failure(() -> w.verify(c.artifact(), all)).code()).isEqualTo(ErrorCode.UNTRUSTED_ANCHOR);
  }

  @Test
  void verifySigned_signedPolicy_parses() throws Exception {
    ChainPolicy p = RecordedChain.policy();
    Envelope env = DsseSigner.of(TestKeys.signer(TestKeys.p256("owner")))
        .sign(ChainPolicy.PAYLOAD_TYPE, JsonCodec.standard().write(p.toJson()));
    byte[] bytes = JsonCodec.standard().writeEnvelope(env);
    assertThat(ChainPolicy.verifySigned(bytes, List.of(TestKeys.verifier(TestKeys.p256("owner").getPublic())), 1)).isEqualTo(p);
    VerificationException wrongKey = catchThrowableOfType(VerificationException.class,
        () -> ChainPolicy.verifySigned(bytes, List.of(TestKeys.verifier(TestKeys.p256("other").getPublic())), 1));
    assertThat(wrongKey.code()).isEqualTo(ErrorCode.SIGNATURE_INVALID);
    VerificationException unsigned = catchThrowableOfType(VerificationException.class,
        () -> ChainPolicy.verifySigned(JsonCodec.standard().write(p.toJson()), List.of(TestKeys.verifier(TestKeys.p256("owner").getPublic())), 1));
    assertThat(unsigned.code()).isEqualTo(ErrorCode.UNTRUSTED_ANCHOR);
  }

  @Test
  void vsa_forVerifiedChain_namesInputsAndPolicy() throws Exception {
    RecordedChain c = new RecordedChain(tmp).recordAll();
    VerifiedChain chain = RecordedChain.verifier().verify(c.artifact(), paths(c));
    Statement vsa = ChainVsa.newBuilder().verifierId("https://example.com/verifier")
        .resourceUri("https://example.com/app.tar.gz")
        .policy("file:policy.json", c.artifact())
        .clock(Clock.fixed(Instant.parse("2027-01-01T00:00:00Z"), ZoneOffset.UTC))
        .build().statement(chain);
    dev.provenance.api.slsa.VerificationSummary s = (dev.provenance.api.slsa.VerificationSummary) vsa.predicate();
    assertThat(s.inputAttestations()).hasSize(3);
    assertThat(s.verificationResult()).isEqualTo("PASSED");
    assertThat(vsa.subject().get(0).digest()).isEqualTo(c.artifact());
    // round trip through the codec
    assertThat(JsonCodec.standard().parseStatement(JsonCodec.standard().writeStatement(vsa))).isEqualTo(vsa);
  }

  @Test
  void store_find_returnsAttestationsClaimingSubject() throws Exception {
    RecordedChain c = new RecordedChain(tmp).recordAll();
    AttestationStore reopened = AttestationStore.open(c.store);
    assertThat(reopened.find(c.artifact())).extracting(StoredAttestation::location).containsExactly("package.intoto.jsonl:1");
    assertThat(reopened.find(c.artifact()).get(0).digest()).isEqualTo(c.pkg.digest());
    assertThat(reopened.files()).hasSize(3);
  }

  @Test
  void verify_signatureWithoutKeyIdHint_stillVerifies() throws Exception {
    RecordedChain c = new RecordedChain(tmp).recordAll();
    Envelope e = c.pkg.envelope();
    List<EnvelopeSignature> noHints = new ArrayList<>();
    for (EnvelopeSignature s : e.signatures()) {
      noHints.add(EnvelopeSignature.of(s.sig()));
    }
    byte[] line = JsonCodec.standard().writeEnvelope(new Envelope(e.payloadType(), e.payload(), noHints));
    List<byte[]> all = List.of(line, c.build.bytes().toByteArray(), c.checkout.bytes().toByteArray());
    assertThat(RecordedChain.verifier().verify(c.artifact(), all).steps()).hasSize(3);
  }

  @Test
  void verify_genericStepRecordedAsLink_joinsTheChain() throws Exception {
    RecordedChain c = new RecordedChain(tmp);
    c.checkout =
        c.recorder(RecordedChain.CHECKOUT)
            .record(
                StepRecord.newBuilder("checkout")
                    .kind(StepRecord.Kind.LINK)
                    .command(List.of("git", "clone", RecordedChain.REPO))
                    .addInput(StepRecord.sourceInput(RecordedChain.REPO,
                        new dev.provenance.core.digest.GitHead(RecordedChain.COMMIT,
                            dev.provenance.core.digest.GitObjectFormat.SHA1, java.util.Optional.of("refs/heads/main")))
                        .toBuilder().name("source").build())
                    .addOutputFiles("src/", c.work.resolve("src"))
                    .build());
    c.recordBuild().recordPackage();
    assertThat(c.checkout.statement().predicateType()).isEqualTo(dev.provenance.api.attestation.PredicateTypes.LINK_V03);
    ChainPolicy.Builder pb = RecordedChain.policyBuilder();
    ChainPolicy base = pb.build();
    ChainPolicy.Builder linkPolicy = ChainPolicy.newBuilder().expires(base.expires());
    base.functionaries().values().forEach(linkPolicy::addFunctionary);
    base.roots().forEach(linkPolicy::addRoot);
    base.externals().forEach(linkPolicy::addExternal);
    for (StepPolicy sp : base.steps()) {
      linkPolicy.addStep(sp.name().equals("checkout")
          ? StepPolicy.newBuilder("checkout").addPredicateType(dev.provenance.api.attestation.PredicateTypes.LINK_V03)
              .addFunctionary("checkout").addProductRule(ArtifactRule.of(ArtifactRule.Type.CREATE, "src/*")).build()
          : sp);
    }
    ChainVerifier v = ChainVerifier.newBuilder().policy(linkPolicy.build())
        .clock(Clock.fixed(Instant.parse("2027-01-01T00:00:00Z"), ZoneOffset.UTC)).build();
    VerifiedChain chain = v.verify(c.artifact(), paths(c));
    assertThat(chain.steps()).extracting(ChainStep::name).containsExactly("package", "build", "checkout");
  }
}
