package dev.provenance.core.testing;

import dev.provenance.api.Bytes;
import dev.provenance.api.attestation.Predicate;
import dev.provenance.api.attestation.ResourceDescriptor;
import dev.provenance.api.attestation.Statement;
import dev.provenance.api.attestation.VerifiedAttestation;
import dev.provenance.api.digest.DigestAlgorithm;
import dev.provenance.api.digest.DigestSet;
import dev.provenance.api.dsse.PayloadTypes;
import dev.provenance.api.dsse.VerifiedEnvelope;
import dev.provenance.api.json.JsonObject;
import dev.provenance.api.json.JsonValue;
import dev.provenance.api.signing.SignerIdentity;
import dev.provenance.api.slsa.BuildDefinition;
import dev.provenance.api.slsa.BuildPlatform;
import dev.provenance.api.slsa.RunDetails;
import dev.provenance.api.slsa.SlsaProvenance;
import java.util.List;

/** Statements and predicates for tests. */
public final class Statements {
  /** A builder id of the GitHub generic generator. */
  public static final String BUILDER =
      "https://github.com/slsa-framework/slsa-github-generator/.github/workflows/generator_generic_slsa3.yml@refs/tags/v2.1.0";

  /** The digest of the artifact the default statement is about. */
  public static final String SHA256_A =
      "a0cfc71271d6e278e57cd332ff957c3f7043fdda354c4cbb190a30d56efa01bf";

  /** Another digest. */
  public static final String SHA256_B =
      "0000000000000000000000000000000000000000000000000000000000000001";

  private Statements() {}

  /** Returns a DigestSet with one sha256 value. */
  public static DigestSet sha256(String hex) {
    return DigestSet.of(DigestAlgorithm.SHA256, hex);
  }

  /** Returns SLSA provenance with the given builder id, GitHub Actions style. */
  public static SlsaProvenance provenance(String builderId) {
    return SlsaProvenance.newBuilder()
        .buildDefinition(
            BuildDefinition.newBuilder()
                .buildType("https://actions.github.io/buildtypes/workflow/v1")
                .externalParameter(
                    "workflow",
                    JsonObject.newBuilder()
                        .put("ref", "refs/tags/v1.0.0")
                        .put("repository", "https://github.com/org/repo")
                        .put("path", ".github/workflows/release.yml")
                        .build())
                .addResolvedDependency(
                    ResourceDescriptor.ofUri(
                        "git+https://github.com/org/repo@refs/tags/v1.0.0",
                        DigestSet.of(
                            DigestAlgorithm.GIT_COMMIT, "a6c23b9806c593664f68637c8f9d45dfcf98b2db")))
                .build())
        .runDetails(RunDetails.of(BuildPlatform.of(builderId)))
        .build();
  }

  /** Returns a v1 statement about artifact A with the given predicate. */
  public static Statement statement(Predicate predicate) {
    return Statement.newBuilder()
        .addSubject(ResourceDescriptor.ofDigest("app.jar", sha256(SHA256_A)))
        .predicate(predicate)
        .build();
  }

  /** Wraps a statement as if verified, for policy unit tests. */
  public static VerifiedAttestation verified(Statement statement) {
    VerifiedEnvelope env =
        new VerifiedEnvelope(
            PayloadTypes.IN_TOTO,
            Bytes.utf8("{}"),
            List.of(SignerIdentity.ofKey(TestKeys.keyId(TestKeys.p256("a").getPublic()))));
    return new VerifiedAttestation(env, statement, statement.subject());
  }

  /** Returns a JSON string value. */
  public static JsonValue str(String s) {
    return JsonValue.of(s);
  }
}
