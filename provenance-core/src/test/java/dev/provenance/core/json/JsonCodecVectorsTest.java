package dev.provenance.core.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.provenance.api.ErrorCode;
import dev.provenance.api.MalformedInputException;
import dev.provenance.api.attestation.GenericPredicate;
import dev.provenance.api.attestation.PredicateTypes;
import dev.provenance.api.attestation.Statement;
import dev.provenance.api.digest.DigestAlgorithm;
import dev.provenance.api.dsse.Envelope;
import dev.provenance.api.dsse.PayloadTypes;
import dev.provenance.api.json.JsonObject;
import dev.provenance.api.slsa.SlsaProvenance;
import dev.provenance.api.slsa.VerificationSummary;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Real data from peer projects; see the ORIGIN file next to each vector. */
class JsonCodecVectorsTest {
  private final JsonCodec codec = JsonCodec.standard();

  static byte[] vector(String path) throws IOException {
    try (InputStream in = JsonCodecVectorsTest.class.getResourceAsStream("/vectors/" + path)) {
      assertThat(in).as("vector %s", path).isNotNull();
      return in.readAllBytes();
    }
  }

  @Test
  void parseStatement_conformanceStatementV1SlsaV1_isTyped() throws Exception {
    Statement s = codec.parseStatement(vector("sigstore-conformance/statement.json"));

    assertThat(s.type()).isEqualTo(Statement.TYPE_V1);
    assertThat(s.subject().get(0).digest().get(DigestAlgorithm.SHA256))
        .hasValue("a0cfc71271d6e278e57cd332ff957c3f7043fdda354c4cbb190a30d56efa01bf");
    SlsaProvenance p = (SlsaProvenance) s.predicate();
    assertThat(p.buildDefinition().buildType())
        .isEqualTo("https://actions.github.io/buildtypes/workflow/v1");
    assertThat(p.runDetails().builder().id())
        .isEqualTo(
            "https://github.com/loosebazooka/aa-test/.github/workflows/provenance.yaml@refs/heads/main");
    assertThat(p.buildDefinition().resolvedDependencies().get(0).digest().get(DigestAlgorithm.GIT_COMMIT))
        .hasValue("a9cd7bf0bbfd5732800b8196ce893ae9915b1e87");
    assertThat(p.runDetails().metadata().orElseThrow().invocationId())
        .hasValue("https://github.com/loosebazooka/aa-test/actions/runs/14115120610/attempts/1");
  }

  @Test
  void writeStatement_conformanceStatement_reproducesTheBytes() throws Exception {
    byte[] original = vector("sigstore-conformance/statement.json");
    String text = new String(original, java.nio.charset.StandardCharsets.UTF_8).strip();

    byte[] written = codec.writeStatement(codec.parseStatement(original));

    assertThat(new String(written, java.nio.charset.StandardCharsets.UTF_8)).isEqualTo(text);
  }

  @Test
  void parseStatement_sigstoreJsStatementV01_isGenericWithTypeRecorded() throws Exception {
    Statement s = codec.parseStatement(vector("sigstore-js/statement.json"));

    assertThat(s.type()).isEqualTo(Statement.TYPE_V01);
    assertThat(s.subject().get(0).name()).hasValue("pkg:npm/sigstore@1.0.0");
    assertThat(s.subject().get(0).digest().get(DigestAlgorithm.SHA512)).isPresent();
    GenericPredicate p = (GenericPredicate) s.predicate();
    assertThat(p.predicateType())
        .isEqualTo("https://github.com/npm/attestation/tree/main/specs/publish/v0.1");
    assertThat(p.body().members().keySet()).containsExactly("name", "version", "registry");
  }

  @Test
  void parseStatement_sigstoreGoSlsaV02Statement_isGenericAndKeptExactly() throws Exception {
    byte[] json = vector("sigstore-go/statement-provenance-sigstorejs1.3.0.json");

    Statement s = codec.parseStatement(json);

    assertThat(s.type()).isEqualTo(Statement.TYPE_V01);
    assertThat(s.predicateType()).isEqualTo(PredicateTypes.SLSA_PROVENANCE_V02);
    JsonObject original = (JsonObject) codec.parseObject(json).get("predicate").orElseThrow();
    assertThat(((GenericPredicate) s.predicate()).body()).isEqualTo(original);
    assertThat(codec.write(((GenericPredicate) s.predicate()).body())).isEqualTo(codec.write(original));
  }

  @Test
  void parseEnvelope_dsseSpecHelloWorld_decodes() throws Exception {
    Envelope e = codec.parseEnvelope(vector("dsse-spec/hello-world.envelope.json"));

    assertThat(e.payloadType()).isEqualTo("http://example.com/HelloWorld");
    assertThat(e.payload().asUtf8()).isEqualTo("hello world");
    assertThat(e.signatures()).hasSize(1);
    assertThat(e.signatures().get(0).keyid()).isEmpty();
    assertThat(e.signatures().get(0).sig().length()).isEqualTo(64);
  }

  @Test
  void parseJsonLines_slsaVerifierVsa_givesTypedVsa() throws Exception {
    EnvelopeLines lines = codec.parseJsonLines(vector("slsa-verifier/gke-gce-pre.bcid-vsa.jsonl"));

    assertThat(lines.skipped()).isEmpty();
    assertThat(lines.envelopes()).hasSize(1);
    Envelope e = lines.envelopes().get(0);
    assertThat(e.payloadType()).isEqualTo(PayloadTypes.IN_TOTO);
    assertThat(e.signatures().get(0).keyid()).isNotEmpty();
    Statement s = codec.parseStatement(e.payload().toByteArray());
    VerificationSummary v = (VerificationSummary) s.predicate();
    assertThat(v.verificationResult()).isEqualTo(VerificationSummary.PASSED);
    assertThat(v.timeVerified()).isPresent();
    assertThat(v.timeVerified().get()).isAfter(Instant.parse("2020-01-01T00:00:00Z"));
    assertThat(v.verifiedLevels()).isNotEmpty();
    assertThat(v.policy().uri()).isPresent();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "slsa-verifier/workflow-inputs.intoto.jsonl",
        "slsa-verifier/binary-linux-amd64-multi-subject-first.intoto.jsonl"
      })
  void parseJsonLines_slsaGeneratorV1Envelopes_haveV01StatementsWithV02Predicates(String path)
      throws Exception {
    EnvelopeLines lines = codec.parseJsonLines(vector(path));

    assertThat(lines.skipped()).isEmpty();
    assertThat(lines.envelopes()).hasSize(1);
    Envelope e = lines.envelopes().get(0);
    // The signature's extra "cert" member is not part of DSSE and is ignored.
    assertThat(e.signatures()).hasSize(1);
    Statement s = codec.parseStatement(e.payload().toByteArray());
    assertThat(s.type()).isEqualTo(Statement.TYPE_V01);
    assertThat(s.predicate()).isInstanceOf(GenericPredicate.class);
    assertThat(s.predicateType()).isEqualTo(PredicateTypes.SLSA_PROVENANCE_V02);
    assertThat(s.subject().size()).isGreaterThan(1);
  }

  @Test
  void parseStatement_legacyInTotoLinkInDsse_throwsUnsupportedFormat() throws Exception {
    Envelope e = codec.parseEnvelope(vector("in-toto-golang/clone-dsse.776a00e2.link"));

    MalformedInputException ex =
        catchThrowableOfType(
            MalformedInputException.class, () -> codec.parseStatement(e.payload().toByteArray()));

    assertThat(e.signatures().get(0).keyid()).startsWith("776a00e2");
    assertThat(ex.code()).isEqualTo(ErrorCode.UNSUPPORTED_FORMAT);
    assertThat(ex.location()).hasValue("/_type");
  }

  @Test
  void writeEnvelope_vectorEnvelope_roundTrips() throws Exception {
    Envelope e = codec.parseEnvelope(vector("in-toto-golang/clone-dsse.776a00e2.link"));

    assertThat(codec.parseEnvelope(codec.writeEnvelope(e))).isEqualTo(e);
  }
}
