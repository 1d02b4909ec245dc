package dev.provenance.sigstore.internal.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.provenance.api.Bytes;
import dev.provenance.api.ErrorCode;
import dev.provenance.api.MalformedInputException;
import dev.provenance.api.SigningException;
import dev.provenance.sigstore.TransparencyLogEntry;
import dev.provenance.sigstore.testing.LoopbackServer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Collections;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RekorClientTest {
  private static final String BODY =
      "{\"apiVersion\":\"0.0.1\",\"kind\":\"hashedrekord\",\"spec\":{}}";
  private static final String H = "aa".repeat(32);
  private static final String ID = "bb".repeat(32);

  private final RekorClient client = new RekorClient(HttpTransport.create(Duration.ofSeconds(10)));

  static String v1(String body, String verification) {
    return "{\"24296fb24b8ad77a" + "cc".repeat(32) + "\":{\"body\":\""
        + Base64.getEncoder().encodeToString(body.getBytes(StandardCharsets.UTF_8))
        + "\",\"integratedTime\":1700000000,\"logID\":\"" + ID + "\",\"logIndex\":42,"
        + "\"verification\":" + verification + "}}";
  }

  static String verification(String hashes) {
    return "{\"inclusionProof\":{\"checkpoint\":\"origin\\n7\\nroot\\n\",\"hashes\":[" + hashes
        + "],\"logIndex\":3,\"rootHash\":\"" + H + "\",\"treeSize\":7},"
        + "\"signedEntryTimestamp\":\"c2V0\"}";
  }

  @Test
  void readV1_logEntry_mapsToBundleEntry() throws Exception {
    TransparencyLogEntry e =
        RekorClient.readV1(v1(BODY, verification("\"" + H + "\"")).getBytes(StandardCharsets.UTF_8));

    assertThat(e.logIndex()).isEqualTo(42);
    assertThat(e.logId().toHex()).isEqualTo(ID);
    assertThat(e.kind()).isEqualTo("hashedrekord");
    assertThat(e.kindVersion()).isEqualTo("0.0.1");
    assertThat(e.integratedTime()).isEqualTo(1_700_000_000L);
    assertThat(e.inclusionPromise()).contains(Bytes.utf8("set"));
    assertThat(e.canonicalizedBody()).isEqualTo(Bytes.utf8(BODY));
    assertThat(e.inclusionProof()).hasValueSatisfying(p -> {
      assertThat(p.logIndex()).isEqualTo(3);
      assertThat(p.treeSize()).isEqualTo(7);
      assertThat(p.rootHash().toHex()).isEqualTo(H);
      assertThat(p.hashes()).containsExactly(Bytes.wrap(hex32()));
      assertThat(p.checkpoint()).contains("origin\n7\nroot\n");
    });
  }

  private static byte[] hex32() {
    byte[] b = new byte[32];
    java.util.Arrays.fill(b, (byte) 0xaa);
    return b;
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "{}",
        "[]",
        "{\"a\":{},\"b\":{}}",
        "{\"a\":7}",
        "{\"a\":{\"body\":\"e30=\"}}"
      })
  void readV1_notOneEntry_throwsMalformedInput(String json) {
    MalformedInputException e =
        catchThrowableOfType(
            MalformedInputException.class, () -> RekorClient.readV1(json.getBytes(StandardCharsets.UTF_8)));

    assertThat(e.code()).isEqualTo(ErrorCode.MALFORMED_INPUT);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "{\"signedEntryTimestamp\":\"c2V0\"}",
        "{\"inclusionProof\":{\"checkpoint\":\"c\",\"hashes\":[\"zz\"],\"logIndex\":3,\"rootHash\":\""
            + "aa\",\"treeSize\":7}}",
        "{\"inclusionProof\":{\"checkpoint\":\"c\",\"hashes\":[],\"logIndex\":-3,\"rootHash\":\""
            + "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\",\"treeSize\":7}}",
        "{\"inclusionProof\":{\"checkpoint\":\"c\",\"hashes\":[],\"logIndex\":1.5,\"rootHash\":\""
            + "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\",\"treeSize\":7}}",
        "{\"inclusionProof\":{\"checkpoint\":\"c\",\"hashes\":{},\"logIndex\":1,\"rootHash\":\""
            + "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\",\"treeSize\":7}}"
      })
  void readV1_badProof_throwsMalformedInput(String verification) {
    MalformedInputException e =
        catchThrowableOfType(
            MalformedInputException.class,
            () -> RekorClient.readV1(v1(BODY, verification).getBytes(StandardCharsets.UTF_8)));

    assertThat(e.code()).isEqualTo(ErrorCode.MALFORMED_INPUT);
    assertThat(e.location()).isPresent();
  }

  @Test
  void readV1_bodyNotJson_throwsMalformedInput() {
    MalformedInputException e =
        catchThrowableOfType(
            MalformedInputException.class,
            () -> RekorClient.readV1(v1("not json", verification("")).getBytes(StandardCharsets.UTF_8)));

    assertThat(e.code()).isEqualTo(ErrorCode.MALFORMED_INPUT);
  }

  @Test
  void readV1_tooManyHashes_throwsResourceLimitExceeded() {
    String hashes = String.join(",", Collections.nCopies(RekorClient.MAX_HASHES + 1, "\"" + H + "\""));

    MalformedInputException e =
        catchThrowableOfType(
            MalformedInputException.class,
            () -> RekorClient.readV1(v1(BODY, verification(hashes)).getBytes(StandardCharsets.UTF_8)));

    assertThat(e.code()).isEqualTo(ErrorCode.RESOURCE_LIMIT_EXCEEDED);
  }

  @Test
  void createV1_postsToEntriesPath() throws Exception {
    try (LoopbackServer server =
        new LoopbackServer(r -> LoopbackServer.Reply.json(201, v1(BODY, verification(""))))) {
      TransparencyLogEntry e = client.createV1(server.url(), "{\"x\":1}".getBytes(StandardCharsets.UTF_8));

      assertThat(e.logIndex()).isEqualTo(42);
      assertThat(server.requests().get(0).path()).isEqualTo("/api/v1/log/entries");
    }
  }

  static final String TLE =
      "{\"logIndex\":\"5\",\"logId\":{\"keyId\":\"" + Base64.getEncoder().encodeToString(new byte[32])
          + "\"},\"kindVersion\":{\"kind\":\"hashedrekord\",\"version\":\"0.0.2\"},"
          + "\"canonicalizedBody\":\"e30=\"";

  @Test
  void createV2_transparencyLogEntry_parsed() throws Exception {
    String json = TLE + ",\"inclusionProof\":{\"logIndex\":\"5\",\"rootHash\":\""
        + Base64.getEncoder().encodeToString(new byte[32]) + "\",\"treeSize\":\"6\",\"hashes\":[],"
        + "\"checkpoint\":{\"envelope\":\"o\\n6\\nr\\n\"}}}";
    try (LoopbackServer server = new LoopbackServer(r -> LoopbackServer.Reply.json(201, json))) {
      TransparencyLogEntry e = client.createV2(server.url(), "{}".getBytes(StandardCharsets.UTF_8));

      assertThat(e.kindVersion()).isEqualTo("0.0.2");
      assertThat(e.integratedTime()).isZero();
      assertThat(e.inclusionProof()).isPresent();
      assertThat(server.requests().get(0).path()).isEqualTo("/api/v2/log/entries");
    }
  }

  @Test
  void createV2_noInclusionProof_throwsMalformedInput() throws Exception {
    try (LoopbackServer server = new LoopbackServer(r -> LoopbackServer.Reply.json(201, TLE + "}"))) {
      SigningException e =
          catchThrowableOfType(
              SigningException.class,
              () -> client.createV2(server.url(), "{}".getBytes(StandardCharsets.UTF_8)));

      assertThat(e.code()).isEqualTo(ErrorCode.MALFORMED_INPUT);
    }
  }

  @Test
  void createV1_refused_throwsServiceError() throws Exception {
    try (LoopbackServer server = new LoopbackServer(r -> LoopbackServer.Reply.json(400, "{\"message\":\"bad\"}"))) {
      SigningException e =
          catchThrowableOfType(
              SigningException.class,
              () -> client.createV1(server.url(), "{}".getBytes(StandardCharsets.UTF_8)));

      assertThat(e.code()).isEqualTo(ErrorCode.SERVICE_ERROR);
    }
  }
}
