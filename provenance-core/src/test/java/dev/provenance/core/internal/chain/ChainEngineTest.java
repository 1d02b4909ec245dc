package dev.provenance.core.internal.chain;

import static dev.provenance.core.internal.chain.EngineFixture.APP_JAR;
import static dev.provenance.core.internal.chain.EngineFixture.BUILD_KEY;
import static dev.provenance.core.internal.chain.EngineFixture.CHECKOUT_KEY;
import static dev.provenance.core.internal.chain.EngineFixture.COMMIT;
import static dev.provenance.core.internal.chain.EngineFixture.JDK;
import static dev.provenance.core.internal.chain.EngineFixture.MAIN_JAVA;
import static dev.provenance.core.internal.chain.EngineFixture.PACKAGE_KEY;
import static dev.provenance.core.internal.chain.EngineFixture.SECOND_BUILD_KEY;
import static dev.provenance.core.internal.chain.EngineFixture.TARBALL;
import static dev.provenance.core.internal.chain.EngineFixture.hex;
import static dev.provenance.core.internal.chain.EngineFixture.rd;
import static dev.provenance.core.internal.chain.EngineFixture.source;
import static org.assertj.core.api.Assertions.assertThat;

import dev.provenance.api.ErrorCode;
import dev.provenance.api.Finding;
import dev.provenance.api.attestation.ResourceDescriptor;
import dev.provenance.api.chain.ChainStep;
import dev.provenance.api.chain.VerifiedChain;
import dev.provenance.api.digest.DigestSet;
import dev.provenance.api.json.JsonObject;
import dev.provenance.core.chain.ArtifactRule;
import dev.provenance.core.chain.ChainRoot;
import dev.provenance.core.chain.ExternalDependency;
import java.util.List;
import org.junit.jupiter.api.Test;

class ChainEngineTest {
  private static List<ErrorCode> codes(ChainEngine.Result r) {
    return r.findings().stream().map(Finding::code).toList();
  }

  @Test
  void verifyFrom_linearChain_returnsStepsNearestFirstAndRoots() {
    ChainEngine.Result r = EngineFixture.standard().honestChain().engine().verifyFrom(TARBALL);
    assertThat(r.findings()).isEmpty();
    VerifiedChain chain = r.chain().orElseThrow();
    assertThat(chain.steps()).extracting(ChainStep::name).containsExactly("package", "build", "checkout");
    assertThat(chain.steps().get(1).functionaries()).containsExactly("builder");
    assertThat(chain.roots())
        .extracting(ResourceDescriptor::uri)
        .containsExactlyInAnyOrder(
            java.util.Optional.of("git+https://example.com/app@refs/heads/main"),
            java.util.Optional.of("pkg:generic/jdk@17"));
  }

  @Test
  void verifyFrom_intermediateArtifact_verifiesItsSubchain() {
    ChainEngine.Result r = relaxRequired(EngineFixture.standard().honestChain()).engine().verifyFrom(APP_JAR);
    assertThat(r.chain().orElseThrow().steps()).extracting(ChainStep::name).containsExactly("build", "checkout");
  }

  @Test
  void verifyFrom_fanInOfDependencies_followsEveryInput() {
    EngineFixture f = EngineFixture.standard();
    f.functionary("dep-builder", EngineFixture.key('5'));
    f.policy.addStep(EngineFixture.slsaStep("dependency", "dep-builder").build());
    f.policy.addExternal(ExternalDependency.ofUri("https://repo.example/*", DigestSet.empty()));
    DigestSet libA = hex('1');
    DigestSet libB = hex('2');
    f.slsa("dep-a:1", "dependency", List.of(EngineFixture.key('5')), List.of(rd("lib/a.jar", libA)),
        List.of(ResourceDescriptor.ofUri("https://repo.example/a-src.zip", hex('6'))));
    f.slsa("dep-b:1", "dependency", List.of(EngineFixture.key('5')), List.of(rd("lib/b.jar", libB)),
        List.of(ResourceDescriptor.ofUri("https://repo.example/b-src.zip", hex('7'))));
    f.slsa("checkout:1", "checkout", List.of(CHECKOUT_KEY), List.of(rd("src/Main.java", MAIN_JAVA)), List.of(source(COMMIT)));
    f.policy.addStep(
        EngineFixture.slsaStep("link", "builder")
            .addMaterialRule(ArtifactRule.match("lib/*", ArtifactRule.Target.PRODUCTS, "dependency"))
            .addMaterialRule(ArtifactRule.match("src/*", ArtifactRule.Target.PRODUCTS, "checkout"))
            .addMaterialRule(ArtifactRule.of(ArtifactRule.Type.DISALLOW, "*"))
            .build());
    f.slsa("link:1", "link", List.of(BUILD_KEY), List.of(rd("app.jar", APP_JAR)),
        List.of(rd("lib/a.jar", libA), rd("lib/b.jar", libB), rd("src/Main.java", MAIN_JAVA)));
    f.policy.build();
    // build and package steps of the standard policy are not part of this chain
    EngineFixture g = relaxRequired(f);
    ChainEngine.Result r = g.engine().verifyFrom(APP_JAR);
    assertThat(r.findings()).isEmpty();
    assertThat(r.chain().orElseThrow().steps())
        .extracting(ChainStep::name)
        .containsExactlyInAnyOrder("link", "dependency", "dependency", "checkout");
  }

  /** Rebuilds the fixture's policy with every step optional. */
  private static EngineFixture relaxRequired(EngineFixture f) {
    dev.provenance.core.chain.ChainPolicy p = f.policy.build();
    EngineFixture g = new EngineFixture();
    g.keyIds.putAll(f.keyIds);
    g.verified.addAll(f.verified);
    g.rejected.addAll(f.rejected);
    p.functionaries().values().forEach(g.policy::addFunctionary);
    p.roots().forEach(g.policy::addRoot);
    p.externals().forEach(g.policy::addExternal);
    for (dev.provenance.core.chain.StepPolicy s : p.steps()) {
      g.policy.addStep(
          new dev.provenance.core.chain.StepPolicy(
              s.name(), s.predicateTypes(), s.functionaries(), s.threshold(), s.expectedMaterials(),
              s.expectedProducts(), s.attributes(), s.allowedExternalParameters(), s.expectedCommand(), false));
    }
    return g;
  }

  @Test
  void verifyFrom_fanOutOfTwoArtifacts_verifiesEach() {
    EngineFixture f = EngineFixture.standard();
    Evidence co = f.slsa("checkout:1", "checkout", List.of(CHECKOUT_KEY), List.of(rd("src/Main.java", MAIN_JAVA)), List.of(source(COMMIT)));
    Evidence b = f.slsa("build:1", "build", List.of(BUILD_KEY), List.of(rd("app.jar", APP_JAR)),
        List.of(rd("src/Main.java", MAIN_JAVA), EngineFixture.envelopeRef("checkout", co.envelopeDigest())));
    DigestSet zip = hex('f');
    f.slsa("package:1", "package", List.of(PACKAGE_KEY), List.of(rd("app.tar.gz", TARBALL), rd("app.zip", zip)),
        List.of(rd("app.jar", APP_JAR), EngineFixture.envelopeRef("build", b.envelopeDigest())));
    assertThat(f.engine().verifyFrom(TARBALL).findings()).isEmpty();
    assertThat(f.engine().verifyFrom(zip).chain().orElseThrow().steps()).hasSize(3);
  }

  @Test
  void verifyFrom_jarChangedAfterBuild_reportsBindingMismatchNamingBuild() {
    EngineFixture f = EngineFixture.standard();
    Evidence co = f.slsa("checkout:1", "checkout", List.of(CHECKOUT_KEY), List.of(rd("src/Main.java", MAIN_JAVA)), List.of(source(COMMIT)));
    Evidence b = f.slsa("build:1", "build", List.of(BUILD_KEY), List.of(rd("app.jar", APP_JAR)),
        List.of(rd("src/Main.java", MAIN_JAVA), EngineFixture.envelopeRef("checkout", co.envelopeDigest())));
    f.slsa("package:1", "package", List.of(PACKAGE_KEY), List.of(rd("app.tar.gz", TARBALL)),
        List.of(rd("app.jar", hex('0')), EngineFixture.envelopeRef("build", b.envelopeDigest())));
    ChainEngine.Result r = f.engine().verifyFrom(TARBALL);
    assertThat(r.chain()).isEmpty();
    Finding first = r.findings().get(0);
    assertThat(first.code()).isEqualTo(ErrorCode.BINDING_MISMATCH);
    assertThat(first.location()).isEqualTo("chain/package/inputs/app.jar");
    assertThat(first.message()).contains("step build").contains(APP_JAR.toString()).contains(hex('0').toString());
  }

  @Test
  void verifyFrom_sourceChangedAfterCheckout_reportsBindingMismatch() {
    EngineFixture f = EngineFixture.standard();
    f.slsa("checkout:1", "checkout", List.of(CHECKOUT_KEY), List.of(rd("src/Main.java", MAIN_JAVA)), List.of(source(COMMIT)));
    f.slsa("build:1", "build", List.of(BUILD_KEY), List.of(rd("app.jar", APP_JAR)), List.of(rd("src/Main.java", hex('7'))));
    ChainEngine.Result r = relaxRequired(f).engine().verifyFrom(APP_JAR);
    assertThat(codes(r)).contains(ErrorCode.BINDING_MISMATCH);
    assertThat(r.findings().get(0).location()).isEqualTo("chain/build/inputs/src/Main.java");
    assertThat(r.findings().get(0).message()).contains("checkout");
  }

  @Test
  void verifyFrom_buildSignedByPackagerKey_reportsUntrustedAnchor() {
    EngineFixture f = EngineFixture.standard();
    f.slsa("checkout:1", "checkout", List.of(CHECKOUT_KEY), List.of(rd("src/Main.java", MAIN_JAVA)), List.of(source(COMMIT)));
    f.slsa("build:1", "build", List.of(PACKAGE_KEY), List.of(rd("app.jar", APP_JAR)), List.of(rd("src/Main.java", MAIN_JAVA)));
    f.slsa("package:1", "package", List.of(PACKAGE_KEY), List.of(rd("app.tar.gz", TARBALL)), List.of(rd("app.jar", APP_JAR)));
    ChainEngine.Result r = f.engine().verifyFrom(TARBALL);
    assertThat(r.findings().get(0).code()).isEqualTo(ErrorCode.UNTRUSTED_ANCHOR);
    assertThat(r.findings().get(0).message()).contains("packager").contains("build");
  }

  @Test
  void verifyFrom_producerRejected_reportsItsCode() {
    EngineFixture f = EngineFixture.standard();
    f.slsa("package:1", "package", List.of(PACKAGE_KEY), List.of(rd("app.tar.gz", TARBALL)), List.of(rd("app.jar", APP_JAR)));
    f.reject("build:1", ErrorCode.UNTRUSTED_ANCHOR, List.of(APP_JAR));
    ChainEngine.Result r = f.engine().verifyFrom(TARBALL);
    assertThat(r.findings().get(0).code()).isEqualTo(ErrorCode.UNTRUSTED_ANCHOR);
    assertThat(r.findings().get(0).location()).isEqualTo("chain/package/inputs/app.jar");
  }

  @Test
  void verifyFrom_missingLink_reportsBindingMismatchAndMissingSteps() {
    EngineFixture f = EngineFixture.standard();
    f.slsa("package:1", "package", List.of(PACKAGE_KEY), List.of(rd("app.tar.gz", TARBALL)), List.of(rd("app.jar", APP_JAR)));
    ChainEngine.Result r = f.engine().verifyFrom(TARBALL);
    assertThat(codes(r)).containsExactly(ErrorCode.BINDING_MISMATCH, ErrorCode.THRESHOLD_NOT_MET, ErrorCode.THRESHOLD_NOT_MET);
  }

  @Test
  void verifyFrom_unknownArtifact_reportsBindingMismatch() {
    ChainEngine.Result r = EngineFixture.standard().honestChain().engine().verifyFrom(hex('0'));
    assertThat(r.findings().get(0).code()).isEqualTo(ErrorCode.BINDING_MISMATCH);
    assertThat(r.findings().get(0).location()).isEqualTo("artifact");
  }

  @Test
  void verifyFrom_threshold2WithOneSigner_reportsThresholdNotMet() {
    EngineFixture f = thresholdFixture();
    f.slsa("build:1", "build", List.of(BUILD_KEY), List.of(rd("app.jar", APP_JAR)), List.of(jdk()));
    assertThat(codes(f.engine().verifyFrom(APP_JAR))).containsExactly(ErrorCode.THRESHOLD_NOT_MET);
  }

  @Test
  void verifyFrom_threshold2WithTwoAgreeingAttestations_verifies() {
    EngineFixture f = thresholdFixture();
    f.slsa("build:1", "build", List.of(BUILD_KEY), List.of(rd("app.jar", APP_JAR)), List.of(jdk()));
    f.slsa("build:2", "build", List.of(SECOND_BUILD_KEY), List.of(rd("app.jar", APP_JAR)), List.of(jdk()));
    assertThat(f.engine().verifyFrom(APP_JAR).findings()).isEmpty();
  }

  @Test
  void verifyFrom_threshold2WithOneMultiSignedEnvelope_verifies() {
    EngineFixture f = thresholdFixture();
    f.slsa("build:1", "build", List.of(BUILD_KEY, SECOND_BUILD_KEY), List.of(rd("app.jar", APP_JAR)), List.of(jdk()));
    assertThat(f.engine().verifyFrom(APP_JAR).findings()).isEmpty();
  }

  @Test
  void verifyFrom_threshold2WithTwoIdsForOneKey_reportsThresholdNotMet() {
    EngineFixture f = new EngineFixture();
    f.functionary("a", BUILD_KEY).functionary("b", BUILD_KEY);
    f.policy.addStep(EngineFixture.slsaStep("build", "a", "b").threshold(2).build());
    f.policy.addExternal(ExternalDependency.ofUri("pkg:generic/jdk@*", DigestSet.empty()));
    f.slsa("build:1", "build", List.of(BUILD_KEY), List.of(rd("app.jar", APP_JAR)), List.of(jdk()));
    assertThat(codes(f.engine().verifyFrom(APP_JAR))).containsExactly(ErrorCode.THRESHOLD_NOT_MET);
  }

  private static ResourceDescriptor jdk() {
    return ResourceDescriptor.ofUri("pkg:generic/jdk@17", JDK);
  }

  private static EngineFixture thresholdFixture() {
    EngineFixture f = new EngineFixture();
    f.functionary("builder", BUILD_KEY).functionary("builder2", SECOND_BUILD_KEY);
    f.policy.addStep(EngineFixture.slsaStep("build", "builder", "builder2").threshold(2).build());
    f.policy.addExternal(ExternalDependency.ofUri("pkg:generic/jdk@*", DigestSet.empty()));
    return f;
  }

  @Test
  void verifyFrom_cycle_reportsBindingMismatch() {
    EngineFixture f = new EngineFixture();
    f.functionary("builder", BUILD_KEY);
    f.policy.addStep(EngineFixture.slsaStep("build", "builder").build());
    DigestSet x = hex('1');
    DigestSet y = hex('2');
    f.slsa("a:1", "build", List.of(BUILD_KEY), List.of(rd("y", y)), List.of(rd("x", x)));
    f.slsa("b:1", "build", List.of(BUILD_KEY), List.of(rd("x", x)), List.of(rd("y", y)));
    ChainEngine.Result r = f.engine().verifyFrom(y);
    assertThat(codes(r)).containsExactly(ErrorCode.BINDING_MISMATCH);
    assertThat(r.findings().get(0).message()).startsWith("cycle");
  }

  @Test
  void verifyFrom_passThroughOfUnchangedArtifact_isNoCycle() {
    EngineFixture f = new EngineFixture();
    f.functionary("builder", BUILD_KEY);
    f.policy.addStep(EngineFixture.slsaStep("build", "builder").build());
    f.policy.addStep(EngineFixture.slsaStep("fetch", "builder").build());
    f.policy.addExternal(ExternalDependency.ofUri("https://*", DigestSet.empty()));
    DigestSet x = hex('1');
    f.slsa("fetch:1", "fetch", List.of(BUILD_KEY), List.of(rd("x", x)), List.of(ResourceDescriptor.ofUri("https://x", hex('3'))));
    f.slsa("build:1", "build", List.of(BUILD_KEY), List.of(rd("x", x), rd("y", hex('2'))), List.of(rd("x", x)));
    assertThat(f.engine().verifyFrom(hex('2')).findings()).isEmpty();
  }

  @Test
  void verifyFrom_twoProducersWithDifferentInputs_reportsConflict() {
    EngineFixture f = EngineFixture.standard();
    f.honestChain();
    Evidence co2 = f.slsa("checkout:2", "checkout", List.of(CHECKOUT_KEY), List.of(rd("src/Old.java", hex('7'))), List.of(source(COMMIT)));
    f.slsa("build:2", "build", List.of(BUILD_KEY), List.of(rd("app.jar", APP_JAR)),
        List.of(rd("src/Old.java", hex('7')), EngineFixture.envelopeRef("checkout", co2.envelopeDigest())));
    ChainEngine.Result r = f.engine().verifyFrom(TARBALL);
    assertThat(codes(r)).contains(ErrorCode.BINDING_MISMATCH);
    assertThat(r.findings()).anyMatch(x -> x.message().contains("from different inputs"));
  }

  @Test
  void verifyFrom_commitNotAllowed_reportsPolicyMismatch() {
    EngineFixture f = EngineFixture.standard();
    f.slsa("checkout:1", "checkout", List.of(CHECKOUT_KEY), List.of(rd("src/Main.java", MAIN_JAVA)), List.of(source("d".repeat(40))));
    ChainEngine.Result r = relaxRequired(f).engine().verifyFrom(MAIN_JAVA);
    assertThat(codes(r)).containsExactly(ErrorCode.POLICY_MISMATCH);
    assertThat(r.findings().get(0).location()).startsWith("chain/checkout/inputs/");
  }

  @Test
  void verifyFrom_refNotAllowed_reportsPolicyMismatch() {
    EngineFixture f = EngineFixture.standard();
    f.slsa("checkout:1", "checkout", List.of(CHECKOUT_KEY), List.of(rd("src/Main.java", MAIN_JAVA)),
        List.of(ResourceDescriptor.ofUri(EngineFixture.REPO + "@refs/tags/v1", DigestSet.of(dev.provenance.api.digest.DigestAlgorithm.GIT_COMMIT, COMMIT))));
    assertThat(codes(relaxRequired(f).engine().verifyFrom(MAIN_JAVA))).containsExactly(ErrorCode.POLICY_MISMATCH);
  }

  @Test
  void verifyFrom_unexpectedInput_reportsBindingMismatch() {
    EngineFixture f = EngineFixture.standard();
    f.slsa("checkout:1", "checkout", List.of(CHECKOUT_KEY), List.of(rd("src/Main.java", MAIN_JAVA)),
        List.of(source(COMMIT), rd("extra.patch", hex('5'))));
    ChainEngine.Result r = relaxRequired(f).engine().verifyFrom(MAIN_JAVA);
    assertThat(codes(r)).containsExactly(ErrorCode.BINDING_MISMATCH);
    assertThat(r.findings().get(0).location()).isEqualTo("chain/checkout/inputs/extra.patch");
  }

  @Test
  void verifyFrom_pinnedExternalWithOtherDigest_reportsBindingMismatch() {
    EngineFixture f = new EngineFixture();
    f.functionary("builder", BUILD_KEY);
    f.policy.addStep(EngineFixture.slsaStep("build", "builder").build());
    f.policy.addExternal(ExternalDependency.ofUri("pkg:generic/jdk@*", hex('9')));
    f.slsa("build:1", "build", List.of(BUILD_KEY), List.of(rd("app.jar", APP_JAR)), List.of(jdk()));
    assertThat(codes(f.engine().verifyFrom(APP_JAR))).containsExactly(ErrorCode.BINDING_MISMATCH);
  }

  @Test
  void verifyFrom_disallowedMaterial_reportsPolicyMismatch() {
    EngineFixture f = EngineFixture.standard();
    Evidence co = f.slsa("checkout:1", "checkout", List.of(CHECKOUT_KEY),
        List.of(rd("src/Main.java", MAIN_JAVA), rd("src/Evil.java", hex('6'))), List.of(source(COMMIT)));
    f.slsa("build:1", "build", List.of(BUILD_KEY), List.of(rd("app.jar", APP_JAR)),
        List.of(rd("src/Main.java", MAIN_JAVA), rd("src/Evil.java", hex('6')), rd("notes.txt", hex('8')),
            EngineFixture.envelopeRef("checkout", co.envelopeDigest())));
    f.policy.addExternal(ExternalDependency.ofName("notes.txt", DigestSet.empty()));
    ChainEngine.Result r = relaxRequired(f).engine().verifyFrom(APP_JAR);
    assertThat(codes(r)).containsExactly(ErrorCode.POLICY_MISMATCH);
    assertThat(r.findings().get(0).location()).isEqualTo("chain/build/materials/notes.txt");
  }

  @Test
  void verifyFrom_externalParameterNotAllowed_reportsPolicyMismatch() {
    EngineFixture f = EngineFixture.standard();
    Evidence co = f.slsa("checkout:1", "checkout", List.of(CHECKOUT_KEY), List.of(rd("src/Main.java", MAIN_JAVA)), List.of(source(COMMIT)));
    f.slsa("build:1", "build", List.of(BUILD_KEY), List.of(rd("app.jar", APP_JAR)),
        List.of(rd("src/Main.java", MAIN_JAVA), EngineFixture.envelopeRef("checkout", co.envelopeDigest())),
        JsonObject.newBuilder().put("step", "build").put("extraFlags", "-O0").build());
    ChainEngine.Result r = relaxRequired(f).engine().verifyFrom(APP_JAR);
    assertThat(codes(r)).containsExactly(ErrorCode.POLICY_MISMATCH);
    assertThat(r.findings().get(0).location()).isEqualTo("chain/build/externalParameters/extraFlags");
  }

  @Test
  void verifyFrom_attributeMismatch_reportsPolicyMismatch() {
    EngineFixture f = EngineFixture.standard();
    f.slsa("checkout:1", "checkout", List.of(CHECKOUT_KEY), List.of(rd("src/Main.java", MAIN_JAVA)), List.of(source(COMMIT)),
        JsonObject.newBuilder().put("step", "chekout").build());
    ChainEngine.Result r = relaxRequired(f).engine().verifyFrom(MAIN_JAVA);
    assertThat(codes(r)).containsExactly(ErrorCode.POLICY_MISMATCH);
  }

  @Test
  void verifyFrom_nonCanonicalProductNames_reportMalformedInput() {
    // HOSTILE.md H36 and H38
    for (String bad : List.of("./src/Main.java", "src/../Main.java", "//src/Main.java", "/abs/x", "C:\\x", "src\\Main.java", "a\u0000b", "cafe\u0301")) {
      EngineFixture f = EngineFixture.standard();
      f.slsa("checkout:1", "checkout", List.of(CHECKOUT_KEY), List.of(rd(bad, MAIN_JAVA)), List.of(source(COMMIT)));
      ChainEngine.Result r = relaxRequired(f).engine().verifyFrom(MAIN_JAVA);
      assertThat(codes(r)).as(bad).contains(ErrorCode.MALFORMED_INPUT);
      assertThat(r.chain()).isEmpty();
    }
  }

  @Test
  void verifyFrom_namesDifferingOnlyInCase_reportMalformedInput() {
    EngineFixture f = EngineFixture.standard();
    f.slsa("checkout:1", "checkout", List.of(CHECKOUT_KEY), List.of(rd("src/Foo.java", MAIN_JAVA), rd("src/foo.java", hex('1'))), List.of(source(COMMIT)));
    assertThat(codes(relaxRequired(f).engine().verifyFrom(MAIN_JAVA))).containsExactly(ErrorCode.MALFORMED_INPUT);
  }

  @Test
  void verifyFrom_dotSlashNameDodgingDisallow_fails() {
    // H36: "./evil" must not slip past DISALLOW by being spelt differently from "evil"
    EngineFixture f = EngineFixture.standard();
    f.slsa("checkout:1", "checkout", List.of(CHECKOUT_KEY), List.of(rd("./evil", hex('6')), rd("src/Main.java", MAIN_JAVA)), List.of(source(COMMIT)));
    assertThat(relaxRequired(f).engine().verifyFrom(MAIN_JAVA).chain()).isEmpty();
  }

  @Test
  void verifyFrom_envelopeReferenceToMissingAttestation_reportsBindingMismatch() {
    EngineFixture f = EngineFixture.standard();
    f.slsa("checkout:1", "checkout", List.of(CHECKOUT_KEY), List.of(rd("src/Main.java", MAIN_JAVA)), List.of(source(COMMIT)));
    f.slsa("build:1", "build", List.of(BUILD_KEY), List.of(rd("app.jar", APP_JAR)),
        List.of(rd("src/Main.java", MAIN_JAVA), EngineFixture.envelopeRef("checkout", hex('4'))));
    ChainEngine.Result r = relaxRequired(f).engine().verifyFrom(APP_JAR);
    assertThat(codes(r)).containsExactly(ErrorCode.BINDING_MISMATCH);
    assertThat(r.findings().get(0).location()).isEqualTo("chain/build/inputs/attestation:checkout");
  }

  @Test
  void verifyFrom_attestationOfNoStep_reportsPolicyMismatchWhenReached() {
    EngineFixture f = EngineFixture.standard();
    f.slsa("other:1", "deploy", List.of(BUILD_KEY), List.of(rd("x", hex('1'))), List.of());
    assertThat(codes(relaxRequired(f).engine().verifyFrom(hex('1')))).containsExactly(ErrorCode.POLICY_MISMATCH);
    // unrelated attestations that the walk never reaches do not matter
    EngineFixture g = EngineFixture.standard().honestChain();
    g.slsa("other:1", "deploy", List.of(BUILD_KEY), List.of(rd("x", hex('1'))), List.of());
    assertThat(g.engine().verifyFrom(TARBALL).findings()).isEmpty();
  }

  @Test
  void verifyFrom_originStep_endsPathWithoutInputs() {
    EngineFixture f = EngineFixture.standard();
    f.policy.addRoot(ChainRoot.ofStep("checkout"));
    f.slsa("checkout:1", "checkout", List.of(CHECKOUT_KEY), List.of(rd("src/Main.java", MAIN_JAVA)), List.of());
    assertThat(relaxRequired(f).engine().verifyFrom(MAIN_JAVA).findings()).isEmpty();
  }

  @Test
  void verifyFrom_attestationWithoutInputsNotOrigin_verifies() {
    // a step that consumed nothing ends its path at itself; nothing is left unexplained
    EngineFixture f = EngineFixture.standard();
    f.slsa("checkout:1", "checkout", List.of(CHECKOUT_KEY), List.of(rd("src/Main.java", MAIN_JAVA)), List.of());
    assertThat(relaxRequired(f).engine().verifyFrom(MAIN_JAVA).findings()).isEmpty();
  }

  @Test
  void verifyLayout_everyStepPresent_verifies() {
    EngineFixture f = EngineFixture.standard().honestChain();
    assertThat(f.engine().verifyLayout().findings()).isEmpty();
  }

  @Test
  void verifyLayout_stepsDisagree_reportsBindingMismatch() {
    EngineFixture f = thresholdFixture();
    f.slsa("build:1", "build", List.of(BUILD_KEY), List.of(rd("app.jar", APP_JAR)), List.of(jdk()));
    f.slsa("build:2", "build", List.of(SECOND_BUILD_KEY), List.of(rd("app.jar", hex('0'))), List.of(jdk()));
    assertThat(codes(f.engine().verifyLayout())).contains(ErrorCode.BINDING_MISMATCH);
  }
}
