package dev.provenance.examples.cli.it;

import dev.provenance.api.dsse.Envelope;
import dev.provenance.api.signing.SignatureAlgorithm;
import dev.provenance.core.dsse.DsseSigner;
import dev.provenance.core.json.JsonCodec;
import dev.provenance.core.keys.JcaKeys;
import dev.provenance.core.keys.PemKeys;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;

/** Key pairs and envelopes made in process with the library, as test input for the CLI. */
final class Keys {
  final KeyPair pair;
  final SignatureAlgorithm algorithm;

  private Keys(KeyPair pair, SignatureAlgorithm algorithm) {
    this.pair = pair;
    this.algorithm = algorithm;
  }

  static Keys generate(SignatureAlgorithm algorithm) {
    return new Keys(JcaKeys.generate(algorithm), algorithm);
  }

  String publicPem() throws Exception {
    return PemKeys.publicKeyPem(pair.getPublic());
  }

  String privatePem() throws Exception {
    return PemKeys.privateKeyPem(pair.getPrivate());
  }

  String keyId() throws Exception {
    return JcaKeys.keyId(pair.getPublic()).value();
  }

  Envelope sign(String payloadType, String payload) throws Exception {
    return DsseSigner.of(JcaKeys.signer(pair.getPrivate(), pair.getPublic(), algorithm))
        .sign(payloadType, payload.getBytes(StandardCharsets.UTF_8));
  }

  static byte[] json(Envelope e) {
    return JsonCodec.standard().writeEnvelope(e);
  }
}
