package dev.provenance.sigstore.testing;

import dev.provenance.api.Bytes;
import dev.provenance.api.digest.DigestAlgorithm;
import dev.provenance.api.digest.DigestSet;
import dev.provenance.api.dsse.Envelope;
import dev.provenance.api.dsse.EnvelopeSignature;
import dev.provenance.sigstore.BundleVersion;
import dev.provenance.sigstore.CertificateIdentity;
import dev.provenance.sigstore.MessageSignature;
import dev.provenance.sigstore.SigstoreBundle;
import dev.provenance.sigstore.SigstoreVerifier;
import dev.provenance.sigstore.TransparencyLogEntry;
import dev.provenance.sigstore.VerificationMaterial;
import dev.provenance.sigstore.trust.CertificateAuthorityInfo;
import dev.provenance.sigstore.trust.TimestampAuthorityInfo;
import dev.provenance.sigstore.trust.TransparencyLogInfo;
import dev.provenance.sigstore.trust.TrustedRoot;
import dev.provenance.sigstore.trust.ValidityPeriod;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.PublicKey;

import java.security.Signature;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * A private Sigstore instance for tests: a Fulcio-like PKI with a CT log, a Rekor v1 and a Rekor v2
 * log, a TSA, and a trusted root naming them. It signs artifacts and DSSE envelopes and assembles
 * bundles whose every signature is real, so hostile variants test the check they aim at.
 */
public final class SigstoreFixture {
  public static final String STATEMENT_TEMPLATE =
      "{\"_type\":\"https://in-toto.io/Statement/v1\",\"subject\":[{\"name\":\"a.txt\",\"digest\":"
          + "{\"sha256\":\"%s\"}}],\"predicateType\":\"https://example.test/predicate/v1\","
          + "\"predicate\":{\"x\":1}}";

  public final TestPki pki = TestPki.create();
  public final TestPki.TestLog ctlog = TestPki.TestLog.create();
  public final TestRekor rekor = TestRekor.v1("rekor.test.example");
  public final TestRekor rekorV2 = TestRekor.v2("log2026.rekor.test.example");
  public final TestTsa tsa = TestTsa.create();
  public final TestPki.LeafBuilder leafBuilder = pki.leaf().sct(TestPki.SctSpec.of(ctlog));
  public final KeyPair leafKey = leafBuilder.keyPair();
  public final X509Certificate leaf = leafBuilder.build();
  public final byte[] artifact = "the artifact\n".getBytes(StandardCharsets.UTF_8);

  /** A clock an hour after the fixture's signing time. */
  public static Clock clock() {
    return Clock.fixed(TestPki.NOW.plus(Duration.ofHours(1)), ZoneOffset.UTC);
  }

  /** The trusted root of this instance. */
  public TrustedRoot trustedRoot() {
    return trustedRoot(List.of(rekor.trusted(), rekorV2.trusted()));
  }

  /** The trusted root with other tlog entries. */
  public TrustedRoot trustedRoot(List<TransparencyLogInfo> tlogs) {
    ValidityPeriod always = ValidityPeriod.from(TestPki.NOW.minus(Duration.ofDays(3650)));
    return new TrustedRoot(
        TrustedRoot.MEDIA_TYPE_V0_1,
        tlogs,
        List.of(
            new CertificateAuthorityInfo(
                Optional.of("provenance.test"),
                Optional.of("test-intermediate"),
                "https://fulcio.test.example",
                List.of(der(pki.intermediate), der(pki.root)),
                always,
                Optional.empty())),
        List.of(
            new TransparencyLogInfo(
                "https://ctfe.test.example",
                "SHA2_256",
                Bytes.of(ctlog.key().getPublic().getEncoded()),
                "PKIX_ECDSA_P256_SHA_256",
                always,
                Bytes.of(ctlog.logId()),
                Optional.empty(),
                Optional.empty())),
        List.of(
            new TimestampAuthorityInfo(
                Optional.of("provenance.test"),
                Optional.of("test-tsa"),
                "https://tsa.test.example",
                List.of(der(tsa.signing), der(tsa.root)),
                always,
                Optional.empty())));
  }

  /** The identity of {@link #leaf}. */
  public static CertificateIdentity identity() {
    return CertificateIdentity.newBuilder()
        .subjectAlternativeName(TestPki.SAN)
        .issuer(TestPki.ISSUER)
        .build();
  }

  /** A verifier for this instance: its root, the leaf's identity, a fixed clock. */
  public SigstoreVerifier.Builder verifier() {
    return SigstoreVerifier.newBuilder()
        .trustedRoot(trustedRoot())
        .addCertificateIdentity(identity())
        .clock(clock());
  }

  public String artifactSha256() {
    return hex(sha256(artifact));
  }

  public DigestSet artifactDigest() {
    return DigestSet.of(DigestAlgorithm.SHA256, artifactSha256());
  }

  // ------------------------------------------------------------------ signing

  public byte[] signArtifact(byte[] data) {
    return sign(leafKey, data);
  }

  public static byte[] sign(KeyPair key, byte[] data) {
    try {
      Signature s = Signature.getInstance("SHA256withECDSA");
      s.initSign(key.getPrivate());
      s.update(data);
      return s.sign();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  public byte[] statement() {
    return String.format(STATEMENT_TEMPLATE, artifactSha256()).getBytes(StandardCharsets.UTF_8);
  }

  public static byte[] pae(String type, byte[] payload) {
    return TestRekor.concat(
        ("DSSEv1 " + type.getBytes(StandardCharsets.UTF_8).length + " " + type + " " + payload.length + " ")
            .getBytes(StandardCharsets.UTF_8),
        payload);
  }

  // ------------------------------------------------------------------ bodies

  public byte[] hashedRekordV001(String sha256Hex, byte[] sig, X509Certificate cert) {
    return json(
        "{\"apiVersion\":\"0.0.1\",\"kind\":\"hashedrekord\",\"spec\":{\"data\":{\"hash\":"
            + "{\"algorithm\":\"sha256\",\"value\":\"%s\"}},\"signature\":{\"content\":\"%s\","
            + "\"publicKey\":{\"content\":\"%s\"}}}}",
        sha256Hex,
        b64(sig),
        b64(pem(cert).getBytes(StandardCharsets.UTF_8)));
  }

  public byte[] hashedRekordV002(byte[] digest, byte[] sig, X509Certificate cert) {
    return json(
        "{\"apiVersion\":\"0.0.2\",\"kind\":\"hashedrekord\",\"spec\":{\"hashedRekordV002\":"
            + "{\"data\":{\"algorithm\":\"SHA2_256\",\"digest\":\"%s\"},\"signature\":{\"content\":"
            + "\"%s\",\"verifier\":{\"keyDetails\":\"PKIX_ECDSA_P256_SHA_256\",\"x509Certificate\":"
            + "{\"rawBytes\":\"%s\"}}}}}}",
        b64(digest),
        b64(sig),
        b64(der(cert).toByteArray()));
  }

  /**
   * A Rekor v2 {@code dsse} 0.0.2 body ({@code DSSELogEntryV002}) with the given payload hash and
   * signature list, each from {@link #v2Signature} or {@link #v2KeySignature}.
   */
  public static byte[] dsseV002(String algorithm, byte[] payloadDigest, List<String> signatures) {
    return json(
        "{\"apiVersion\":\"0.0.2\",\"kind\":\"dsse\",\"spec\":{\"dsseV002\":{\"payloadHash\":"
            + "{\"algorithm\":\"%s\",\"digest\":\"%s\"},\"signatures\":[%s]}}}",
        algorithm,
        b64(payloadDigest),
        String.join(",", signatures));
  }

  /** The usual {@code dsse} 0.0.2 body for a payload: SHA-256 and one signature by a certificate. */
  public byte[] dsseV002(byte[] payload, byte[] sig, X509Certificate cert) {
    return dsseV002("SHA2_256", sha256(payload), List.of(v2Signature(sig, cert)));
  }

  /** A Rekor v2 {@code Signature} whose verifier is a certificate. */
  public static String v2Signature(byte[] sig, X509Certificate cert) {
    return String.format(
        "{\"content\":\"%s\",\"verifier\":{\"keyDetails\":\"PKIX_ECDSA_P256_SHA_256\","
            + "\"x509Certificate\":{\"rawBytes\":\"%s\"}}}",
        b64(sig),
        b64(der(cert).toByteArray()));
  }

  /** A Rekor v2 {@code Signature} whose verifier is a public key. */
  public static String v2KeySignature(byte[] sig, PublicKey key) {
    return String.format(
        "{\"content\":\"%s\",\"verifier\":{\"keyDetails\":\"PKIX_ECDSA_P256_SHA_256\","
            + "\"publicKey\":{\"rawBytes\":\"%s\"}}}",
        b64(sig),
        b64(key.getEncoded()));
  }

  private byte[] statementSignature;

  /**
   * The DSSE signature of {@link #leafKey} over {@link #statement()}; the same bytes on every call
   * (ECDSA signing is randomized, so a fresh {@link #sign} gives another valid signature).
   */
  public synchronized byte[] signStatement() {
    if (statementSignature == null) {
      statementSignature = sign(leafKey, pae("application/vnd.in-toto+json", statement()));
    }
    return statementSignature.clone();
  }

  /**
   * A Rekor v2 DSSE bundle over {@link #statement()} signed by {@link #signStatement()}: the body
   * is appended to the v2 log under {@code kind} 0.0.2, with an RFC 3161 timestamp.
   */
  public SigstoreBundle rekorV2DsseBundle(byte[] body, String kind) {
    byte[] sig = signStatement();
    rekorV2.fill(3);
    long index = rekorV2.append(body);
    rekorV2.fill(2);
    TransparencyLogEntry entry = rekorV2.entry(index, kind, "0.0.2").build();
    return dsseBundle(
        BundleVersion.V0_3, statement(), sig, List.of(entry), List.of(Bytes.of(tsa.token(sig).build())));
  }

  public byte[] dsseV001(byte[] payload, byte[] sig, X509Certificate cert) {
    return json(
        "{\"apiVersion\":\"0.0.1\",\"kind\":\"dsse\",\"spec\":{\"envelopeHash\":{\"algorithm\":"
            + "\"sha256\",\"value\":\"%s\"},\"payloadHash\":{\"algorithm\":\"sha256\",\"value\":"
            + "\"%s\"},\"signatures\":[{\"signature\":\"%s\",\"verifier\":\"%s\"}]}}",
        hex(sha256(payload)),
        hex(sha256(payload)),
        b64(sig),
        b64(pem(cert).getBytes(StandardCharsets.UTF_8)));
  }

  public byte[] intotoV002(byte[] payload, byte[] sig, X509Certificate cert) {
    return json(
        "{\"apiVersion\":\"0.0.2\",\"kind\":\"intoto\",\"spec\":{\"content\":{\"envelope\":"
            + "{\"payloadType\":\"application/vnd.in-toto+json\",\"signatures\":[{\"publicKey\":"
            + "\"%s\",\"sig\":\"%s\"}]},\"hash\":{\"algorithm\":\"sha256\",\"value\":\"%s\"},"
            + "\"payloadHash\":{\"algorithm\":\"sha256\",\"value\":\"%s\"}}}}",
        b64(pem(cert).getBytes(StandardCharsets.UTF_8)),
        b64(b64(sig).getBytes(StandardCharsets.US_ASCII)),
        hex(sha256(payload)),
        hex(sha256(payload)));
  }

  // ------------------------------------------------------------------ bundles

  /** A message signature bundle over {@link #artifact}: hashedrekord 0.0.1 on the v1 log. */
  public SigstoreBundle messageBundle(BundleVersion version) {
    byte[] sig = signArtifact(artifact);
    TransparencyLogEntry entry = logV1(hashedRekordV001(artifactSha256(), sig, leaf), "hashedrekord", "0.0.1");
    return messageBundle(version, sig, List.of(entry), List.of());
  }

  public SigstoreBundle messageBundle(
      BundleVersion version, byte[] sig, List<TransparencyLogEntry> entries, List<Bytes> timestamps) {
    return new SigstoreBundle(
        version.mediaType(),
        material(version, entries, timestamps),
        Optional.of(new MessageSignature(Optional.of(artifactDigest()), Bytes.of(sig))),
        Optional.empty());
  }

  /** A DSSE bundle over {@link #statement()}: dsse 0.0.1 on the v1 log. */
  public SigstoreBundle dsseBundle(BundleVersion version) {
    byte[] payload = statement();
    byte[] sig = sign(leafKey, pae("application/vnd.in-toto+json", payload));
    TransparencyLogEntry entry = logV1(dsseV001(payload, sig, leaf), "dsse", "0.0.1");
    return dsseBundle(version, payload, sig, List.of(entry), List.of());
  }

  public SigstoreBundle dsseBundle(
      BundleVersion version,
      byte[] payload,
      byte[] sig,
      List<TransparencyLogEntry> entries,
      List<Bytes> timestamps) {
    return new SigstoreBundle(
        version.mediaType(),
        material(version, entries, timestamps),
        Optional.empty(),
        Optional.of(
            new Envelope(
                "application/vnd.in-toto+json",
                Bytes.of(payload),
                List.of(new EnvelopeSignature("", Bytes.of(sig))))));
  }

  /** A Rekor v2 message signature bundle: hashedrekord 0.0.2 and an RFC 3161 timestamp. */
  public SigstoreBundle rekorV2Bundle(boolean withTimestamp) {
    byte[] sig = signArtifact(artifact);
    rekorV2.fill(3);
    long index = rekorV2.append(hashedRekordV002(sha256(artifact), sig, leaf));
    rekorV2.fill(2);
    TransparencyLogEntry entry = rekorV2.entry(index, "hashedrekord", "0.0.2").build();
    List<Bytes> ts = withTimestamp ? List.of(Bytes.of(tsa.token(sig).build())) : List.of();
    return messageBundle(BundleVersion.V0_3, sig, List.of(entry), ts);
  }

  /** Appends a body to the v1 log (between fillers) and returns its entry. */
  public TransparencyLogEntry logV1(byte[] body, String kind, String version) {
    rekor.fill(5);
    long index = rekor.append(body);
    rekor.fill(3);
    return rekor.entry(index, kind, version).build();
  }

  public VerificationMaterial material(
      BundleVersion version, List<TransparencyLogEntry> entries, List<Bytes> timestamps) {
    if (version == BundleVersion.V0_3) {
      return new VerificationMaterial(
          VerificationMaterial.Kind.CERTIFICATE, Optional.empty(), List.of(der(leaf)), entries, timestamps);
    }
    return new VerificationMaterial(
        VerificationMaterial.Kind.X509_CERTIFICATE_CHAIN,
        Optional.empty(),
        List.of(der(leaf)),
        entries,
        timestamps);
  }

  // ------------------------------------------------------------------ encoding helpers

  public static Bytes der(X509Certificate c) {
    try {
      return Bytes.of(c.getEncoded());
    } catch (CertificateEncodingException e) {
      throw new IllegalStateException(e);
    }
  }

  public static String pem(X509Certificate c) {
    return "-----BEGIN CERTIFICATE-----\n"
        + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der(c).toByteArray())
        + "\n-----END CERTIFICATE-----\n";
  }

  public static String b64(byte[] b) {
    return Base64.getEncoder().encodeToString(b);
  }

  public static String hex(byte[] b) {
    return HexFormat.of().formatHex(b);
  }

  public static byte[] sha256(byte[] data) {
    return TestRekor.sha256(data);
  }

  private static byte[] json(String format, Object... args) {
    return String.format(format, args).getBytes(StandardCharsets.UTF_8);
  }

  /** Lists for builders that want mutable copies. */
  public static <T> List<T> list(List<T> in) {
    return new ArrayList<>(in);
  }

}
