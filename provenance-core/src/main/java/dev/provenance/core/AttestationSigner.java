package dev.provenance.core;

import dev.provenance.api.Bytes;
import dev.provenance.api.SigningException;
import dev.provenance.api.attestation.Statement;
import dev.provenance.api.dsse.Envelope;
import dev.provenance.api.dsse.PayloadTypes;
import dev.provenance.api.signing.Signer;
import dev.provenance.core.dsse.DsseSigner;
import dev.provenance.core.json.JsonCodec;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Signs in-toto Statements into DSSE envelopes: the statement is written as compact JSON with
 * {@code _type} {@value Statement#TYPE_V1}, and those exact bytes are signed under the payload
 * type {@value PayloadTypes#IN_TOTO} by every signer.
 *
 * <pre>{@code
 * AttestationSigner signer = AttestationSigner.of(PemKeys.signer(privateKeyPem));
 * byte[] envelopeJson = signer.signToJson(statement);   // one line of an .intoto.jsonl bundle
 * }</pre>
 *
 * <p>Instances are immutable and thread-safe when their signers are.
 */
public final class AttestationSigner {
  private final DsseSigner dsse;
  private final JsonCodec codec;
  private final String payloadType;

  private AttestationSigner(DsseSigner dsse, JsonCodec codec, String payloadType) {
    this.dsse = dsse;
    this.codec = codec;
    this.payloadType = payloadType;
  }

  /**
   * Returns a signer with the standard codec and payload type.
   *
   * @param signers at least one signer, each for a different key
   * @return the attestation signer
   * @throws IllegalArgumentException if there is no signer or two share a key
   */
  public static AttestationSigner of(Signer... signers) {
    return newBuilder().addSigners(List.of(signers)).build();
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
   * Signs a statement.
   *
   * @param statement the statement; written with {@code _type} v1
   * @return the envelope whose payload is the statement JSON
   * @throws SigningException if a signer fails
   */
  public Envelope sign(Statement statement) throws SigningException {
    Objects.requireNonNull(statement, "statement");
    return dsse.sign(payloadType, Bytes.wrap(codec.writeStatement(statement)));
  }

  /**
   * Signs a statement and writes the envelope as compact JSON without a line break.
   *
   * @param statement the statement
   * @return the envelope JSON bytes
   * @throws SigningException if a signer fails
   */
  public byte[] signToJson(Statement statement) throws SigningException {
    return codec.writeEnvelope(sign(statement));
  }

  /** Builds an {@link AttestationSigner}. Not thread-safe. */
  public static final class Builder {
    private final List<Signer> signers = new ArrayList<>();
    private JsonCodec codec;
    private String payloadType = PayloadTypes.IN_TOTO;

    private Builder() {}

    /**
     * Adds a signer.
     *
     * @param signer the signer
     * @return this builder
     */
    public Builder addSigner(Signer signer) {
      signers.add(Objects.requireNonNull(signer, "signer"));
      return this;
    }

    /**
     * Adds signers.
     *
     * @param signers the signers
     * @return this builder
     */
    public Builder addSigners(List<? extends Signer> signers) {
      for (Signer s : signers) {
        addSigner(s);
      }
      return this;
    }

    /**
     * Sets the codec that writes statements and envelopes. Default {@link JsonCodec#standard()}.
     *
     * @param codec the codec
     * @return this builder
     */
    public Builder codec(JsonCodec codec) {
      this.codec = Objects.requireNonNull(codec, "codec");
      return this;
    }

    /**
     * Sets the payload type. Default {@value PayloadTypes#IN_TOTO}, the only one Sigstore clients
     * accept; {@code application/vnd.in-toto.<predicate>+json} is also allowed.
     *
     * @param payloadType the payload type
     * @return this builder
     * @throws IllegalArgumentException if the type is not an in-toto payload type
     */
    public Builder payloadType(String payloadType) {
      Objects.requireNonNull(payloadType, "payloadType");
      boolean predicateForm =
          payloadType.startsWith("application/vnd.in-toto.")
              && payloadType.endsWith("+json")
              && payloadType.length() > "application/vnd.in-toto.+json".length();
      if (!payloadType.equals(PayloadTypes.IN_TOTO) && !predicateForm) {
        throw new IllegalArgumentException("not an in-toto payload type: " + payloadType);
      }
      this.payloadType = payloadType;
      return this;
    }

    /**
     * Builds the signer.
     *
     * @return the immutable signer
     * @throws IllegalArgumentException if there is no signer or two share a key
     */
    public AttestationSigner build() {
      return new AttestationSigner(
          DsseSigner.of(signers), codec != null ? codec : JsonCodec.standard(), payloadType);
    }
  }
}
