package dev.provenance.sigstore.internal.checkpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.provenance.api.ErrorCode;
import dev.provenance.api.MalformedInputException;
import dev.provenance.api.VerificationException;
import dev.provenance.sigstore.testing.JcaTestVerifier;
import dev.provenance.sigstore.testing.Vectors;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.util.Arrays;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CheckpointVerifierTest {
  private static final String AT = "/checkpoint";
  private static final String BODY =
      "log.example.dev\n42\n" + Base64.getEncoder().encodeToString(new byte[32]) + "\n";

  @Test
  void verify_realRekorCheckpoint_acceptsWithProductionKey() throws Exception {
    byte[] spki = productionRekorKey();
    byte[] keyId = MessageDigest.getInstance("SHA-256").digest(spki);
    Checkpoint c =
        CheckpointVerifier.verify(
            Vectors.text("sigstore-java/checkpoints/valid.txt"),
            keyId,
            JcaTestVerifier.of(spki),
            AT);
    assertThat(c.origin()).isEqualTo("rekor.sigstore.dev - 2605736670972794746");
    assertThat(c.treeSize()).isEqualTo(37795272L);
    assertThat(Base64.getEncoder().encodeToString(c.rootHash()))
        .isEqualTo("60ll7idWI1jYRZzxc+jKflYoW+4jWxgZaGR15ASsWt4=");
    assertThat(c.extensions()).containsExactly("Timestamp: 1697034484441201852");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "error_header_body_separator.txt",
        "error_header_count.txt",
        "error_no_newline_after_signature.txt",
        "error_signature_format_invalid.txt",
        "error_signature_length_insufficient.txt"
      })
  void parse_malformedVectors_throwMalformedInput(String file) {
    String text = Vectors.text("sigstore-java/checkpoints/" + file);
    assertThatThrownBy(() -> Checkpoint.parse(SignedNote.parse(text).text()))
        .isInstanceOf(MalformedInputException.class)
        .extracting(e -> ((MalformedInputException) e).code())
        .isEqualTo(ErrorCode.MALFORMED_INPUT);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "error_header_body_separator.txt",
        "error_header_count.txt",
        "error_no_newline_after_signature.txt",
        "error_signature_format_invalid.txt",
        "error_signature_length_insufficient.txt"
      })
  void verify_malformedVectors_throwTransparencyLogInvalid(String file) throws Exception {
    byte[] spki = productionRekorKey();
    byte[] keyId = MessageDigest.getInstance("SHA-256").digest(spki);
    assertTlogInvalid(
        () ->
            CheckpointVerifier.verify(
                Vectors.text("sigstore-java/checkpoints/" + file),
                keyId,
                JcaTestVerifier.of(spki),
                AT));
  }

  @Test
  void verify_ed25519LogWithWitnessCosignatures_ignoresUnknownLines() throws Exception {
    Log log = Log.ed25519("log.example.dev");
    String note =
        BODY
            + "\n"
            + line("witness.example/w1", new byte[] {9, 9, 9, 9}, new byte[72])
            + log.sign(BODY)
            + line("witness.example/w2", new byte[] {1, 2, 3, 4}, new byte[72]);
    Checkpoint c = CheckpointVerifier.verify(note, log.keyId, log.verifier, AT);
    assertThat(c.treeSize()).isEqualTo(42);
  }

  @Test
  void verify_sameHintFirstLineBadSecondGood_accepts() throws Exception {
    Log log = Log.ecdsa("log.example.dev");
    String note = BODY + "\n" + line(log.name, log.keyId, new byte[70]) + log.sign(BODY);
    assertThat(CheckpointVerifier.verify(note, log.keyId, log.verifier, AT).origin())
        .isEqualTo("log.example.dev");
  }

  @Test
  void verify_signatureLastThreeBase64CharsAltered_throwsTransparencyLogInvalid()
      throws Exception {
    Log log = Log.ecdsa("log.example.dev");
    String sig = log.sign(BODY);
    String altered = sig.substring(0, sig.length() - 4) + "aaa\n";
    assertTlogInvalid(
        () -> CheckpointVerifier.verify(BODY + "\n" + altered, log.keyId, log.verifier, AT));
  }

  @Test
  void verify_signedByAnotherLogsKey_throwsTransparencyLogInvalid() throws Exception {
    Log ours = Log.ed25519("log.example.dev");
    Log other = Log.ed25519("log.example.dev");
    String note = BODY + "\n" + other.sign(BODY);
    // hint of the other key: no candidate line
    assertTlogInvalid(() -> CheckpointVerifier.verify(note, ours.keyId, ours.verifier, AT));
    // the other log's signature under our hint: the line is a candidate but does not verify
    String forged = BODY + "\n" + line(ours.name, ours.keyId, other.rawSignature(BODY));
    assertTlogInvalid(() -> CheckpointVerifier.verify(forged, ours.keyId, ours.verifier, AT));
  }

  @Test
  void verify_signerNameNotBoundToOrigin_throwsTransparencyLogInvalid() throws Exception {
    Log log = Log.ed25519("other.example.dev");
    String note = BODY + "\n" + log.sign(BODY);
    assertTlogInvalid(() -> CheckpointVerifier.verify(note, log.keyId, log.verifier, AT));
  }

  @Test
  void verify_missingSignatureOriginSizeOrRoot_throwsTransparencyLogInvalid() throws Exception {
    Log log = Log.ed25519("log.example.dev");
    assertTlogInvalid(() -> CheckpointVerifier.verify(BODY + "\n", log.keyId, log.verifier, AT));
    String noRoot = "log.example.dev\n42\n";
    assertTlogInvalid(
        () -> CheckpointVerifier.verify(noRoot + "\n" + log.sign(noRoot), log.keyId, log.verifier, AT));
    String noOrigin = "42\n" + Base64.getEncoder().encodeToString(new byte[32]) + "\n";
    assertTlogInvalid(
        () ->
            CheckpointVerifier.verify(
                noOrigin + "\n" + log.sign(noOrigin), log.keyId, log.verifier, AT));
    String badSize = "log.example.dev\n042\n" + Base64.getEncoder().encodeToString(new byte[32]) + "\n";
    assertTlogInvalid(
        () ->
            CheckpointVerifier.verify(
                badSize + "\n" + log.sign(badSize), log.keyId, log.verifier, AT));
  }

  @Test
  void nameMatchesOrigin_rekorV1Origin_acceptsOnlyNameDashTreeId() {
    assertThat(CheckpointVerifier.nameMatchesOrigin("rekor.sigstore.dev", "rekor.sigstore.dev"))
        .isTrue();
    assertThat(
            CheckpointVerifier.nameMatchesOrigin(
                "rekor.sigstore.dev", "rekor.sigstore.dev - 2605736670972794746"))
        .isTrue();
    assertThat(CheckpointVerifier.nameMatchesOrigin("rekor.sigstore.dev", "rekor.sigstore.dev - "))
        .isFalse();
    assertThat(
            CheckpointVerifier.nameMatchesOrigin(
                "rekor.sigstore.dev", "rekor.sigstore.dev.evil - 123"))
        .isFalse();
    assertThat(CheckpointVerifier.nameMatchesOrigin("rekor", "rekor - 12x")).isFalse();
  }

  @Test
  void parse_tooManySignatures_throwsResourceLimitExceeded() throws Exception {
    StringBuilder sb = new StringBuilder(BODY).append('\n');
    for (int i = 0; i <= SignedNote.MAX_SIGNATURES; i++) {
      sb.append(line("w" + i, new byte[] {1, 2, 3, 4}, new byte[8]));
    }
    assertThatThrownBy(() -> SignedNote.parse(sb.toString()))
        .isInstanceOf(MalformedInputException.class)
        .extracting(e -> ((MalformedInputException) e).code())
        .isEqualTo(ErrorCode.RESOURCE_LIMIT_EXCEEDED);
  }

  @Test
  void parse_controlCharacterOrBadName_throwsMalformedInput() {
    String sig = line("log", new byte[] {1, 2, 3, 4}, new byte[8]);
    for (String note :
        new String[] {
          "a\u0001b\n\n" + sig,
          BODY + "\n" + sig.replace("log", "lo+g"),
          BODY + "\n" + sig.replace("— ", "-- "),
          BODY + "\n" + "\u2014 log AQID\n",
          BODY + "\n" + sig.replace(" ", "  ")
        }) {
      assertThatThrownBy(() -> SignedNote.parse(note)).isInstanceOf(MalformedInputException.class);
    }
  }

  private static String line(String name, byte[] hint, byte[] sig) {
    byte[] blob = new byte[4 + sig.length];
    System.arraycopy(hint, 0, blob, 0, 4);
    System.arraycopy(sig, 0, blob, 4, sig.length);
    return "\u2014 " + name + " " + Base64.getEncoder().encodeToString(blob) + "\n";
  }

  private static void assertTlogInvalid(
      org.assertj.core.api.ThrowableAssert.ThrowingCallable call) {
    assertThatThrownBy(call)
        .isInstanceOf(VerificationException.class)
        .extracting(e -> ((VerificationException) e).code())
        .isEqualTo(ErrorCode.TRANSPARENCY_LOG_INVALID);
  }

  static byte[] productionRekorKey() {
    String root = Vectors.text("sigstore-python/trust-roots/production.trusted_root.json");
    Matcher m =
        Pattern.compile(
                "\"baseUrl\": \"https://rekor.sigstore.dev\".*?\"rawBytes\": \"([^\"]+)\"",
                Pattern.DOTALL)
            .matcher(root);
    assertThat(m.find()).isTrue();
    return Base64.getDecoder().decode(m.group(1));
  }

  /** A test log with a key pair and its checkpoint key id. */
  private static final class Log {
    final String name;
    final KeyPair pair;
    final byte[] keyId;
    final JcaTestVerifier verifier;
    final String jca;

    private Log(String name, KeyPair pair, byte[] keyId, String jca)
        throws GeneralSecurityException {
      this.name = name;
      this.pair = pair;
      this.keyId = keyId;
      this.verifier = JcaTestVerifier.of(pair.getPublic());
      this.jca = jca;
    }

    static Log ed25519(String name) throws GeneralSecurityException {
      KeyPair kp = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
      byte[] spki = kp.getPublic().getEncoded();
      byte[] raw = Arrays.copyOfRange(spki, spki.length - 32, spki.length);
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      sha.update(name.getBytes(StandardCharsets.UTF_8));
      sha.update(new byte[] {'\n', 1});
      sha.update(raw);
      return new Log(name, kp, sha.digest(), "Ed25519");
    }

    static Log ecdsa(String name) throws GeneralSecurityException {
      KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
      g.initialize(new ECGenParameterSpec("secp256r1"));
      KeyPair kp = g.generateKeyPair();
      byte[] id = MessageDigest.getInstance("SHA-256").digest(kp.getPublic().getEncoded());
      return new Log(name, kp, id, "SHA256withECDSA");
    }

    byte[] rawSignature(String text) throws GeneralSecurityException {
      Signature s = Signature.getInstance(jca);
      s.initSign(pair.getPrivate());
      s.update(text.getBytes(StandardCharsets.UTF_8));
      return s.sign();
    }

    String sign(String text) throws GeneralSecurityException {
      return line(name, keyId, rawSignature(text));
    }
  }
}
