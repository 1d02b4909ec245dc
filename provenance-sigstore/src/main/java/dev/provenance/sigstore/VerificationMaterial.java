package dev.provenance.sigstore;

import dev.provenance.api.Bytes;
import dev.provenance.api.internal.Collections2;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What a bundle carries to verify its signature: the signer's key material, transparency log
 * entries and RFC 3161 timestamps.
 *
 * @param kind how the signer's key is given
 * @param publicKeyHint for {@link Kind#PUBLIC_KEY}: the hint naming the key the verifier must
 *     supply (it never selects a key); empty otherwise
 * @param certificates DER certificates, leaf first: one for {@link Kind#CERTIFICATE}, one or more
 *     for {@link Kind#X509_CERTIFICATE_CHAIN}, none for {@link Kind#PUBLIC_KEY}
 * @param tlogEntries the transparency log entries
 * @param rfc3161Timestamps DER RFC 3161 {@code TimeStampResponse}s over the signature bytes
 */
public record VerificationMaterial(
    Kind kind,
    Optional<String> publicKeyHint,
    List<Bytes> certificates,
    List<TransparencyLogEntry> tlogEntries,
    List<Bytes> rfc3161Timestamps) {

  /** How the signer's key material is given. */
  public enum Kind {
    /** A key the verifier already has, named by a hint. */
    PUBLIC_KEY,
    /** A chain of certificates, leaf first (bundle v0.1 and v0.2). */
    X509_CERTIFICATE_CHAIN,
    /** The leaf certificate alone (bundle v0.3). */
    CERTIFICATE
  }

  /**
   * Checks the components and their consistency with {@code kind}.
   *
   * @param kind the {@code kind} component
   * @param publicKeyHint the {@code publicKeyHint} component
   * @param certificates the {@code certificates} component
   * @param tlogEntries the {@code tlogEntries} component
   * @param rfc3161Timestamps the {@code rfc3161Timestamps} component
   * @throws IllegalArgumentException if the certificates or hint do not fit the kind
   */
  public VerificationMaterial {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(publicKeyHint, "publicKeyHint");
    certificates = Collections2.listCopy(certificates, "certificates");
    tlogEntries = Collections2.listCopy(tlogEntries, "tlogEntries");
    rfc3161Timestamps = Collections2.listCopy(rfc3161Timestamps, "rfc3161Timestamps");
    boolean ok;
    switch (kind) {
      case PUBLIC_KEY:
        ok = certificates.isEmpty();
        break;
      case CERTIFICATE:
        ok = certificates.size() == 1 && publicKeyHint.isEmpty();
        break;
      default:
        ok = !certificates.isEmpty() && publicKeyHint.isEmpty();
        break;
    }
    if (!ok) {
      throw new IllegalArgumentException("certificates or hint do not fit kind " + kind);
    }
  }
}
