package dev.provenance.core.chain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.provenance.api.ErrorCode;
import dev.provenance.api.VerificationException;
import dev.provenance.api.chain.ChainStep;
import dev.provenance.api.chain.VerifiedChain;
import dev.provenance.api.digest.DigestAlgorithm;
import dev.provenance.api.digest.DigestSet;
import dev.provenance.api.signing.SignatureAlgorithm;
import dev.provenance.core.intoto.InTotoKey;
import dev.provenance.core.intoto.InTotoKeys;
import dev.provenance.core.json.JsonCodec;
import dev.provenance.core.testing.Vectors;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The in-toto-golang and in-toto-python multi-step link sets (vectors category
 * in-toto/layout-links-digest-chain): their products-to-materials digests link up under an
 * equivalent chain policy, with signatures checked against their keys; the negative cases fail.
 */
class InTotoVectorsTest {
  private static final String GO = "in-toto-golang/";
  private static final DigestSet GO_ARCHIVE =
      DigestSet.of(DigestAlgorithm.SHA256, "0c5c56be1f4d8707fe981f07b0d35a4a1a50e898e3ebc8b1fa12c7c6f364bb7b");
  private static final DigestSet PY_ARCHIVE =
      DigestSet.of(DigestAlgorithm.SHA256, "52947cb78b91ad01fe81cd6aef42d1f6817e92b9e6936c1e5aabb7c98514f355");
  private static final String BOB = "776a00e29f3559e0141b3b096f696abc6cfb0c657ab40f441132b345b08453f5";
  private static final String CARL = "2f89b9272acfc8f4a0a0f094d789fdb0ba798b0fe41f2f5f417c12f0085ff498";
  private static final Clock BEFORE_EXPIRY = Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC);

  private static List<byte[]> goLinks(boolean withPackage) {
    List<byte[]> out = new ArrayList<>();
    out.add(Vectors.bytes(GO + "clone-dsse.776a00e2.link"));
    out.add(Vectors.bytes(GO + "update-version-dsse.776a00e2.link"));
    if (withPackage) {
      out.add(Vectors.bytes(GO + "package-dsse.2f89b927.link"));
    }
    return out;
  }

  /** The golang layout's steps, written by hand in our policy format. */
  static ChainPolicy goPolicy(String expires) throws Exception {
    String bob = Vectors.text("in-toto-python/demo_files/bob.pub");
    String carl = Vectors.text("in-toto-python/demo_files/carl.pub");
    String json =
        "{\"_type\":\"https://provenance.dev/chain-policy/v1\",\"expires\":\"" + expires + "\","
            + "\"functionaries\":{"
            + "\"bob\":{\"kind\":\"publicKey\",\"algorithm\":\"rsa-pss-sha256\",\"keyid\":\"" + BOB + "\",\"publicKey\":" + quote(bob) + "},"
            + "\"carl\":{\"kind\":\"publicKey\",\"algorithm\":\"rsa-pss-sha256\",\"keyid\":\"" + CARL + "\",\"publicKey\":" + quote(carl) + "}},"
            + "\"steps\":["
            + "{\"name\":\"clone-dsse\",\"predicateTypes\":[\"link\"],\"functionaries\":[\"bob\"],"
            + "\"expectedProducts\":[[\"CREATE\",\"demo-project/foo.py\"],[\"DISALLOW\",\"*\"]]},"
            + "{\"name\":\"update-version-dsse\",\"predicateTypes\":[\"link\"],\"functionaries\":[\"bob\"],"
            + "\"expectedMaterials\":[[\"MATCH\",\"demo-project/*\",\"WITH\",\"PRODUCTS\",\"FROM\",\"clone-dsse\"],[\"DISALLOW\",\"*\"]],"
            + "\"expectedProducts\":[[\"MODIFY\",\"demo-project/foo.py\"],[\"DISALLOW\",\"*\"]]},"
            + "{\"name\":\"package-dsse\",\"predicateTypes\":[\"link\"],\"functionaries\":[\"carl\"],"
            + "\"expectedMaterials\":[[\"MATCH\",\"demo-project/*\",\"WITH\",\"PRODUCTS\",\"FROM\",\"update-version-dsse\"],[\"DISALLOW\",\"*\"]],"
            + "\"expectedProducts\":[[\"CREATE\",\"demo-project.tar.gz\"],[\"DISALLOW\",\"*\"]]}],"
            + "\"roots\":[{\"step\":\"clone-dsse\"}]}";
    return ChainPolicy.parse(json.getBytes(java.nio.charset.StandardCharsets.UTF_8));
  }

  private static String quote(String s) {
    return new String(JsonCodec.standard().write(new dev.provenance.api.json.JsonString(s)), java.nio.charset.StandardCharsets.UTF_8);
  }

  private static ChainVerifier verifier(ChainPolicy p, Clock clock) throws Exception {
    return ChainVerifier.newBuilder().policy(p).clock(clock).build();
  }

  @Test
  void goDsseChain_valid_linksArchiveBackToClone() throws Exception {
    // case intoto-dsse-chain-valid
    VerifiedChain chain = verifier(goPolicy("2030-06-03T13:25:20Z"), BEFORE_EXPIRY).verify(GO_ARCHIVE, goLinks(true));
    assertThat(chain.steps()).extracting(ChainStep::name).containsExactly("package-dsse", "update-version-dsse", "clone-dsse");
    assertThat(chain.steps()).extracting(ChainStep::functionaries)
        .containsExactly(List.of("carl"), List.of("bob"), List.of("bob"));
  }

  @Test
  void goDsseChain_allStepsAsInToto_verifies() throws Exception {
    assertThat(verifier(goPolicy("2030-06-03T13:25:20Z"), BEFORE_EXPIRY).verifyAllSteps(goLinks(true)).steps()).hasSize(3);
  }

  @Test
  void goDsseChain_missingPackageLink_fails() throws Exception {
    // case intoto-dsse-chain-missing-link
    ChainVerifier v = verifier(goPolicy("2030-06-03T13:25:20Z"), BEFORE_EXPIRY);
    VerificationException e = catchThrowableOfType(VerificationException.class, () -> v.verify(GO_ARCHIVE, goLinks(false)));
    assertThat(e.code()).isEqualTo(ErrorCode.BINDING_MISMATCH);
    VerificationException all = catchThrowableOfType(VerificationException.class, () -> v.verifyAllSteps(goLinks(false)));
    assertThat(all.code()).isEqualTo(ErrorCode.THRESHOLD_NOT_MET);
  }

  @Test
  void goDsseChain_afterExpiry_failsTimeInvalid() throws Exception {
    // case intoto-dsse-chain-expired-layout
    ChainVerifier v = verifier(goPolicy("2030-06-03T13:25:20Z"), Clock.fixed(Instant.parse("2030-06-04T00:00:00Z"), ZoneOffset.UTC));
    assertThat(catchThrowableOfType(VerificationException.class, () -> v.verify(GO_ARCHIVE, goLinks(true))).code())
        .isEqualTo(ErrorCode.TIME_INVALID);
  }

  @Test
  void goDsseChain_linksSwappedBetweenSteps_fail() throws Exception {
    // the package link signed by carl offered as evidence while only bob may sign everything
    String json = new String(JsonCodec.standard().write(goPolicy("2030-06-03T13:25:20Z").toJson()), java.nio.charset.StandardCharsets.UTF_8)
        .replace("\"functionaries\":[\"carl\"]", "\"functionaries\":[\"bob\"]");
    ChainVerifier v = verifier(ChainPolicy.parse(json.getBytes(java.nio.charset.StandardCharsets.UTF_8)), BEFORE_EXPIRY);
    VerificationException e = catchThrowableOfType(VerificationException.class, () -> v.verify(GO_ARCHIVE, goLinks(true)));
    assertThat(e.code()).isEqualTo(ErrorCode.UNTRUSTED_ANCHOR);
  }

  @Test
  void goLayout_verifiedWithOwnerKey_convertsAndVerifiesLinks() throws Exception {
    // the layout itself, DSSE-signed by in-toto-golang's alice
    InTotoKey alice = InTotoKeys.fromPem(Vectors.text("in-toto-golang/alice.pub"));
    ChainPolicy p = InTotoLayouts.verify(Vectors.bytes(GO + "dsse-only.root.layout"), List.of(alice));
    assertThat(p.steps()).extracting(StepPolicy::name).containsExactly("clone-dsse", "update-version-dsse", "package-dsse");
    assertThat(p.expires()).isEqualTo(Instant.parse("2030-06-03T13:25:20Z"));
    assertThat(verifier(p, BEFORE_EXPIRY).verifyAllSteps(goLinks(true)).steps()).hasSize(3);
    VerificationException missing = catchThrowableOfType(VerificationException.class, () -> verifier(p, BEFORE_EXPIRY).verifyAllSteps(goLinks(false)));
    assertThat(missing.code()).isEqualTo(ErrorCode.THRESHOLD_NOT_MET);
  }

  @Test
  void goLayout_wrongOwnerKey_failsSignatureInvalid() throws Exception {
    // case intoto-dsse-chain-wrong-layout-key: in-toto-python's alice is another key
    InTotoKey otherAlice = InTotoKeys.fromPem(Vectors.text("in-toto-python/demo_files/alice.pub"));
    VerificationException e = catchThrowableOfType(VerificationException.class,
        () -> InTotoLayouts.verify(Vectors.bytes(GO + "dsse-only.root.layout"), List.of(otherAlice)));
    assertThat(e.code()).isEqualTo(ErrorCode.SIGNATURE_INVALID);
  }

  private static ChainPolicy pyPolicy(boolean carlForPackage) throws Exception {
    String bob = Vectors.text("in-toto-python/demo_files/bob.pub");
    String carl = Vectors.text("in-toto-python/demo_files/carl.pub");
    return ChainPolicy.newBuilder()
        .expires(Instant.parse("2030-01-01T00:00:00Z"))
        .addFunctionary(KeyFunctionary.of("bob", bob, SignatureAlgorithm.RSA_PSS_SHA256))
        .addFunctionary(KeyFunctionary.of("carl", carl, SignatureAlgorithm.RSA_PSS_SHA256))
        .addStep(StepPolicy.newBuilder("write-code").addPredicateType("link").addFunctionary("bob")
            .addProductRule(ArtifactRule.of(ArtifactRule.Type.CREATE, "foo.py"))
            .addProductRule(ArtifactRule.of(ArtifactRule.Type.DISALLOW, "*")).build())
        .addStep(StepPolicy.newBuilder("package").addPredicateType("link").addFunctionary(carlForPackage ? "carl" : "bob")
            .addMaterialRule(ArtifactRule.match("foo.py", ArtifactRule.Target.PRODUCTS, "write-code"))
            .addMaterialRule(ArtifactRule.of(ArtifactRule.Type.DISALLOW, "*"))
            .addProductRule(ArtifactRule.of(ArtifactRule.Type.CREATE, "foo.tar.gz"))
            .addProductRule(ArtifactRule.of(ArtifactRule.Type.DISALLOW, "*")).build())
        .addRoot(ChainRoot.ofStep("write-code"))
        .build();
  }

  private static List<byte[]> pyLinks() {
    return List.of(
        Vectors.bytes("in-toto-python/demo_dsse_files/write-code.776a00e2.link"),
        Vectors.bytes("in-toto-python/demo_dsse_files/package.2f89b927.link"));
  }

  @Test
  void pyDsseLinks_valid_linkTarballToWriteCode() throws Exception {
    // case intoto-py-dsse-links-valid
    VerifiedChain chain = verifier(pyPolicy(true), BEFORE_EXPIRY).verify(PY_ARCHIVE, pyLinks());
    assertThat(chain.steps()).extracting(ChainStep::name).containsExactly("package", "write-code");
  }

  @Test
  void pyDsseLinks_packageCheckedAgainstBob_fails() throws Exception {
    // case intoto-py-link-wrong-key
    ChainVerifier v = verifier(pyPolicy(false), BEFORE_EXPIRY);
    VerificationException e = catchThrowableOfType(VerificationException.class, () -> v.verify(PY_ARCHIVE, pyLinks()));
    assertThat(e.code()).isEqualTo(ErrorCode.UNTRUSTED_ANCHOR);
  }

  @Test
  void legacyMetablockLinks_verifyWithTheirKeys() throws Exception {
    // keys+legacy-metablock vectors: single-step metablock links join a chain only when signed by
    // a functionary; with no products they cannot be reached from an artifact, so check all steps
    for (String[] v : new String[][] {
        {"go-securesystemslib/ecdsa-test-key-pem.pub", "go-securesystemslib/test-ecdsa.98adf386.link", "test-ecdsa"}}) {
      ChainPolicy p = ChainPolicy.newBuilder()
          .expires(Instant.parse("2030-01-01T00:00:00Z"))
          .addFunctionary(KeyFunctionary.of("k", Vectors.text(v[0])))
          .addStep(StepPolicy.newBuilder(v[2]).addPredicateType("link").addFunctionary("k").build())
          .build();
      ChainVerifier ok = verifier(p, BEFORE_EXPIRY);
      VerificationException noProducts = catchThrowableOfType(VerificationException.class,
          () -> ok.verifyAllSteps(List.of(Vectors.bytes(v[1]))));
      // verified and assigned, but a link without products yields no chain step
      assertThat(noProducts.code()).isEqualTo(ErrorCode.POLICY_MISMATCH);
      ChainPolicy wrong = ChainPolicy.newBuilder()
          .expires(Instant.parse("2030-01-01T00:00:00Z"))
          .addFunctionary(KeyFunctionary.of("k", Vectors.text("in-toto-python/demo_files/bob.pub"), SignatureAlgorithm.RSA_PSS_SHA256))
          .addStep(StepPolicy.newBuilder(v[2]).addPredicateType("link").addFunctionary("k").build())
          .build();
      VerificationException e = catchThrowableOfType(VerificationException.class,
          () -> verifier(wrong, BEFORE_EXPIRY).verifyAllSteps(List.of(Vectors.bytes(v[1]))));
      assertThat(e.code()).isEqualTo(ErrorCode.THRESHOLD_NOT_MET);
    }
  }
}
