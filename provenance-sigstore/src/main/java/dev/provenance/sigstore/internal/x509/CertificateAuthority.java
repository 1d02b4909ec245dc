package dev.provenance.sigstore.internal.x509;

import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A certificate authority of a trusted root (Fulcio): its certificate chain and the window in which
 * the trusted root says it may have issued certificates.
 *
 * <p>The whole chain is trusted configuration. Certificates presented in a bundle are never trust
 * anchors; they may only fill the gap between a leaf and one of these certificates.
 *
 * @param chain the chain, issuing CA first and root last; never empty
 * @param validFrom the start of the validity window, inclusive
 * @param validUntil the end of the validity window, inclusive; empty when open-ended
 * @param operator the operator named in the trusted root, or empty when none is named
 */
public record CertificateAuthority(
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
  public CertificateAuthority {
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
