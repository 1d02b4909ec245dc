package dev.provenance.core.internal.chain;

import dev.provenance.api.Bytes;
import dev.provenance.api.ErrorCode;
import dev.provenance.api.attestation.GenericPredicate;
import dev.provenance.api.attestation.ResourceDescriptor;
import dev.provenance.api.attestation.Statement;
import dev.provenance.api.attestation.VerifiedAttestation;
import dev.provenance.api.digest.DigestAlgorithm;
import dev.provenance.api.digest.DigestSet;
import dev.provenance.api.dsse.VerifiedEnvelope;
import dev.provenance.api.json.JsonObject;
import dev.provenance.api.signing.KeyId;
import dev.provenance.api.signing.SignerIdentity;
import dev.provenance.core.chain.ArtifactRule;
import dev.provenance.core.chain.AttributeConstraint;
import dev.provenance.core.chain.ChainPolicy;
import dev.provenance.core.chain.ChainRoot;
import dev.provenance.core.chain.ExternalDependency;
import dev.provenance.core.chain.KeyFunctionary;
import dev.provenance.core.chain.StepPolicy;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** In-memory attestations and a three-step policy (checkout, build, package) for engine tests. */
final class EngineFixture {
  static final String SLSA = "https://slsa.dev/provenance/v1";
  static final String REPO = "git+https://example.com/app";
  static final String COMMIT = "c".repeat(40);
  static final KeyId CHECKOUT_KEY = key('1');
  static final KeyId BUILD_KEY = key('2');
  static final KeyId PACKAGE_KEY = key('3');
  static final KeyId SECOND_BUILD_KEY = key('4');
  static final KeyId STRANGER = key('9');

  final Map<String, KeyId> keyIds = new LinkedHashMap<>();
  final ChainPolicy.Builder policy = ChainPolicy.newBuilder().expires(Instant.parse("2030-01-01T00:00:00Z"));
  final List<Evidence> verified = new ArrayList<>();
  final List<Rejected> rejected = new ArrayList<>();

  static KeyId key(char c) {
    return new KeyId(String.valueOf(c).repeat(64));
  }

  static DigestSet sha(String content) {
    try {
      byte[] h =
          java.security.MessageDigest.getInstance("SHA-256")
              .digest(content.getBytes(java.nio.charset.StandardCharsets.UTF_8));
      return DigestSet.of(DigestAlgorithm.SHA256, Bytes.of(h).toHex());
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new AssertionError(e);
    }
  }

  static DigestSet hex(char c) {
    return DigestSet.of(DigestAlgorithm.SHA256, String.valueOf(c).repeat(64));
  }

  static ResourceDescriptor rd(String name, DigestSet d) {
    return ResourceDescriptor.ofDigest(name, d);
  }

  static ResourceDescriptor source(String commit) {
    return ResourceDescriptor.ofUri(REPO + "@refs/heads/main", DigestSet.of(DigestAlgorithm.GIT_COMMIT, commit));
  }

  static ResourceDescriptor envelopeRef(String step, DigestSet d) {
    return ResourceDescriptor.newBuilder()
        .name("attestation:" + step)
        .digest(d)
        .mediaType("application/vnd.in-toto.provenance+dsse")
        .build();
  }

  EngineFixture functionary(String id, KeyId key) {
    policy.addFunctionary(KeyFunctionary.of(id, "unused"));
    keyIds.put(id, key);
    return this;
  }

  static StepPolicy.Builder slsaStep(String name, String... functionaries) {
    StepPolicy.Builder b =
        StepPolicy.newBuilder(name)
            .addPredicateType(SLSA)
            .addAttribute(AttributeConstraint.equalTo("/buildDefinition/externalParameters/step", name));
    for (String f : functionaries) {
      b.addFunctionary(f);
    }
    return b;
  }

  /** The standard policy: checkout from REPO, build, package; JDK as an allowed external. */
  static EngineFixture standard() {
    EngineFixture f = new EngineFixture();
    f.functionary("checkout", CHECKOUT_KEY)
        .functionary("builder", BUILD_KEY)
        .functionary("packager", PACKAGE_KEY);
    f.policy.addStep(
        slsaStep("checkout", "checkout")
            .addProductRule(ArtifactRule.of(ArtifactRule.Type.CREATE, "src/*"))
            .addProductRule(ArtifactRule.of(ArtifactRule.Type.DISALLOW, "*"))
            .build());
    f.policy.addStep(
        slsaStep("build", "builder")
            .addMaterialRule(ArtifactRule.match("src/*", ArtifactRule.Target.PRODUCTS, "checkout"))
            .addMaterialRule(ArtifactRule.of(ArtifactRule.Type.ALLOW, "attestation:*"))
            .addMaterialRule(ArtifactRule.of(ArtifactRule.Type.ALLOW, "pkg:generic/jdk@*"))
            .addMaterialRule(ArtifactRule.of(ArtifactRule.Type.DISALLOW, "*"))
            .allowedExternalParameters(List.of("step", "command"))
            .build());
    f.policy.addStep(
        slsaStep("package", "packager")
            .addMaterialRule(ArtifactRule.match("*.jar", ArtifactRule.Target.PRODUCTS, "build"))
            .build());
    f.policy.addRoot(ChainRoot.ofRepository(REPO, List.of(COMMIT), List.of("refs/heads/*")));
    f.policy.addExternal(ExternalDependency.ofUri("pkg:generic/jdk@*", DigestSet.empty()));
    return f;
  }

  Evidence slsa(String source, String step, List<KeyId> signers, List<ResourceDescriptor> subjects, List<ResourceDescriptor> inputs) {
    return slsa(source, step, signers, subjects, inputs, JsonObject.newBuilder().put("step", step).build());
  }

  Evidence slsa(
      String source,
      String step,
      List<KeyId> signers,
      List<ResourceDescriptor> subjects,
      List<ResourceDescriptor> inputs,
      JsonObject externalParameters) {
    JsonObject predicate =
        JsonObject.newBuilder()
            .put(
                "buildDefinition",
                JsonObject.newBuilder()
                    .put("buildType", "https://example.com/" + step)
                    .put("externalParameters", externalParameters)
                    .build())
            .put("runDetails", JsonObject.newBuilder().put("builder", JsonObject.newBuilder().put("id", "https://ci").build()).build())
            .build();
    List<SignerIdentity> ids = new ArrayList<>();
    for (KeyId k : signers) {
      ids.add(SignerIdentity.ofKey(k));
    }
    Optional<VerifiedAttestation> att = Optional.empty();
    if (!subjects.isEmpty()) {
      Statement st = new Statement(Statement.TYPE_V1, subjects, GenericPredicate.of(SLSA, predicate));
      att = Optional.of(new VerifiedAttestation(new VerifiedEnvelope("application/vnd.in-toto+json", Bytes.utf8(source), ids), st, subjects));
    }
    Evidence e =
        new Evidence(
            verified.size(),
            source,
            sha("envelope:" + source),
            ids,
            SLSA,
            Optional.empty(),
            subjects,
            inputs,
            inputs,
            Optional.of(externalParameters),
            () -> predicate,
            att);
    verified.add(e);
    return e;
  }

  Rejected reject(String source, ErrorCode code, List<DigestSet> claims) {
    Rejected r = new Rejected(1000 + rejected.size(), source, sha("envelope:" + source), code, "rejected for test", claims);
    rejected.add(r);
    return r;
  }

  ChainEngine engine() {
    ChainPolicy p = policy.build();
    return new ChainEngine(p, new Trust(p, keyIds), verified, rejected);
  }

  static final DigestSet MAIN_JAVA = hex('a');
  static final DigestSet APP_JAR = hex('b');
  static final DigestSet TARBALL = hex('d');
  static final DigestSet JDK = hex('e');

  /** Records the honest three-step chain: checkout, build (with JDK), package. */
  EngineFixture honestChain() {
    Evidence co =
        slsa("checkout.intoto.jsonl:1", "checkout", List.of(CHECKOUT_KEY),
            List.of(rd("src/Main.java", MAIN_JAVA)), List.of(source(COMMIT)));
    Evidence b =
        slsa("build.intoto.jsonl:1", "build", List.of(BUILD_KEY),
            List.of(rd("app.jar", APP_JAR)),
            List.of(rd("src/Main.java", MAIN_JAVA), envelopeRef("checkout", co.envelopeDigest()),
                ResourceDescriptor.ofUri("pkg:generic/jdk@17", JDK)));
    slsa("package.intoto.jsonl:1", "package", List.of(PACKAGE_KEY),
        List.of(rd("app.tar.gz", TARBALL)),
        List.of(rd("app.jar", APP_JAR), envelopeRef("build", b.envelopeDigest())));
    return this;
  }
}
