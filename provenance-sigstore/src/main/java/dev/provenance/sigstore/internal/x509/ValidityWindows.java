package dev.provenance.sigstore.internal.x509;

import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** Inclusive validity-window checks shared by certificate authorities, CT logs and TSAs. */
public final class ValidityWindows {
  private ValidityWindows() {}

  /**
   * Returns whether {@code start <= time <= end}; trusted-root windows include both ends.
   *
   * @param start the first valid instant
   * @param end the last valid instant, or empty when open-ended
   * @param time the instant to check
   * @return true if the instant is in the window
   */
  public static boolean contains(Instant start, Optional<Instant> end, Instant time) {
    return !time.isBefore(start) && (end.isEmpty() || !time.isAfter(end.get()));
  }

  /**
   * Returns whether a certificate is valid at an instant: {@code notBefore <= time <= notAfter}
   * (RFC 5280 section 4.1.2.5 includes both ends).
   *
   * @param certificate the certificate
   * @param time the instant
   * @return true if the certificate is valid then
   */
  public static boolean contains(X509Certificate certificate, Instant time) {
    return !time.isBefore(certificate.getNotBefore().toInstant())
        && !time.isAfter(certificate.getNotAfter().toInstant());
  }

  /**
   * Checks the common components of a trusted-root authority (CA or TSA) and copies its chain.
   *
   * @param chain the certificate chain; not empty
   * @param validFrom the start of the window
   * @param validUntil the end of the window, if any; not before the start
   * @param operator the operator
   * @return an immutable copy of the chain
   * @throws IllegalArgumentException if the chain is empty or the window ends before it starts
   */
  public static List<X509Certificate> requireChain(
      List<X509Certificate> chain, Instant validFrom, Optional<Instant> validUntil, String operator) {
    List<X509Certificate> copy = List.copyOf(chain);
    Objects.requireNonNull(validFrom, "validFrom");
    Objects.requireNonNull(validUntil, "validUntil");
    Objects.requireNonNull(operator, "operator");
    if (copy.isEmpty()) {
      throw new IllegalArgumentException("an authority needs at least one certificate");
    }
    if (validUntil.isPresent() && validUntil.get().isBefore(validFrom)) {
      throw new IllegalArgumentException("validity window ends before it starts");
    }
    return copy;
  }
}
