package dev.provenance.sigstore.slsa;

import dev.provenance.api.Bytes;
import dev.provenance.api.dsse.Envelope;
import dev.provenance.api.dsse.PayloadTypes;
import dev.provenance.api.json.JsonArray;
import dev.provenance.api.json.JsonObject;
import dev.provenance.api.json.JsonValue;
import dev.provenance.core.dsse.DsseSigner;
import dev.provenance.core.internal.crypto.Pem;
import dev.provenance.core.json.JsonCodec;
import dev.provenance.core.keys.JcaKeys;
import dev.provenance.sigstore.testing.TestPki;
import dev.provenance.sigstore.trust.CertificateAuthorityInfo;
import dev.provenance.sigstore.trust.TransparencyLogInfo;
import dev.provenance.sigstore.trust.TrustedRoot;
import dev.provenance.sigstore.trust.ValidityPeriod;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Legacy slsa-github-generator envelopes over any statement bytes, really signed by a Fulcio-like
 * test PKI whose authority and CT log form a test trusted root. Hostile statements therefore carry
 * a valid signature, so the checks after the signature are what rejects them.
 */
final class LegacyFixture {
  static final String WORKFLOWS =
      "https://github.com/slsa-framework/slsa-github-generator/.github/workflows/";
  static final String GENERIC = WORKFLOWS + "generator_generic_slsa3.yml";
  static final String REPO = "org/app";
  static final String DIGEST = "1".repeat(64);

  final TestPki pki = TestPki.create();
  final TestPki.TestLog log = TestPki.TestLog.create();

  /** The trusted root: the test authority and the test CT log, no transparency log. */
  TrustedRoot root() {
    try {
      ValidityPeriod always = ValidityPeriod.from(TestPki.NOW.minus(Duration.ofDays(3650)));
      return new TrustedRoot(
          TrustedRoot.MEDIA_TYPE_V0_1,
          List.of(),
          List.of(
              new CertificateAuthorityInfo(
                  Optional.of("provenance.test"),
                  Optional.of("test-intermediate"),
                  "https://fulcio.test",
                  List.of(Bytes.of(pki.intermediate.getEncoded()), Bytes.of(pki.root.getEncoded())),
                  always,
                  Optional.empty())),
          List.of(
              new TransparencyLogInfo(
                  "https://ct.test",
                  "SHA2_256",
                  Bytes.of(log.key().getPublic().getEncoded()),
                  "PKIX_ECDSA_P256_SHA_256",
                  always,
                  Bytes.of(log.logId()),
                  Optional.empty(),
                  Optional.empty())),
          List.of());
    } catch (java.security.cert.CertificateEncodingException e) {
      throw new IllegalStateException(e);
    }
  }

  SlsaVerifier verifier() throws Exception {
    return SlsaVerifier.newBuilder().trustedRoot(root()).acceptLegacyEnvelopes(true).build();
  }

  /** A GitHub Actions leaf for a workflow and source repository, with an SCT from the test log. */
  TestPki.LeafBuilder leaf(String workflow, String repository) {
    return pki.leaf()
        .uri(workflow)
        .rawExtension("1.3.6.1.4.1.57264.1.5", repository.getBytes(StandardCharsets.UTF_8))
        .utf8Extension("1.3.6.1.4.1.57264.1.12", "https://github.com/" + repository)
        .sct(TestPki.SctSpec.of(log));
  }

  /** An envelope over the statement, signed by the leaf's key, with the leaf embedded. */
  static byte[] envelope(TestPki.LeafBuilder leaf, byte[] statement) throws Exception {
    KeyPair key = leaf.keyPair();
    X509Certificate cert = leaf.build();
    Envelope env =
        DsseSigner.of(JcaKeys.signer(key.getPrivate(), key.getPublic()))
            .sign(PayloadTypes.IN_TOTO, statement);
    return withCertificate(JsonCodec.standard().writeEnvelope(env), cert);
  }

  /** Adds {@code cert} (PEM) to the first signature of an envelope's JSON. */
  static byte[] withCertificate(byte[] envelopeJson, X509Certificate cert) throws Exception {
    JsonCodec codec = JsonCodec.standard();
    JsonObject env = codec.parseObject(envelopeJson);
    List<JsonValue> signatures =
        new ArrayList<>(((JsonArray) env.get("signatures").orElseThrow()).elements());
    JsonObject.Builder first = JsonObject.newBuilder();
    ((JsonObject) signatures.get(0)).members().forEach(first::put);
    first.put("cert", Pem.encode("CERTIFICATE", cert.getEncoded()));
    signatures.set(0, first.build());
    JsonObject.Builder out = JsonObject.newBuilder();
    env.members()
        .forEach((k, v) -> out.put(k, k.equals("signatures") ? new JsonArray(signatures) : v));
    return codec.write(out.build());
  }

  /**
   * A SLSA v0.2 statement as slsa-github-generator writes it, for a push of {@code ref}.
   *
   * @param builderId the predicate's builder id
   * @param repository {@code org/repo}
   * @param ref the pushed ref, {@code refs/tags/...} or {@code refs/heads/...}
   */
  static String statementV02(String builderId, String repository, String ref) {
    String source = "git+https://github.com/" + repository + "@" + ref;
    String refType = ref.startsWith("refs/tags/") ? "tag" : "branch";
    return "{\"_type\":\"https://in-toto.io/Statement/v0.1\","
        + "\"predicateType\":\"https://slsa.dev/provenance/v0.2\","
        + "\"subject\":[{\"name\":\"app\",\"digest\":{\"sha256\":\""
        + DIGEST
        + "\"}}],"
        + "\"predicate\":{\"builder\":{\"id\":\""
        + builderId
        + "\"},"
        + "\"buildType\":\"https://github.com/slsa-framework/slsa-github-generator/generic@v1\","
        + "\"invocation\":{\"configSource\":{\"uri\":\""
        + source
        + "\","
        + "\"digest\":{\"sha1\":\""
        + "a".repeat(40)
        + "\"},\"entryPoint\":\".github/workflows/release.yml\"},"
        + "\"environment\":{\"github_event_name\":\"push\",\"github_ref\":\""
        + ref
        + "\","
        + "\"github_ref_type\":\""
        + refType
        + "\",\"github_base_ref\":\"\","
        + "\"github_event_payload\":{\"base_ref\":\"refs/heads/main\",\"inputs\":null}}},"
        + "\"materials\":[{\"uri\":\""
        + source
        + "\",\"digest\":{\"sha1\":\""
        + "a".repeat(40)
        + "\"}}]}}";
  }

  /** A SLSA v1 statement with this build definition (JSON) and builder id. */
  static String statementV1(String builderId, String buildDefinition) {
    return "{\"_type\":\"https://in-toto.io/Statement/v1\","
        + "\"predicateType\":\"https://slsa.dev/provenance/v1\","
        + "\"subject\":[{\"name\":\"app\",\"digest\":{\"sha256\":\""
        + DIGEST
        + "\"}}],"
        + "\"predicate\":{\"buildDefinition\":"
        + buildDefinition
        + ","
        + "\"runDetails\":{\"builder\":{\"id\":\""
        + builderId
        + "\"}}}}";
  }

  static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
