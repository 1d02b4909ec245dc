package dev.provenance.sigstore.internal.client;

import dev.provenance.api.Bytes;
import dev.provenance.api.ErrorCode;
import dev.provenance.api.MalformedInputException;
import dev.provenance.api.SigningException;
import dev.provenance.api.json.JsonArray;
import dev.provenance.api.json.JsonNumber;
import dev.provenance.api.json.JsonObject;
import dev.provenance.api.json.JsonString;
import dev.provenance.api.json.JsonValue;
import dev.provenance.core.internal.util.Hex;
import dev.provenance.core.json.JsonCodec;
import dev.provenance.sigstore.InclusionProof;
import dev.provenance.sigstore.TransparencyLogEntry;
import dev.provenance.sigstore.internal.bundle.BundleJson;
import java.net.URI;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Uploads entries to Rekor and reads back the log's evidence as a bundle's transparency log
 * entry.
 *
 * <p>Rekor v1 answers {@code {uuid: LogEntry}} with the canonicalized body, integrated time, log
 * id (hex), signed entry timestamp and inclusion proof (hex hashes, signed checkpoint). Rekor v2
 * answers a protobuf-specs {@code TransparencyLogEntry} in proto3 JSON, exactly what a bundle
 * carries. Both answers are only read here; the log's signatures and proofs are checked when the
 * finished bundle is verified. Thread-safe.
 */
public final class RekorClient {
  /** Largest answer accepted: the body plus proofs of a 4 MiB entry. */
  public static final int MAX_RESPONSE_BYTES = 8 * 1024 * 1024;

  /** Most audit path hashes accepted (a tree of 2^64 leaves needs 64). */
  static final int MAX_HASHES = 64;

  private final HttpTransport transport;

  /**
   * Creates the client.
   *
   * @param transport the HTTP transport
   */
  public RekorClient(HttpTransport transport) {
    this.transport = Objects.requireNonNull(transport, "transport");
  }

  /**
   * Creates a Rekor v1 entry.
   *
   * @param baseUrl the log URL from the signing config
   * @param proposedEntry the entry, from {@link RekorRequests}
   * @return the logged entry with its promise and inclusion proof
   * @throws SigningException {@code SERVICE_ERROR} if the log fails or refuses; {@code
   *     MALFORMED_INPUT} for an answer that is not a log entry with an inclusion proof
   */
  public TransparencyLogEntry createV1(String baseUrl, byte[] proposedEntry)
      throws SigningException {
    URI uri = HttpTransport.endpoint(baseUrl, RekorRequests.V1_PATH);
    HttpTransport.Response response =
        transport.post(
            "Rekor", uri, "application/json", "application/json", proposedEntry, MAX_RESPONSE_BYTES);
    try {
      return readV1(response.body());
    } catch (MalformedInputException e) {
      throw new SigningException(
          e.code(), e.location().orElse(""), "Rekor answer: " + e.getMessage(), e);
    }
  }

  /**
   * Creates a Rekor v2 entry.
   *
   * @param baseUrl the log URL from the signing config
   * @param request the request, from {@link RekorRequests#hashedRekordV002}
   * @return the logged entry with its inclusion proof
   * @throws SigningException {@code SERVICE_ERROR} if the log fails or refuses; {@code
   *     MALFORMED_INPUT} for an answer that is not a transparency log entry
   */
  public TransparencyLogEntry createV2(String baseUrl, byte[] request) throws SigningException {
    URI uri = HttpTransport.endpoint(baseUrl, RekorRequests.V2_PATH);
    HttpTransport.Response response =
        transport.post(
            "Rekor", uri, "application/json", "application/json", request, MAX_RESPONSE_BYTES);
    TransparencyLogEntry entry;
    try {
      entry = BundleJson.readTransparencyLogEntry(response.body());
    } catch (MalformedInputException e) {
      throw new SigningException(
          e.code(), e.location().orElse(""), "Rekor answer: " + e.getMessage(), e);
    }
    if (entry.inclusionProof().isEmpty()) {
      throw new SigningException(ErrorCode.MALFORMED_INPUT, "/inclusionProof", "Rekor answer: no inclusion proof");
    }
    return entry;
  }

  /**
   * Reads a Rekor v1 {@code {uuid: LogEntry}} answer.
   *
   * @param json the answer
   * @return the entry
   * @throws MalformedInputException if it is not one log entry with an inclusion proof
   */
  static TransparencyLogEntry readV1(byte[] json) throws MalformedInputException {
    JsonObject root = JsonCodec.standard().parseObject(json);
    if (root.members().size() != 1) {
      throw malformed("", "expected one entry, found " + root.members().size());
    }
    Map.Entry<String, JsonValue> only = root.members().entrySet().iterator().next();
    String at = "/" + only.getKey().replace("~", "~0").replace("/", "~1");
    JsonObject e = object(only.getValue(), at);
    byte[] body = base64(required(e, "body", at), at + "/body");
    JsonObject parsedBody = JsonCodec.standard().parseObject(body);
    String kind = string(required(parsedBody, "kind", at + "/body"), at + "/body/kind");
    String apiVersion =
        string(required(parsedBody, "apiVersion", at + "/body"), at + "/body/apiVersion");
    long integratedTime = int64(required(e, "integratedTime", at), at + "/integratedTime");
    byte[] logId = hex(required(e, "logID", at), at + "/logID");
    long logIndex = int64(required(e, "logIndex", at), at + "/logIndex");
    String vat = at + "/verification";
    JsonObject verification = object(required(e, "verification", at), vat);
    Optional<Bytes> promise = Optional.empty();
    Optional<JsonValue> set = verification.get("signedEntryTimestamp");
    if (set.isPresent()) {
      promise = Optional.of(Bytes.wrap(base64(set.get(), vat + "/signedEntryTimestamp")));
    }
    String pat = vat + "/inclusionProof";
    JsonObject proof =
        object(
            verification
                .get("inclusionProof")
                .orElseThrow(() -> malformed(pat, "no inclusion proof")),
            pat);
    JsonValue hashesValue = required(proof, "hashes", pat);
    if (!(hashesValue instanceof JsonArray)) {
      throw malformed(pat + "/hashes", "not an array");
    }
    List<JsonValue> hashValues = ((JsonArray) hashesValue).elements();
    if (hashValues.size() > MAX_HASHES) {
      throw new MalformedInputException(
          ErrorCode.RESOURCE_LIMIT_EXCEEDED, pat + "/hashes", "more than " + MAX_HASHES + " hashes");
    }
    List<Bytes> hashes = new ArrayList<>(hashValues.size());
    for (int i = 0; i < hashValues.size(); i++) {
      hashes.add(Bytes.wrap(hex(hashValues.get(i), pat + "/hashes/" + i)));
    }
    InclusionProof inclusionProof =
        new InclusionProof(
            int64(required(proof, "logIndex", pat), pat + "/logIndex"),
            Bytes.wrap(hex(required(proof, "rootHash", pat), pat + "/rootHash")),
            int64(required(proof, "treeSize", pat), pat + "/treeSize"),
            hashes,
            Optional.of(string(required(proof, "checkpoint", pat), pat + "/checkpoint")));
    return new TransparencyLogEntry(
        logIndex,
        Bytes.wrap(logId),
        kind,
        apiVersion,
        integratedTime,
        promise,
        Optional.of(inclusionProof),
        Bytes.wrap(body));
  }

  private static JsonValue required(JsonObject o, String name, String at)
      throws MalformedInputException {
    return o.get(name).orElseThrow(() -> malformed(at + "/" + name, "missing"));
  }

  private static JsonObject object(JsonValue v, String at) throws MalformedInputException {
    if (!(v instanceof JsonObject)) {
      throw malformed(at, "not an object");
    }
    return (JsonObject) v;
  }

  private static String string(JsonValue v, String at) throws MalformedInputException {
    if (!(v instanceof JsonString) || ((JsonString) v).value().isEmpty()) {
      throw malformed(at, "not a non-empty string");
    }
    return ((JsonString) v).value();
  }

  private static long int64(JsonValue v, String at) throws MalformedInputException {
    if (!(v instanceof JsonNumber) || !((JsonNumber) v).isIntegral()) {
      throw malformed(at, "not an integer");
    }
    long n;
    try {
      n = ((JsonNumber) v).longValueExact();
    } catch (ArithmeticException e) {
      throw malformed(at, "out of range");
    }
    if (n < 0) {
      throw malformed(at, "negative");
    }
    return n;
  }

  private static byte[] base64(JsonValue v, String at) throws MalformedInputException {
    try {
      byte[] b = Base64.getDecoder().decode(string(v, at));
      if (b.length == 0) {
        throw malformed(at, "empty");
      }
      return b;
    } catch (IllegalArgumentException e) {
      throw malformed(at, "not base64");
    }
  }

  private static byte[] hex(JsonValue v, String at) throws MalformedInputException {
    String s = string(v, at);
    if (s.length() != 64 || !Hex.isLowerHex(s)) {
      throw malformed(at, "not a lowercase hex SHA-256 value");
    }
    return Hex.decode(s);
  }

  private static MalformedInputException malformed(String at, String message) {
    return new MalformedInputException(ErrorCode.MALFORMED_INPUT, at, message);
  }
}
