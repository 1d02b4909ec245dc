package dev.provenance.sigstore.internal.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.provenance.api.Bytes;
import dev.provenance.api.ErrorCode;
import dev.provenance.api.SigningException;
import dev.provenance.api.digest.DigestAlgorithm;
import dev.provenance.api.dsse.Envelope;
import dev.provenance.api.dsse.EnvelopeSignature;
import dev.provenance.core.internal.dsse.Pae;
import dev.provenance.sigstore.testing.LoopbackServer;
import dev.provenance.sigstore.trust.SigningConfig.Service;
import dev.provenance.sigstore.trust.ValidityPeriod;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class WitnessingTest {
  private static final Bytes SIG = Bytes.utf8("signature");
  private static final RekorRequests.Verifier VERIFIER =
      new RekorRequests.Verifier(Bytes.utf8("der"), true, "PKIX_ECDSA_P256_SHA_256");
  private static final String TLE_WITH_PROOF =
      RekorClientTest.TLE + ",\"inclusionProof\":{\"logIndex\":\"5\",\"rootHash\":\""
          + Base64.getEncoder().encodeToString(new byte[32]) + "\",\"treeSize\":\"6\",\"hashes\":[],"
          + "\"checkpoint\":{\"envelope\":\"o\\n6\\nr\\n\"}}}";

  private final HttpTransport transport = HttpTransport.create(Duration.ofSeconds(10));
  private final Witnessing witnessing =
      new Witnessing(new RekorClient(transport), new TimestampClient(transport, new SecureRandom()));

  static Service log(String url, int version) {
    return new Service(url, version, ValidityPeriod.from(Instant.EPOCH), Optional.of("op"));
  }

  @Test
  void witness_dsseOnRekorV2_logsHashedRecordOfThePae() throws Exception {
    Envelope e =
        new Envelope("application/vnd.in-toto+json", Bytes.utf8("{\"a\":1}"), List.of(EnvelopeSignature.of(SIG)));
    try (LoopbackServer rekor = new LoopbackServer(r -> LoopbackServer.Reply.json(201, TLE_WITH_PROOF))) {
      Witnessing.Evidence evidence =
          witnessing.witness(
              new Services(Optional.empty(), List.of(log(rekor.url(), 2)), List.of()),
              Witnessing.Signed.envelope(e, Optional.of(DigestAlgorithm.SHA256)),
              VERIFIER);

      assertThat(evidence.tlogEntries()).hasSize(1);
      assertThat(evidence.rfc3161Timestamps()).isEmpty();
      byte[] request = rekor.requests().get(0).body();
      byte[] pae = Pae.encode(e.payloadType(), e.payload());
      assertThat(RekorRequestsTest.str(request, "hashedRekordRequestV002", "digest"))
          .isEqualTo(Bytes.wrap(MessageDigest.getInstance("SHA-256").digest(pae)).toBase64());
      assertThat(RekorRequestsTest.str(request, "hashedRekordRequestV002", "signature", "content"))
          .isEqualTo(SIG.toBase64());
    }
  }

  @Test
  void witness_messageOnRekorV1_logsHashedRecordWithTheDigestAlgorithm() throws Exception {
    byte[] digest = new byte[48];
    try (LoopbackServer rekor =
        new LoopbackServer(
            r -> LoopbackServer.Reply.json(201, RekorClientTest.v1("{\"kind\":\"hashedrekord\",\"apiVersion\":\"0.0.1\"}",
                RekorClientTest.verification(""))))) {
      witnessing.witness(
          new Services(Optional.empty(), List.of(log(rekor.url(), 1)), List.of()),
          Witnessing.Signed.message(DigestAlgorithm.SHA384, Bytes.wrap(digest), SIG),
          VERIFIER);

      byte[] request = rekor.requests().get(0).body();
      assertThat(RekorRequestsTest.str(request, "spec", "data", "hash", "algorithm")).isEqualTo("sha384");
      assertThat(RekorRequestsTest.str(request, "spec", "data", "hash", "value")).isEqualTo("00".repeat(48));
    }
  }

  @Test
  void witness_algorithmWithoutHashOnRekorV2_throwsConfigurationErrorBeforeAnyRequest() throws Exception {
    Envelope e =
        new Envelope("application/vnd.in-toto+json", Bytes.utf8("{}"), List.of(EnvelopeSignature.of(SIG)));
    try (LoopbackServer rekor = new LoopbackServer(r -> LoopbackServer.Reply.json(201, TLE_WITH_PROOF))) {
      SigningException ex =
          catchThrowableOfType(
              SigningException.class,
              () -> witnessing.witness(
                  new Services(Optional.empty(), List.of(log(rekor.url(), 2)), List.of()),
                  Witnessing.Signed.envelope(e, Optional.empty()),
                  VERIFIER));

      assertThat(ex.code()).isEqualTo(ErrorCode.CONFIGURATION_ERROR);
      assertThat(rekor.requests()).isEmpty();
    }
  }
}
