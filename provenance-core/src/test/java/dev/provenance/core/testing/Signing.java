package dev.provenance.core.testing;

import dev.provenance.api.dsse.Envelope;
import dev.provenance.api.dsse.PayloadTypes;
import dev.provenance.core.dsse.DsseSigner;
import dev.provenance.core.json.JsonCodec;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;

/**
 * Builds envelope JSON carrying real signatures over arbitrary (also hostile) payload bytes, so
 * tests of what happens after signature verification are not just signature tests.
 */
public final class Signing {
  private Signing() {}

  /** Signs payload bytes as an in-toto envelope and writes it as JSON. */
  public static byte[] envelopeJson(KeyPair key, byte[] payload) throws Exception {
    return envelopeJson(key, PayloadTypes.IN_TOTO, payload);
  }

  /** Signs payload text (UTF-8) as an in-toto envelope and writes it as JSON. */
  public static byte[] envelopeJson(KeyPair key, String payload) throws Exception {
    return envelopeJson(key, payload.getBytes(StandardCharsets.UTF_8));
  }

  /** Signs payload bytes under a payload type and writes the envelope as JSON. */
  public static byte[] envelopeJson(KeyPair key, String payloadType, byte[] payload)
      throws Exception {
    Envelope e = DsseSigner.of(TestKeys.signer(key)).sign(payloadType, payload);
    return JsonCodec.standard().writeEnvelope(e);
  }

  /** Returns a v1 statement JSON about one subject with the given predicate JSON. */
  public static String statementJson(String subjectSha256, String predicateType, String predicate) {
    return "{\"_type\":\"https://in-toto.io/Statement/v1\",\"subject\":[{\"name\":\"app.jar\","
        + "\"digest\":{\"sha256\":\""
        + subjectSha256
        + "\"}}],\"predicateType\":\""
        + predicateType
        + "\",\"predicate\":"
        + predicate
        + "}";
  }
}
