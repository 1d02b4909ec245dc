package dev.provenance.sigstore.trust;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * The time range during which a trusted key or authority may be relied on. Both ends are
 * inclusive (protobuf-specs {@code TimeRange}); an absent end means "still valid".
 *
 * @param start the first instant of validity
 * @param end the last instant of validity, if the key or authority has been retired
 */
public record ValidityPeriod(Instant start, Optional<Instant> end) {
  /**
   * Checks the components.
   *
   * @param start the {@code start} component
   * @param end the {@code end} component
   * @throws IllegalArgumentException if {@code end} is before {@code start}
   */
  public ValidityPeriod {
    Objects.requireNonNull(start, "start");
    Objects.requireNonNull(end, "end");
    if (end.isPresent() && end.get().isBefore(start)) {
      throw new IllegalArgumentException("validity ends before it starts");
    }
  }

  /**
   * Returns a period with no end.
   *
   * @param start the first instant of validity
   * @return the period
   */
  public static ValidityPeriod from(Instant start) {
    return new ValidityPeriod(start, Optional.empty());
  }

  /**
   * Returns whether an instant lies in the period, both ends included.
   *
   * @param time the instant
   * @return true if {@code start <= time <= end}
   */
  public boolean contains(Instant time) {
    return !time.isBefore(start) && (end.isEmpty() || !time.isAfter(end.get()));
  }
}
