package dev.provenance.core.chain;

import dev.provenance.api.attestation.ResourceDescriptor;
import dev.provenance.api.attestation.Statement;
import dev.provenance.api.chain.VerifiedChain;
import dev.provenance.api.digest.DigestAlgorithm;
import dev.provenance.api.digest.DigestSet;
import dev.provenance.api.dsse.PayloadTypes;
import dev.provenance.api.json.JsonValue;
import dev.provenance.api.signing.SignatureAlgorithm;
import dev.provenance.api.slsa.BuildDefinition;
import dev.provenance.api.slsa.BuildPlatform;
import dev.provenance.api.slsa.RunDetails;
import dev.provenance.api.slsa.SlsaProvenance;
import dev.provenance.core.dsse.DsseSigner;
import dev.provenance.core.json.JsonCodec;
import dev.provenance.core.keys.JcaKeys;
import dev.provenance.core.keys.PemKeys;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * Generates and verifies a linear chain of N signed SLSA provenance attestations, each consuming
 * the previous one's output; run in a JVM with a small heap by {@link LongChainTest}.
 */
public final class LongChain {
  static final String REPO = "git+https://example.com/app";
  static final String COMMIT = "c".repeat(40);

  final List<byte[]> lines = new ArrayList<>();
  final DigestSet last;
  final ChainPolicy policy;

  LongChain(int n) throws Exception {
    KeyPair key = JcaKeys.generate(SignatureAlgorithm.ED25519);
    DsseSigner signer = DsseSigner.of(JcaKeys.signer(key.getPrivate(), key.getPublic()));
    JsonCodec codec = JsonCodec.standard();
    ResourceDescriptor input =
        ResourceDescriptor.ofUri(REPO + "@refs/heads/main", DigestSet.of(DigestAlgorithm.GIT_COMMIT, COMMIT));
    DigestSet out = null;
    for (int i = 0; i < n; i++) {
      out = sha256("artifact-" + i);
      Statement st =
          Statement.newBuilder()
              .addSubject(ResourceDescriptor.ofDigest("artifact-" + i + ".bin", out))
              .predicate(
                  SlsaProvenance.newBuilder()
                      .buildDefinition(
                          BuildDefinition.newBuilder()
                              .buildType("https://example.com/stage@v1")
                              .externalParameter("step", JsonValue.of("stage"))
                              .addResolvedDependency(input)
                              .build())
                      .runDetails(RunDetails.of(BuildPlatform.of("https://example.com/builder")))
                      .build())
              .build();
      lines.add(codec.writeEnvelope(signer.sign(PayloadTypes.IN_TOTO, codec.writeStatement(st))));
      input = ResourceDescriptor.ofDigest("artifact-" + i + ".bin", out);
    }
    last = out;
    policy =
        ChainPolicy.newBuilder()
            .expires(Instant.parse("2099-01-01T00:00:00Z"))
            .addFunctionary(KeyFunctionary.of("k", PemKeys.publicKeyPem(key.getPublic())))
            .addStep(
                StepPolicy.newBuilder("stage")
                    .addPredicateType("https://slsa.dev/provenance/v1")
                    .addFunctionary("k")
                    .addMaterialRule(ArtifactRule.match("artifact-*", ArtifactRule.Target.PRODUCTS, "stage"))
                    .addMaterialRule(ArtifactRule.of(ArtifactRule.Type.ALLOW, "git+*"))
                    .addMaterialRule(ArtifactRule.of(ArtifactRule.Type.DISALLOW, "*"))
                    .build())
            .addRoot(ChainRoot.ofRepository(REPO, List.of(COMMIT), List.of()))
            .build();
  }

  static DigestSet sha256(String s) throws Exception {
    return DigestSet.of(
        DigestAlgorithm.SHA256,
        HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8))));
  }

  VerifiedChain verify() throws Exception {
    return ChainVerifier.newBuilder().policy(policy).build().verify(last, lines);
  }

  /**
   * Generates a chain of {@code args[0]} links, verifies it, and prints {@code verified N} and the
   * heap in use.
   *
   * @param args the number of links
   * @throws Exception on failure
   */
  public static void main(String[] args) throws Exception {
    int n = Integer.parseInt(args[0]);
    LongChain c = new LongChain(n);
    VerifiedChain chain = c.verify();
    Runtime rt = Runtime.getRuntime();
    System.out.println("verified " + chain.steps().size() + " maxHeapMiB " + (rt.maxMemory() >> 20));
  }
}
