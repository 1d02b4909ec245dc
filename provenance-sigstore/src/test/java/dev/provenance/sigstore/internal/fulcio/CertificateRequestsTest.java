package dev.provenance.sigstore.internal.fulcio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.provenance.api.Bytes;
import dev.provenance.api.ErrorCode;
import dev.provenance.api.SigningException;
import dev.provenance.api.json.JsonObject;
import dev.provenance.api.json.JsonString;
import dev.provenance.core.json.JsonCodec;
import dev.provenance.core.keys.PemKeys;
import dev.provenance.sigstore.testing.TestCa;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CertificateRequestsTest {
  private final EphemeralKey key = EphemeralKey.generate(new SecureRandom());

  private static String str(JsonObject o, String... path) {
    JsonObject cur = o;
    for (int i = 0; i < path.length - 1; i++) {
      cur = (JsonObject) cur.get(path[i]).orElseThrow();
    }
    return ((JsonString) cur.get(path[path.length - 1]).orElseThrow()).value();
  }

  @Test
  void publicKeyRequest_carriesTokenKeyAndProofOverChallenge() throws Exception {
    byte[] body = CertificateRequests.publicKeyRequest("tok.en.x", key, "repo:acme/app");

    JsonObject json = JsonCodec.standard().parseObject(body);
    assertThat(str(json, "credentials", "oidcIdentityToken")).isEqualTo("tok.en.x");
    assertThat(str(json, "publicKeyRequest", "publicKey", "algorithm")).isEqualTo("ECDSA");
    String pem = str(json, "publicKeyRequest", "publicKey", "content");
    assertThat(PemKeys.keyId(pem)).isEqualTo(key.keyId());
    byte[] proof = Base64.getDecoder().decode(str(json, "publicKeyRequest", "proofOfPossession"));
    assertThatCode(
            () -> PemKeys.verifier(pem).verify("repo:acme/app".getBytes(StandardCharsets.UTF_8), proof))
        .doesNotThrowAnyException();
  }

  private static String answer(String member, List<String> pems) {
    String certs =
        pems.stream().map(CertificateRequestsTest::quote)
            .collect(Collectors.joining(","));
    return "{\"" + member + "\":{\"chain\":{\"certificates\":[" + certs + "]}}}";
  }

  private static String quote(String s) {
    return new String(JsonCodec.standard().write(new JsonString(s)), StandardCharsets.UTF_8);
  }

  @ParameterizedTest
  @ValueSource(strings = {"signedCertificateEmbeddedSct", "signedCertificateDetachedSct"})
  void readChain_chainForTheKey_returnsDerLeafFirst(String member) throws Exception {
    TestCa ca = new TestCa();
    byte[] leaf = ca.issue(key.subjectPublicKeyInfo());
    byte[] other = ca.issue(TestCa.ecKeyPair().getPublic());

    List<Bytes> chain =
        CertificateRequests.readChain(
            answer(member, List.of(TestCa.pem(leaf), TestCa.pem(other)))
                .getBytes(StandardCharsets.UTF_8),
            key.keyId());

    assertThat(chain).containsExactly(Bytes.of(leaf), Bytes.of(other));
  }

  @Test
  void readChain_leafForAnotherKey_throwsBindingMismatch() throws Exception {
    byte[] leaf = new TestCa().issue(TestCa.ecKeyPair().getPublic());

    SigningException e =
        catchThrowableOfType(
            SigningException.class,
            () -> CertificateRequests.readChain(
                answer("signedCertificateEmbeddedSct", List.of(TestCa.pem(leaf)))
                    .getBytes(StandardCharsets.UTF_8),
                key.keyId()));

    assertThat(e.code()).isEqualTo(ErrorCode.BINDING_MISMATCH);
    assertThat(e.location()).contains("/signedCertificateEmbeddedSct/chain/certificates/0");
  }

  @Test
  void readChain_tooManyCertificates_throwsResourceLimitExceeded() throws Exception {
    String pem = TestCa.pem(new TestCa().issue(key.subjectPublicKeyInfo()));
    List<String> many =
        IntStream.range(0, CertificateRequests.MAX_CERTIFICATES + 1).mapToObj(i -> pem)
            .collect(Collectors.toList());

    SigningException e =
        catchThrowableOfType(
            SigningException.class,
            () -> CertificateRequests.readChain(
                answer("signedCertificateEmbeddedSct", many).getBytes(StandardCharsets.UTF_8),
                key.keyId()));

    assertThat(e.code()).isEqualTo(ErrorCode.RESOURCE_LIMIT_EXCEEDED);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "{}",
        "[]",
        "not json",
        "{\"signedCertificateEmbeddedSct\":{},\"signedCertificateDetachedSct\":{}}",
        "{\"signedCertificateEmbeddedSct\":7}",
        "{\"signedCertificateEmbeddedSct\":{\"chain\":{}}}",
        "{\"signedCertificateEmbeddedSct\":{\"chain\":{\"certificates\":[]}}}",
        "{\"signedCertificateEmbeddedSct\":{\"chain\":{\"certificates\":[7]}}}",
        "{\"signedCertificateEmbeddedSct\":{\"chain\":{\"certificates\":[\"not pem\"]}}}",
        "{\"signedCertificateEmbeddedSct\":{\"chain\":{\"certificates\":"
            + "[\"-----BEGIN PUBLIC KEY-----\\nAAAA\\n-----END PUBLIC KEY-----\\n\"]}}}",
        "{\"signedCertificateEmbeddedSct\":{\"chain\":{\"certificates\":"
            + "[\"-----BEGIN CERTIFICATE-----\\nMAMCAQA=\\n-----END CERTIFICATE-----\\n\"]}}}"
      })
  void readChain_notAChain_throwsMalformedInput(String json) {
    SigningException e =
        catchThrowableOfType(
            SigningException.class,
            () -> CertificateRequests.readChain(json.getBytes(StandardCharsets.UTF_8), key.keyId()));

    assertThat(e.code()).isEqualTo(ErrorCode.MALFORMED_INPUT);
  }
}
