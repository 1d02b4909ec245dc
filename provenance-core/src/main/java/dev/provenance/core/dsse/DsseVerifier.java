package dev.provenance.core.dsse;

import dev.provenance.api.ErrorCode;
import dev.provenance.api.MalformedInputException;
import dev.provenance.api.VerificationException;
import dev.provenance.api.dsse.Envelope;
import dev.provenance.api.dsse.EnvelopeSignature;
import dev.provenance.api.dsse.PayloadTypes;
import dev.provenance.api.dsse.VerifiedEnvelope;
import dev.provenance.api.signing.SignatureVerifier;
import dev.provenance.api.signing.SignerIdentity;
import dev.provenance.core.internal.dsse.Pae;
import dev.provenance.core.internal.dsse.TrustedKeys;
import dev.provenance.core.json.JsonCodec;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Verifies DSSE envelopes against trusted keys, a threshold of distinct keys and a payload-type
 * allow-list, and returns exactly the verified payload bytes (<a
 * href="https://github.com/secure-systems-lab/dsse/blob/master/protocol.md">DSSE protocol</a>).
 *
 * <pre>{@code
 * DsseVerifier verifier = DsseVerifier.newBuilder()
 *     .addVerifier(PemKeys.verifier(publicKeyPem))   // one or more trusted keys
 *     .threshold(1)                                  // distinct keys that must have signed
 *     .build();                                      // accepts application/vnd.in-toto+json
 * VerifiedEnvelope ok = verifier.verify(envelopeJson);
 * Bytes payload = ok.payload();                      // exactly the bytes whose signatures verified
 * }</pre>
 *
 * <p>The order of checks is fixed: envelope shape and limits; every signature over the
 * pre-authentication encoding built from the raw bytes; the threshold; then the payload type. The
 * payload is never parsed here.
 *
 * <ul>
 *   <li>A signature's {@code keyid} is an unauthenticated hint. The hinted key is tried first, then
 *       every other trusted key, so a signature verified by key B under a hint naming key A counts
 *       for B, and the result names B.
 *   <li>The threshold counts distinct trusted keys by their canonical {@link
 *       dev.provenance.api.signing.KeyId}: the same key signing twice counts once. Signatures that
 *       verify with no trusted key are skipped, not fatal.
 *   <li>When no signature verifies the code is {@code SIGNATURE_INVALID}; when at least one but
 *       fewer distinct keys than the threshold verified, it is {@code THRESHOLD_NOT_MET}.
 *   <li>The payload type is compared exactly and case-sensitively with the allow-list, after the
 *       signatures: an authenticated but unlisted type is {@code UNSUPPORTED_FORMAT}.
 * </ul>
 *
 * <p>Instances are immutable and thread-safe: build one and share it.
 */
public final class DsseVerifier {
  private final TrustedKeys keys;
  private final int threshold;
  private final Map<String, byte[]> payloadTypes; // null = any type allowed
  private final JsonCodec codec;
  private final int maxSignatures;
  private final boolean bindKeyIdHints;

  private DsseVerifier(Builder b, TrustedKeys keys) {
    this.keys = keys;
    this.threshold = b.threshold;
    if (b.anyPayloadType) {
      this.payloadTypes = null;
    } else {
      Map<String, byte[]> types = new LinkedHashMap<>();
      for (String t : b.payloadTypes.isEmpty() ? Set.of(PayloadTypes.IN_TOTO) : b.payloadTypes) {
        types.put(t, Pae.utf8(t));
      }
      this.payloadTypes = Collections.unmodifiableMap(types);
    }
    this.codec = b.codec != null ? b.codec : JsonCodec.standard();
    this.maxSignatures = codec.limits().maxSignatures();
    this.bindKeyIdHints = b.bindKeyIdHints;
  }

  /**
   * Returns a builder.
   *
   * @return a new builder
   */
  public static Builder newBuilder() {
    return new Builder();
  }

  /**
   * Parses an envelope from its JSON form and verifies it. Standard and URL-safe base64 are both
   * accepted, as DSSE requires of verifiers.
   *
   * @param envelopeJson the envelope JSON bytes; not modified
   * @return the verified payload type, payload and signers
   * @throws VerificationException with {@code MALFORMED_INPUT} or {@code RESOURCE_LIMIT_EXCEEDED}
   *     for input that cannot be parsed or exceeds a limit, and otherwise as {@link
   *     #verify(Envelope)}
   */
  public VerifiedEnvelope verify(byte[] envelopeJson) throws VerificationException {
    Objects.requireNonNull(envelopeJson, "envelopeJson");
    Envelope envelope;
    try {
      envelope = codec.parseEnvelope(envelopeJson);
    } catch (MalformedInputException e) {
      throw VerificationException.from(e);
    }
    return verify(envelope);
  }

  /**
   * Verifies an envelope.
   *
   * @param envelope the envelope
   * @return the verified payload type, exactly the verified payload bytes, and the distinct
   *     trusted keys whose signatures verified, in signature order
   * @throws VerificationException with {@code MALFORMED_INPUT} if the envelope has no signatures
   *     or its payload type is not well-formed text, {@code RESOURCE_LIMIT_EXCEEDED} for more
   *     signatures than the limit, {@code SIGNATURE_INVALID} if no signature verifies with a
   *     trusted key, {@code THRESHOLD_NOT_MET} if fewer distinct keys than the threshold verified,
   *     and {@code UNSUPPORTED_FORMAT} if the authenticated payload type is not allowed
   */
  public VerifiedEnvelope verify(Envelope envelope) throws VerificationException {
    Objects.requireNonNull(envelope, "envelope");
    List<EnvelopeSignature> sigs = envelope.signatures();
    if (sigs.isEmpty()) {
      throw new VerificationException(
          ErrorCode.MALFORMED_INPUT, "/signatures", "envelope has no signatures");
    }
    if (sigs.size() > maxSignatures) {
      throw new VerificationException(
          ErrorCode.RESOURCE_LIMIT_EXCEEDED,
          "/signatures",
          "envelope has " + sigs.size() + " signatures, more than the limit " + maxSignatures);
    }
    String type = envelope.payloadType();
    if (!Pae.isWellFormed(type)) {
      throw new VerificationException(
          ErrorCode.MALFORMED_INPUT, "/payloadType", "payload type is not well-formed Unicode");
    }
    byte[] typeUtf8 = payloadTypes == null ? null : payloadTypes.get(type);
    byte[] pae = Pae.encode(typeUtf8 != null ? typeUtf8 : Pae.utf8(type), envelope.payload());

    List<String> hints = new ArrayList<>(sigs.size());
    List<byte[]> sigBytes = new ArrayList<>(sigs.size());
    for (EnvelopeSignature s : sigs) {
      hints.add(s.keyid());
      sigBytes.add(s.sig().toByteArray());
    }
    int[] accepted = keys.verify(pae, hints, sigBytes, bindKeyIdHints);
    TrustedKeys.requireThreshold(accepted, threshold);
    if (payloadTypes != null && typeUtf8 == null) {
      throw new VerificationException(
          ErrorCode.UNSUPPORTED_FORMAT,
          "/payloadType",
          "payload type " + quote(type) + " is not allowed; allowed: " + payloadTypes.keySet());
    }
    List<SignerIdentity> signers = new ArrayList<>(accepted.length);
    for (int i : accepted) {
      signers.add(keys.verifier(i).identity());
    }
    return new VerifiedEnvelope(type, envelope.payload(), signers);
  }

  /**
   * Returns the number of distinct trusted keys that must have signed.
   *
   * @return the threshold, at least 1
   */
  public int threshold() {
    return threshold;
  }

  /**
   * Returns the allowed payload types.
   *
   * @return the allowed types, or an empty set when any type is allowed
   */
  public Set<String> allowedPayloadTypes() {
    return payloadTypes == null ? Set.of() : payloadTypes.keySet();
  }

  /**
   * Returns the codec that parses envelope JSON.
   *
   * @return the codec
   */
  public JsonCodec codec() {
    return codec;
  }

  private static String quote(String s) {
    String shown = s.length() > 80 ? s.substring(0, 80) + "…" : s;
    return '"' + shown + '"';
  }

  /** Builds a {@link DsseVerifier}. Not thread-safe. */
  public static final class Builder {
    private final TrustedKeys.Builder keys = TrustedKeys.newBuilder();
    private int threshold = 1;
    private final Set<String> payloadTypes = new LinkedHashSet<>();
    private boolean anyPayloadType;
    private JsonCodec codec;
    private boolean bindKeyIdHints;

    private Builder() {}

    /**
     * Trusts a key. Its canonical key id is also its hint.
     *
     * @param verifier the verifier bound to the key
     * @return this builder
     */
    public Builder addVerifier(SignatureVerifier verifier) {
      keys.add(verifier, List.of());
      return this;
    }

    /**
     * Trusts a key that signers name by another key id, for example a legacy in-toto key id. The
     * hint only decides which key is tried first.
     *
     * @param verifier the verifier bound to the key
     * @param keyIdHint the {@code keyid} signatures by this key carry
     * @return this builder
     */
    public Builder addVerifier(SignatureVerifier verifier, String keyIdHint) {
      keys.add(verifier, List.of(Objects.requireNonNull(keyIdHint, "keyIdHint")));
      return this;
    }

    /**
     * Trusts several keys.
     *
     * @param verifiers the verifiers
     * @return this builder
     */
    public Builder addVerifiers(List<? extends SignatureVerifier> verifiers) {
      for (SignatureVerifier v : verifiers) {
        addVerifier(v);
      }
      return this;
    }

    /**
     * Sets how many distinct trusted keys must have signed. Default 1.
     *
     * @param threshold at least 1 and at most the number of distinct trusted keys
     * @return this builder
     */
    public Builder threshold(int threshold) {
      this.threshold = threshold;
      return this;
    }

    /**
     * Allows a payload type, compared exactly. Without any call, only {@value
     * PayloadTypes#IN_TOTO} is allowed; once called, exactly the listed types are.
     *
     * @param payloadType the type, for example {@code application/vnd.in-toto.provenance+json}
     * @return this builder
     */
    public Builder allowPayloadType(String payloadType) {
      Objects.requireNonNull(payloadType, "payloadType");
      if (payloadType.isEmpty()) {
        throw new IllegalArgumentException("empty payload type");
      }
      payloadTypes.add(payloadType);
      return this;
    }

    /**
     * Allows any payload type: for tools that only check signatures and hand the type to the
     * caller.
     *
     * @return this builder
     */
    public Builder allowAnyPayloadType() {
      this.anyPayloadType = true;
      return this;
    }

    /**
     * Sets the codec that parses envelope JSON. Default {@link JsonCodec#standard()}.
     *
     * @param codec the codec; its limits bound the envelope, including the most signatures
     * @return this builder
     */
    public Builder codec(JsonCodec codec) {
      this.codec = Objects.requireNonNull(codec, "codec");
      return this;
    }

    /**
     * Binds key ids, stricter than DSSE requires: a signature whose {@code keyid} is set is tried
     * only against the key registered under that id (its canonical key id, or the hint given to
     * {@link #addVerifier(SignatureVerifier, String)}); a signature without {@code keyid} is tried
     * against every key. For verifiers that configure a key together with its key id, as
     * slsa-verifier's {@code --public-key-id} does. It can only make verification reject more.
     * Default off: the {@code keyid} is only a hint.
     *
     * @return this builder
     */
    public Builder bindKeyIdHints() {
      this.bindKeyIdHints = true;
      return this;
    }

    /**
     * Builds the verifier.
     *
     * @return the immutable verifier
     * @throws VerificationException with {@code CONFIGURATION_ERROR} if no key is trusted, the
     *     threshold is below 1 or above the number of distinct trusted keys, one key id hint names
     *     two keys, or both an allow-list and any payload type were configured
     */
    public DsseVerifier build() throws VerificationException {
      if (anyPayloadType && !payloadTypes.isEmpty()) {
        throw configuration("allowAnyPayloadType() contradicts allowPayloadType()");
      }
      return new DsseVerifier(this, keys.build(threshold));
    }

    private static VerificationException configuration(String message) {
      return new VerificationException(ErrorCode.CONFIGURATION_ERROR, "", message);
    }
  }
}
