package dev.provenance.core.dsse;

import dev.provenance.api.Bytes;
import dev.provenance.api.ErrorCode;
import dev.provenance.api.SigningException;
import dev.provenance.api.dsse.Envelope;
import dev.provenance.api.dsse.EnvelopeSignature;
import dev.provenance.api.signing.KeyId;
import dev.provenance.api.signing.Signer;
import dev.provenance.core.internal.dsse.Pae;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Signs payloads into DSSE envelopes with one or more signers, each signing the same
 * pre-authentication encoding (<a
 * href="https://github.com/secure-systems-lab/dsse/blob/master/protocol.md">DSSE protocol</a>).
 * Each signature carries its signer's canonical key id as the {@code keyid} hint.
 *
 * <pre>{@code
 * DsseSigner signer = DsseSigner.of(PemKeys.signer(privateKeyPem));
 * Envelope envelope = signer.sign(PayloadTypes.IN_TOTO, statementBytes);
 * }</pre>
 *
 * <p>Instances are immutable and thread-safe when their signers are.
 */
public final class DsseSigner {
  private final List<Signer> signers;

  private DsseSigner(List<Signer> signers) {
    this.signers = signers;
  }

  /**
   * Returns a signer that signs with every given signer, in order.
   *
   * @param signers at least one signer, each for a different key
   * @return the DSSE signer
   * @throws IllegalArgumentException if there is no signer or two share a key
   */
  public static DsseSigner of(Signer... signers) {
    return of(List.of(signers));
  }

  /**
   * Returns a signer that signs with every given signer, in order.
   *
   * @param signers at least one signer, each for a different key
   * @return the DSSE signer
   * @throws IllegalArgumentException if there is no signer or two share a key
   */
  public static DsseSigner of(List<? extends Signer> signers) {
    List<Signer> copy = List.copyOf(signers);
    if (copy.isEmpty()) {
      throw new IllegalArgumentException("a DSSE signer needs at least one signer");
    }
    Set<KeyId> seen = new HashSet<>();
    for (Signer s : copy) {
      if (!seen.add(Objects.requireNonNull(s.keyId(), "keyId"))) {
        // A second signature by the same key adds nothing to a threshold.
        throw new IllegalArgumentException("two signers share the key " + s.keyId());
      }
    }
    return new DsseSigner(copy);
  }

  /**
   * Signs a payload.
   *
   * @param payloadType the payload type, for example {@code application/vnd.in-toto+json}
   * @param payload the payload bytes; copied
   * @return the envelope
   * @throws SigningException if a signer fails, or with {@code MALFORMED_INPUT} if the payload type
   *     is empty or not well-formed Unicode
   */
  public Envelope sign(String payloadType, byte[] payload) throws SigningException {
    return sign(payloadType, Bytes.of(payload));
  }

  /**
   * Signs a payload.
   *
   * @param payloadType the payload type, for example {@code application/vnd.in-toto+json}
   * @param payload the payload bytes
   * @return the envelope
   * @throws SigningException if a signer fails, or with {@code MALFORMED_INPUT} if the payload type
   *     is empty or not well-formed Unicode
   */
  public Envelope sign(String payloadType, Bytes payload) throws SigningException {
    Objects.requireNonNull(payloadType, "payloadType");
    Objects.requireNonNull(payload, "payload");
    if (payloadType.isEmpty() || !Pae.isWellFormed(payloadType)) {
      throw new SigningException(
          ErrorCode.MALFORMED_INPUT, "/payloadType", "payload type is empty or not well-formed");
    }
    byte[] pae = Pae.encode(payloadType, payload);
    List<EnvelopeSignature> sigs = new ArrayList<>(signers.size());
    for (Signer s : signers) {
      Bytes sig = s.sign(pae);
      if (sig == null || sig.isEmpty()) {
        throw new SigningException(
            ErrorCode.SIGNATURE_INVALID, "", "signer " + s.keyId() + " returned no signature");
      }
      sigs.add(new EnvelopeSignature(s.keyId().value(), sig));
    }
    return new Envelope(payloadType, payload, sigs);
  }

  /**
   * Returns the signers, in signing order.
   *
   * @return the signers
   */
  public List<Signer> signers() {
    return signers;
  }
}
