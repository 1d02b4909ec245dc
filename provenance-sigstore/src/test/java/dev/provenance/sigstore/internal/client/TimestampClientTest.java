package dev.provenance.sigstore.internal.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.provenance.api.Bytes;
import dev.provenance.api.ErrorCode;
import dev.provenance.api.SigningException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.function.UnaryOperator;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaCertStore;
import org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoGeneratorBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.tsp.TSPAlgorithms;
import org.bouncycastle.tsp.TimeStampRequest;
import org.bouncycastle.tsp.TimeStampRequestGenerator;
import org.bouncycastle.tsp.TimeStampResponse;
import org.bouncycastle.tsp.TimeStampResponseGenerator;
import org.bouncycastle.tsp.TimeStampTokenGenerator;
import org.junit.jupiter.api.Test;

class TimestampClientTest {
  private static final Bytes SIGNATURE = Bytes.utf8("signature bytes");

  private final TimestampClient client =
      new TimestampClient(HttpTransport.create(Duration.ofSeconds(10)), new SecureRandom());

  /** A TSA answering requests, after an optional rewrite of the request it answers. */
  private static LoopbackServer tsa(UnaryOperator<TimeStampRequest> rewrite) throws Exception {
    KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
    g.initialize(new ECGenParameterSpec("secp256r1"));
    KeyPair key = g.generateKeyPair();
    Instant now = Instant.now();
    X509CertificateHolder cert =
        new X509v3CertificateBuilder(
                new X500Name("CN=tsa"), BigInteger.ONE, Date.from(now.minusSeconds(60)),
                Date.from(now.plusSeconds(600)), new X500Name("CN=tsa"),
                SubjectPublicKeyInfo.getInstance(key.getPublic().getEncoded()))
            .addExtension(Extension.extendedKeyUsage, true,
                new ExtendedKeyUsage(KeyPurposeId.id_kp_timeStamping))
            .build(new JcaContentSignerBuilder("SHA256withECDSA").build(key.getPrivate()));
    TimeStampTokenGenerator tokens =
        new TimeStampTokenGenerator(
            new JcaSimpleSignerInfoGeneratorBuilder().build("SHA256withECDSA", key.getPrivate(),
                new org.bouncycastle.cert.jcajce.JcaX509CertificateConverter().getCertificate(cert)),
            new org.bouncycastle.operator.bc.BcDigestCalculatorProvider()
                .get(new org.bouncycastle.asn1.x509.AlgorithmIdentifier(
                    org.bouncycastle.asn1.oiw.OIWObjectIdentifiers.idSHA1)),
            new org.bouncycastle.asn1.ASN1ObjectIdentifier("1.3.6.1.4.1.57264.2"));
    tokens.addCertificates(new JcaCertStore(java.util.List.of(cert)));
    TimeStampResponseGenerator responses =
        new TimeStampResponseGenerator(tokens, TSPAlgorithms.ALLOWED);
    return new LoopbackServer(
        r -> {
          TimeStampRequest request = rewrite.apply(new TimeStampRequest(r.body()));
          TimeStampResponse response =
              responses.generate(request, BigInteger.TEN, new Date());
          return LoopbackServer.Reply.bytes(200, "application/timestamp-reply", response.getEncoded());
        });
  }

  @Test
  void timestamp_grantedForThisSignature_returnsResponse() throws Exception {
    try (LoopbackServer server = tsa(r -> r)) {
      Bytes response = client.timestamp(server.url() + "/api/v1/timestamp", SIGNATURE);

      TimeStampResponse parsed = new TimeStampResponse(response.toByteArray());
      assertThat(parsed.getTimeStampToken().getTimeStampInfo().getMessageImprintDigest())
          .isEqualTo(MessageDigest.getInstance("SHA-256").digest(SIGNATURE.toByteArray()));
      LoopbackServer.Request request = server.requests().get(0);
      assertThat(request.path()).isEqualTo("/api/v1/timestamp");
      assertThat(request.headers()).containsEntry("content-type", "application/timestamp-query");
      TimeStampRequest sent = new TimeStampRequest(request.body());
      assertThat(sent.getCertReq()).isTrue();
      assertThat(sent.getNonce()).isNotNull();
    }
  }

  @Test
  void timestamp_answerForAnotherImprint_throwsBindingMismatch() throws Exception {
    try (LoopbackServer server =
        tsa(r -> {
          TimeStampRequestGenerator g = new TimeStampRequestGenerator();
          g.setCertReq(true);
          return g.generate(TSPAlgorithms.SHA256, new byte[32], r.getNonce());
        })) {
      SigningException e =
          catchThrowableOfType(SigningException.class, () -> client.timestamp(server.url(), SIGNATURE));

      assertThat(e.code()).isEqualTo(ErrorCode.BINDING_MISMATCH);
    }
  }

  @Test
  void timestamp_answerWithAnotherNonce_throwsBindingMismatch() throws Exception {
    try (LoopbackServer server =
        tsa(r -> {
          TimeStampRequestGenerator g = new TimeStampRequestGenerator();
          g.setCertReq(true);
          return g.generate(TSPAlgorithms.SHA256, r.getMessageImprintDigest(), r.getNonce().add(BigInteger.ONE));
        })) {
      SigningException e =
          catchThrowableOfType(SigningException.class, () -> client.timestamp(server.url(), SIGNATURE));

      assertThat(e.code()).isEqualTo(ErrorCode.BINDING_MISMATCH);
    }
  }

  @Test
  void timestamp_rejection_throwsServiceError() throws Exception {
    TimeStampResponseGenerator rejecting = new TimeStampResponseGenerator(null, TSPAlgorithms.ALLOWED);
    try (LoopbackServer server =
        new LoopbackServer(
            r -> LoopbackServer.Reply.bytes(200, "application/timestamp-reply",
                rejecting.generateRejectedResponse(new org.bouncycastle.tsp.TSPException("no")).getEncoded()))) {
      SigningException e =
          catchThrowableOfType(SigningException.class, () -> client.timestamp(server.url(), SIGNATURE));

      assertThat(e.code()).isEqualTo(ErrorCode.SERVICE_ERROR);
    }
  }

  @Test
  void timestamp_garbageAnswer_throwsMalformedInput() throws Exception {
    try (LoopbackServer server =
        new LoopbackServer(
            r -> LoopbackServer.Reply.bytes(200, "application/timestamp-reply",
                "<html>".getBytes(StandardCharsets.UTF_8)))) {
      SigningException e =
          catchThrowableOfType(SigningException.class, () -> client.timestamp(server.url(), SIGNATURE));

      assertThat(e.code()).isEqualTo(ErrorCode.MALFORMED_INPUT);
    }
  }
}
