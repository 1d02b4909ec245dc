package dev.provenance.sigstore.internal.bundle;

import dev.provenance.api.digest.DigestAlgorithm;
import java.util.List;
import java.util.Optional;

/**
 * The {@code HashAlgorithm} enum of {@code sigstore_common.proto} and its in-toto digest names.
 * Stateless and thread-safe.
 */
public final class HashAlgorithms {
  /** Enum names indexed by number; 0 is {@code HASH_ALGORITHM_UNSPECIFIED}. */
  public static final List<String> NAMES =
      List.of("HASH_ALGORITHM_UNSPECIFIED", "SHA2_256", "SHA2_384", "SHA2_512", "SHA3_256", "SHA3_384");

  private static final List<DigestAlgorithm> ALGORITHMS =
      List.of(
          DigestAlgorithm.SHA256,
          DigestAlgorithm.SHA384,
          DigestAlgorithm.SHA512,
          DigestAlgorithm.SHA3_256,
          DigestAlgorithm.SHA3_384);

  private HashAlgorithms() {}

  /**
   * Returns the digest algorithm an enum name stands for.
   *
   * @param name the enum name
   * @return the algorithm, or empty for unspecified or unknown names
   */
  public static Optional<DigestAlgorithm> of(String name) {
    int i = NAMES.indexOf(name);
    return i >= 1 ? Optional.of(ALGORITHMS.get(i - 1)) : Optional.empty();
  }

  /**
   * Returns the enum name of a digest algorithm.
   *
   * @param algorithm the algorithm
   * @return the name, or empty if the enum has none for it
   */
  public static Optional<String> nameOf(DigestAlgorithm algorithm) {
    int i = ALGORITHMS.indexOf(algorithm);
    return i >= 0 ? Optional.of(NAMES.get(i + 1)) : Optional.empty();
  }
}
