package dev.provenance.core.dsse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.provenance.api.Bytes;
import dev.provenance.api.ErrorCode;
import dev.provenance.api.VerificationException;
import dev.provenance.api.dsse.Envelope;
import dev.provenance.api.dsse.EnvelopeSignature;
import dev.provenance.api.dsse.VerifiedEnvelope;
import dev.provenance.api.signing.Signer;
import dev.provenance.core.testing.TestKeys;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.constraints.StringLength;

class DsseVerifierPropertiesTest {
  private static final KeyPair[] KEYS = {
    TestKeys.ed25519("p0"), TestKeys.ed25519("p1"), TestKeys.ed25519("p2"), TestKeys.ed25519("p3")
  };
  private static final Signer[] SIGNERS = new Signer[KEYS.length];

  static {
    for (int i = 0; i < KEYS.length; i++) {
      SIGNERS[i] = TestKeys.signer(KEYS[i]);
    }
  }

  private static DsseVerifier anyType(int threshold) {
    DsseVerifier.Builder b = DsseVerifier.newBuilder().allowAnyPayloadType().threshold(threshold);
    for (KeyPair k : KEYS) {
      b.addVerifier(TestKeys.verifier(k.getPublic()));
    }
    try {
      return b.build();
    } catch (VerificationException e) {
      throw new AssertionError(e);
    }
  }

  @Provide
  Arbitrary<String> payloadTypes() {
    return Arbitraries.strings().ofMinLength(1).ofMaxLength(30).filter(s -> isWellFormed(s));
  }

  private static boolean isWellFormed(String s) {
    return dev.provenance.core.internal.dsse.Pae.isWellFormed(s);
  }

  @Property(tries = 150)
  void signThenVerify_roundTripsPayloadAndType(
      @ForAll("payloadTypes") String type, @ForAll @Size(max = 200) byte[] payload)
      throws Exception {
    Envelope e = DsseSigner.of(SIGNERS[0]).sign(type, payload);

    VerifiedEnvelope v = anyType(1).verify(e);

    assertThat(v.payloadType()).isEqualTo(type);
    assertThat(v.payload().contentEquals(payload)).isTrue();
  }

  @Property(tries = 150)
  void verify_anyPayloadByteFlipped_throwsSignatureInvalid(
      @ForAll @Size(min = 1, max = 200) byte[] payload,
      @ForAll @IntRange(min = 0, max = 10_000) int position,
      @ForAll @IntRange(min = 1, max = 255) int mask)
      throws Exception {
    Envelope e = DsseSigner.of(SIGNERS[1]).sign("t", payload);
    byte[] changed = payload.clone();
    changed[position % changed.length] ^= (byte) mask;
    Envelope tampered = new Envelope(e.payloadType(), Bytes.of(changed), e.signatures());

    assertThatThrownBy(() -> anyType(1).verify(tampered))
        .isInstanceOfSatisfying(
            VerificationException.class, x -> assertThat(x.code()).isEqualTo(ErrorCode.SIGNATURE_INVALID));
  }

  @Property(tries = 150)
  void verify_anySignatureByteFlipped_throwsSignatureInvalid(
      @ForAll @Size(max = 100) byte[] payload,
      @ForAll @IntRange(min = 0, max = 10_000) int position,
      @ForAll @IntRange(min = 1, max = 255) int mask)
      throws Exception {
    Envelope e = DsseSigner.of(SIGNERS[2]).sign("t", payload);
    byte[] sig = e.signatures().get(0).sig().toByteArray();
    sig[position % sig.length] ^= (byte) mask;
    Envelope tampered =
        new Envelope(
            e.payloadType(),
            e.payload(),
            List.of(new EnvelopeSignature(e.signatures().get(0).keyid(), Bytes.of(sig))));

    assertThatThrownBy(() -> anyType(1).verify(tampered))
        .isInstanceOfSatisfying(
            VerificationException.class, x -> assertThat(x.code()).isEqualTo(ErrorCode.SIGNATURE_INVALID));
  }

  @Property(tries = 150)
  void verify_anyPayloadTypeByteFlipped_throwsTypedError(
      @ForAll @StringLength(min = 1, max = 30) String asciiSeed,
      @ForAll @IntRange(min = 0, max = 10_000) int position,
      @ForAll @IntRange(min = 1, max = 255) int mask)
      throws Exception {
    String type = "application/" + asciiSeed.replaceAll("[^\\x21-\\x7e]", "x");
    Envelope e = DsseSigner.of(SIGNERS[3]).sign(type, new byte[] {1});
    byte[] typeBytes = type.getBytes(StandardCharsets.UTF_8);
    typeBytes[position % typeBytes.length] ^= (byte) mask;
    String changed = new String(typeBytes, StandardCharsets.UTF_8);
    Envelope tampered = new Envelope(changed, e.payload(), e.signatures());

    assertThatThrownBy(() -> anyType(1).verify(tampered))
        .isInstanceOfSatisfying(
            VerificationException.class,
            x ->
                assertThat(x.code())
                    .isIn(ErrorCode.SIGNATURE_INVALID, ErrorCode.MALFORMED_INPUT));
  }

  /**
   * Threshold monotonicity over random signer sets: (1) a verdict that passes at t also passes at
   * t-1; (2) adding an invalid signature never turns a failure into a pass; (3) removing a valid
   * signature never turns a failure into a pass.
   */
  @Property(tries = 80)
  void verify_thresholdMonotonicity(
      @ForAll @Size(min = 1, max = 6) List<@IntRange(min = 0, max = 4) Integer> signerPicks,
      @ForAll @IntRange(min = 1, max = 4) int threshold)
      throws Exception {
    // Pick 4 means "a signature by an untrusted key".
    KeyPair untrusted = TestKeys.ed25519("untrusted");
    byte[] payload = {42};
    byte[] pae = dev.provenance.core.internal.dsse.Pae.encode("t", payload);
    List<EnvelopeSignature> sigs = new ArrayList<>();
    for (int pick : signerPicks) {
      KeyPair k = pick == 4 ? untrusted : KEYS[pick];
      sigs.add(EnvelopeSignature.of(Bytes.of(TestKeys.rawSign(k, pae))));
    }
    Envelope e = new Envelope("t", Bytes.of(payload), sigs);

    boolean passT = passes(anyType(threshold), e);
    if (passT && threshold > 1) {
      assertThat(passes(anyType(threshold - 1), e)).isTrue();
    }
    if (!passT) {
      List<EnvelopeSignature> more = new ArrayList<>(sigs);
      more.add(EnvelopeSignature.of(Bytes.of(new byte[64])));
      assertThat(passes(anyType(threshold), new Envelope("t", e.payload(), more))).isFalse();
      for (int i = 0; i < sigs.size() && sigs.size() > 1; i++) {
        List<EnvelopeSignature> fewer = new ArrayList<>(sigs);
        fewer.remove(i);
        assertThat(passes(anyType(threshold), new Envelope("t", e.payload(), fewer))).isFalse();
      }
    }
    // The verdict itself: pass iff the trusted distinct signers reach the threshold.
    long distinctTrusted = signerPicks.stream().filter(p -> p < 4).distinct().count();
    assertThat(passT).isEqualTo(distinctTrusted >= threshold);
  }

  private static boolean passes(DsseVerifier v, Envelope e) {
    try {
      v.verify(e);
      return true;
    } catch (VerificationException x) {
      assertThat(x.code())
          .isIn(ErrorCode.SIGNATURE_INVALID, ErrorCode.THRESHOLD_NOT_MET);
      return false;
    }
  }
}
