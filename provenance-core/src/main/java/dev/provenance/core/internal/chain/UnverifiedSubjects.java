package dev.provenance.core.internal.chain;

import dev.provenance.api.MalformedInputException;
import dev.provenance.api.digest.DigestSet;
import dev.provenance.api.json.JsonObject;
import dev.provenance.api.json.JsonString;
import dev.provenance.api.json.JsonValue;
import dev.provenance.core.internal.util.StrictBase64;
import dev.provenance.core.json.JsonCodec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads what a stored attestation <em>claims</em> to produce without verifying it: the subjects of
 * a DSSE-wrapped statement or the products of an in-toto link, in a DSSE envelope or a legacy
 * metablock. The result is never trusted; it serves two purposes only: explaining a failure that
 * has already happened (an attestation that did not verify claims the artifact that is missing)
 * and indexing a store for lookups whose results are verified afterwards.
 *
 * <p>Stateless and thread-safe.
 */
public final class UnverifiedSubjects {
  /** Most claimed subjects read from one attestation. */
  public static final int MAX_CLAIMS = 1024;

  private UnverifiedSubjects() {}

  /**
   * Returns the digests an attestation claims to produce; empty when it cannot be read.
   *
   * @param codec the codec whose limits bound the parse
   * @param stored the stored bytes
   * @return the claimed subject digests
   */
  public static List<DigestSet> of(JsonCodec codec, byte[] stored) {
    try {
      JsonObject doc = codec.parseObject(stored);
      Optional<JsonObject> payload = payload(codec, doc);
      if (payload.isEmpty()) {
        return List.of();
      }
      return claims(codec, payload.get());
    } catch (MalformedInputException | RuntimeException e) {
      // unreadable content explains nothing; it is already rejected
      return List.of();
    }
  }

  /**
   * Returns the claimed subject digests of a statement or link object.
   *
   * @param codec the codec
   * @param payload the statement or link
   * @return the digests
   */
  static List<DigestSet> claims(JsonCodec codec, JsonObject payload) {
    List<DigestSet> out = new ArrayList<>();
    Optional<JsonValue> subject = payload.get("subject");
    if (subject.isPresent() && subject.get() instanceof dev.provenance.api.json.JsonArray) {
      for (JsonValue s : ((dev.provenance.api.json.JsonArray) subject.get()).elements()) {
        if (out.size() >= MAX_CLAIMS) {
          break;
        }
        if (s instanceof JsonObject) {
          digest(codec, ((JsonObject) s).get("digest")).ifPresent(out::add);
        }
      }
      return out;
    }
    Optional<JsonValue> products = payload.get("products");
    if (products.isPresent() && products.get() instanceof JsonObject) {
      for (Map.Entry<String, JsonValue> e : ((JsonObject) products.get()).members().entrySet()) {
        if (out.size() >= MAX_CLAIMS) {
          break;
        }
        digest(codec, Optional.of(e.getValue())).ifPresent(out::add);
      }
    }
    return out;
  }

  private static Optional<DigestSet> digest(JsonCodec codec, Optional<JsonValue> v) {
    if (v.isEmpty()) {
      return Optional.empty();
    }
    try {
      return Optional.of(PolicyJson.digestSet(v.get(), ""));
    } catch (MalformedInputException | RuntimeException e) {
      return Optional.empty();
    }
  }

  private static Optional<JsonObject> payload(JsonCodec codec, JsonObject doc)
      throws MalformedInputException {
    Optional<JsonValue> signed = doc.get("signed");
    if (signed.isPresent() && signed.get() instanceof JsonObject) {
      return Optional.of((JsonObject) signed.get());
    }
    JsonObject envelope = doc;
    Optional<JsonValue> dsse = doc.get("dsseEnvelope");
    if (dsse.isPresent() && dsse.get() instanceof JsonObject) {
      envelope = (JsonObject) dsse.get(); // a Sigstore bundle
    }
    Optional<JsonValue> p = envelope.get("payload");
    if (p.isEmpty() || !(p.get() instanceof JsonString)) {
      return Optional.empty();
    }
    byte[] bytes;
    try {
      bytes = StrictBase64.decode(((JsonString) p.get()).value(), codec.limits().maxInputBytes());
    } catch (StrictBase64.DecodingException e) {
      return Optional.empty();
    }
    return Optional.of(codec.parseObject(bytes));
  }
}
