package dev.provenance.examples.cli.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.provenance.api.attestation.Statement;
import dev.provenance.api.json.JsonArray;
import dev.provenance.api.json.JsonObject;
import dev.provenance.api.json.JsonString;
import dev.provenance.api.signing.SignatureAlgorithm;
import dev.provenance.api.slsa.SlsaProvenance;
import dev.provenance.core.json.JsonCodec;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code attest} and {@code verify} end to end, through the shaded jar. */
class AttestVerifyIT {
  private static final String BUILDER = "https://ci.example.com/builders/release@v2";
  private static final String BUILD_TYPE = "https://provenance.dev/buildtypes/maven/v1";
  private static final String COMMIT = "0123456789abcdef0123456789abcdef01234567";
  private static final String SOURCE = "git+https://github.com/org/app@refs/heads/main";
  private static final String TEST_TYPE = "https://example.com/test-result/v1";

  @TempDir Path dir;
  private Cli cli;

  @BeforeEach
  void keysAndFiles() throws Exception {
    cli = new Cli(dir);
    Keys keys = Keys.generate(SignatureAlgorithm.ECDSA_P256_SHA256);
    cli.file("k.key.pem", keys.privatePem());
    cli.file("k.pub.pem", keys.publicPem());
    cli.file("other.pub.pem", Keys.generate(SignatureAlgorithm.ED25519).publicPem());
    cli.file("app.jar", "the artifact\n");
    cli.file("other.jar", "another artifact\n");
    cli.file("result.json", "{\"result\":\"PASSED\",\"tests\":42}");
  }

  private Cli.Result attestSlsa(String out) {
    return cli.run(
        "attest", "--key", "k.key.pem", "--subject", "app.jar",
        "--builder-id", BUILDER, "--build-type", BUILD_TYPE,
        "--external-parameter", "goals=clean deploy",
        "--resolved-dependency", SOURCE + "=gitCommit:" + COMMIT,
        "--invocation-id", "run-1", "--started-on", "2026-01-01T10:00:00Z",
        "--out", out);
  }

  private static JsonObject first(JsonObject result, String member) {
    return (JsonObject) ((JsonArray) result.get(member).orElseThrow()).elements().get(0);
  }

  private static JsonObject finding(Cli.Result r) {
    return first(r.json(), "findings");
  }

  @Test
  void attestSlsa_verifyWithPolicy_exits0AndReturnsStatement() throws Exception {
    attestSlsa("att.json").exits(0);

    Statement statement =
        JsonCodec.standard()
            .parseStatement(
                JsonCodec.standard().parseEnvelope(Files.readAllBytes(dir.resolve("att.json"))).payload().toByteArray());
    SlsaProvenance slsa = (SlsaProvenance) statement.predicate();
    assertThat(slsa.runDetails().builder().id()).isEqualTo(BUILDER);
    assertThat(slsa.buildDefinition().resolvedDependencies().get(0).uri()).contains(SOURCE);
    assertThat(statement.subject().get(0).name()).contains("app.jar");

    Cli.Result r =
        cli.run(
                "verify", "--attestation", "att.json", "--key", "k.pub.pem", "--artifact", "app.jar",
                "--builder-id", BUILDER, "--source-uri", "github.com/org/app",
                "--predicate-type", "https://slsa.dev/provenance/v1", "--format", "json")
            .exits(0);
    JsonObject attestation = first(r.json(), "attestations");
    assertThat(attestation.get("predicateType")).contains(new JsonString("https://slsa.dev/provenance/v1"));
    assertThat(((JsonObject) attestation.get("statement").orElseThrow()).get("_type"))
        .contains(new JsonString(Statement.TYPE_V1));
  }

  @Test
  void verify_policyAndBindingFailures_exit1WithCodeAndLocation() {
    attestSlsa("att.json").exits(0);
    Cli.Result wrongBuilder =
        cli.run("verify", "--attestation", "att.json", "--key", "k.pub.pem", "--builder-id", BUILDER + "x", "--format", "json")
            .exits(1);
    assertThat(wrongBuilder.err()).startsWith("error: POLICY_MISMATCH at /predicate/runDetails/builder/id (att.json)");
    assertThat(finding(wrongBuilder).get("code")).contains(new JsonString("POLICY_MISMATCH"));

    Cli.Result wrongSource =
        cli.run("verify", "--attestation", "att.json", "--key", "k.pub.pem", "--builder-id", BUILDER, "--source-uri", "github.com/org/evil")
            .exits(1);
    assertThat(wrongSource.err()).startsWith("error: POLICY_MISMATCH");

    Cli.Result wrongArtifact =
        cli.run("verify", "--attestation", "att.json", "--key", "k.pub.pem", "--artifact", "other.jar").exits(1);
    assertThat(wrongArtifact.err()).startsWith("error: BINDING_MISMATCH at /subject (att.json)");

    Cli.Result wrongType =
        cli.run("verify", "--attestation", "att.json", "--key", "k.pub.pem", "--predicate-type", TEST_TYPE).exits(1);
    assertThat(wrongType.err()).startsWith("error: POLICY_MISMATCH at /predicateType");

    Cli.Result wrongKey =
        cli.run("verify", "--attestation", "att.json", "--key", "other.pub.pem").exits(1);
    assertThat(wrongKey.err()).startsWith("error: SIGNATURE_INVALID at /signatures (att.json)");
  }

  @Test
  void verify_digestOption_bindsLikeArtifact() throws Exception {
    attestSlsa("att.json").exits(0);
    String sha256 =
        java.util.HexFormat.of()
            .formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(dir.resolve("app.jar"))));
    cli.run("verify", "--attestation", "att.json", "--key", "k.pub.pem", "--digest", "sha256:" + sha256).exits(0);
    cli.run("verify", "--attestation", "att.json", "--key", "k.pub.pem", "--digest", "sha256:" + "0".repeat(64)).exits(1);
    cli.run("verify", "--attestation", "att.json", "--key", "k.pub.pem", "--digest", "sha256:xyz").exits(2);
    cli.run("verify", "--attestation", "att.json", "--key", "k.pub.pem", "--digest", "md5:" + "0".repeat(32)).exits(2);
    cli.run("verify", "--attestation", "att.json", "--key", "k.pub.pem", "--digest", "sha256").exits(2);
  }

  @Test
  void jsonl_everyLineVerifies_exits0_oneBadLine_exits1() throws Exception {
    cli.run("attest", "--key", "k.key.pem", "--subject", "app.jar", "--predicate-type", TEST_TYPE, "--predicate", "result.json", "--out", "b.intoto.jsonl").exits(0);
    attestSlsa("b.intoto.jsonl").exits(0);
    List<String> lines = Files.readAllLines(dir.resolve("b.intoto.jsonl"), StandardCharsets.UTF_8);
    assertThat(lines).hasSize(2);

    Cli.Result ok =
        cli.run("verify", "--attestation", "b.intoto.jsonl", "--key", "k.pub.pem", "--artifact", "app.jar", "--format", "json").exits(0);
    assertThat(((JsonArray) ok.json().get("attestations").orElseThrow()).elements()).hasSize(2);

    // Line 2 keeps its signature but its payload changes: that line fails, the bundle fails.
    List<String> tampered = new ArrayList<>(lines);
    tampered.set(1, lines.get(1).replace(payloadOf(lines.get(1)), Base64.getEncoder().encodeToString("{}".getBytes(StandardCharsets.UTF_8))));
    Files.write(dir.resolve("bad.intoto.jsonl"), tampered, StandardCharsets.UTF_8);
    Cli.Result bad =
        cli.run("verify", "--attestation", "bad.intoto.jsonl", "--key", "k.pub.pem", "--artifact", "app.jar", "--format", "json").exits(1);
    assertThat(bad.err()).startsWith("error: SIGNATURE_INVALID at line[2]/signatures (bad.intoto.jsonl)");
    assertThat(finding(bad).get("location")).contains(new JsonString("line[2]/signatures"));
    assertThat(finding(bad).get("source")).contains(new JsonString("bad.intoto.jsonl"));

    // A line that is not JSON at all also fails the bundle.
    Files.writeString(dir.resolve("junk.intoto.jsonl"), lines.get(0) + "\n{not json\n");
    Cli.Result junk = cli.run("verify", "--attestation", "junk.intoto.jsonl", "--key", "k.pub.pem").exits(1);
    assertThat(junk.err()).startsWith("error: MALFORMED_INPUT at line[2]");
  }

  private static String payloadOf(String envelopeLine) throws Exception {
    return JsonCodec.standard().parseEnvelope(envelopeLine.getBytes(StandardCharsets.UTF_8)).payload().toBase64();
  }

  @Test
  void attestGenericPredicate_rsaKey_roundTrips() throws Exception {
    Keys rsa = Keys.generate(SignatureAlgorithm.RSA_PSS_SHA256);
    cli.file("rsa.key.pem", rsa.privatePem());
    cli.file("rsa.pub.pem", rsa.publicPem());
    cli.run("attest", "--key", "rsa.key.pem", "--subject", "app.jar", "--predicate-type", TEST_TYPE, "--predicate", "result.json", "--out", "t.json").exits(1);
    cli.run("attest", "--key", "rsa.key.pem", "--key-algorithm", "rsa-pss-sha256", "--subject", "app.jar", "other.jar", "--predicate-type", TEST_TYPE, "--predicate", "result.json", "--out", "t.json", "--format", "json")
        .exits(0);
    Cli.Result r =
        cli.run("verify", "--attestation", "t.json", "--key", "rsa.pub.pem", "--key-algorithm", "rsa-pss-sha256", "--artifact", "other.jar", "--predicate-type", TEST_TYPE)
            .exits(0);
    assertThat(r.out()).contains("subject: other.jar");
  }

  @Test
  void malformedInputs_exit1WithSource() throws Exception {
    cli.file("junk.json", "{\"payloadType\":");
    Cli.Result junk = cli.run("verify", "--attestation", "junk.json", "--key", "k.pub.pem").exits(1);
    assertThat(junk.err()).startsWith("error: MALFORMED_INPUT").contains("(junk.json)");

    cli.file("bad-predicate.json", "{\"a\":1,\"a\":2}");
    Cli.Result dup =
        cli.run("attest", "--key", "k.key.pem", "--subject", "app.jar", "--predicate-type", TEST_TYPE, "--predicate", "bad-predicate.json", "--out", "x.json")
            .exits(1);
    assertThat(dup.err()).startsWith("error: MALFORMED_INPUT at /a (bad-predicate.json)");
    assertThat(dir.resolve("x.json")).doesNotExist();

    cli.file("not-slsa.json", "{\"builder\":{}}");
    cli.run("attest", "--key", "k.key.pem", "--subject", "app.jar", "--predicate-type", "https://slsa.dev/provenance/v1", "--predicate", "not-slsa.json", "--out", "x.json")
        .exits(1);
    cli.run("attest", "--key", "k.pub.pem", "--subject", "app.jar", "--predicate-type", TEST_TYPE, "--predicate", "result.json", "--out", "x.json")
        .exits(1);
  }

  /** HOSTILE H07: the payload type is compared exactly, after the signatures, before parsing. */
  @Test
  void verify_validlySignedWrongPayloadType_exits1UnsupportedFormat() throws Exception {
    Keys keys = Keys.generate(SignatureAlgorithm.ED25519);
    cli.file("ed.pub.pem", keys.publicPem());
    String statement = "{\"_type\":\"https://in-toto.io/Statement/v1\"}";
    int n = 0;
    for (String type :
        List.of("application/json", "application/vnd.in-toto+JSON", "application/vnd.in-toto+json ")) {
      String file = "typed" + n++ + ".json";
      cli.file(file, Keys.json(keys.sign(type, statement)));
      Cli.Result r = cli.run("verify", "--attestation", file, "--key", "ed.pub.pem").exits(1);
      assertThat(r.err()).startsWith("error: UNSUPPORTED_FORMAT at /payloadType (" + file + ")");
    }
  }

  /** HOSTILE H84: nulls and wrong types where objects are expected are typed failures. */
  @Test
  void verify_nullsAndWrongTypes_exit1MalformedInput() {
    List<String> documents =
        List.of(
            "{\"payloadType\":null,\"payload\":\"e30=\",\"signatures\":[{\"sig\":\"AA==\"}]}",
            "{\"payloadType\":\"application/vnd.in-toto+json\",\"payload\":\"e30=\",\"signatures\":[null]}",
            "{\"payloadType\":\"application/vnd.in-toto+json\",\"payload\":\"e30=\",\"signatures\":{}}",
            "null",
            "[]",
            "");
    int n = 0;
    for (String doc : documents) {
      String file = "hostile" + n++ + ".json";
      cli.file(file, doc);
      Cli.Result r = cli.run("verify", "--attestation", file, "--key", "k.pub.pem").exits(1);
      assertThat(r.err()).as(doc).startsWith("error: MALFORMED_INPUT at ");
    }
  }

  @Test
  void usageErrors_exit2() {
    attestSlsa("att.json").exits(0);
    cli.run("verify", "--key", "k.pub.pem").exits(2);
    cli.run("verify", "--attestation", "missing.json", "--key", "k.pub.pem").exits(2);
    cli.run("verify", "--attestation", "att.json").exits(2);
    cli.run("verify", "--attestation", "att.json", "--key", "k.pub.pem", "--artifact", "app.jar", "--digest", "sha256:" + "0".repeat(64)).exits(2);
    cli.run("verify", "--attestation", "att.json", "--key", "k.pub.pem", "--source-uri", "github.com/org/app").exits(2);
    cli.run("verify", "--attestation", "att.json", "--key", "k.pub.pem", "--artifact", "missing.jar").exits(2);
    cli.run("attest", "--key", "k.key.pem", "--subject", "app.jar", "--out", "x.json").exits(2);
    cli.run("attest", "--key", "k.key.pem", "--subject", "app.jar", "--builder-id", BUILDER, "--out", "x.json").exits(2);
    cli.run("attest", "--key", "k.key.pem", "--subject", "app.jar", "--builder-id", BUILDER, "--build-type", BUILD_TYPE, "--resolved-dependency", "nodigest", "--out", "x.json").exits(2);
    cli.run("attest", "--key", "k.key.pem", "--subject", "app.jar", "--builder-id", BUILDER, "--build-type", BUILD_TYPE, "--started-on", "yesterday", "--out", "x.json").exits(2);
    cli.run("attest", "--key", "k.key.pem", "--subject", "missing.jar", "--builder-id", BUILDER, "--build-type", BUILD_TYPE, "--out", "x.json").exits(2);
    cli.run("attest", "--key", "k.key.pem", "--subject", "app.jar", "--builder-id", BUILDER, "--build-type", BUILD_TYPE, "--out", "no/such/dir/x.json").exits(2);
  }
}
