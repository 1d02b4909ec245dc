package dev.provenance.core.intoto;

import dev.provenance.api.ErrorCode;
import dev.provenance.api.MalformedInputException;
import dev.provenance.api.VerificationException;
import dev.provenance.api.json.JsonArray;
import dev.provenance.api.json.JsonObject;
import dev.provenance.api.json.JsonString;
import dev.provenance.api.json.JsonValue;
import dev.provenance.core.internal.dsse.TrustedKeys;
import dev.provenance.core.internal.intoto.CanonicalJson;
import dev.provenance.core.internal.util.Hex;
import dev.provenance.core.json.JsonCodec;
import dev.provenance.core.json.JsonLimits;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Verifies legacy in-toto metablocks, {@code {"signed": {...}, "signatures": [{"keyid", "sig"}]}}
 * with hex signatures over the OLPC canonical JSON of {@code signed} (<a
 * href="https://github.com/in-toto/docs/blob/master/in-toto-spec.md#42-file-formats-general-principles">in-toto
 * spec 4.2</a>), the format of in-toto v0.9/v1.0 layouts and links before DSSE.
 *
 * <pre>{@code
 * InTotoKey owner = InTotoKeys.fromPem(ownerPem);
 * VerifiedMetablock layout = Metablock.verify(layoutBytes, List.of(owner), 1);
 * JsonObject signed = layout.signed();        // verified content only
 * }</pre>
 *
 * <p>The signature rule is DSSE's: a {@code keyid} only decides which trusted key is tried first;
 * any trusted key may verify any signature; the threshold counts distinct keys; signatures that do
 * not verify are skipped. When no signature verifies the code is {@code SIGNATURE_INVALID}, when
 * too few distinct keys did, {@code THRESHOLD_NOT_MET}.
 *
 * <p>Unlike DSSE, the format puts the signed content inside the JSON, so the whole document is
 * parsed (strictly and within {@link JsonLimits}) before the signatures are checked; only the
 * canonical bytes of {@code signed} are signed. This class is stateless and thread-safe.
 */
public final class Metablock {
  private Metablock() {}

  /**
   * Parses and verifies a metablock with the standard codec.
   *
   * @param json the metablock JSON
   * @param trusted the trusted keys
   * @param threshold how many distinct trusted keys must have signed
   * @return the verified {@code signed} object and its signers
   * @throws VerificationException as {@link #verify(JsonObject, List, int)}, and with {@code
   *     MALFORMED_INPUT} or {@code RESOURCE_LIMIT_EXCEEDED} for JSON that cannot be parsed
   */
  public static VerifiedMetablock verify(byte[] json, List<InTotoKey> trusted, int threshold)
      throws VerificationException {
    return verify(json, trusted, threshold, JsonCodec.standard());
  }

  /**
   * Parses and verifies a metablock.
   *
   * @param json the metablock JSON
   * @param trusted the trusted keys
   * @param threshold how many distinct trusted keys must have signed
   * @param codec the codec whose limits bound the document
   * @return the verified {@code signed} object and its signers
   * @throws VerificationException as {@link #verify(byte[], List, int)}
   */
  public static VerifiedMetablock verify(
      byte[] json, List<InTotoKey> trusted, int threshold, JsonCodec codec)
      throws VerificationException {
    Objects.requireNonNull(json, "json");
    JsonObject doc;
    try {
      doc = codec.parseObject(json);
    } catch (MalformedInputException e) {
      throw VerificationException.from(e);
    }
    return verify(doc, trusted, threshold, codec.limits().maxSignatures());
  }

  /**
   * Verifies a parsed metablock.
   *
   * @param metablock the metablock object
   * @param trusted the trusted keys
   * @param threshold how many distinct trusted keys must have signed
   * @return the verified {@code signed} object and its signers
   * @throws VerificationException with {@code CONFIGURATION_ERROR} if no key is trusted or the
   *     threshold is not between 1 and the number of distinct keys; {@code MALFORMED_INPUT} if
   *     {@code signed} or {@code signatures} is missing or mistyped, there is no signature, a
   *     signature is not lowercase hex, or {@code signed} has no canonical form; {@code
   *     RESOURCE_LIMIT_EXCEEDED} for more than {@link JsonLimits#MAX_SIGNATURES} signatures (the
   *     codec's limit for parsed input);
   *     {@code SIGNATURE_INVALID} or {@code THRESHOLD_NOT_MET} as described above
   */
  public static VerifiedMetablock verify(JsonObject metablock, List<InTotoKey> trusted, int threshold)
      throws VerificationException {
    return verify(metablock, trusted, threshold, JsonLimits.MAX_SIGNATURES);
  }

  private static VerifiedMetablock verify(
      JsonObject metablock, List<InTotoKey> trusted, int threshold, int maxSignatures)
      throws VerificationException {
    Objects.requireNonNull(metablock, "metablock");
    List<InTotoKey> keys = List.copyOf(trusted);
    TrustedKeys.Builder kb = TrustedKeys.newBuilder();
    for (InTotoKey k : keys) {
      kb.add(k.verifier(), List.of(k.keyid()));
    }
    TrustedKeys trustedKeys = kb.build(threshold);

    Optional<JsonValue> signed = metablock.get("signed");
    if (signed.isEmpty() || !(signed.get() instanceof JsonObject)) {
      throw malformed("/signed", "metablock has no signed object");
    }
    Optional<JsonValue> sigsValue = metablock.get("signatures");
    if (sigsValue.isEmpty() || !(sigsValue.get() instanceof JsonArray)) {
      throw malformed("/signatures", "metablock has no signatures list");
    }
    List<JsonValue> sigs = ((JsonArray) sigsValue.get()).elements();
    if (sigs.isEmpty()) {
      throw malformed("/signatures", "metablock has no signatures");
    }
    if (sigs.size() > maxSignatures) {
      throw new VerificationException(
          ErrorCode.RESOURCE_LIMIT_EXCEEDED,
          "/signatures",
          "metablock has " + sigs.size() + " signatures, more than " + maxSignatures);
    }
    List<String> hints = new ArrayList<>(sigs.size());
    List<byte[]> sigBytes = new ArrayList<>(sigs.size());
    for (int i = 0; i < sigs.size(); i++) {
      String at = "/signatures/" + i;
      if (!(sigs.get(i) instanceof JsonObject)) {
        throw malformed(at, "a signature must be an object");
      }
      JsonObject s = (JsonObject) sigs.get(i);
      Optional<JsonValue> keyid = s.get("keyid");
      if (keyid.isPresent() && !(keyid.get() instanceof JsonString)) {
        throw malformed(at + "/keyid", "keyid must be a string");
      }
      Optional<JsonValue> sig = s.get("sig");
      if (sig.isEmpty()
          || !(sig.get() instanceof JsonString)
          || !Hex.isLowerHex(((JsonString) sig.get()).value())) {
        throw malformed(at + "/sig", "sig must be non-empty lowercase hex");
      }
      hints.add(keyid.isPresent() ? ((JsonString) keyid.get()).value() : "");
      sigBytes.add(Hex.decode(((JsonString) sig.get()).value()));
    }
    byte[] canonical;
    try {
      canonical = CanonicalJson.encode(signed.get());
    } catch (MalformedInputException e) {
      throw new VerificationException(
          e.code(), "/signed" + e.location().orElse(""), e.getMessage(), e);
    }
    int[] accepted = trustedKeys.verify(canonical, hints, sigBytes);
    TrustedKeys.requireThreshold(accepted, threshold);
    List<InTotoKey> signers = new ArrayList<>(accepted.length);
    for (int i : accepted) {
      signers.add(keys.get(i));
    }
    return new VerifiedMetablock((JsonObject) signed.get(), signers);
  }

  private static VerificationException malformed(String location, String message) {
    return new VerificationException(ErrorCode.MALFORMED_INPUT, location, message);
  }
}
