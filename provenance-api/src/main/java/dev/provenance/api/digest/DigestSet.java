package dev.provenance.api.digest;

import dev.provenance.api.internal.Collections2;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * An in-toto DigestSet: digest values by algorithm, sorted by algorithm name, each value validated
 * for its algorithm (lowercase hex of the right length for the spec's algorithms).
 *
 * @param digests the values by algorithm; may be empty only where a spec allows it
 */
public record DigestSet(SortedMap<DigestAlgorithm, String> digests) {
  private static final DigestSet EMPTY = new DigestSet(new TreeMap<>());

  /**
   * Validates every value and makes a sorted, unmodifiable copy.
   *
   * @param digests the {@code digests} component
   * @throws IllegalArgumentException if a value is not valid for its algorithm
   */
  public DigestSet {
    Objects.requireNonNull(digests, "digests");
    // a map adopted from its builder is already a private, unmodifiable, naturally sorted copy
    boolean adopted = Collections2.isAdopted(digests);
    TreeMap<DigestAlgorithm, String> copy = adopted ? null : new TreeMap<>();
    for (Map.Entry<DigestAlgorithm, String> e : digests.entrySet()) {
      DigestAlgorithm a = Objects.requireNonNull(e.getKey(), "digests key");
      String v = Objects.requireNonNull(e.getValue(), "digests value");
      if (!a.isValidValue(v)) {
        throw new IllegalArgumentException("invalid " + a + " digest value: " + abbreviate(v));
      }
      if (!adopted) {
        copy.put(a, v);
      }
    }
    if (!adopted) {
      digests = Collections.unmodifiableSortedMap(copy);
    }
  }

  /**
   * Returns a set with one digest.
   *
   * @param algorithm the algorithm
   * @param value the value (lowercase hex for spec algorithms)
   * @return the set
   * @throws IllegalArgumentException if the value is not valid for the algorithm
   */
  public static DigestSet of(DigestAlgorithm algorithm, String value) {
    TreeMap<DigestAlgorithm, String> m = new TreeMap<>();
    m.put(algorithm, value);
    return new DigestSet(Collections2.adoptSorted(m));
  }

  /**
   * Returns a set with the given digests.
   *
   * @param digests the values by algorithm
   * @return the set
   * @throws IllegalArgumentException if a value is not valid for its algorithm
   */
  public static DigestSet of(Map<DigestAlgorithm, String> digests) {
    return new DigestSet(Collections2.adoptSorted(new TreeMap<>(digests)));
  }

  /**
   * Returns the empty set.
   *
   * @return a set with no digests
   */
  public static DigestSet empty() {
    return EMPTY;
  }

  /**
   * Returns the value for an algorithm.
   *
   * @param algorithm the algorithm
   * @return the value, or empty if absent
   */
  public Optional<String> get(DigestAlgorithm algorithm) {
    return Optional.ofNullable(digests.get(algorithm));
  }

  /**
   * Returns whether the set has no digests.
   *
   * @return true if empty
   */
  public boolean isEmpty() {
    return digests.isEmpty();
  }

  /**
   * Returns a copy with one more digest.
   *
   * @param algorithm the algorithm
   * @param value the value
   * @return the new set
   */
  public DigestSet with(DigestAlgorithm algorithm, String value) {
    TreeMap<DigestAlgorithm, String> m = new TreeMap<>(digests);
    m.put(algorithm, value);
    return new DigestSet(Collections2.adoptSorted(m));
  }

  /**
   * Returns whether the two sets share an acceptable algorithm with equal values, and no shared
   * acceptable algorithm disagrees. Algorithms outside {@code acceptable} are ignored, as the
   * spec requires.
   *
   * @param other the set to compare with
   * @param acceptable the algorithms the caller deems secure
   * @return true if they denote the same artifact
   */
  public boolean matches(DigestSet other, Set<DigestAlgorithm> acceptable) {
    Objects.requireNonNull(other, "other");
    Objects.requireNonNull(acceptable, "acceptable");
    boolean any = false;
    for (Map.Entry<DigestAlgorithm, String> e : digests.entrySet()) {
      if (!acceptable.contains(e.getKey())) {
        continue;
      }
      String theirs = other.digests.get(e.getKey());
      if (theirs == null) {
        continue;
      }
      if (!theirs.equals(e.getValue())) {
        return false;
      }
      any = true;
    }
    return any;
  }

  /**
   * Returns whether the two sets match under {@link DigestAlgorithm#defaultAcceptable()}.
   *
   * @param other the set to compare with
   * @return true if they denote the same artifact
   */
  public boolean matches(DigestSet other) {
    return matches(other, DigestAlgorithm.defaultAcceptable());
  }

  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder("{");
    for (Map.Entry<DigestAlgorithm, String> e : digests.entrySet()) {
      if (sb.length() > 1) {
        sb.append(", ");
      }
      sb.append(e.getKey()).append(':').append(e.getValue());
    }
    return sb.append('}').toString();
  }

  private static String abbreviate(String v) {
    return v.length() <= 80 ? v : v.substring(0, 80) + "…";
  }
}
