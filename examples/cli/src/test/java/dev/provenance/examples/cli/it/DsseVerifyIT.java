package dev.provenance.examples.cli.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.provenance.api.json.JsonArray;
import dev.provenance.api.json.JsonObject;
import dev.provenance.api.json.JsonString;
import dev.provenance.api.signing.SignatureAlgorithm;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class DsseVerifyIT {
  private static final String PAYLOAD = "any payload, not in-toto: \u00e9";
  private static final String TYPE = "application/vnd.example+text";

  @TempDir Path dir;

  @ParameterizedTest
  @EnumSource(
      value = SignatureAlgorithm.class,
      names = {"ED25519", "ECDSA_P256_SHA256", "ECDSA_P384_SHA384"})
  void dsseVerify_keyFixesAlgorithm_exits0AndPrintsPayloadDigest(SignatureAlgorithm alg)
      throws Exception {
    Cli cli = new Cli(dir);
    Keys keys = Keys.generate(alg);
    cli.file("key.pub.pem", keys.publicPem());
    cli.file("env.json", Keys.json(keys.sign(TYPE, PAYLOAD)));

    JsonObject json =
        cli.run("dsse", "verify", "--envelope", "env.json", "--key", "key.pub.pem", "--format", "json")
            .exits(0)
            .json();
    String sha256 =
        HexFormat.of()
            .formatHex(
                MessageDigest.getInstance("SHA-256").digest(PAYLOAD.getBytes(StandardCharsets.UTF_8)));
    assertThat(json.get("payloadType")).contains(new JsonString(TYPE));
    assertThat(json.get("payloadSha256")).contains(new JsonString(sha256));
    assertThat(((JsonArray) json.get("signers").orElseThrow()).elements())
        .containsExactly(new JsonString(keys.keyId()));
  }

  @Test
  void dsseVerify_certificateAsKey_usesItsPublicKey() throws Exception {
    Cli cli = new Cli(dir);
    Keys keys = Keys.generate(SignatureAlgorithm.ECDSA_P256_SHA256);
    cli.file("cert.pem", keys.selfSignedCertificatePem());
    cli.file("env.json", Keys.json(keys.sign(TYPE, PAYLOAD)));
    Cli.Result r =
        cli.run("dsse", "verify", "--envelope", "env.json", "--key", "cert.pem", "--format", "json")
            .exits(0);
    assertThat(((JsonArray) r.json().get("signers").orElseThrow()).elements())
        .containsExactly(new JsonString(keys.keyId()));
  }

  @Test
  void dsseVerify_rsaWithAlgorithm_exits0() throws Exception {
    Cli cli = new Cli(dir);
    Keys keys = Keys.generate(SignatureAlgorithm.RSA_PSS_SHA256);
    cli.file("key.pub.pem", keys.publicPem());
    cli.file("env.json", Keys.json(keys.sign(TYPE, PAYLOAD)));
    Cli.Result r =
        cli.run("dsse", "verify", "--envelope", "env.json", "--key", "key.pub.pem", "--key-algorithm", "rsa-pss-sha256")
            .exits(0);
    assertThat(r.out()).contains("payloadType: " + TYPE);
    // PKCS#1 v1.5 is a different algorithm: the same key and signature must not verify.
    cli.run("dsse", "verify", "--envelope", "env.json", "--key", "key.pub.pem", "--key-algorithm", "rsa-pkcs1-sha256")
        .exits(1);
  }

  @Test
  void dsseVerify_rsaWithoutAlgorithm_exits1WithConfigurationError() throws Exception {
    Cli cli = new Cli(dir);
    Keys keys = Keys.generate(SignatureAlgorithm.RSA_PSS_SHA256);
    cli.file("key.pub.pem", keys.publicPem());
    cli.file("env.json", Keys.json(keys.sign(TYPE, PAYLOAD)));
    Cli.Result r = cli.run("dsse", "verify", "--envelope", "env.json", "--key", "key.pub.pem").exits(1);
    assertThat(r.err()).startsWith("error: CONFIGURATION_ERROR at key.pub.pem");
  }

  @Test
  void dsseVerify_wrongKey_exits1WithSignatureInvalid() throws Exception {
    Cli cli = new Cli(dir);
    cli.file("other.pub.pem", Keys.generate(SignatureAlgorithm.ED25519).publicPem());
    cli.file("env.json", Keys.json(Keys.generate(SignatureAlgorithm.ED25519).sign(TYPE, PAYLOAD)));
    Cli.Result r =
        cli.run("dsse", "verify", "--envelope", "env.json", "--key", "other.pub.pem", "--format", "json")
            .exits(1);
    assertThat(r.err()).startsWith("error: SIGNATURE_INVALID at /signatures (env.json)");
    JsonObject finding =
        (JsonObject) ((JsonArray) r.json().get("findings").orElseThrow()).elements().get(0);
    assertThat(finding.get("code")).contains(new JsonString("SIGNATURE_INVALID"));
    assertThat(finding.get("location")).contains(new JsonString("/signatures"));
  }

  @Test
  void dsseVerify_thresholdTwoOfTwo_needsBothKeys() throws Exception {
    Cli cli = new Cli(dir);
    Keys a = Keys.generate(SignatureAlgorithm.ED25519);
    Keys b = Keys.generate(SignatureAlgorithm.ECDSA_P256_SHA256);
    cli.file("a.pub.pem", a.publicPem());
    cli.file("b.pub.pem", b.publicPem());
    cli.file("env.json", Keys.json(a.sign(TYPE, PAYLOAD)));
    Cli.Result r =
        cli.run("dsse", "verify", "--envelope", "env.json", "--key", "a.pub.pem", "b.pub.pem", "--threshold", "2")
            .exits(1);
    assertThat(r.err()).startsWith("error: THRESHOLD_NOT_MET");
    cli.run("dsse", "verify", "--envelope", "env.json", "--key", "a.pub.pem", "--key", "b.pub.pem").exits(0);
  }

  @Test
  void dsseVerify_malformedEnvelope_exits1WithLocation() throws Exception {
    Cli cli = new Cli(dir);
    cli.file("key.pub.pem", Keys.generate(SignatureAlgorithm.ED25519).publicPem());
    cli.file("env.json", "{\"payloadType\":\"x\",\"payload\":\"not base64!\",\"signatures\":[]}");
    Cli.Result r = cli.run("dsse", "verify", "--envelope", "env.json", "--key", "key.pub.pem").exits(1);
    assertThat(r.err()).startsWith("error: MALFORMED_INPUT at /payload (env.json)");
  }

  @Test
  void dsseVerify_usageErrors_exit2() throws Exception {
    Cli cli = new Cli(dir);
    cli.file("key.pub.pem", Keys.generate(SignatureAlgorithm.ED25519).publicPem());
    cli.run("dsse", "verify", "--key", "key.pub.pem").exits(2);
    cli.run("dsse", "verify", "--envelope", "missing.json", "--key", "key.pub.pem").exits(2);
    cli.run("dsse", "verify", "--envelope", "key.pub.pem").exits(2);
    cli.run("dsse", "verify", "--envelope", "x", "--key", "key.pub.pem", "--threshold", "0").exits(2);
    cli.run("dsse", "verify", "--envelope", "x", "--key", "key.pub.pem", "--key-algorithm", "rsa").exits(2);
    cli.run("dsse", "frobnicate").exits(2);
  }
}
