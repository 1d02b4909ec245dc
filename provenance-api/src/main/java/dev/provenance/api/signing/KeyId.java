package dev.provenance.api.signing;

import java.util.Objects;

/**
 * The canonical identity of a public key: lowercase hex SHA-256 of its DER {@code
 * SubjectPublicKeyInfo}. Thresholds count distinct key ids, never envelope {@code keyid} hints.
 *
 * @param value 64 lowercase hex characters
 */
public record KeyId(String value) {
  /**
   * Checks the format.
   *
   * @param value the {@code value} component
   */
  public KeyId {
    Objects.requireNonNull(value, "value");
    if (!value.matches("[0-9a-f]{64}")) {
      throw new IllegalArgumentException("a KeyId is 64 lowercase hex characters");
    }
  }

  @Override
  public String toString() {
    return value;
  }
}
