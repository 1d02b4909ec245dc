package dev.provenance.sigstore.internal.client;

import dev.provenance.api.Bytes;
import dev.provenance.api.ErrorCode;
import dev.provenance.api.SigningException;
import dev.provenance.api.digest.DigestAlgorithm;
import dev.provenance.api.dsse.Envelope;
import dev.provenance.api.internal.ProvenanceBugException;
import dev.provenance.core.internal.dsse.Pae;
import dev.provenance.sigstore.TransparencyLogEntry;
import dev.provenance.sigstore.trust.SigningConfig;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Gets a signature witnessed: timestamped by every selected timestamp authority, then logged in
 * every selected transparency log, each in the entry type its API version takes (see {@link
 * RekorRequests}). Thread-safe.
 */
public final class Witnessing {
  private final RekorClient rekor;
  private final TimestampClient timestamps;

  /**
   * Creates the pipeline.
   *
   * @param rekor the log client
   * @param timestamps the timestamp client
   */
  public Witnessing(RekorClient rekor, TimestampClient timestamps) {
    this.rekor = Objects.requireNonNull(rekor, "rekor");
    this.timestamps = Objects.requireNonNull(timestamps, "timestamps");
  }

  /**
   * What was signed.
   *
   * @param signature the signature bytes
   * @param envelope the signed DSSE envelope, for an attestation
   * @param digestAlgorithm the hash the signature algorithm applies (for a message, the algorithm
   *     of {@code digest}); empty for algorithms without a separate hash (Ed25519)
   * @param digest for a message signature, the digest of the artifact
   */
  public record Signed(
      Bytes signature,
      Optional<Envelope> envelope,
      Optional<DigestAlgorithm> digestAlgorithm,
      Optional<Bytes> digest) {
    /**
     * Checks the components.
     *
     * @param signature the {@code signature} component
     * @param envelope the {@code envelope} component
     * @param digestAlgorithm the {@code digestAlgorithm} component
     * @param digest the {@code digest} component
     */
    public Signed {
      Objects.requireNonNull(signature, "signature");
      Objects.requireNonNull(envelope, "envelope");
      Objects.requireNonNull(digestAlgorithm, "digestAlgorithm");
      Objects.requireNonNull(digest, "digest");
      if (envelope.isPresent() == digest.isPresent()) {
        throw new IllegalArgumentException("either an envelope or a message digest");
      }
      if (digest.isPresent() && digestAlgorithm.isEmpty()) {
        throw new IllegalArgumentException("a message digest needs its algorithm");
      }
    }

    /**
     * Describes a signature over an artifact digest.
     *
     * @param algorithm the digest algorithm
     * @param digest the artifact digest
     * @param signature the signature
     * @return the description
     */
    public static Signed message(DigestAlgorithm algorithm, Bytes digest, Bytes signature) {
      return new Signed(signature, Optional.empty(), Optional.of(algorithm), Optional.of(digest));
    }

    /**
     * Describes a DSSE envelope with one signature.
     *
     * @param envelope the envelope
     * @param hash the hash of the signature algorithm, if it has one
     * @return the description
     */
    public static Signed envelope(Envelope envelope, Optional<DigestAlgorithm> hash) {
      if (envelope.signatures().size() != 1) {
        throw new IllegalArgumentException("a bundle's envelope has one signature");
      }
      return new Signed(
          envelope.signatures().get(0).sig(), Optional.of(envelope), hash, Optional.empty());
    }
  }

  /**
   * What the services returned.
   *
   * @param tlogEntries one entry per log
   * @param rfc3161Timestamps one response per timestamp authority
   */
  public record Evidence(List<TransparencyLogEntry> tlogEntries, List<Bytes> rfc3161Timestamps) {
    /**
     * Copies the lists.
     *
     * @param tlogEntries the {@code tlogEntries} component
     * @param rfc3161Timestamps the {@code rfc3161Timestamps} component
     */
    public Evidence {
      tlogEntries = List.copyOf(tlogEntries);
      rfc3161Timestamps = List.copyOf(rfc3161Timestamps);
    }
  }

  /**
   * Timestamps and logs a signature.
   *
   * @param services the selected logs and timestamp authorities
   * @param signed what was signed
   * @param verifier the signer as log entries name it
   * @return the entries and timestamps, in service order
   * @throws SigningException from the services; {@code CONFIGURATION_ERROR} if a log cannot take
   *     this signature (a Rekor v2 log and an algorithm without a hash, or a Rekor v1 hashed record
   *     for one)
   */
  public Evidence witness(Services services, Signed signed, RekorRequests.Verifier verifier)
      throws SigningException {
    List<Bytes> stamps = new ArrayList<>();
    for (SigningConfig.Service tsa : services.tsas()) {
      stamps.add(timestamps.timestamp(tsa.url(), signed.signature()));
    }
    List<TransparencyLogEntry> entries = new ArrayList<>();
    for (SigningConfig.Service log : services.tlogs()) {
      entries.add(log.majorApiVersion() == 2 ? logV2(log, signed, verifier) : logV1(log, signed, verifier));
    }
    return new Evidence(entries, stamps);
  }

  private TransparencyLogEntry logV1(
      SigningConfig.Service log, Signed signed, RekorRequests.Verifier verifier)
      throws SigningException {
    if (signed.envelope().isPresent()) {
      return rekor.createV1(log.url(), RekorRequests.dsseV001(signed.envelope().get(), verifier));
    }
    DigestAlgorithm alg = signed.digestAlgorithm().orElseThrow();
    return rekor.createV1(
        log.url(),
        RekorRequests.hashedRekordV001(
            alg.name(), signed.digest().orElseThrow().toByteArray(), signed.signature(), verifier));
  }

  private TransparencyLogEntry logV2(
      SigningConfig.Service log, Signed signed, RekorRequests.Verifier verifier)
      throws SigningException {
    if (signed.digestAlgorithm().isEmpty()) {
      throw new SigningException(
          ErrorCode.CONFIGURATION_ERROR,
          "",
          "a Rekor v2 log records a digest; this signature algorithm signs without one");
    }
    byte[] digest;
    if (signed.envelope().isPresent()) {
      Envelope e = signed.envelope().get();
      digest = hash(signed.digestAlgorithm().get(), Pae.encode(e.payloadType(), e.payload()));
    } else {
      digest = signed.digest().orElseThrow().toByteArray();
    }
    return rekor.createV2(
        log.url(), RekorRequests.hashedRekordV002(digest, signed.signature(), verifier));
  }

  /**
   * Hashes bytes with a SHA-2 algorithm.
   *
   * @param algorithm {@code sha256}, {@code sha384} or {@code sha512}
   * @param data the bytes
   * @return the digest
   */
  public static byte[] hash(DigestAlgorithm algorithm, byte[] data) {
    try {
      return MessageDigest.getInstance(algorithm.jcaName().orElseThrow()).digest(data);
    } catch (NoSuchAlgorithmException e) {
      throw new ProvenanceBugException("no " + algorithm.name(), e);
    }
  }
}
