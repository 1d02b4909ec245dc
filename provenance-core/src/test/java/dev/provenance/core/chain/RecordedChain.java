package dev.provenance.core.chain;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.provenance.api.attestation.ResourceDescriptor;
import dev.provenance.api.digest.DigestAlgorithm;
import dev.provenance.api.digest.DigestSet;
import dev.provenance.api.signing.SignatureAlgorithm;
import dev.provenance.api.signing.Signer;
import dev.provenance.core.digest.GitHead;
import dev.provenance.core.digest.GitObjectFormat;
import dev.provenance.core.keys.PemKeys;
import dev.provenance.core.testing.TestKeys;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A real three-step chain recorded into a temporary directory: checkout (Ed25519), build (ECDSA
 * P-256, JDK as builder dependency), package (RSA-PSS), and the policy that accepts it.
 */
final class RecordedChain {
  static final String REPO = "git+https://example.com/app";
  static final String COMMIT = "0123456789abcdef0123456789abcdef01234567";
  static final KeyPair CHECKOUT = TestKeys.ed25519("checkout");
  static final KeyPair BUILD = TestKeys.p256("build");
  static final KeyPair PACKAGE = TestKeys.rsa("package");
  static final DigestSet JDK = DigestSet.of(DigestAlgorithm.SHA256, "e".repeat(64));

  final Path root;
  final Path store;
  final Path work;
  RecordedStep checkout;
  RecordedStep build;
  RecordedStep pkg;

  RecordedChain(Path root) throws Exception {
    this.root = root;
    this.store = root.resolve("attestations");
    this.work = root.resolve("work");
    Files.createDirectories(work.resolve("src/demo"));
    Files.writeString(work.resolve("src/demo/App.java"), "class App {}\n", UTF_8);
    Files.writeString(work.resolve("src/demo/Util.java"), "class Util {}\n", UTF_8);
  }

  static Signer signer(KeyPair pair) {
    return pair == PACKAGE ? TestKeys.rsaSigner(pair, SignatureAlgorithm.RSA_PSS_SHA256) : TestKeys.signer(pair);
  }

  ChainRecorder recorder(KeyPair key) throws Exception {
    return ChainRecorder.newBuilder().signer(signer(key)).store(AttestationStore.open(store)).build();
  }

  RecordedChain recordCheckout() throws Exception {
    checkout =
        recorder(CHECKOUT)
            .record(
                StepRecord.newBuilder("checkout")
                    .builderId("https://example.com/checkout@v1")
                    .command(List.of("git", "clone", REPO))
                    .addSource(REPO, new GitHead(COMMIT, GitObjectFormat.SHA1, Optional.of("refs/heads/main")))
                    .addOutputFiles("src/", work.resolve("src"))
                    .build());
    return this;
  }

  RecordedChain recordBuild() throws Exception {
    Files.writeString(work.resolve("app.jar"), "jar of " + Files.readString(work.resolve("src/demo/App.java")), UTF_8);
    build =
        recorder(BUILD)
            .record(
                StepRecord.newBuilder("build")
                    .builderId("https://example.com/builder@v1")
                    .command(List.of("javac", "-d", "classes"))
                    .environment("LANG", "C")
                    .startedOn(Instant.parse("2026-01-01T00:00:00Z"))
                    .finishedOn(Instant.parse("2026-01-01T00:00:05Z"))
                    .addInputFiles("src/", work.resolve("src"))
                    .addPreviousStep(checkout)
                    .addBuilderDependency(ResourceDescriptor.ofUri("pkg:generic/openjdk@17", JDK))
                    .addOutputFile("app.jar", work.resolve("app.jar"))
                    .build());
    return this;
  }

  RecordedChain recordPackage() throws Exception {
    Files.writeString(work.resolve("app.tar.gz"), "archive of " + Files.readString(work.resolve("app.jar")), UTF_8);
    pkg =
        recorder(PACKAGE)
            .record(
                StepRecord.newBuilder("package")
                    .builderId("https://example.com/packager@v1")
                    .addInputFile("app.jar", work.resolve("app.jar"))
                    .addPreviousStep(build)
                    .addOutputFile("app.tar.gz", work.resolve("app.tar.gz"))
                    .build());
    return this;
  }

  RecordedChain recordAll() throws Exception {
    return recordCheckout().recordBuild().recordPackage();
  }

  DigestSet artifact() {
    return pkg.statement().subject().get(0).digest();
  }

  static String pem(KeyPair k) throws Exception {
    return PemKeys.publicKeyPem(k.getPublic());
  }

  static StepPolicy.Builder step(String name, String functionary) {
    return StepPolicy.newBuilder(name)
        .addPredicateType("https://slsa.dev/provenance/v1")
        .addFunctionary(functionary)
        .addAttribute(AttributeConstraint.equalTo("/buildDefinition/externalParameters/step", name));
  }

  static ChainPolicy.Builder policyBuilder() throws Exception {
    return ChainPolicy.newBuilder()
        .expires(Instant.parse("2030-01-01T00:00:00Z"))
        .addFunctionary(KeyFunctionary.of("checkout", pem(CHECKOUT)))
        .addFunctionary(KeyFunctionary.of("builder", pem(BUILD)))
        .addFunctionary(KeyFunctionary.of("packager", pem(PACKAGE), SignatureAlgorithm.RSA_PSS_SHA256))
        .addStep(
            step("checkout", "checkout")
                .addAttribute(AttributeConstraint.equalTo("/runDetails/builder/id", "https://example.com/checkout@v1"))
                .addProductRule(ArtifactRule.of(ArtifactRule.Type.CREATE, "src/*"))
                .addProductRule(ArtifactRule.of(ArtifactRule.Type.DISALLOW, "*"))
                .build())
        .addStep(
            step("build", "builder")
                .addMaterialRule(ArtifactRule.match("src/*", ArtifactRule.Target.PRODUCTS, "checkout"))
                .addMaterialRule(ArtifactRule.of(ArtifactRule.Type.ALLOW, "attestation:checkout"))
                .addMaterialRule(ArtifactRule.of(ArtifactRule.Type.DISALLOW, "*"))
                .addProductRule(ArtifactRule.of(ArtifactRule.Type.CREATE, "app.jar"))
                .addProductRule(ArtifactRule.of(ArtifactRule.Type.DISALLOW, "*"))
                .allowedExternalParameters(List.of("step", "command"))
                .build())
        .addStep(
            step("package", "packager")
                .addMaterialRule(ArtifactRule.match("app.jar", ArtifactRule.Target.PRODUCTS, "build"))
                .addMaterialRule(ArtifactRule.of(ArtifactRule.Type.ALLOW, "attestation:build"))
                .addMaterialRule(ArtifactRule.of(ArtifactRule.Type.DISALLOW, "*"))
                .build())
        .addRoot(ChainRoot.ofRepository(REPO, List.of(COMMIT), List.of("refs/heads/main")))
        .addExternal(ExternalDependency.ofUri("pkg:generic/openjdk@*", DigestSet.empty()));
  }

  static ChainPolicy policy() throws Exception {
    return policyBuilder().build();
  }

  static ChainVerifier verifier() throws Exception {
    return ChainVerifier.newBuilder().policy(policy()).clock(java.time.Clock.fixed(Instant.parse("2027-01-01T00:00:00Z"), java.time.ZoneOffset.UTC)).build();
  }
}
