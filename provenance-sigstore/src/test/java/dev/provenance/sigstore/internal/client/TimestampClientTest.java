package dev.provenance.sigstore.internal.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.provenance.api.Bytes;
import dev.provenance.api.ErrorCode;
import dev.provenance.api.SigningException;
import dev.provenance.sigstore.testing.LoopbackServer;
import dev.provenance.sigstore.testing.LoopbackTsa;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.function.UnaryOperator;
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

  private static LoopbackServer tsa(UnaryOperator<TimeStampRequest> rewrite) throws Exception {
    return LoopbackTsa.start(rewrite);
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
