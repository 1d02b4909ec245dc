package dev.provenance.core;

import static dev.provenance.core.testing.Failures.assertFails;
import static dev.provenance.core.testing.Signing.envelopeJson;
import static dev.provenance.core.testing.Signing.statementJson;
import static dev.provenance.core.testing.Statements.BUILDER;
import static dev.provenance.core.testing.Statements.SHA256_A;
import static dev.provenance.core.testing.Statements.SHA256_B;
import static dev.provenance.core.testing.Statements.sha256;
import static org.assertj.core.api.Assertions.assertThat;

import dev.provenance.api.ErrorCode;
import dev.provenance.api.Finding;
import dev.provenance.api.ProvenanceException;
import dev.provenance.api.VerificationException;
import dev.provenance.api.attestation.PredicateTypes;
import dev.provenance.api.attestation.ResourceDescriptor;
import dev.provenance.api.attestation.Statement;
import dev.provenance.api.attestation.VerifiedAttestation;
import dev.provenance.api.digest.DigestAlgorithm;
import dev.provenance.api.digest.DigestSet;
import dev.provenance.api.signing.SignerIdentity;
import dev.provenance.core.dsse.DsseVerifier;
import dev.provenance.core.json.JsonCodec;
import dev.provenance.core.policy.SlsaPolicy;
import dev.provenance.core.testing.Statements;
import dev.provenance.core.testing.TestKeys;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AttestationVerifierTest {
  private static final KeyPair KEY = TestKeys.p256("a");
  private static final KeyPair OTHER = TestKeys.p256("b");
  private static final String SLSA_PREDICATE =
      "{\"buildDefinition\":{\"buildType\":\"https://example.com/build/v1\",\"externalParameters\":{}},"
          + "\"runDetails\":{\"builder\":{\"id\":\""
          + BUILDER
          + "\"}}}";

  private static AttestationVerifier.Builder builder() {
    return AttestationVerifier.newBuilder().addVerifier(TestKeys.verifier(KEY.getPublic()));
  }

  private static AttestationVerifier verifier() throws VerificationException {
    return builder().build();
  }

  private static byte[] signedStatement(String subjectSha256) throws Exception {
    return envelopeJson(KEY, statementJson(subjectSha256, PredicateTypes.SLSA_PROVENANCE_V1, SLSA_PREDICATE));
  }

  @Test
  void verify_signedStatementForArtifact_returnsStatementAndMatchedSubject() throws Exception {
    Statement st = Statements.statement(Statements.provenance(BUILDER));
    byte[] json = AttestationSigner.of(TestKeys.signer(KEY)).signToJson(st);

    VerifiedAttestation v = verifier().verify(json, sha256(SHA256_A));

    assertThat(v.statement()).isEqualTo(st);
    assertThat(v.matchedSubjects()).containsExactlyElementsOf(st.subject());
    assertThat(v.envelope().signers())
        .containsExactly(SignerIdentity.ofKey(TestKeys.keyId(KEY.getPublic())));
  }

  @Test
  void verify_withoutArtifact_reportsEverySubject() throws Exception {
    VerifiedAttestation v = verifier().verify(signedStatement(SHA256_A));

    assertThat(v.matchedSubjects()).hasSize(1);
  }

  @Test
  void verify_signedByUntrustedKey_signatureInvalid() throws Exception {
    byte[] json =
        envelopeJson(OTHER, statementJson(SHA256_A, PredicateTypes.SLSA_PROVENANCE_V1, SLSA_PREDICATE));

    assertFails(() -> verifier().verify(json, sha256(SHA256_A)), ErrorCode.SIGNATURE_INVALID);
  }

  // H07 end to end: the statement is valid, the authenticated payload type is not allowed.
  @Test
  void verify_signedWithJsonPayloadType_unsupportedFormat() throws Exception {
    byte[] json =
        envelopeJson(
            KEY,
            "application/json",
            statementJson(SHA256_A, PredicateTypes.SLSA_PROVENANCE_V1, SLSA_PREDICATE)
                .getBytes(StandardCharsets.UTF_8));

    assertFails(() -> verifier().verify(json, sha256(SHA256_A)), ErrorCode.UNSUPPORTED_FORMAT);
  }

  // H09: no signatures, missing payload, empty payload without signatures, missing payloadType.
  @ParameterizedTest
  @ValueSource(
      strings = {
        "{\"payload\":\"e30=\",\"payloadType\":\"application/vnd.in-toto+json\",\"signatures\":[]}",
        "{\"payloadType\":\"application/vnd.in-toto+json\",\"signatures\":[{\"sig\":\"AAAA\"}]}",
        "{\"payload\":\"\",\"payloadType\":\"application/vnd.in-toto+json\",\"signatures\":[]}",
        "{\"payload\":\"e30=\",\"signatures\":[{\"sig\":\"AAAA\"}]}",
        "{\"payload\":\"e30=\",\"payloadType\":\"application/vnd.in-toto+json\"}",
        "{\"payload\":\"e30=\",\"payloadType\":\"application/vnd.in-toto+json\",\"signatures\":[{}]}"
      })
  void verify_envelopeWithoutSignaturesOrFields_malformedInput(String json) {
    assertFails(
        () -> verifier().verify(json.getBytes(StandardCharsets.UTF_8), sha256(SHA256_A)),
        ErrorCode.MALFORMED_INPUT);
  }

  // H11: URL-safe unpadded and standard padded encodings verify alike.
  @Test
  void verify_urlSafeUnpaddedEncoding_sameResultAsStandard() throws Exception {
    // A run of '?' (0x3F) ends some 3-byte group, whose last base64 digit is then '/'; spaces
    // inside the predicate make the length not a multiple of 3, so standard base64 is padded.
    byte[] payload = null;
    for (int k = 0; payload == null || payload.length % 3 == 0; k++) {
      String predicate = "{\"note\":\"??????\"" + " ".repeat(k) + "}";
      payload =
          statementJson(SHA256_A, "https://example.com/p", predicate).getBytes(StandardCharsets.UTF_8);
    }
    byte[] standard = envelopeJson(KEY, payload);
    String text = new String(standard, StandardCharsets.UTF_8);
    String payloadB64 = Base64.getEncoder().encodeToString(payload);
    assertThat(text).contains(payloadB64);
    assertThat(payloadB64).containsAnyOf("+", "/").endsWith("=");
    String url = urlSafe(text, payloadB64);
    String sig = extract(text, "\"sig\":\"");
    url = urlSafe(url, sig);

    VerifiedAttestation a = verifier().verify(standard, sha256(SHA256_A));
    VerifiedAttestation b = verifier().verify(url.getBytes(StandardCharsets.UTF_8), sha256(SHA256_A));

    assertThat(b).isEqualTo(a);
  }

  private static String urlSafe(String json, String b64) {
    String url = Base64.getUrlEncoder().withoutPadding().encodeToString(Base64.getDecoder().decode(b64));
    return json.replace(b64, url);
  }

  private static String extract(String json, String prefix) {
    int start = json.indexOf(prefix) + prefix.length();
    return json.substring(start, json.indexOf('"', start));
  }

  // H12: mixed alphabets, embedded line breaks or spaces, non-alphabet bytes in the signature.
  @ParameterizedTest
  @ValueSource(strings = {"MIXED", "NEWLINE", "SPACE", "BANG"})
  void verify_signatureBase64Lenient_malformedInput(String variant) throws Exception {
    String text = new String(signedStatement(SHA256_A), StandardCharsets.UTF_8);
    String sig = extract(text, "\"sig\":\"");
    String bad;
    switch (variant) {
      case "MIXED":
        bad = "+_" + sig.substring(2);
        break;
      case "NEWLINE":
        bad = sig.substring(0, 8) + "\\n" + sig.substring(8);
        break;
      case "SPACE":
        bad = sig.substring(0, 8) + " " + sig.substring(8);
        break;
      default:
        bad = sig.substring(0, 8) + "!" + sig.substring(9);
        break;
    }
    byte[] json = text.replace(sig, bad).getBytes(StandardCharsets.UTF_8);

    assertFails(() -> verifier().verify(json, sha256(SHA256_A)), ErrorCode.MALFORMED_INPUT);
  }

  // H14: duplicate "subject" keys inside a validly signed statement.
  @Test
  void verify_signedDuplicateSubjectKey_malformedInput() throws Exception {
    String dup =
        "{\"_type\":\"https://in-toto.io/Statement/v1\","
            + "\"subject\":[{\"digest\":{\"sha256\":\"" + SHA256_A + "\"}}],"
            + "\"subject\":[{\"digest\":{\"sha256\":\"" + SHA256_B + "\"}}],"
            + "\"predicateType\":\"https://example.com/p\",\"predicate\":{}}";

    assertFails(() -> verifier().verify(envelopeJson(KEY, dup), sha256(SHA256_A)), ErrorCode.MALFORMED_INPUT);
  }

  // H19: a UTF-8 byte order mark before the signed payload, and before the envelope JSON.
  @Test
  void verify_byteOrderMark_malformedInput() throws Exception {
    byte[] statement =
        statementJson(SHA256_A, PredicateTypes.SLSA_PROVENANCE_V1, SLSA_PREDICATE).getBytes(StandardCharsets.UTF_8);
    ByteArrayOutputStream bom = new ByteArrayOutputStream();
    bom.write(new byte[] {(byte) 0xef, (byte) 0xbb, (byte) 0xbf});
    bom.write(statement);
    byte[] signedWithBom = envelopeJson(KEY, bom.toByteArray());
    ByteArrayOutputStream envBom = new ByteArrayOutputStream();
    envBom.write(new byte[] {(byte) 0xef, (byte) 0xbb, (byte) 0xbf});
    envBom.write(signedStatement(SHA256_A));

    assertFails(() -> verifier().verify(signedWithBom, sha256(SHA256_A)), ErrorCode.MALFORMED_INPUT);
    assertFails(() -> verifier().verify(envBom.toByteArray(), sha256(SHA256_A)), ErrorCode.MALFORMED_INPUT);
  }

  // H20: invalid UTF-8 (C0 AF, an overlong '/') inside a string of the signed payload.
  @Test
  void verify_signedInvalidUtf8_malformedInput() throws Exception {
    byte[] st =
        statementJson(SHA256_A, "https://example.com/pXX", "{}").getBytes(StandardCharsets.UTF_8);
    String text = new String(st, StandardCharsets.ISO_8859_1);
    int at = text.indexOf("pXX") + 1;
    st[at] = (byte) 0xc0;
    st[at + 1] = (byte) 0xaf;

    assertFails(() -> verifier().verify(envelopeJson(KEY, st), sha256(SHA256_A)), ErrorCode.MALFORMED_INPUT);
  }

  // H21: unknown fields at the top level and inside the predicate are ignored.
  @Test
  void verify_unknownFields_accepted() throws Exception {
    String predicate = SLSA_PREDICATE.replaceFirst("\\{", "{\"vendor_extra\":{\"a\":[1,2]},");
    String st =
        statementJson(SHA256_A, PredicateTypes.SLSA_PROVENANCE_V1, predicate)
            .replaceFirst("\\{", "{\"x-ext\":{\"anything\":true},");

    VerifiedAttestation v = verifier().verify(envelopeJson(KEY, st), sha256(SHA256_A));

    assertThat(v.statement().predicateType()).isEqualTo(PredicateTypes.SLSA_PROVENANCE_V1);
  }

  // H22: a valid statement about artifact A verified against artifact B.
  @Test
  void verify_otherArtifact_bindingMismatch() throws Exception {
    ProvenanceException e =
        assertFails(() -> verifier().verify(signedStatement(SHA256_A), sha256(SHA256_B)), ErrorCode.BINDING_MISMATCH);

    assertThat(e.location()).contains("/subject");
  }

  // H23: no subjects, or a subject without digests: never a vacuous match.
  @ParameterizedTest
  @ValueSource(
      strings = {
        "{\"_type\":\"https://in-toto.io/Statement/v1\",\"subject\":[],\"predicateType\":\"https://example.com/p\",\"predicate\":{}}",
        "{\"_type\":\"https://in-toto.io/Statement/v1\",\"predicateType\":\"https://example.com/p\",\"predicate\":{}}",
        "{\"_type\":\"https://in-toto.io/Statement/v1\",\"subject\":[{\"name\":\"a\",\"digest\":{}}],\"predicateType\":\"https://example.com/p\",\"predicate\":{}}"
      })
  void verify_noUsableSubject_rejected(String st) throws Exception {
    byte[] json = envelopeJson(KEY, st);

    assertFails(() -> verifier().verify(json, sha256(SHA256_A)), ErrorCode.MALFORMED_INPUT);
  }

  // H24: only md5 and sha1 match the artifact; they are not acceptable.
  @Test
  void verify_onlyWeakDigestsMatch_bindingMismatch() throws Exception {
    String md5 = "d41d8cd98f00b204e9800998ecf8427e";
    String sha1 = "da39a3ee5e6b4b0d3255bfef95601890afd80709";
    String st =
        "{\"_type\":\"https://in-toto.io/Statement/v1\",\"subject\":[{\"digest\":{\"md5\":\""
            + md5 + "\",\"sha1\":\"" + sha1 + "\"}}],\"predicateType\":\"https://example.com/p\",\"predicate\":{}}";
    DigestSet artifact =
        DigestSet.of(Map.of(DigestAlgorithm.MD5, md5, DigestAlgorithm.SHA1, sha1, DigestAlgorithm.SHA256, SHA256_A));

    assertFails(() -> verifier().verify(envelopeJson(KEY, st), artifact), ErrorCode.BINDING_MISMATCH);
  }

  // H26: a decoy subject first, the genuine artifact second.
  @Test
  void verify_genuineSubjectSecond_accepted() throws Exception {
    String st =
        "{\"_type\":\"https://in-toto.io/Statement/v1\",\"subject\":["
            + "{\"name\":\"decoy\",\"digest\":{\"sha256\":\"" + SHA256_B + "\"}},"
            + "{\"name\":\"genuine\",\"digest\":{\"sha256\":\"" + SHA256_A + "\"}}],"
            + "\"predicateType\":\"https://example.com/p\",\"predicate\":{}}";

    VerifiedAttestation v = verifier().verify(envelopeJson(KEY, st), sha256(SHA256_A));

    assertThat(v.matchedSubjects()).extracting(ResourceDescriptor::name).containsExactly(Optional.of("genuine"));
  }

  // H27: legacy, versioned, missing or trailing-slash _type.
  @ParameterizedTest
  @ValueSource(
      strings = {
        "https://in-toto.io/Statement/v0.1",
        "https://in-toto.io/Statement/v1.0",
        "https://in-toto.io/Statement/v1/",
        "MISSING"
      })
  void verify_statementTypeNotV1_unsupportedFormat(String type) throws Exception {
    String st = statementJson(SHA256_A, "https://example.com/p", "{}");
    st =
        type.equals("MISSING")
            ? st.replace("\"_type\":\"https://in-toto.io/Statement/v1\",", "")
            : st.replace("https://in-toto.io/Statement/v1", type);
    byte[] json = envelopeJson(KEY, st);

    assertFails(() -> verifier().verify(json, sha256(SHA256_A)), ErrorCode.UNSUPPORTED_FORMAT);
  }

  @Test
  void verify_legacyTypeWhenEnabled_accepted() throws Exception {
    String st =
        statementJson(SHA256_A, "https://example.com/p", "{}")
            .replace("https://in-toto.io/Statement/v1", Statement.TYPE_V01);

    VerifiedAttestation v =
        builder().acceptLegacyStatementType(true).build().verify(envelopeJson(KEY, st), sha256(SHA256_A));

    assertThat(v.statement().type()).isEqualTo(Statement.TYPE_V01);
  }

  // H28: validly signed attestations of other predicate types never satisfy a required type.
  @Test
  void verifyBundle_noAttestationOfRequiredType_policyMismatch() throws Exception {
    ByteArrayOutputStream bundle = new ByteArrayOutputStream();
    for (String type :
        List.of(
            "https://in-toto.io/attestation/vulns/v0.2", PredicateTypes.SPDX, "https://example.com/custom/v1")) {
      bundle.write(envelopeJson(KEY, statementJson(SHA256_A, type, "{}")));
      bundle.write('\n');
    }
    AttestationVerifier v = builder().requirePredicateType(PredicateTypes.SLSA_PROVENANCE_V1).build();

    VerificationException e =
        (VerificationException)
            assertFails(() -> v.verifyBundle(bundle.toByteArray(), sha256(SHA256_A)), ErrorCode.POLICY_MISMATCH);
    assertThat(e.findings())
        .extracting(Finding::location)
        .containsExactly("line[1]/predicateType", "line[2]/predicateType", "line[3]/predicateType");
  }

  // H29: valid signature over a payload that is not JSON, a string predicate, or a v1 predicate
  // that fails the SLSA schema.
  @ParameterizedTest
  @ValueSource(strings = {"NOT_JSON", "STRING_PREDICATE", "NO_BUILD_TYPE"})
  void verify_signedButInvalidStatement_malformedInput(String variant) throws Exception {
    String payload;
    switch (variant) {
      case "NOT_JSON":
        payload = "this is not JSON";
        break;
      case "STRING_PREDICATE":
        payload = statementJson(SHA256_A, PredicateTypes.SLSA_PROVENANCE_V1, "\"provenance\"");
        break;
      default:
        payload =
            statementJson(
                SHA256_A,
                PredicateTypes.SLSA_PROVENANCE_V1,
                SLSA_PREDICATE.replace("\"buildType\":\"https://example.com/build/v1\",", ""));
        break;
    }
    byte[] json = envelopeJson(KEY, payload);

    assertFails(() -> verifier().verify(json, sha256(SHA256_A)), ErrorCode.MALFORMED_INPUT);
  }

  // H31 end to end: a look-alike builder id.
  @Test
  void verify_lookalikeBuilderId_policyMismatch() throws Exception {
    AttestationVerifier v =
        builder().policy(SlsaPolicy.newBuilder().requireBuilderId(BUILDER + "/").build()).build();

    ProvenanceException e = assertFails(() -> v.verify(signedStatement(SHA256_A), sha256(SHA256_A)), ErrorCode.POLICY_MISMATCH);
    assertThat(e.location()).contains("/predicate/runDetails/builder/id");
  }

  @Test
  void verify_exactBuilderId_accepted() throws Exception {
    AttestationVerifier v =
        builder().policy(SlsaPolicy.newBuilder().requireBuilderId(BUILDER).build()).build();

    assertThat(v.verify(signedStatement(SHA256_A), sha256(SHA256_A)).statement().predicateType())
        .isEqualTo(PredicateTypes.SLSA_PROVENANCE_V1);
  }

  @Test
  void verify_severalPolicyFindings_allReported() throws Exception {
    AttestationVerifier v =
        builder()
            .policy(SlsaPolicy.newBuilder().requireBuilderId("https://other/builder").build())
            .policy((a, c) -> List.of(Finding.of(ErrorCode.POLICY_MISMATCH, "/x", "custom rule")))
            .build();

    VerificationException e =
        (VerificationException)
            assertFails(() -> v.verify(signedStatement(SHA256_A), sha256(SHA256_A)), ErrorCode.POLICY_MISMATCH);
    assertThat(e.findings()).hasSize(2);
  }

  // H33: no provenance at all.
  @ParameterizedTest
  @ValueSource(strings = {"", "\n", "  \n\r\n"})
  void verifyBundle_noEnvelope_policyMismatch(String bundle) {
    assertFails(
        () -> verifier().verifyBundle(bundle.getBytes(StandardCharsets.UTF_8), sha256(SHA256_A)),
        ErrorCode.POLICY_MISMATCH);
  }

  // H34: SLSA v0.2 given to a v1 policy; v1 without buildType is malformed (H29 above).
  @Test
  void verify_slsaV02WithSlsaPolicy_unsupportedFormat() throws Exception {
    byte[] json =
        envelopeJson(
            KEY, statementJson(SHA256_A, PredicateTypes.SLSA_PROVENANCE_V02, "{\"builder\":{\"id\":\"" + BUILDER + "\"}}"));
    AttestationVerifier v =
        builder().policy(SlsaPolicy.newBuilder().requireBuilderId(BUILDER).build()).build();

    assertFails(() -> v.verify(json, sha256(SHA256_A)), ErrorCode.UNSUPPORTED_FORMAT);
  }

  @Test
  void verifyBundle_everyLineVerifies_returnsEach() throws Exception {
    byte[] line = signedStatement(SHA256_A);
    byte[] bundle = concat(line, "\r\n\n".getBytes(StandardCharsets.UTF_8), line);

    assertThat(verifier().verifyBundle(bundle, sha256(SHA256_A))).hasSize(2);
  }

  @Test
  void verifyBundle_oneLineFails_reportsItsLine() throws Exception {
    byte[] good = signedStatement(SHA256_A);
    byte[] other = signedStatement(SHA256_B);
    byte[] bundle = concat(good, "\n".getBytes(StandardCharsets.UTF_8), other, "\n".getBytes(StandardCharsets.UTF_8));

    ProvenanceException e =
        assertFails(() -> verifier().verifyBundle(bundle, sha256(SHA256_A)), ErrorCode.BINDING_MISMATCH);
    assertThat(e.location()).contains("line[2]/subject");
  }

  private static byte[] concat(byte[]... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] p : parts) {
      out.writeBytes(p);
    }
    return out.toByteArray();
  }

  @Test
  void build_dsseAndKeyOptions_configurationError() throws Exception {
    DsseVerifier d = DsseVerifier.newBuilder().addVerifier(TestKeys.verifier(KEY.getPublic())).build();

    assertFails(
        () -> AttestationVerifier.newBuilder().dsse(d).addVerifier(TestKeys.verifier(OTHER.getPublic())).build(),
        ErrorCode.CONFIGURATION_ERROR);
    assertFails(() -> AttestationVerifier.newBuilder().build(), ErrorCode.CONFIGURATION_ERROR);
  }

  @Test
  void verify_preparedDsseVerifier_used() throws Exception {
    DsseVerifier d = DsseVerifier.newBuilder().addVerifier(TestKeys.verifier(KEY.getPublic())).build();

    assertThat(AttestationVerifier.newBuilder().dsse(d).build().verify(signedStatement(SHA256_A), sha256(SHA256_A)))
        .isNotNull();
  }

  // H87: one verifier shared by 64 threads over valid and invalid inputs gives the single-thread
  // verdicts.
  @Test
  void verify_64ThreadsShareOneVerifier_sameVerdictsAsSingleThread() throws Exception {
    AttestationVerifier v =
        builder().policy(SlsaPolicy.newBuilder().requireBuilderId(BUILDER).build()).build();
    List<byte[]> inputs =
        List.of(
            signedStatement(SHA256_A),
            signedStatement(SHA256_B),
            envelopeJson(OTHER, statementJson(SHA256_A, PredicateTypes.SLSA_PROVENANCE_V1, SLSA_PREDICATE)),
            envelopeJson(KEY, "not json"),
            "{\"payload\":".getBytes(StandardCharsets.UTF_8),
            envelopeJson(KEY, "application/json", statementJson(SHA256_A, "https://example.com/p", "{}").getBytes(StandardCharsets.UTF_8)));
    List<String> expected = new ArrayList<>();
    for (byte[] in : inputs) {
      expected.add(verdict(v, in));
    }
    assertThat(expected)
        .containsExactly(
            "OK",
            "BINDING_MISMATCH",
            "SIGNATURE_INVALID",
            "MALFORMED_INPUT",
            "MALFORMED_INPUT",
            "UNSUPPORTED_FORMAT");

    ExecutorService pool = Executors.newFixedThreadPool(64);
    try {
      List<Callable<Boolean>> tasks = new ArrayList<>();
      for (int t = 0; t < 64; t++) {
        int offset = t;
        tasks.add(
            () -> {
              for (int round = 0; round < 12; round++) {
                int i = (offset + round) % inputs.size();
                if (!verdict(v, inputs.get(i)).equals(expected.get(i))) {
                  return false;
                }
              }
              return true;
            });
      }
      for (Future<Boolean> f : pool.invokeAll(tasks)) {
        assertThat(f.get()).isTrue();
      }
    } finally {
      pool.shutdownNow();
    }
  }

  private static String verdict(AttestationVerifier v, byte[] input) {
    try {
      v.verify(input, sha256(SHA256_A));
      return "OK";
    } catch (VerificationException e) {
      return e.code().name();
    }
  }

  @Test
  void verify_everyProperPrefixOfEnvelope_malformedInput() throws Exception {
    byte[] json = signedStatement(SHA256_A);
    AttestationVerifier v = verifier();

    for (int n = 0; n < json.length; n++) {
      byte[] prefix = java.util.Arrays.copyOf(json, n);
      assertFails(() -> v.verify(prefix, sha256(SHA256_A)), ErrorCode.MALFORMED_INPUT);
    }
  }

  @Test
  void sign_thenJsonCodecParse_payloadIsCanonicalStatement() throws Exception {
    Statement st = Statements.statement(Statements.provenance(BUILDER));
    byte[] json = AttestationSigner.of(TestKeys.signer(KEY)).signToJson(st);

    assertThat(JsonCodec.standard().parseStatement(JsonCodec.standard().parseEnvelope(json).payload().toByteArray()))
        .isEqualTo(st);
  }
}
