package dev.provenance.sigstore.internal.ct;

import dev.provenance.api.Bytes;
import dev.provenance.sigstore.internal.x509.ValidityWindows;
import java.security.PublicKey;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A Certificate Transparency log of a trusted root: its id, key and the window in which its
 * timestamps are trusted.
 *
 * @param logId the RFC 6962 log id as the trusted root gives it (normally SHA-256 of the key's
 *     SubjectPublicKeyInfo); SCTs are matched on it
 * @param key the log's public key; its type fixes the signature algorithm
 * @param validFrom the start of the validity window, inclusive
 * @param validUntil the end of the validity window, inclusive; empty when open-ended
 * @param operator the operator named in the trusted root, or empty when none is named
 */
public record CtLog(
    Bytes logId, PublicKey key, Instant validFrom, Optional<Instant> validUntil, String operator) {
  /**
   * Checks the components.
   *
   * @param logId the {@code logId} component
   * @param key the {@code key} component
   * @param validFrom the {@code validFrom} component
   * @param validUntil the {@code validUntil} component
   * @param operator the {@code operator} component
   */
  public CtLog {
    Objects.requireNonNull(logId, "logId");
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(validFrom, "validFrom");
    Objects.requireNonNull(validUntil, "validUntil");
    Objects.requireNonNull(operator, "operator");
  }

  /**
   * Returns whether an instant lies in the validity window, both ends included.
   *
   * @param time the instant
   * @return true if {@code validFrom <= time <= validUntil}
   */
  public boolean isValidAt(Instant time) {
    return ValidityWindows.contains(validFrom, validUntil, time);
  }
}
