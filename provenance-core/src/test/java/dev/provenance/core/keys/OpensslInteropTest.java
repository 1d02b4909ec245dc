package dev.provenance.core.keys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.provenance.api.ErrorCode;
import dev.provenance.api.KeyMaterialException;
import dev.provenance.api.signing.SignatureAlgorithm;
import dev.provenance.api.signing.SignatureVerifier;
import dev.provenance.api.signing.Signer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Cross-checks with the {@code openssl} command: keys it writes load here, our signatures verify
 * there and theirs here. Skipped (assumption) only when openssl is not installed.
 */
@Tag("interop")
class OpensslInteropTest {
  private static final byte[] MESSAGE =
      "DSSEv1 28 application/vnd.in-toto+json 2 {}".getBytes(StandardCharsets.UTF_8);

  @TempDir Path dir;

  @BeforeAll
  static void requireOpenssl() {
    boolean present;
    try {
      Process p = new ProcessBuilder("openssl", "version").redirectErrorStream(true).start();
      p.getInputStream().readAllBytes();
      present = p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
    } catch (IOException | InterruptedException e) {
      present = false;
    }
    if (!present && Boolean.getBoolean("provenance.interop.required")) {
      fail("openssl is not installed (provenance.interop.required is set)");
    }
    assumeTrue(present, "openssl is not installed");
  }

  /** algorithm, genpkey arguments, dgst digest flag or null for Ed25519, extra sigopts. */
  static Stream<Arguments> algorithms() {
    return Stream.of(
        Arguments.of(SignatureAlgorithm.ED25519, List.of("-algorithm", "ed25519"), List.of()),
        Arguments.of(SignatureAlgorithm.ECDSA_P256_SHA256,
            List.of("-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256"), List.of()),
        Arguments.of(SignatureAlgorithm.ECDSA_P384_SHA384,
            List.of("-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-384"), List.of()),
        Arguments.of(SignatureAlgorithm.ECDSA_P521_SHA512,
            List.of("-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-521"), List.of()),
        Arguments.of(SignatureAlgorithm.RSA_PSS_SHA256,
            List.of("-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:2048"),
            List.of("-sigopt", "rsa_padding_mode:pss", "-sigopt", "rsa_pss_saltlen:32",
                "-sigopt", "rsa_mgf1_md:sha256")),
        Arguments.of(SignatureAlgorithm.RSA_PKCS1_SHA256,
            List.of("-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:2048"), List.of()));
  }

  @ParameterizedTest
  @MethodSource("algorithms")
  void sign_ourSignature_verifiesWithOpenssl(
      SignatureAlgorithm algorithm, List<String> genpkey, List<String> sigopts) throws Exception {
    Path key = generate(genpkey);
    Path pub = publicKey(key);
    Signer signer = PemKeys.signer(read(key), algorithm);
    Path msg = write("msg", MESSAGE);
    Path sig = write("sig", signer.sign(MESSAGE).toByteArray());

    if (algorithm == SignatureAlgorithm.ED25519) {
      openssl("pkeyutl", "-verify", "-pubin", "-inkey", pub.toString(), "-rawin",
          "-in", msg.toString(), "-sigfile", sig.toString());
    } else {
      List<String> args = new ArrayList<>(List.of("dgst", digestFlag(algorithm)));
      args.addAll(sigopts);
      args.addAll(List.of("-verify", pub.toString(), "-signature", sig.toString(), msg.toString()));
      openssl(args.toArray(new String[0]));
    }
    assertThat(signer.keyId()).isEqualTo(PemKeys.keyId(read(pub)));
  }

  @ParameterizedTest
  @MethodSource("algorithms")
  void verify_opensslSignature_accepted(
      SignatureAlgorithm algorithm, List<String> genpkey, List<String> sigopts) throws Exception {
    Path key = generate(genpkey);
    Path pub = publicKey(key);
    Path msg = write("msg", MESSAGE);
    Path sig = dir.resolve("sig");
    if (algorithm == SignatureAlgorithm.ED25519) {
      openssl("pkeyutl", "-sign", "-inkey", key.toString(), "-rawin", "-in", msg.toString(),
          "-out", sig.toString());
    } else {
      List<String> args = new ArrayList<>(List.of("dgst", digestFlag(algorithm)));
      args.addAll(sigopts);
      args.addAll(List.of("-sign", key.toString(), "-out", sig.toString(), msg.toString()));
      openssl(args.toArray(new String[0]));
    }
    SignatureVerifier verifier = PemKeys.verifier(read(pub), algorithm);

    assertThatCode(() -> verifier.verify(MESSAGE, Files.readAllBytes(sig))).doesNotThrowAnyException();
  }

  @ParameterizedTest
  @MethodSource("algorithms")
  void verifier_selfSignedCertificate_usesKeyIdentity(
      SignatureAlgorithm algorithm, List<String> genpkey, List<String> sigopts) throws Exception {
    Path key = generate(genpkey);
    Path cert = dir.resolve("cert.pem");
    openssl("req", "-x509", "-new", "-key", key.toString(), "-subj", "/CN=provenance test",
        "-days", "1", "-out", cert.toString());
    Signer signer = PemKeys.signer(read(key), algorithm);

    SignatureVerifier verifier = PemKeys.verifier(read(cert), algorithm);
    byte[] signature = signer.sign(MESSAGE).toByteArray();

    assertThat(verifier.keyId()).isEqualTo(PemKeys.keyId(read(publicKey(key))));
    assertThat(verifier.identity().certificateIdentity()).isEmpty();
    assertThatCode(() -> verifier.verify(MESSAGE, signature)).doesNotThrowAnyException();
  }

  @Test
  void signer_sec1EcPrivateKey_loads() throws Exception {
    Path key = generate(List.of("-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-384"));
    Path sec1 = dir.resolve("sec1.pem");
    openssl("ec", "-in", key.toString(), "-out", sec1.toString());
    assertThat(read(sec1)).contains("BEGIN EC PRIVATE KEY");

    Signer signer = PemKeys.signer(read(sec1));

    assertThat(signer.algorithm()).isEqualTo(SignatureAlgorithm.ECDSA_P384_SHA384);
    assertThat(signer.keyId()).isEqualTo(PemKeys.keyId(read(publicKey(key))));
  }

  @Test
  void signer_pkcs1RsaKeys_load() throws Exception {
    Path key = generate(List.of("-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:2048"));
    Path traditional = dir.resolve("rsa.pem");
    Path rsaPublic = dir.resolve("rsa-pub.pem");
    openssl("rsa", "-in", key.toString(), "-traditional", "-out", traditional.toString());
    openssl("rsa", "-in", key.toString(), "-RSAPublicKey_out", "-out", rsaPublic.toString());
    assertThat(read(traditional)).contains("BEGIN RSA PRIVATE KEY");
    assertThat(read(rsaPublic)).contains("BEGIN RSA PUBLIC KEY");

    Signer signer = PemKeys.signer(read(traditional), SignatureAlgorithm.RSA_PSS_SHA256);
    SignatureVerifier verifier = PemKeys.verifier(read(rsaPublic), SignatureAlgorithm.RSA_PSS_SHA256);
    byte[] signature = signer.sign(MESSAGE).toByteArray();

    assertThat(verifier.keyId()).isEqualTo(PemKeys.keyId(read(publicKey(key))));
    assertThatCode(() -> verifier.verify(MESSAGE, signature)).doesNotThrowAnyException();
  }

  @Test
  void verifier_compressedEcPoint_sameKeyIdAsUncompressed() throws Exception {
    Path key = generate(List.of("-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256"));
    Path compressed = dir.resolve("pub-compressed.pem");
    openssl("ec", "-in", key.toString(), "-pubout", "-conv_form", "compressed", "-out", compressed.toString());
    byte[] signature = PemKeys.signer(read(key)).sign(MESSAGE).toByteArray();

    SignatureVerifier verifier = PemKeys.verifier(read(compressed));

    assertThat(verifier.keyId()).isEqualTo(PemKeys.keyId(read(publicKey(key))));
    assertThatCode(() -> verifier.verify(MESSAGE, signature)).doesNotThrowAnyException();
  }

  static Stream<Arguments> encryptions() {
    return Stream.of(
        Arguments.of(List.of("-v2", "aes-256-cbc", "-v2prf", "hmacWithSHA256")),
        Arguments.of(List.of("-v2", "aes-128-cbc", "-v2prf", "hmacWithSHA1")),
        Arguments.of(List.of("-v2", "aes-192-cbc", "-v2prf", "hmacWithSHA512")),
        Arguments.of(List.of("-v2", "aes-256-cbc", "-v2prf", "hmacWithSHA384", "-iter", "100000")));
  }

  @ParameterizedTest
  @MethodSource("encryptions")
  void signer_opensslEncryptedPkcs8_decrypts(List<String> options) throws Exception {
    Path key = generate(List.of("-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256"));
    Path encrypted = dir.resolve("enc.pem");
    List<String> args = new ArrayList<>(List.of("pkcs8", "-topk8", "-in", key.toString(),
        "-out", encrypted.toString(), "-passout", "pass:s3cret pass"));
    args.addAll(options);
    openssl(args.toArray(new String[0]));

    Signer signer = PemKeys.signer(read(encrypted), "s3cret pass".toCharArray());

    assertThat(signer.keyId()).isEqualTo(PemKeys.keyId(read(publicKey(key))));
  }

  @Test
  void signer_opensslGenpkeyEncryptedDefault_decrypts() throws Exception {
    Path key = dir.resolve("enc-key.pem");
    openssl("genpkey", "-algorithm", "ed25519", "-aes-256-cbc", "-pass", "pass:pw", "-out", key.toString());

    Signer signer = PemKeys.signer(read(key), "pw".toCharArray());

    assertThat(signer.algorithm()).isEqualTo(SignatureAlgorithm.ED25519);
  }

  @Test
  void signer_opensslScryptEncryption_throwsUnsupportedFormat() throws Exception {
    Path key = generate(List.of("-algorithm", "ed25519"));
    Path encrypted = dir.resolve("scrypt.pem");
    openssl("pkcs8", "-topk8", "-in", key.toString(), "-out", encrypted.toString(),
        "-passout", "pass:pw", "-scrypt");

    KeyMaterialException e =
        catchThrowableOfType(
            KeyMaterialException.class, () -> PemKeys.signer(read(encrypted), "pw".toCharArray()));

    assertThat(e.code()).isEqualTo(ErrorCode.UNSUPPORTED_FORMAT);
  }

  static Stream<Arguments> refusedOpensslKeys() {
    return Stream.of(
        Arguments.of(List.of("-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:secp256k1")),
        Arguments.of(List.of("-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:brainpoolP256r1")),
        Arguments.of(List.of("-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256",
            "-pkeyopt", "ec_param_enc:explicit")),
        Arguments.of(List.of("-algorithm", "ed448")),
        Arguments.of(List.of("-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:1024")));
  }

  // H77 with real tool output: public and private halves are both refused
  @ParameterizedTest
  @MethodSource("refusedOpensslKeys")
  void verifierAndSigner_refusedOpensslKeys_throwUnsupportedFormat(List<String> genpkey)
      throws Exception {
    Path key = generate(genpkey);
    String pub = read(publicKey(key));
    String priv = read(key);

    KeyMaterialException publicError =
        catchThrowableOfType(
            KeyMaterialException.class, () -> PemKeys.verifier(pub, SignatureAlgorithm.RSA_PSS_SHA256));
    KeyMaterialException privateError =
        catchThrowableOfType(
            KeyMaterialException.class, () -> PemKeys.signer(priv, SignatureAlgorithm.RSA_PSS_SHA256));

    assertThat(publicError.code()).isEqualTo(ErrorCode.UNSUPPORTED_FORMAT);
    assertThat(privateError.code()).isEqualTo(ErrorCode.UNSUPPORTED_FORMAT);
  }

  private static String digestFlag(SignatureAlgorithm algorithm) {
    switch (algorithm) {
      case ECDSA_P384_SHA384:
        return "-sha384";
      case ECDSA_P521_SHA512:
        return "-sha512";
      default:
        return "-sha256";
    }
  }

  private Path generate(List<String> genpkey) throws Exception {
    Path key = Files.createTempFile(dir, "key", ".pem");
    List<String> args = new ArrayList<>(List.of("genpkey"));
    args.addAll(genpkey);
    args.addAll(List.of("-out", key.toString()));
    openssl(args.toArray(new String[0]));
    return key;
  }

  private Path publicKey(Path key) throws Exception {
    Path pub = Files.createTempFile(dir, "pub", ".pem");
    openssl("pkey", "-in", key.toString(), "-pubout", "-out", pub.toString());
    return pub;
  }

  private Path write(String name, byte[] content) throws IOException {
    return Files.write(dir.resolve(name), content);
  }

  private static String read(Path path) throws IOException {
    return Files.readString(path, StandardCharsets.US_ASCII);
  }

  private static void openssl(String... args) throws Exception {
    List<String> command = new ArrayList<>();
    command.add("openssl");
    command.addAll(List.of(args));
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as("openssl %s: %s", String.join(" ", args), output).isZero();
  }
}
