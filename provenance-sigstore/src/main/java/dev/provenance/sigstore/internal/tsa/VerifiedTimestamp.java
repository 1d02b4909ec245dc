package dev.provenance.sigstore.internal.tsa;

import java.time.Instant;
import java.util.Objects;

/**
 * An RFC 3161 time-stamp that verified: the time the authority vouches for and the authority.
 *
 * @param time the {@code genTime} of the TSTInfo
 * @param authority the trusted authority whose signing certificate signed it
 */
public record VerifiedTimestamp(Instant time, TimestampAuthority authority) {
  /**
   * Checks the components.
   *
   * @param time the {@code time} component
   * @param authority the {@code authority} component
   */
  public VerifiedTimestamp {
    Objects.requireNonNull(time, "time");
    Objects.requireNonNull(authority, "authority");
  }
}
