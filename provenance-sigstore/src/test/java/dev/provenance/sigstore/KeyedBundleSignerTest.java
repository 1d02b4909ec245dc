package dev.provenance.sigstore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.provenance.api.Bytes;
import dev.provenance.api.ErrorCode;
import dev.provenance.api.KeyMaterialException;
import dev.provenance.api.SigningException;
import dev.provenance.api.digest.DigestAlgorithm;
import dev.provenance.api.digest.DigestSet;
import dev.provenance.api.dsse.Envelope;
import dev.provenance.api.dsse.EnvelopeSignature;
import dev.provenance.api.dsse.PayloadTypes;
import dev.provenance.api.signing.SignatureAlgorithm;
import dev.provenance.api.signing.Signer;
import dev.provenance.core.dsse.DsseSigner;
import dev.provenance.core.keys.JcaKeys;
import dev.provenance.sigstore.trust.SigningConfig.Selector;
import dev.provenance.sigstore.trust.SigningConfig.Service;
import dev.provenance.sigstore.trust.SigningConfig.ServiceConfiguration;
import dev.provenance.sigstore.trust.SigningConfig;
import dev.provenance.sigstore.trust.ValidityPeriod;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Keyed bundles without services (as sigstore-js makes them); with services, see the interop tests. */
class KeyedBundleSignerTest {
  private static final byte[] ARTIFACT = "artifact\n".getBytes(StandardCharsets.UTF_8);

  static byte[] statement() throws Exception {
    String digest = Bytes.wrap(MessageDigest.getInstance("SHA-256").digest(ARTIFACT)).toHex();
    return ("{\"_type\":\"https://in-toto.io/Statement/v1\",\"subject\":[{\"name\":\"a\",\"digest\":{\"sha256\":\""
            + digest + "\"}}],\"predicateType\":\"https://example.com/p\",\"predicate\":{}}")
        .getBytes(StandardCharsets.UTF_8);
  }

  record Key(KeyPair pair, Signer signer, SignatureAlgorithm algorithm) {
    static Key of(SignatureAlgorithm algorithm) throws Exception {
      KeyPair pair = JcaKeys.generate(algorithm);
      return new Key(pair, JcaKeys.signer(pair.getPrivate(), pair.getPublic(), algorithm), algorithm);
    }

    KeyedBundleSigner bundleSigner() throws Exception {
      return KeyedBundleSigner.newBuilder().signer(signer, pair.getPublic()).build();
    }

    SigstoreVerifier verifier() throws Exception {
      return SigstoreVerifier.newBuilder()
          .publicKey(pair.getPublic(), algorithm)
          .transparencyLogThreshold(0)
          .observerTimestampThreshold(0)
          .build();
    }
  }

  @ParameterizedTest
  @EnumSource(SignatureAlgorithm.class)
  void signArtifact_noServices_bundleWithHintVerifiesWithTheKey(SignatureAlgorithm algorithm) throws Exception {
    Key key = Key.of(algorithm);

    SigstoreBundle bundle = key.bundleSigner().signArtifact(ARTIFACT);

    assertThat(bundle.verificationMaterial().kind()).isEqualTo(VerificationMaterial.Kind.PUBLIC_KEY);
    assertThat(bundle.verificationMaterial().publicKeyHint()).contains(JcaKeys.keyId(key.pair().getPublic()).value());
    assertThat(bundle.verificationMaterial().tlogEntries()).isEmpty();
    assertThat(bundle.mediaType()).isEqualTo(BundleVersion.V0_3.mediaType());
    VerifiedBundle v = key.verifier().verify(bundle.toJson(), Artifact.ofBytes(ARTIFACT));
    assertThat(v.signer().keyId()).isEqualTo(key.signer().keyId());
  }

  @ParameterizedTest
  @EnumSource(SignatureAlgorithm.class)
  void attest_noServices_dsseBundleVerifiesWithTheKey(SignatureAlgorithm algorithm) throws Exception {
    Key key = Key.of(algorithm);

    SigstoreBundle bundle = key.bundleSigner().attest(statement());

    assertThat(bundle.dsseEnvelope()).hasValueSatisfying(e -> {
      assertThat(e.payloadType()).isEqualTo(PayloadTypes.IN_TOTO);
      assertThat(e.payload().toByteArray()).isEqualTo(uncheckedStatement());
    });
    key.verifier().verifyAttestation(bundle.toJson(), DigestSet.of(DigestAlgorithm.SHA256,
        Bytes.wrap(MessageDigest.getInstance("SHA-256").digest(ARTIFACT)).toHex()));
  }

  private static byte[] uncheckedStatement() {
    try {
      return statement();
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  @Test
  void logEnvelope_signedByThisKey_bundled() throws Exception {
    Key key = Key.of(SignatureAlgorithm.ECDSA_P256_SHA256);
    Envelope e = DsseSigner.of(key.signer()).sign(PayloadTypes.IN_TOTO, statement());

    SigstoreBundle bundle =
        KeyedBundleSigner.newBuilder()
            .publicKey(key.pair().getPublic(), key.algorithm())
            .build()
            .logEnvelope(e);

    assertThat(bundle.dsseEnvelope()).contains(e);
    key.verifier().verifyAttestation(bundle.toJson());
  }

  @Test
  void logEnvelope_signedByAnotherKey_throwsSignatureInvalid() throws Exception {
    Key key = Key.of(SignatureAlgorithm.ECDSA_P256_SHA256);
    Envelope e = DsseSigner.of(Key.of(SignatureAlgorithm.ECDSA_P256_SHA256).signer()).sign(PayloadTypes.IN_TOTO, statement());

    SigningException ex =
        catchThrowableOfType(SigningException.class, () -> key.bundleSigner().logEnvelope(e));

    assertThat(ex.code()).isEqualTo(ErrorCode.SIGNATURE_INVALID);
  }

  @Test
  void logEnvelope_twoSignatures_throwsMalformedInput() throws Exception {
    Key key = Key.of(SignatureAlgorithm.ECDSA_P256_SHA256);
    Envelope e =
        DsseSigner.of(key.signer(), Key.of(SignatureAlgorithm.ED25519).signer())
            .sign(PayloadTypes.IN_TOTO, statement());

    SigningException ex =
        catchThrowableOfType(SigningException.class, () -> key.bundleSigner().logEnvelope(e));

    assertThat(ex.code()).isEqualTo(ErrorCode.MALFORMED_INPUT);
    assertThat(ex.location()).contains("/signatures");
  }

  @Test
  void logEnvelope_otherPayloadType_throwsMalformedInput() throws Exception {
    Key key = Key.of(SignatureAlgorithm.ECDSA_P256_SHA256);
    Envelope e = DsseSigner.of(key.signer()).sign("text/plain", statement());

    SigningException ex =
        catchThrowableOfType(SigningException.class, () -> key.bundleSigner().logEnvelope(e));

    assertThat(ex.code()).isEqualTo(ErrorCode.MALFORMED_INPUT);
    assertThat(ex.location()).contains("/payloadType");
  }

  @Test
  void attest_notAStatement_throwsMalformedInput() throws Exception {
    SigningException ex =
        catchThrowableOfType(
            SigningException.class,
            () -> Key.of(SignatureAlgorithm.ED25519).bundleSigner().attest("[]".getBytes(StandardCharsets.UTF_8)));

    assertThat(ex.code()).isEqualTo(ErrorCode.MALFORMED_INPUT);
  }

  @Test
  void signArtifact_ed25519WithALog_throwsConfigurationError() throws Exception {
    Key key = Key.of(SignatureAlgorithm.ED25519);
    ValidityPeriod always = ValidityPeriod.from(Instant.EPOCH);
    ServiceConfiguration any = new ServiceConfiguration(Selector.ANY, 0);
    SigningConfig config =
        new SigningConfig(List.of(), List.of(),
            List.of(new Service("https://rekor.example", 1, always, Optional.of("op"))), any, List.of(), any);

    SigningException ex =
        catchThrowableOfType(
            SigningException.class,
            () -> KeyedBundleSigner.newBuilder().signer(key.signer(), key.pair().getPublic())
                .signingConfig(config).build().signArtifact(ARTIFACT));

    assertThat(ex.code()).isEqualTo(ErrorCode.CONFIGURATION_ERROR);
  }

  @Test
  void signer_publicKeyOfAnotherKey_throwsConfigurationError() throws Exception {
    Key key = Key.of(SignatureAlgorithm.ECDSA_P256_SHA256);
    KeyPair other = JcaKeys.generate(SignatureAlgorithm.ECDSA_P256_SHA256);

    KeyMaterialException ex =
        catchThrowableOfType(
            KeyMaterialException.class,
            () -> KeyedBundleSigner.newBuilder().signer(key.signer(), other.getPublic()));

    assertThat(ex.code()).isEqualTo(ErrorCode.CONFIGURATION_ERROR);
  }

  @Test
  void publicKey_algorithmNotFittingTheKey_throwsConfigurationError() throws Exception {
    KeyPair ec = JcaKeys.generate(SignatureAlgorithm.ECDSA_P256_SHA256);

    KeyMaterialException ex =
        catchThrowableOfType(
            KeyMaterialException.class,
            () -> KeyedBundleSigner.newBuilder().publicKey(ec.getPublic(), SignatureAlgorithm.ED25519));

    assertThat(ex.code()).isEqualTo(ErrorCode.CONFIGURATION_ERROR);
  }

  @Test
  void signArtifact_publicKeyOnly_throwsIllegalState() throws Exception {
    Key key = Key.of(SignatureAlgorithm.ECDSA_P256_SHA256);
    KeyedBundleSigner logging =
        KeyedBundleSigner.newBuilder().publicKey(key.pair().getPublic(), key.algorithm()).build();

    assertThatThrownBy(() -> logging.signArtifact(ARTIFACT)).isInstanceOf(IllegalStateException.class);
    assertThat(logging.keyId()).isEqualTo(key.signer().keyId());
  }

  @Test
  void keyDetails_eachAlgorithm_protobufSpecsName() {
    assertThat(KeyedBundleSigner.keyDetails(SignatureAlgorithm.ECDSA_P384_SHA384, 0)).isEqualTo("PKIX_ECDSA_P384_SHA_384");
    assertThat(KeyedBundleSigner.keyDetails(SignatureAlgorithm.RSA_PSS_SHA256, 3072)).isEqualTo("PKIX_RSA_PSS_3072_SHA256");
    assertThat(KeyedBundleSigner.keyDetails(SignatureAlgorithm.RSA_PKCS1_SHA256, 2048))
        .isEqualTo("PKIX_RSA_PKCS1V15_2048_SHA256");
    assertThat(KeyedBundleSigner.hash(SignatureAlgorithm.ED25519)).isEmpty();
    assertThat(KeyedBundleSigner.hash(SignatureAlgorithm.ECDSA_P521_SHA512)).contains(DigestAlgorithm.SHA512);
  }

  @Test
  void envelopeSignatureKeyId_isTheHint() throws Exception {
    Key key = Key.of(SignatureAlgorithm.ECDSA_P256_SHA256);

    SigstoreBundle bundle = key.bundleSigner().attest(statement());

    EnvelopeSignature sig = bundle.dsseEnvelope().orElseThrow().signatures().get(0);
    assertThat(Optional.of(sig.keyid())).isEqualTo(bundle.verificationMaterial().publicKeyHint());
  }
}
