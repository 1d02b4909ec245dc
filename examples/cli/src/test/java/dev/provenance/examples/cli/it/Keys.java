package dev.provenance.examples.cli.it;

import dev.provenance.api.dsse.Envelope;
import dev.provenance.api.signing.SignatureAlgorithm;
import dev.provenance.core.dsse.DsseSigner;
import dev.provenance.core.json.JsonCodec;
import dev.provenance.core.keys.JcaKeys;
import dev.provenance.core.keys.PemKeys;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

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

  /** A self-signed X.509 certificate for the public key, as PEM. */
  String selfSignedCertificatePem() throws Exception {
    X500Name name = new X500Name("CN=provenance test");
    Instant now = Instant.now();
    X509CertificateHolder cert =
        new JcaX509v3CertificateBuilder(
                name,
                BigInteger.ONE,
                Date.from(now.minus(Duration.ofDays(1))),
                Date.from(now.plus(Duration.ofDays(1))),
                name,
                pair.getPublic())
            .build(new JcaContentSignerBuilder("SHA256withECDSA").build(pair.getPrivate()));
    return "-----BEGIN CERTIFICATE-----\n"
        + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(cert.getEncoded())
        + "\n-----END CERTIFICATE-----\n";
  }

  static byte[] json(Envelope e) {
    return JsonCodec.standard().writeEnvelope(e);
  }
}
