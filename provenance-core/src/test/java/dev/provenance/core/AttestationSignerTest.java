package dev.provenance.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.provenance.api.attestation.Statement;
import dev.provenance.api.dsse.Envelope;
import dev.provenance.api.dsse.PayloadTypes;
import dev.provenance.core.json.JsonCodec;
import dev.provenance.core.testing.Statements;
import dev.provenance.core.testing.TestKeys;
import org.junit.jupiter.api.Test;

class AttestationSignerTest {
  private static final Statement STATEMENT =
      Statements.statement(Statements.provenance(Statements.BUILDER));

  @Test
  void sign_statement_payloadIsCodecStatementBytes() throws Exception {
    Envelope e = AttestationSigner.of(TestKeys.signer(TestKeys.p256("a"))).sign(STATEMENT);

    assertThat(e.payloadType()).isEqualTo(PayloadTypes.IN_TOTO);
    assertThat(e.payload().contentEquals(JsonCodec.standard().writeStatement(STATEMENT))).isTrue();
    assertThat(e.signatures()).hasSize(1);
  }

  @Test
  void sign_twoSignersAndPredicatePayloadType_verifiesWithThresholdTwo() throws Exception {
    String type = PayloadTypes.inToto("provenance");
    byte[] json =
        AttestationSigner.newBuilder()
            .addSigner(TestKeys.signer(TestKeys.p256("a")))
            .addSigner(TestKeys.signer(TestKeys.ed25519("c")))
            .payloadType(type)
            .build()
            .signToJson(STATEMENT);
    AttestationVerifier v =
        AttestationVerifier.newBuilder()
            .addVerifier(TestKeys.verifier(TestKeys.p256("a").getPublic()))
            .addVerifier(TestKeys.verifier(TestKeys.ed25519("c").getPublic()))
            .threshold(2)
            .allowPayloadType(type)
            .build();

    assertThat(v.verify(json, Statements.sha256(Statements.SHA256_A)).envelope().signers()).hasSize(2);
  }

  @Test
  void payloadType_notInToto_rejected() {
    assertThatThrownBy(() -> AttestationSigner.newBuilder().payloadType("application/json"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> AttestationSigner.newBuilder().payloadType("application/vnd.in-toto.+json"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void build_noSigner_rejected() {
    assertThatThrownBy(() -> AttestationSigner.newBuilder().build())
        .isInstanceOf(IllegalArgumentException.class);
  }
}
