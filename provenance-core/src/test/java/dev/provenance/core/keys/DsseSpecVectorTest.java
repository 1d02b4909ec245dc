package dev.provenance.core.keys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.provenance.api.ErrorCode;
import dev.provenance.api.VerificationException;
import dev.provenance.api.signing.SignatureAlgorithm;
import dev.provenance.api.signing.SignatureVerifier;
import java.math.BigInteger;
import java.security.AlgorithmParameters;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPoint;
import java.security.spec.ECPublicKeySpec;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The DSSE specification's test vector (protocol.md): a P-256 key given as X/Y coordinates and a
 * raw {@code r || s} signature over the PAE. Cases dsse-spec-hello-world (VALID with the IEEE
 * P1363 verifier) and dsse-spec-hello-world-as-der (INVALID with the DER verifier).
 */
class DsseSpecVectorTest {
  private static final byte[] PAE =
      KeyFixtures.utf8("DSSEv1 29 http://example.com/HelloWorld 11 hello world");

  @Test
  void verifyP1363_specVector_verifies() throws Exception {
    SignatureVerifier verifier = JcaKeys.verifierP1363(specKey());

    assertThatCode(() -> verifier.verify(PAE, specSignature())).doesNotThrowAnyException();
    assertThat(verifier.algorithm()).isEqualTo(SignatureAlgorithm.ECDSA_P256_SHA256);
  }

  @Test
  void verifyDer_specVector_throwsSignatureInvalid() throws Exception {
    SignatureVerifier verifier = JcaKeys.verifier(specKey());

    VerificationException e =
        catchThrowableOfType(VerificationException.class, () -> verifier.verify(PAE, specSignature()));

    assertThat(e.code()).isEqualTo(ErrorCode.SIGNATURE_INVALID);
  }

  @Test
  void verifyP1363_specVectorOtherPayload_throwsSignatureInvalid() throws Exception {
    SignatureVerifier verifier = JcaKeys.verifierP1363(specKey());
    byte[] other = KeyFixtures.utf8("DSSEv1 29 http://example.com/HelloWorld 11 hello World");

    VerificationException e =
        catchThrowableOfType(VerificationException.class, () -> verifier.verify(other, specSignature()));

    assertThat(e.code()).isEqualTo(ErrorCode.SIGNATURE_INVALID);
  }

  static PublicKey specKey() throws Exception {
    String text = KeyFixtures.text("vectors/dsse-spec/protocol-test-vector.txt");
    BigInteger x = new BigInteger(field(text, "X"));
    BigInteger y = new BigInteger(field(text, "Y"));
    AlgorithmParameters params = AlgorithmParameters.getInstance("EC");
    params.init(new ECGenParameterSpec("secp256r1"));
    ECParameterSpec spec = params.getParameterSpec(ECParameterSpec.class);
    return KeyFactory.getInstance("EC").generatePublic(new ECPublicKeySpec(new ECPoint(x, y), spec));
  }

  static byte[] specSignature() {
    String envelope = KeyFixtures.text("vectors/dsse-spec/hello-world.envelope.json");
    Matcher m = Pattern.compile("\"sig\": \"([A-Za-z0-9+/=]+)\"").matcher(envelope);
    assertThat(m.find()).isTrue();
    return Base64.getDecoder().decode(m.group(1));
  }

  private static String field(String text, String name) {
    Matcher m = Pattern.compile("(?m)^" + name + ": (\\d+)$").matcher(text);
    assertThat(m.find()).isTrue();
    return m.group(1);
  }
}
