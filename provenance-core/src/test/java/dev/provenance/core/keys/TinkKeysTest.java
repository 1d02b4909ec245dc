package dev.provenance.core.keys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.google.crypto.tink.InsecureSecretKeyAccess;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.PublicKeySign;
import com.google.crypto.tink.PublicKeyVerify;
import com.google.crypto.tink.RegistryConfiguration;
import com.google.crypto.tink.signature.EcdsaParameters;
import com.google.crypto.tink.signature.EcdsaPrivateKey;
import com.google.crypto.tink.signature.Ed25519Parameters;
import com.google.crypto.tink.signature.Ed25519PrivateKey;
import com.google.crypto.tink.signature.SignatureConfig;
import dev.provenance.api.ErrorCode;
import dev.provenance.api.KeyMaterialException;
import dev.provenance.api.signing.SignatureAlgorithm;
import dev.provenance.api.signing.SignatureVerifier;
import dev.provenance.api.signing.Signer;
import java.security.AlgorithmParameters;
import java.security.KeyFactory;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPrivateKeySpec;
import java.security.spec.ECPublicKeySpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Tink keysets interoperate with the same keys loaded from PEM, in both directions. Decision on
 * output prefixes: only RAW (NO_PREFIX) keys are accepted; TINK, LEGACY and CRUNCHY keys are
 * refused with UNSUPPORTED_FORMAT because their signatures carry a key-id prefix (LEGACY also
 * signs message || 0x00) that no other verifier understands.
 */
class TinkKeysTest {
  private static final byte[] MESSAGE = KeyFixtures.utf8("DSSEv1 5 hello 5 world");

  @BeforeAll
  static void registerTink() throws Exception {
    SignatureConfig.register(); // test-only: Tink's own primitives for the cross-checks
  }

  static Stream<Arguments> rawKeys() throws Exception {
    return Stream.of(
        Arguments.of(SignatureAlgorithm.ED25519, Ed25519Parameters.create(Ed25519Parameters.Variant.NO_PREFIX)),
        Arguments.of(SignatureAlgorithm.ECDSA_P256_SHA256, ecdsa(EcdsaParameters.CurveType.NIST_P256,
            EcdsaParameters.HashType.SHA256, EcdsaParameters.SignatureEncoding.DER, EcdsaParameters.Variant.NO_PREFIX)),
        Arguments.of(SignatureAlgorithm.ECDSA_P384_SHA384, ecdsa(EcdsaParameters.CurveType.NIST_P384,
            EcdsaParameters.HashType.SHA384, EcdsaParameters.SignatureEncoding.DER, EcdsaParameters.Variant.NO_PREFIX)),
        Arguments.of(SignatureAlgorithm.ECDSA_P521_SHA512, ecdsa(EcdsaParameters.CurveType.NIST_P521,
            EcdsaParameters.HashType.SHA512, EcdsaParameters.SignatureEncoding.DER, EcdsaParameters.Variant.NO_PREFIX)));
  }

  @ParameterizedTest
  @MethodSource("rawKeys")
  void verifier_tinkSignature_verifiesWithPemVerifierOfSameKey(
      SignatureAlgorithm algorithm, com.google.crypto.tink.Parameters parameters) throws Exception {
    KeysetHandle keyset = KeysetHandle.generateNew(parameters);
    byte[] signature =
        keyset.getPrimitive(RegistryConfiguration.get(), PublicKeySign.class).sign(MESSAGE);

    SignatureVerifier pem = PemKeys.verifier(publicPem(keyset));
    SignatureVerifier tink = TinkKeys.verifier(keyset.getPublicKeysetHandle());

    assertThatCode(() -> pem.verify(MESSAGE, signature)).doesNotThrowAnyException();
    assertThatCode(() -> tink.verify(MESSAGE, signature)).doesNotThrowAnyException();
    assertThat(tink.algorithm()).isEqualTo(algorithm);
    assertThat(tink.keyId()).isEqualTo(pem.keyId());
  }

  @ParameterizedTest
  @MethodSource("rawKeys")
  void signer_ourSignature_verifiesWithTink(
      SignatureAlgorithm algorithm, com.google.crypto.tink.Parameters parameters) throws Exception {
    KeysetHandle keyset = KeysetHandle.generateNew(parameters);
    Signer signer = TinkKeys.signer(keyset);
    PublicKeyVerify tinkVerify =
        keyset.getPublicKeysetHandle().getPrimitive(RegistryConfiguration.get(), PublicKeyVerify.class);

    byte[] signature = signer.sign(MESSAGE).toByteArray();

    assertThatCode(() -> tinkVerify.verify(signature, MESSAGE)).doesNotThrowAnyException();
    assertThat(signer.algorithm()).isEqualTo(algorithm);
    assertThat(signer.keyId()).isEqualTo(PemKeys.keyId(publicPem(keyset)));
  }

  @ParameterizedTest
  @MethodSource("rawKeys")
  void signer_pemSignerOfSameKey_verifiesWithTink(
      SignatureAlgorithm algorithm, com.google.crypto.tink.Parameters parameters) throws Exception {
    KeysetHandle keyset = KeysetHandle.generateNew(parameters);
    Signer pemSigner = PemKeys.signer(privatePem(keyset));
    PublicKeyVerify tinkVerify =
        keyset.getPublicKeysetHandle().getPrimitive(RegistryConfiguration.get(), PublicKeyVerify.class);

    byte[] signature = pemSigner.sign(MESSAGE).toByteArray();

    assertThatCode(() -> tinkVerify.verify(signature, MESSAGE)).doesNotThrowAnyException();
    assertThat(pemSigner.algorithm()).isEqualTo(algorithm);
  }

  @Test
  void signer_tinkPrefixEd25519_throwsUnsupportedFormat() throws Exception {
    KeysetHandle keyset =
        KeysetHandle.generateNew(Ed25519Parameters.create(Ed25519Parameters.Variant.TINK));

    assertUnsupported(() -> TinkKeys.signer(keyset));
    assertUnsupported(() -> TinkKeys.verifier(keyset.getPublicKeysetHandle()));
  }

  @Test
  void signer_legacyPrefixEd25519_throwsUnsupportedFormat() throws Exception {
    KeysetHandle keyset =
        KeysetHandle.generateNew(Ed25519Parameters.create(Ed25519Parameters.Variant.LEGACY));

    assertUnsupported(() -> TinkKeys.signer(keyset));
  }

  @Test
  void signer_tinkPrefixEcdsa_throwsUnsupportedFormat() throws Exception {
    KeysetHandle keyset =
        KeysetHandle.generateNew(
            ecdsa(EcdsaParameters.CurveType.NIST_P256, EcdsaParameters.HashType.SHA256,
                EcdsaParameters.SignatureEncoding.DER, EcdsaParameters.Variant.TINK));

    assertUnsupported(() -> TinkKeys.signer(keyset));
    assertUnsupported(() -> TinkKeys.verifier(keyset.getPublicKeysetHandle()));
  }

  @Test
  void verifier_ieeeP1363Encoding_throwsUnsupportedFormat() throws Exception {
    KeysetHandle keyset =
        KeysetHandle.generateNew(
            ecdsa(EcdsaParameters.CurveType.NIST_P256, EcdsaParameters.HashType.SHA256,
                EcdsaParameters.SignatureEncoding.IEEE_P1363, EcdsaParameters.Variant.NO_PREFIX));

    assertUnsupported(() -> TinkKeys.signer(keyset));
    assertUnsupported(() -> TinkKeys.verifier(keyset.getPublicKeysetHandle()));
  }

  @Test
  void verifier_p384WithSha512_throwsUnsupportedFormat() throws Exception {
    KeysetHandle keyset =
        KeysetHandle.generateNew(
            ecdsa(EcdsaParameters.CurveType.NIST_P384, EcdsaParameters.HashType.SHA512,
                EcdsaParameters.SignatureEncoding.DER, EcdsaParameters.Variant.NO_PREFIX));

    assertUnsupported(() -> TinkKeys.verifier(keyset.getPublicKeysetHandle()));
  }

  @Test
  void verifiers_twoKeyKeyset_oneVerifierPerKey() throws Exception {
    Ed25519Parameters raw = Ed25519Parameters.create(Ed25519Parameters.Variant.NO_PREFIX);
    KeysetHandle keyset =
        KeysetHandle.newBuilder()
            .addEntry(KeysetHandle.generateEntryFromParameters(raw).withRandomId().makePrimary())
            .addEntry(KeysetHandle.generateEntryFromParameters(raw).withRandomId())
            .build();
    byte[] signature =
        keyset.getPrimitive(RegistryConfiguration.get(), PublicKeySign.class).sign(MESSAGE);

    List<SignatureVerifier> verifiers = TinkKeys.verifiers(keyset.getPublicKeysetHandle());

    assertThat(verifiers).hasSize(2);
    assertThat(verifiers.get(0).keyId()).isNotEqualTo(verifiers.get(1).keyId());
    assertThatCode(() -> verifiers.get(0).verify(MESSAGE, signature)).doesNotThrowAnyException();
  }

  private interface Call {
    void run() throws Exception;
  }

  private static void assertUnsupported(Call call) {
    KeyMaterialException e = catchThrowableOfType(KeyMaterialException.class, call::run);
    assertThat(e.code()).isEqualTo(ErrorCode.UNSUPPORTED_FORMAT);
  }

  private static EcdsaParameters ecdsa(
      EcdsaParameters.CurveType curve,
      EcdsaParameters.HashType hash,
      EcdsaParameters.SignatureEncoding encoding,
      EcdsaParameters.Variant variant)
      throws Exception {
    return EcdsaParameters.builder()
        .setCurveType(curve)
        .setHashType(hash)
        .setSignatureEncoding(encoding)
        .setVariant(variant)
        .build();
  }

  /** The keyset's primary public key as SPKI PEM, built without our code. */
  private static String publicPem(KeysetHandle keyset) throws Exception {
    com.google.crypto.tink.Key key = keyset.getPrimary().getKey();
    if (key instanceof Ed25519PrivateKey) {
      byte[] raw = ((Ed25519PrivateKey) key).getPublicKey().getPublicKeyBytes().toByteArray();
      byte[] spki = concat(hex("302a300506032b6570032100"), raw);
      return PemKeys.publicKeyPem(KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(spki)));
    }
    EcdsaPrivateKey ec = (EcdsaPrivateKey) key;
    ECPublicKeySpec spec = new ECPublicKeySpec(ec.getPublicKey().getPublicPoint(), ecSpec(ec));
    return PemKeys.publicKeyPem(KeyFactory.getInstance("EC").generatePublic(spec));
  }

  /** The keyset's primary private key as PKCS#8 PEM, built with the JDK. */
  private static String privatePem(KeysetHandle keyset) throws Exception {
    com.google.crypto.tink.Key key = keyset.getPrimary().getKey();
    if (key instanceof Ed25519PrivateKey) {
      byte[] seed =
          ((Ed25519PrivateKey) key).getPrivateKeyBytes().toByteArray(InsecureSecretKeyAccess.get());
      byte[] pkcs8 = concat(hex("302e020100300506032b657004220420"), seed);
      return PemKeys.privateKeyPem(KeyFactory.getInstance("Ed25519").generatePrivate(new PKCS8EncodedKeySpec(pkcs8)));
    }
    EcdsaPrivateKey ec = (EcdsaPrivateKey) key;
    ECPrivateKeySpec spec =
        new ECPrivateKeySpec(ec.getPrivateValue().getBigInteger(InsecureSecretKeyAccess.get()), ecSpec(ec));
    return PemKeys.privateKeyPem(KeyFactory.getInstance("EC").generatePrivate(spec));
  }

  private static ECParameterSpec ecSpec(EcdsaPrivateKey ec) throws Exception {
    EcdsaParameters.CurveType curve = ec.getParameters().getCurveType();
    String name =
        curve == EcdsaParameters.CurveType.NIST_P256 ? "secp256r1"
            : curve == EcdsaParameters.CurveType.NIST_P384 ? "secp384r1" : "secp521r1";
    AlgorithmParameters params = AlgorithmParameters.getInstance("EC");
    params.init(new ECGenParameterSpec(name));
    return params.getParameterSpec(ECParameterSpec.class);
  }

  static byte[] hex(String s) {
    byte[] out = new byte[s.length() / 2];
    for (int i = 0; i < out.length; i++) {
      out[i] = (byte) Integer.parseInt(s.substring(2 * i, 2 * i + 2), 16);
    }
    return out;
  }

  static byte[] concat(byte[] a, byte[] b) {
    byte[] out = new byte[a.length + b.length];
    System.arraycopy(a, 0, out, 0, a.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }
}
