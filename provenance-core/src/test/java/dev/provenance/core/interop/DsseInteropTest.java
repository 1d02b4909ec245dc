package dev.provenance.core.interop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.provenance.api.ErrorCode;
import dev.provenance.api.VerificationException;
import dev.provenance.api.dsse.Envelope;
import dev.provenance.api.dsse.PayloadTypes;
import dev.provenance.api.dsse.VerifiedEnvelope;
import dev.provenance.api.signing.SignatureAlgorithm;
import dev.provenance.api.signing.SignatureVerifier;
import dev.provenance.core.dsse.DsseSigner;
import dev.provenance.core.dsse.DsseVerifier;
import dev.provenance.core.json.JsonCodec;
import dev.provenance.core.keys.JcaKeys;
import dev.provenance.core.keys.PemKeys;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * DSSE envelopes cross-checked with two independent implementations: ours must verify with
 * securesystemslib and openssl, and theirs with ours. Each side builds its own PAE. The payload
 * holds multi-byte UTF-8 so that a PAE counting characters instead of bytes would fail.
 */
@Tag("interop")
class DsseInteropTest {
  private static final JsonCodec CODEC = JsonCodec.standard();
  private static final byte[] STATEMENT =
      ("{\"_type\":\"https://in-toto.io/Statement/v1\",\"subject\":[{\"name\":\"r\u00e9sum\u00e9-\u2713.txt\","
              + "\"digest\":{\"sha256\":\"5891b5b522d5df086d0ff0b110fbd9d21bb4fc7163af34d08286a2e846f6be03\"}}],"
              + "\"predicateType\":\"https://example.com/test/v1\",\"predicate\":{\"note\":\"\u00fcber\"}}")
          .getBytes(StandardCharsets.UTF_8);

  /** The key types both peers support, with the names the peer scripts use. */
  enum KeyType {
    ED25519("ed25519", SignatureAlgorithm.ED25519),
    ECDSA_P256("ecdsa-p256", SignatureAlgorithm.ECDSA_P256_SHA256),
    RSA_PSS("rsa-pss", SignatureAlgorithm.RSA_PSS_SHA256);

    final String peerName;
    final SignatureAlgorithm algorithm;

    KeyType(String peerName, SignatureAlgorithm algorithm) {
      this.peerName = peerName;
      this.algorithm = algorithm;
    }

    SignatureVerifier verifier(String pem) throws Exception {
      return this == RSA_PSS ? PemKeys.verifier(pem, algorithm) : PemKeys.verifier(pem);
    }
  }

  @TempDir Path dir;

  private record Signed(Envelope envelope, Path envelopeFile, Path publicKey) {}

  private Signed signWithOurs(KeyType type) throws Exception {
    KeyPair pair = JcaKeys.generate(type.algorithm);
    Envelope envelope =
        DsseSigner.of(JcaKeys.signer(pair.getPrivate(), pair.getPublic(), type.algorithm))
            .sign(PayloadTypes.IN_TOTO, STATEMENT);
    Path file = Files.write(dir.resolve("ours.json"), CODEC.writeEnvelope(envelope));
    Path pub =
        Files.writeString(dir.resolve("ours.pub.pem"), PemKeys.publicKeyPem(pair.getPublic()));
    return new Signed(envelope, file, pub);
  }

  private static Envelope withPayload(Envelope e, byte[] payload) {
    return new Envelope(e.payloadType(), dev.provenance.api.Bytes.of(payload), e.signatures());
  }

  private static byte[] flipped(byte[] bytes, int index) {
    byte[] copy = bytes.clone();
    copy[index] ^= 0x01;
    return copy;
  }

  @ParameterizedTest
  @EnumSource(KeyType.class)
  void ourEnvelope_securesystemslib_verifies(KeyType type) throws Exception {
    PeerTools.requireSecuresystemslib();
    Signed ours = signWithOurs(type);
    Path script = PeerTools.script(dir, "sslib_dsse.py");

    PeerTools.Run ok =
        PeerTools.exec(dir, PeerTools.PYTHON, script.toString(), "verify", ours.envelopeFile().toString(), ours.publicKey().toString(), type.peerName);
    assertThat(ok.exit()).as("%s", ok).isZero();

    Path tampered = dir.resolve("tampered.json");
    Files.write(tampered, CODEC.writeEnvelope(withPayload(ours.envelope(), flipped(STATEMENT, 3))));
    PeerTools.Run bad =
        PeerTools.exec(dir, PeerTools.PYTHON, script.toString(), "verify", tampered.toString(), ours.publicKey().toString(), type.peerName);
    assertThat(bad.exit()).as("the peer must reject a changed payload: %s", bad).isEqualTo(1);
  }

  @ParameterizedTest
  @EnumSource(KeyType.class)
  void ourEnvelope_openssl_verifies(KeyType type) throws Exception {
    PeerTools.requireOpenssl();
    Signed ours = signWithOurs(type);
    Path script = PeerTools.script(dir, "openssl_dsse.sh");
    Path payload = Files.write(dir.resolve("payload"), ours.envelope().payload().toByteArray());
    Path sig =
        Files.write(dir.resolve("sig"), ours.envelope().signatures().get(0).sig().toByteArray());

    PeerTools.Run ok =
        PeerTools.exec(dir, "bash", script.toString(), "verify", type.peerName, ours.publicKey().toString(), PayloadTypes.IN_TOTO, payload.toString(), sig.toString());
    assertThat(ok.exit()).as("%s", ok).isZero();

    PeerTools.Run bad =
        PeerTools.exec(dir, "bash", script.toString(), "verify", type.peerName, ours.publicKey().toString(), "application/vnd.in-toto+jsom", payload.toString(), sig.toString());
    assertThat(bad.exit()).as("the peer must reject a changed payload type: %s", bad).isNotZero();
  }

  private Envelope signedByPeer(KeyType type, String... command) throws Exception {
    Files.write(dir.resolve("payload"), STATEMENT);
    PeerTools.Run r = PeerTools.exec(dir, command);
    assertThat(r.exit()).as("%s", r).isZero();
    return CODEC.parseEnvelope(Files.readAllBytes(dir.resolve("theirs.json")));
  }

  private void assertOursVerifies(KeyType type, Envelope theirs) throws Exception {
    String pem = Files.readString(dir.resolve("theirs.pub.pem"), StandardCharsets.US_ASCII);
    DsseVerifier verifier = DsseVerifier.newBuilder().addVerifier(type.verifier(pem)).build();

    VerifiedEnvelope verified = verifier.verify(theirs);
    assertThat(verified.payloadType()).isEqualTo(PayloadTypes.IN_TOTO);
    assertThat(verified.payload().toByteArray()).isEqualTo(STATEMENT);

    assertThatThrownBy(() -> verifier.verify(withPayload(theirs, flipped(STATEMENT, 3))))
        .isInstanceOfSatisfying(
            VerificationException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.SIGNATURE_INVALID));
  }

  @ParameterizedTest
  @EnumSource(KeyType.class)
  void securesystemslibEnvelope_ours_verifies(KeyType type) throws Exception {
    PeerTools.requireSecuresystemslib();
    Path script = PeerTools.script(dir, "sslib_dsse.py");
    Envelope theirs =
        signedByPeer(type, PeerTools.PYTHON, script.toString(), "sign", type.peerName, PayloadTypes.IN_TOTO, "payload", "theirs.json", "theirs.pub.pem");
    assertOursVerifies(type, theirs);
  }

  @ParameterizedTest
  @EnumSource(KeyType.class)
  void opensslEnvelope_ours_verifies(KeyType type) throws Exception {
    PeerTools.requireOpenssl();
    Path script = PeerTools.script(dir, "openssl_dsse.sh");
    Envelope theirs =
        signedByPeer(type, "bash", script.toString(), "sign", type.peerName, PayloadTypes.IN_TOTO, "payload", "theirs.json", "theirs.pub.pem");
    assertOursVerifies(type, theirs);
  }
}
