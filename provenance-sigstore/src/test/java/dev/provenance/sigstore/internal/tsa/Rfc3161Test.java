package dev.provenance.sigstore.internal.tsa;

import static dev.provenance.sigstore.testing.TestPki.NOW;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.provenance.api.ErrorCode;
import dev.provenance.api.VerificationException;
import dev.provenance.sigstore.testing.BundleFixture;
import dev.provenance.sigstore.testing.TestTsa;
import dev.provenance.sigstore.testing.TrustedRootFixture;
import dev.provenance.sigstore.testing.Vectors;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.ArrayList;
import java.util.function.UnaryOperator;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.ASN1Set;
import org.bouncycastle.asn1.DERNull;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.DERSet;
import org.bouncycastle.asn1.DERTaggedObject;
import org.bouncycastle.asn1.cms.Attribute;
import org.bouncycastle.asn1.cms.ContentInfo;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.tsp.TimeStampResp;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import java.util.List;
import java.util.Optional;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.bouncycastle.asn1.cmp.PKIStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class Rfc3161Test {
  private static final TestTsa TSA = TestTsa.create();
  private static final byte[] SIGNATURE = "the artifact signature".getBytes(StandardCharsets.UTF_8);

  private static ErrorCode code(byte[] token, byte[] signed, List<TimestampAuthority> tsas) {
    VerificationException e =
        catchThrowableOfType(VerificationException.class, () -> Rfc3161.verify(token, signed, tsas));
    assertThat(e).as("a VerificationException").isNotNull();
    return e.code();
  }

  private static ErrorCode code(byte[] token) {
    return code(token, SIGNATURE, List.of(TSA.authority()));
  }

  @Test
  void verify_validResponse_returnsGenTimeAndAuthority() throws Exception {
    TimestampAuthority authority = TSA.authority();

    VerifiedTimestamp verified =
        Rfc3161.verify(TSA.token(SIGNATURE).build(), SIGNATURE, List.of(authority));

    assertThat(verified.time()).isEqualTo(NOW);
    assertThat(verified.authority()).isEqualTo(authority);
  }

  @Test
  void verify_secondTrustedAuthoritySigned_accepts() throws Exception {
    TestTsa other = TestTsa.create();

    VerifiedTimestamp verified =
        Rfc3161.verify(
            TSA.token(SIGNATURE).build(), SIGNATURE, List.of(other.authority(), TSA.authority()));

    assertThat(verified.authority().chain().get(0)).isEqualTo(TSA.signing);
  }

  @Test
  void verify_imprintOverOtherSignature_throwsBindingMismatch() {
    // H63: a genuine time-stamp from a trusted TSA, over another bundle's signature.
    byte[] token = TSA.token("another signature".getBytes(StandardCharsets.UTF_8)).build();

    assertThat(code(token)).isEqualTo(ErrorCode.BINDING_MISMATCH);
  }

  @Test
  void verify_garbageCmsSignature_throwsSignatureInvalid() {
    // H65: signer and embedded certificate chain to the trusted TSA, the signature is garbage.
    byte[] token = TSA.token(SIGNATURE).embedCertificate().garbleSignature().build();

    assertThat(code(token)).isEqualTo(ErrorCode.SIGNATURE_INVALID);
  }

  @Test
  void verify_tstInfoReplacedAfterSigning_throwsSignatureInvalid() {
    // Signed over "x", then the TSTInfo is swapped for one over the real signature.
    byte[] swapped =
        TSA.token("x".getBytes(StandardCharsets.UTF_8)).substituteContentFor(SIGNATURE).build();

    assertThat(code(swapped)).isEqualTo(ErrorCode.SIGNATURE_INVALID);
  }

  @Test
  void verify_signedByUntrustedTsaWithEmbeddedCertificate_throwsUntrustedAnchor() {
    byte[] token = TestTsa.create().token(SIGNATURE).embedCertificate().build();

    assertThat(code(token)).isEqualTo(ErrorCode.UNTRUSTED_ANCHOR);
  }

  @Test
  void verify_noTrustedAuthorities_throwsUntrustedAnchor() {
    assertThat(code(TSA.token(SIGNATURE).build(), SIGNATURE, List.of()))
        .isEqualTo(ErrorCode.UNTRUSTED_ANCHOR);
  }

  @Test
  void verify_genTimeAfterAuthorityWindow_throwsTimeInvalid() {
    TimestampAuthority ended =
        TSA.authority(NOW.minus(Duration.ofDays(30)), Optional.of(NOW.minusSeconds(1)));

    assertThat(code(TSA.token(SIGNATURE).build(), SIGNATURE, List.of(ended)))
        .isEqualTo(ErrorCode.TIME_INVALID);
  }

  @Test
  void verify_genTimeBeforeAuthorityWindow_throwsTimeInvalid() {
    TimestampAuthority future = TSA.authority(NOW.plusSeconds(1), Optional.empty());

    assertThat(code(TSA.token(SIGNATURE).build(), SIGNATURE, List.of(future)))
        .isEqualTo(ErrorCode.TIME_INVALID);
  }

  @Test
  void verify_genTimeEqualsAuthorityWindowEnd_accepts() throws Exception {
    TimestampAuthority endsNow = TSA.authority(NOW.minus(Duration.ofDays(30)), Optional.of(NOW));

    assertThat(Rfc3161.verify(TSA.token(SIGNATURE).build(), SIGNATURE, List.of(endsNow)).time())
        .isEqualTo(NOW);
  }

  @Test
  void verify_signingCertificateExpiredAtGenTime_throwsTimeInvalid() {
    TestTsa expired =
        TestTsa.create(NOW.minus(Duration.ofDays(10)), NOW.minus(Duration.ofDays(1)), true);

    assertThat(code(expired.token(SIGNATURE).build(), SIGNATURE, List.of(expired.authority())))
        .isEqualTo(ErrorCode.TIME_INVALID);
  }

  @Test
  void verify_essCertIdNamesAnotherCertificate_throwsBindingMismatch() {
    byte[] token = TSA.token(SIGNATURE).essCertificate(TSA.root).build();

    assertThat(code(token)).isEqualTo(ErrorCode.BINDING_MISMATCH);
  }

  @Test
  void verify_noEssSigningCertificateAttribute_throwsMalformedInput() {
    assertThat(code(TSA.token(SIGNATURE).essVersion(0).build()))
        .isEqualTo(ErrorCode.MALFORMED_INPUT);
  }

  @Test
  void verify_essCertIdVersionOne_accepts() throws Exception {
    byte[] token = TSA.token(SIGNATURE).essVersion(1).build();

    assertThat(Rfc3161.verify(token, SIGNATURE, List.of(TSA.authority())).time()).isEqualTo(NOW);
  }

  @Test
  void verify_tsaCertificateWithNonCriticalEku_throwsUntrustedAnchor() {
    // RFC 3161 2.3: the timeStamping extended key usage MUST be critical.
    TestTsa lax = TestTsa.create(NOW.minus(Duration.ofDays(1)), NOW.plus(Duration.ofDays(1)), false);

    assertThat(code(lax.token(SIGNATURE).build(), SIGNATURE, List.of(lax.authority())))
        .isEqualTo(ErrorCode.UNTRUSTED_ANCHOR);
  }

  @ParameterizedTest
  @ValueSource(strings = {"SHA-256", "SHA-384", "SHA-512"})
  void verify_imprintHashOfSha2Family_accepts(String hash) throws Exception {
    byte[] token = TSA.token(SIGNATURE).imprintHash(hash).build();

    assertThat(Rfc3161.verify(token, SIGNATURE, List.of(TSA.authority())).time()).isEqualTo(NOW);
  }

  @Test
  void verify_imprintHashSha1_throwsUnsupportedFormat() {
    assertThat(code(TSA.token(SIGNATURE).imprintHash("SHA-1").build()))
        .isEqualTo(ErrorCode.UNSUPPORTED_FORMAT);
  }

  @Test
  void verify_rejectedStatus_throwsMalformedInput() {
    assertThat(code(TSA.token(SIGNATURE).status(PKIStatus.REJECTION).build()))
        .isEqualTo(ErrorCode.MALFORMED_INPUT);
  }

  @Test
  void verify_grantedWithModsStatus_accepts() throws Exception {
    byte[] token = TSA.token(SIGNATURE).status(PKIStatus.GRANTED_WITH_MODS).build();

    assertThat(Rfc3161.verify(token, SIGNATURE, List.of(TSA.authority())).time()).isEqualTo(NOW);
  }

  @Test
  void verify_trailingBytes_throwsMalformedInput() {
    byte[] token = TSA.token(SIGNATURE).build();

    assertThat(code(Arrays.copyOf(token, token.length + 2))).isEqualTo(ErrorCode.MALFORMED_INPUT);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "30", "3000", "300330010a", "04020000"})
  void verify_garbage_throwsMalformedInput(String hex) {
    byte[] der = Vectors.hex(hex);

    assertThat(code(der)).isEqualTo(ErrorCode.MALFORMED_INPUT);
  }

  @Test
  void verify_deeplyNestedInput_throwsResourceLimitExceeded() {
    // A parser that recurses per level would overflow the stack on this 12 KB input.
    assertThat(code(Vectors.nestedSequences(3_000))).isEqualTo(ErrorCode.RESOURCE_LIMIT_EXCEEDED);
  }

  @Test
  void verify_overLimit_throwsResourceLimitExceeded() {
    assertThat(code(new byte[Rfc3161.MAX_TIMESTAMP_BYTES + 1]))
        .isEqualTo(ErrorCode.RESOURCE_LIMIT_EXCEEDED);
  }

  // ------------------------------------------------------------------ unsigned CMS fields

  private static final String ID_DATA = "1.2.840.113549.1.7.1";

  /**
   * Re-encodes a valid response with SignedData elements (version, digestAlgorithms,
   * encapContentInfo, [certificates], [crls], signerInfos) edited. None of them is covered by the
   * signature, so the CMS signature stays valid.
   */
  private static byte[] alter(UnaryOperator<List<ASN1Encodable>> edit) throws Exception {
    TimeStampResp response =
        TimeStampResp.getInstance(ASN1Primitive.fromByteArray(TSA.token(SIGNATURE).build()));
    ContentInfo token = response.getTimeStampToken();
    List<ASN1Encodable> parts =
        new ArrayList<>(Arrays.asList(ASN1Sequence.getInstance(token.getContent()).toArray()));
    List<ASN1Encodable> edited = edit.apply(parts);
    ContentInfo altered =
        new ContentInfo(token.getContentType(), new DERSequence(edited.toArray(new ASN1Encodable[0])));
    return new TimeStampResp(response.getStatus(), altered).getEncoded(ASN1Encoding.DER);
  }

  /** Edits the elements of the single SignerInfo. */
  private static UnaryOperator<List<ASN1Encodable>> signer(UnaryOperator<List<ASN1Encodable>> edit) {
    return parts -> {
      int last = parts.size() - 1;
      ASN1Sequence info = ASN1Sequence.getInstance(((ASN1Set) parts.get(last)).getObjectAt(0));
      List<ASN1Encodable> fields = edit.apply(new ArrayList<>(Arrays.asList(info.toArray())));
      parts.set(last, new DERSet(new DERSequence(fields.toArray(new ASN1Encodable[0]))));
      return parts;
    };
  }

  private static UnaryOperator<List<ASN1Encodable>> set(int index, ASN1Encodable value) {
    return parts -> {
      parts.set(index, value);
      return parts;
    };
  }

  private static AlgorithmIdentifier digest(ASN1ObjectIdentifier oid) {
    return new AlgorithmIdentifier(oid, DERNull.INSTANCE);
  }

  private static Attribute attribute(ASN1Encodable... values) {
    return new Attribute(new ASN1ObjectIdentifier("1.2.3.4.5"), new DERSet(values));
  }

  @Test
  void verify_reencodedUnchanged_accepts() throws Exception {
    // Control: the re-encoding itself keeps a token valid.
    byte[] token = alter(UnaryOperator.identity());

    assertThat(Rfc3161.verify(token, SIGNATURE, List.of(TSA.authority())).time()).isEqualTo(NOW);
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 1, 2, 4, 5, 99})
  void verify_signedDataVersionAltered_throwsMalformedInput(int version) throws Exception {
    assertThat(code(alter(set(0, new ASN1Integer(version))))).isEqualTo(ErrorCode.MALFORMED_INPUT);
  }

  @Test
  void verify_digestAlgorithmsEmpty_throwsMalformedInput() throws Exception {
    assertThat(code(alter(set(1, new DERSet())))).isEqualTo(ErrorCode.MALFORMED_INPUT);
  }

  @Test
  void verify_digestAlgorithmsOtherThanTheSigners_throwsMalformedInput() throws Exception {
    byte[] token = alter(set(1, new DERSet(digest(NISTObjectIdentifiers.id_sha384))));

    assertThat(code(token)).isEqualTo(ErrorCode.MALFORMED_INPUT);
  }

  @Test
  void verify_digestAlgorithmsWithAnUnusedOne_throwsMalformedInput() throws Exception {
    byte[] token =
        alter(
            set(
                1,
                new DERSet(
                    new ASN1Encodable[] {
                      digest(NISTObjectIdentifiers.id_sha256), digest(NISTObjectIdentifiers.id_sha512)
                    })));

    assertThat(code(token)).isEqualTo(ErrorCode.MALFORMED_INPUT);
  }

  @Test
  void verify_encapsulatedContentTypeIdData_throwsMalformedInput() throws Exception {
    byte[] token =
        alter(
            parts -> {
              ContentInfo content = ContentInfo.getInstance(parts.get(2));
              parts.set(2, new ContentInfo(new ASN1ObjectIdentifier(ID_DATA), content.getContent()));
              return parts;
            });

    assertThat(code(token)).isEqualTo(ErrorCode.MALFORMED_INPUT);
  }

  @Test
  void verify_signerInfoVersionAltered_throwsMalformedInput() throws Exception {
    // The test TSA names its certificate by issuer and serial number: version 1.
    byte[] token = alter(signer(set(0, new ASN1Integer(3))));

    assertThat(code(token)).isEqualTo(ErrorCode.MALFORMED_INPUT);
  }

  @Test
  void verify_secondSignerInfo_throwsMalformedInput() throws Exception {
    byte[] token =
        alter(
            parts -> {
              int last = parts.size() - 1;
              ASN1Encodable only = ((ASN1Set) parts.get(last)).getObjectAt(0);
              ASN1Sequence copy = ASN1Sequence.getInstance(only);
              List<ASN1Encodable> fields = new ArrayList<>(Arrays.asList(copy.toArray()));
              fields.add(new DERTaggedObject(false, 1, new DERSet(attribute(new ASN1Integer(1)))));
              parts.set(
                  last,
                  new DERSet(
                      new ASN1Encodable[] {only, new DERSequence(fields.toArray(new ASN1Encodable[0]))}));
              return parts;
            });

    assertThat(code(token)).isEqualTo(ErrorCode.MALFORMED_INPUT);
  }

  @Test
  void verify_wellFormedUnsignedAttributeAdded_accepts() throws Exception {
    // RFC 5652 allows unsigned attributes (countersignatures, archive time-stamps); nothing in
    // them is read, so a well-formed one changes nothing.
    byte[] token =
        alter(
            signer(
                fields -> {
                  fields.add(
                      new DERTaggedObject(false, 1, new DERSet(attribute(new ASN1Integer(7)))));
                  return fields;
                }));

    assertThat(Rfc3161.verify(token, SIGNATURE, List.of(TSA.authority())).time()).isEqualTo(NOW);
  }

  @Test
  void verify_emptyUnsignedAttributes_throwsMalformedInput() throws Exception {
    byte[] token =
        alter(
            signer(
                fields -> {
                  fields.add(new DERTaggedObject(false, 1, new DERSet()));
                  return fields;
                }));

    assertThat(code(token)).isEqualTo(ErrorCode.MALFORMED_INPUT);
  }

  @Test
  void verify_unsignedAttributeWithoutValue_throwsMalformedInput() throws Exception {
    byte[] token =
        alter(
            signer(
                fields -> {
                  fields.add(new DERTaggedObject(false, 1, new DERSet(attribute())));
                  return fields;
                }));

    assertThat(code(token)).isEqualTo(ErrorCode.MALFORMED_INPUT);
  }

  private static final byte[] TOKEN = TSA.token(SIGNATURE).embedCertificate().build();

  @Property(tries = 200)
  void verify_anyStrictPrefix_throwsTypedError(@ForAll @IntRange(min = 0, max = 5000) int cut) {
    byte[] prefix = Arrays.copyOf(TOKEN, cut % TOKEN.length);

    assertThat(code(prefix)).isIn(ErrorCode.MALFORMED_INPUT);
  }

  @Property(tries = 400)
  void verify_anyByteFlipped_failsTypedOrKeepsTheSignedTime(
      @ForAll @IntRange(min = 0, max = 10_000) int position,
      @ForAll @IntRange(min = 1, max = 255) int mask) {
    byte[] flipped = TOKEN.clone();
    flipped[position % flipped.length] ^= (byte) mask;
    try {
      // Bytes outside the signed attributes and TSTInfo (the embedded certificate, the status)
      // may change without effect; what the TSA vouches for may not.
      assertThat(Rfc3161.verify(flipped, SIGNATURE, List.of(TSA.authority())).time())
          .isEqualTo(NOW);
    } catch (VerificationException e) {
      assertThat(e.code()).isNotNull();
    }
  }

  // ------------------------------------------------------------------ real time-stamps

  @Test
  void verify_realSigstoreTimestamp_returnsGenTime() throws Exception {
    BundleFixture bundle = BundleFixture.load("sigstore-java/bundle-with-timestamp.sigstore");
    TrustedRootFixture staging =
        TrustedRootFixture.load("sigstore-python/trust-roots/staging.trusted_root.json", 0);

    VerifiedTimestamp verified =
        Rfc3161.verify(bundle.timestamps().get(0), bundle.signature(), staging.tsas());

    assertThat(verified.time()).isEqualTo(java.time.Instant.parse("2025-05-22T15:45:54Z"));
    byte[] otherSignature = bundle.signature().clone();
    otherSignature[0] ^= 1;
    assertThat(code(bundle.timestamps().get(0), otherSignature, staging.tsas()))
        .isEqualTo(ErrorCode.BINDING_MISMATCH);
  }

  @Test
  void verify_realGithubTimestamp_verifiesAgainstGithubTsa() throws Exception {
    BundleFixture bundle =
        BundleFixture.load("sigstore-java/github-private-no-tlog/attestation.sigstore.json");
    TrustedRootFixture github =
        TrustedRootFixture.load("sigstore-java/github-private-no-tlog/trusted_root.jsonl", 1);
    TrustedRootFixture publicGood =
        TrustedRootFixture.load("sigstore-java/github-private-no-tlog/trusted_root.jsonl", 0);

    VerifiedTimestamp verified =
        Rfc3161.verify(bundle.timestamps().get(0), bundle.signature(), github.tsas());

    assertThat(github.tsas()).contains(verified.authority());
    assertThat(code(bundle.timestamps().get(0), bundle.signature(), publicGood.tsas()))
        .isEqualTo(ErrorCode.UNTRUSTED_ANCHOR);
  }
}
