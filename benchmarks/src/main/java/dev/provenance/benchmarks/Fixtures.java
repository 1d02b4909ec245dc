package dev.provenance.benchmarks;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.util.Base64;
import java.util.Locale;

/** The data every benchmark works on: a ~3 KB SLSA statement, keys, PAE bytes and envelopes. */
final class Fixtures {
  static final String PAYLOAD_TYPE = "application/vnd.in-toto+json";

  private Fixtures() {}

  /** A realistic SLSA Provenance v1 statement of about 3 KB, always the same bytes. */
  static byte[] slsaStatement() {
    StringBuilder deps = new StringBuilder();
    for (int i = 0; i < 12; i++) {
      if (i > 0) {
        deps.append(',');
      }
      deps.append(
          String.format(
              Locale.ROOT,
              "{\"uri\":\"pkg:maven/org.example/library-%02d@1.%d.0\",\"digest\":{\"sha256\":\"%s\"}}",
              i,
              i,
              hex64(i)));
    }
    String json =
        "{\"_type\":\"https://in-toto.io/Statement/v1\",\"subject\":["
            + "{\"name\":\"app-1.0.0.jar\",\"digest\":{\"sha256\":\""
            + hex64(100)
            + "\"}},{\"name\":\"app-1.0.0-sources.jar\",\"digest\":{\"sha256\":\""
            + hex64(101)
            + "\"}}],\"predicateType\":\"https://slsa.dev/provenance/v1\",\"predicate\":{"
            + "\"buildDefinition\":{\"buildType\":\"https://provenance.dev/buildtypes/maven/v1\","
            + "\"externalParameters\":{\"workflow\":{\"ref\":\"refs/tags/v1.0.0\","
            + "\"repository\":\"https://git.example.com/org/app\",\"path\":\".ci/release.yml\"},"
            + "\"goals\":\"clean deploy\",\"profiles\":\"release\"},"
            + "\"internalParameters\":{\"runner\":\"linux-x64\",\"jdk\":\"17.0.15\"},"
            + "\"resolvedDependencies\":[{\"uri\":\"git+https://git.example.com/org/app@refs/tags/v1.0.0\","
            + "\"digest\":{\"gitCommit\":\""
            + hex64(200).substring(0, 40)
            + "\"}},"
            + deps
            + "]},\"runDetails\":{\"builder\":{\"id\":\"https://ci.example.com/builders/release@v2\","
            + "\"version\":{\"ci\":\"2.14.1\"}},\"metadata\":{\"invocationId\":"
            + "\"https://ci.example.com/org/app/runs/4815162342/attempts/1\","
            + "\"startedOn\":\"2026-01-01T10:00:00Z\",\"finishedOn\":\"2026-01-01T10:07:31Z\"},"
            + "\"byproducts\":[{\"name\":\"build.log\",\"digest\":{\"sha256\":\""
            + hex64(300)
            + "\"}}]}}}";
    return json.getBytes(StandardCharsets.UTF_8);
  }

  private static String hex64(int seed) {
    StringBuilder sb = new StringBuilder(64);
    long x = 0x9E3779B97F4A7C15L * (seed + 1);
    while (sb.length() < 64) {
      x ^= x << 13;
      x ^= x >>> 7;
      x ^= x << 17;
      sb.append(String.format(Locale.ROOT, "%016x", x));
    }
    return sb.substring(0, 64);
  }

  /** DSSE v1 pre-authentication encoding, built here independently of the code under test. */
  static byte[] pae(String payloadType, byte[] payload) {
    byte[] type = payloadType.getBytes(StandardCharsets.UTF_8);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] head =
        ("DSSEv1 " + type.length + " ").getBytes(StandardCharsets.US_ASCII);
    out.writeBytes(head);
    out.writeBytes(type);
    out.writeBytes((" " + payload.length + " ").getBytes(StandardCharsets.US_ASCII));
    out.writeBytes(payload);
    return out.toByteArray();
  }

  static KeyPair ed25519() throws GeneralSecurityException {
    return KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
  }

  static KeyPair p256() throws GeneralSecurityException {
    KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
    g.initialize(new ECGenParameterSpec("secp256r1"));
    return g.generateKeyPair();
  }

  /** Signs with the JDK: Ed25519, or ECDSA P-256 with SHA-256 and a DER signature. */
  static byte[] sign(PrivateKey key, byte[] message) throws GeneralSecurityException {
    Signature s =
        Signature.getInstance(key.getAlgorithm().startsWith("Ed") ? "Ed25519" : "SHA256withECDSA");
    s.initSign(key);
    s.update(message);
    return s.sign();
  }

  /** A DSSE envelope in JSON with one signature. */
  static byte[] envelope(byte[] payload, byte[] signature) {
    Base64.Encoder b64 = Base64.getEncoder();
    return ("{\"payloadType\":\""
            + PAYLOAD_TYPE
            + "\",\"payload\":\""
            + b64.encodeToString(payload)
            + "\",\"signatures\":[{\"keyid\":\"\",\"sig\":\""
            + b64.encodeToString(signature)
            + "\"}]}")
        .getBytes(StandardCharsets.UTF_8);
  }
}
