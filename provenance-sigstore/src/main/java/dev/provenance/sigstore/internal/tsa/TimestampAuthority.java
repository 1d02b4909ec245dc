package dev.provenance.sigstore.internal.tsa;

import dev.provenance.sigstore.internal.x509.ValidityWindows;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A time-stamping authority of a trusted root: its certificate chain and the window in which its
 * time-stamps are trusted.
 *
 * @param chain the chain, the TSA's signing certificate first and the root last; never empty
 * @param validFrom the start of the validity window, inclusive
 * @param validUntil the end of the validity window, inclusive; empty when open-ended
 * @param operator the operator named in the trusted root, or empty when none is named
 */
public record TimestampAuthority(
    List<X509Certificate> chain, Instant validFrom, Optional<Instant> validUntil, String operator) {
  /**
   * Copies the chain and checks the components.
   *
   * @param chain the {@code chain} component
   * @param validFrom the {@code validFrom} component
   * @param validUntil the {@code validUntil} component
   * @param operator the {@code operator} component
   * @throws IllegalArgumentException if the chain is empty or the window ends before it starts
   */
  public TimestampAuthority {
    chain = ValidityWindows.requireChain(chain, validFrom, validUntil, operator);
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
