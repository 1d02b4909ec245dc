package dev.provenance.core.dsse;

import static dev.provenance.core.testing.Failures.assertFails;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.provenance.api.Bytes;
import dev.provenance.api.ErrorCode;
import dev.provenance.api.VerificationException;
import dev.provenance.api.dsse.Envelope;
import dev.provenance.api.dsse.EnvelopeSignature;
import dev.provenance.api.dsse.PayloadTypes;
import dev.provenance.api.dsse.VerifiedEnvelope;
import dev.provenance.api.signing.SignatureAlgorithm;
import dev.provenance.api.signing.SignatureVerifier;
import dev.provenance.api.signing.SignerIdentity;
import dev.provenance.core.testing.TestKeys;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DsseVerifierTest {
  private static final byte[] PAYLOAD =
      "{\"_type\":\"https://in-toto.io/Statement/v1\"}".getBytes(StandardCharsets.UTF_8);
  private static final KeyPair A = TestKeys.p256("a");
  private static final KeyPair B = TestKeys.p256("b");
  private static final KeyPair C = TestKeys.ed25519("c");

  private static DsseVerifier verifier(int threshold, KeyPair... keys) throws Exception {
    DsseVerifier.Builder b = DsseVerifier.newBuilder().threshold(threshold);
    for (KeyPair k : keys) {
      b.addVerifier(TestKeys.verifier(k.getPublic()));
    }
    return b.build();
  }

  private static Envelope signed(String type, byte[] payload, KeyPair... keys) throws Exception {
    List<dev.provenance.api.signing.Signer> signers = new ArrayList<>();
    for (KeyPair k : keys) {
      signers.add(TestKeys.signer(k));
    }
    return DsseSigner.of(signers).sign(type, payload);
  }

  private static Envelope withSignatures(Envelope e, List<EnvelopeSignature> sigs) {
    return new Envelope(e.payloadType(), e.payload(), sigs);
  }

  @Test
  void verify_validSignature_returnsExactPayloadAndSigner() throws Exception {
    Envelope e = signed(PayloadTypes.IN_TOTO, PAYLOAD, A);

    VerifiedEnvelope v = verifier(1, A).verify(e);

    assertThat(v.payload().contentEquals(PAYLOAD)).isTrue();
    assertThat(v.payloadType()).isEqualTo(PayloadTypes.IN_TOTO);
    assertThat(v.signers()).containsExactly(SignerIdentity.ofKey(TestKeys.keyId(A.getPublic())));
  }

  @Test
  void verify_noSignatures_throwsMalformedInput() throws Exception {
    Envelope e = new Envelope(PayloadTypes.IN_TOTO, Bytes.empty(), List.of());

    assertThatThrownBy(() -> verifier(1, A).verify(e))
        .isInstanceOfSatisfying(
            VerificationException.class,
            x -> {
              assertThat(x.code()).isEqualTo(ErrorCode.MALFORMED_INPUT);
              assertThat(x.location()).contains("/signatures");
            });
  }

  @Test
  void verify_moreThan32Signatures_throwsResourceLimitExceeded() throws Exception {
    Envelope one = signed(PayloadTypes.IN_TOTO, PAYLOAD, A);
    List<EnvelopeSignature> sigs = new ArrayList<>();
    for (int i = 0; i < 33; i++) {
      sigs.add(one.signatures().get(0));
    }

    assertFails(() -> verifier(1, A).verify(withSignatures(one, sigs)), ErrorCode.RESOURCE_LIMIT_EXCEEDED);
  }

  @Test
  void verify_exactly32Signatures_accepted() throws Exception {
    Envelope one = signed(PayloadTypes.IN_TOTO, PAYLOAD, A);
    List<EnvelopeSignature> sigs = new ArrayList<>();
    for (int i = 0; i < 32; i++) {
      sigs.add(one.signatures().get(0));
    }

    assertThat(verifier(1, A).verify(withSignatures(one, sigs)).signers()).hasSize(1);
  }

  // H02: the same key's signature twice counts once.
  @Test
  void verify_duplicateSignatureOfOneKey_throwsThresholdNotMet() throws Exception {
    Envelope one = signed(PayloadTypes.IN_TOTO, PAYLOAD, A);
    EnvelopeSignature s = one.signatures().get(0);

    assertFails(() -> verifier(2, A, B).verify(withSignatures(one, List.of(s, s))), ErrorCode.THRESHOLD_NOT_MET);
  }

  // H02, variant: two distinct ECDSA signatures (random nonces) by the same key still count once.
  @Test
  void verify_twoDistinctSignaturesOfOneKey_throwsThresholdNotMet() throws Exception {
    EnvelopeSignature s1 = signed(PayloadTypes.IN_TOTO, PAYLOAD, A).signatures().get(0);
    Envelope e2 = signed(PayloadTypes.IN_TOTO, PAYLOAD, A);
    EnvelopeSignature s2 = new EnvelopeSignature("other-hint", e2.signatures().get(0).sig());
    assertThat(s1.sig()).isNotEqualTo(s2.sig());

    assertFails(() -> verifier(2, A, B).verify(withSignatures(e2, List.of(s1, s2))), ErrorCode.THRESHOLD_NOT_MET);
  }

  @Test
  void verify_twoKeysSignedThresholdTwo_returnsBothSignersInOrder() throws Exception {
    Envelope e = signed(PayloadTypes.IN_TOTO, PAYLOAD, B, A);

    VerifiedEnvelope v = verifier(2, A, B).verify(e);

    assertThat(v.signers())
        .extracting(SignerIdentity::keyId)
        .containsExactly(TestKeys.keyId(B.getPublic()), TestKeys.keyId(A.getPublic()));
  }

  // H04: the keyid hint names A, the signature is by B.
  @Test
  void verify_hintNamesOtherTrustedKey_reportsTrueSigner() throws Exception {
    Envelope byB = signed(PayloadTypes.IN_TOTO, PAYLOAD, B);
    EnvelopeSignature lying =
        new EnvelopeSignature(TestKeys.keyId(A.getPublic()).value(), byB.signatures().get(0).sig());

    VerifiedEnvelope v = verifier(1, A, B).verify(withSignatures(byB, List.of(lying)));

    assertThat(v.signers()).extracting(SignerIdentity::keyId).containsExactly(TestKeys.keyId(B.getPublic()));
  }

  // H04: same envelope when the true signer is not trusted.
  @Test
  void verify_hintNamesTrustedKeyButSignerUntrusted_throwsSignatureInvalid() throws Exception {
    Envelope byB = signed(PayloadTypes.IN_TOTO, PAYLOAD, B);
    EnvelopeSignature lying =
        new EnvelopeSignature(TestKeys.keyId(A.getPublic()).value(), byB.signatures().get(0).sig());

    assertFails(() -> verifier(1, A, C).verify(withSignatures(byB, List.of(lying))), ErrorCode.SIGNATURE_INVALID);
  }

  @Test
  void verify_invalidSignatureBesideValidOne_skipsInvalid() throws Exception {
    Envelope e = signed(PayloadTypes.IN_TOTO, PAYLOAD, A);
    EnvelopeSignature garbage = EnvelopeSignature.of(Bytes.of(new byte[] {1, 2, 3}));

    VerifiedEnvelope v =
        verifier(1, A).verify(withSignatures(e, List.of(garbage, e.signatures().get(0))));

    assertThat(v.signers()).hasSize(1);
  }

  @Test
  void verify_noTrustedSignatureThresholdTwo_throwsSignatureInvalid() throws Exception {
    Envelope e = signed(PayloadTypes.IN_TOTO, PAYLOAD, C);

    assertFails(() -> verifier(2, A, B).verify(e), ErrorCode.SIGNATURE_INVALID);
  }

  @Test
  void verify_oneOfTwoRequiredKeys_throwsThresholdNotMet() throws Exception {
    Envelope e = signed(PayloadTypes.IN_TOTO, PAYLOAD, A, C);

    assertFails(() -> verifier(2, A, B).verify(e), ErrorCode.THRESHOLD_NOT_MET);
  }

  // H05: signature over the base64 text of the payload.
  @Test
  void verify_signatureOverBase64Text_throwsSignatureInvalid() throws Exception {
    byte[] b64 = Base64.getEncoder().encode(PAYLOAD);
    byte[] sig =
        TestKeys.rawSign(
            A, dev.provenance.core.internal.dsse.Pae.encode(PayloadTypes.IN_TOTO, b64));
    Envelope e =
        new Envelope(PayloadTypes.IN_TOTO, Bytes.of(PAYLOAD), List.of(EnvelopeSignature.of(Bytes.of(sig))));

    assertFails(() -> verifier(1, A).verify(e), ErrorCode.SIGNATURE_INVALID);
  }

  // H06: legacy signature over the raw payload, no PAE.
  @Test
  void verify_signatureOverRawPayload_throwsSignatureInvalid() throws Exception {
    byte[] sig = TestKeys.rawSign(A, PAYLOAD);
    Envelope e =
        new Envelope(PayloadTypes.IN_TOTO, Bytes.of(PAYLOAD), List.of(EnvelopeSignature.of(Bytes.of(sig))));

    assertFails(() -> verifier(1, A).verify(e), ErrorCode.SIGNATURE_INVALID);
  }

  // H07: authenticated but unlisted payload types, compared exactly.
  @ParameterizedTest
  @ValueSource(
      strings = {
        "application/json",
        "application/vnd.in-toto+JSON",
        "application/vnd.in-toto+json ",
        "application/vnd.in-toto.provenance+json"
      })
  void verify_signedUnlistedPayloadType_throwsUnsupportedFormat(String type) throws Exception {
    Envelope e = signed(type, PAYLOAD, A);

    assertThatThrownBy(() -> verifier(1, A).verify(e))
        .isInstanceOfSatisfying(
            VerificationException.class,
            x -> {
              assertThat(x.code()).isEqualTo(ErrorCode.UNSUPPORTED_FORMAT);
              assertThat(x.location()).contains("/payloadType");
            });
  }

  @Test
  void verify_unlistedTypeWithBadSignature_reportsSignatureFirst() throws Exception {
    Envelope e = signed("application/json", PAYLOAD, C);

    assertFails(() -> verifier(1, A).verify(e), ErrorCode.SIGNATURE_INVALID);
  }

  @Test
  void verify_configuredPredicatePayloadType_accepted() throws Exception {
    String type = PayloadTypes.inToto("provenance");
    Envelope e = signed(type, PAYLOAD, A);
    DsseVerifier v =
        DsseVerifier.newBuilder()
            .addVerifier(TestKeys.verifier(A.getPublic()))
            .allowPayloadType(type)
            .build();

    assertThat(v.verify(e).payloadType()).isEqualTo(type);
  }

  @Test
  void verify_anyPayloadTypeAllowed_acceptsArbitraryType() throws Exception {
    Envelope e = signed("text/plain", PAYLOAD, A);
    DsseVerifier v =
        DsseVerifier.newBuilder()
            .addVerifier(TestKeys.verifier(A.getPublic()))
            .allowAnyPayloadType()
            .build();

    assertThat(v.verify(e).payloadType()).isEqualTo("text/plain");
  }

  @Test
  void verify_payloadTypeWithLoneSurrogate_throwsMalformedInput() throws Exception {
    Envelope ok = signed(PayloadTypes.IN_TOTO, PAYLOAD, A);
    Envelope e = new Envelope("application/\uD800", ok.payload(), ok.signatures());

    assertFails(() -> verifier(1, A).verify(e), ErrorCode.MALFORMED_INPUT);
  }

  @Test
  void verify_emptyPayloadSigned_accepted() throws Exception {
    Envelope e = signed(PayloadTypes.IN_TOTO, new byte[0], A);

    assertThat(verifier(1, A).verify(e).payload().isEmpty()).isTrue();
  }

  @Test
  void verify_verifierThrowsUnchecked_treatedAsInvalid() throws Exception {
    SignatureVerifier real = TestKeys.verifier(A.getPublic());
    SignatureVerifier broken =
        new SignatureVerifier() {
          @Override
          public SignatureAlgorithm algorithm() {
            return real.algorithm();
          }

          @Override
          public SignerIdentity identity() {
            return SignerIdentity.ofKey(TestKeys.keyId(B.getPublic()));
          }

          @Override
          public void verify(byte[] message, byte[] signature) {
            throw new ArrayIndexOutOfBoundsException("hostile signature");
          }
        };
    DsseVerifier v = DsseVerifier.newBuilder().addVerifier(broken).addVerifier(real).build();

    assertThat(v.verify(signed(PayloadTypes.IN_TOTO, PAYLOAD, A)).signers()).hasSize(1);
    assertFails(() -> v.verify(signed(PayloadTypes.IN_TOTO, PAYLOAD, C)), ErrorCode.SIGNATURE_INVALID);
  }

  @Test
  void build_noKeys_throwsConfigurationError() {
    assertFails(() -> DsseVerifier.newBuilder().build(), ErrorCode.CONFIGURATION_ERROR);
  }

  @ParameterizedTest
  @ValueSource(ints = {0, -1, 3})
  void build_thresholdOutOfRange_throwsConfigurationError(int threshold) {
    assertFails(() -> verifier(threshold, A, B), ErrorCode.CONFIGURATION_ERROR);
  }

  @Test
  void build_sameKeyTwiceThresholdTwo_throwsConfigurationError() {
    assertFails(() -> verifier(2, A, A), ErrorCode.CONFIGURATION_ERROR);
  }

  @Test
  void build_oneHintForTwoKeys_throwsConfigurationError() {
    assertFails(
            () ->
                DsseVerifier.newBuilder()
                    .addVerifier(TestKeys.verifier(A.getPublic()), "k")
                    .addVerifier(TestKeys.verifier(B.getPublic()), "k")
                    .build(), ErrorCode.CONFIGURATION_ERROR);
  }

  @Test
  void build_anyTypeAndAllowList_throwsConfigurationError() {
    assertFails(
            () ->
                DsseVerifier.newBuilder()
                    .addVerifier(TestKeys.verifier(A.getPublic()))
                    .allowAnyPayloadType()
                    .allowPayloadType("x")
                    .build(), ErrorCode.CONFIGURATION_ERROR);
  }

  @Test
  void verify_aliasHint_triesHintedKeyFirst() throws Exception {
    Envelope e = signed(PayloadTypes.IN_TOTO, PAYLOAD, B);
    EnvelopeSignature hinted = new EnvelopeSignature("legacy-b", e.signatures().get(0).sig());
    DsseVerifier v =
        DsseVerifier.newBuilder()
            .addVerifier(TestKeys.verifier(A.getPublic()), "legacy-a")
            .addVerifier(TestKeys.verifier(B.getPublic()), "legacy-b")
            .build();

    assertThat(v.verify(withSignatures(e, List.of(hinted))).signers())
        .extracting(SignerIdentity::keyId)
        .containsExactly(TestKeys.keyId(B.getPublic()));
  }

  @Test
  void verify_bindKeyIdHintsAndHintNamesOtherKey_throwsSignatureInvalid() throws Exception {
    Envelope byB = signed(PayloadTypes.IN_TOTO, PAYLOAD, B);
    EnvelopeSignature lying =
        new EnvelopeSignature(TestKeys.keyId(A.getPublic()).value(), byB.signatures().get(0).sig());
    DsseVerifier strict =
        DsseVerifier.newBuilder()
            .addVerifier(TestKeys.verifier(A.getPublic()))
            .addVerifier(TestKeys.verifier(B.getPublic()))
            .bindKeyIdHints()
            .build();

    assertFails(() -> strict.verify(withSignatures(byB, List.of(lying))), ErrorCode.SIGNATURE_INVALID);
    assertThat(strict.verify(byB).signers()).hasSize(1);
  }

  @Test
  void verify_bindKeyIdHintsAndNoHint_triesEveryKey() throws Exception {
    Envelope byB = signed(PayloadTypes.IN_TOTO, PAYLOAD, B);
    EnvelopeSignature unhinted = EnvelopeSignature.of(byB.signatures().get(0).sig());
    DsseVerifier strict =
        DsseVerifier.newBuilder()
            .addVerifier(TestKeys.verifier(A.getPublic()))
            .addVerifier(TestKeys.verifier(B.getPublic()))
            .bindKeyIdHints()
            .build();

    assertThat(strict.verify(withSignatures(byB, List.of(unhinted))).signers()).hasSize(1);
  }
}
