package dev.provenance.core.dsse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.provenance.api.ErrorCode;
import dev.provenance.api.SigningException;
import dev.provenance.api.dsse.Envelope;
import dev.provenance.api.dsse.EnvelopeSignature;
import dev.provenance.api.dsse.PayloadTypes;
import dev.provenance.api.signing.Signer;
import dev.provenance.core.internal.dsse.Pae;
import dev.provenance.core.testing.TestKeys;
import java.security.KeyPair;
import org.junit.jupiter.api.Test;

class DsseSignerTest {
  private static final KeyPair A = TestKeys.p256("a");
  private static final KeyPair C = TestKeys.ed25519("c");

  @Test
  void sign_twoSigners_eachSignsPaeWithKeyIdHint() throws Exception {
    byte[] payload = {'{', '}'};

    Envelope e = DsseSigner.of(TestKeys.signer(A), TestKeys.signer(C)).sign(PayloadTypes.IN_TOTO, payload);

    assertThat(e.signatures())
        .extracting(EnvelopeSignature::keyid)
        .containsExactly(
            TestKeys.keyId(A.getPublic()).value(), TestKeys.keyId(C.getPublic()).value());
    byte[] pae = Pae.encode(PayloadTypes.IN_TOTO, payload);
    TestKeys.verifier(A.getPublic()).verify(pae, e.signatures().get(0).sig().toByteArray());
    TestKeys.verifier(C.getPublic()).verify(pae, e.signatures().get(1).sig().toByteArray());
  }

  @Test
  void sign_callerChangesArrayAfterwards_envelopeUnchanged() throws Exception {
    byte[] payload = {1, 2, 3};
    Envelope e = DsseSigner.of(TestKeys.signer(C)).sign("t", payload);

    payload[0] = 9;

    assertThat(e.payload().get(0)).isEqualTo((byte) 1);
  }

  @Test
  void sign_emptyPayloadType_throwsMalformedInput() {
    assertThatThrownBy(() -> DsseSigner.of(TestKeys.signer(C)).sign("", new byte[0]))
        .isInstanceOfSatisfying(
            SigningException.class, x -> assertThat(x.code()).isEqualTo(ErrorCode.MALFORMED_INPUT));
  }

  @Test
  void of_noSigner_rejected() {
    assertThatThrownBy(() -> DsseSigner.of(new Signer[0])).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void of_twoSignersOfOneKey_rejected() {
    assertThatThrownBy(() -> DsseSigner.of(TestKeys.signer(A), TestKeys.signer(A)))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
