package dev.provenance.api.digest;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A digest algorithm name as used in an in-toto {@code DigestSet}. The set is open: names from the
 * spec are predefined constants with known value formats, and any other name is kept as given
 * (consumers ignore names they do not accept).
 *
 * <p>Instances are immutable; equal names give equal instances.
 */
public final class DigestAlgorithm implements Comparable<DigestAlgorithm> {
  private static final Map<String, DigestAlgorithm> KNOWN = new LinkedHashMap<>();

  /** SHA-256 (FIPS 180-4). */
  public static final DigestAlgorithm SHA256 = known("sha256", "SHA-256", 64);
  /** SHA-224. */
  public static final DigestAlgorithm SHA224 = known("sha224", "SHA-224", 56);
  /** SHA-384. */
  public static final DigestAlgorithm SHA384 = known("sha384", "SHA-384", 96);
  /** SHA-512. */
  public static final DigestAlgorithm SHA512 = known("sha512", "SHA-512", 128);
  /** SHA-512/224. */
  public static final DigestAlgorithm SHA512_224 = known("sha512_224", "SHA-512/224", 56);
  /** SHA-512/256. */
  public static final DigestAlgorithm SHA512_256 = known("sha512_256", "SHA-512/256", 64);
  /** SHA3-224. */
  public static final DigestAlgorithm SHA3_224 = known("sha3_224", "SHA3-224", 56);
  /** SHA3-256. */
  public static final DigestAlgorithm SHA3_256 = known("sha3_256", "SHA3-256", 64);
  /** SHA3-384. */
  public static final DigestAlgorithm SHA3_384 = known("sha3_384", "SHA3-384", 96);
  /** SHA3-512. */
  public static final DigestAlgorithm SHA3_512 = known("sha3_512", "SHA3-512", 128);
  /** SHAKE128 (output length is not fixed by the name). */
  public static final DigestAlgorithm SHAKE128 = known("shake128", null, -1);
  /** SHAKE256 (output length is not fixed by the name). */
  public static final DigestAlgorithm SHAKE256 = known("shake256", null, -1);
  /** BLAKE2b (output length is not fixed by the name). */
  public static final DigestAlgorithm BLAKE2B = known("blake2b", null, -1);
  /** BLAKE2s (output length is not fixed by the name). */
  public static final DigestAlgorithm BLAKE2S = known("blake2s", null, -1);
  /** RIPEMD-160. */
  public static final DigestAlgorithm RIPEMD160 = known("ripemd160", null, 40);
  /** SM3. */
  public static final DigestAlgorithm SM3 = known("sm3", null, 64);
  /** GOST R 34.11-94. */
  public static final DigestAlgorithm GOST = known("gost", null, 64);
  /** SHA-1: broken for collisions, not acceptable by default. */
  public static final DigestAlgorithm SHA1 = known("sha1", "SHA-1", 40);
  /** MD5: broken, not acceptable by default. */
  public static final DigestAlgorithm MD5 = known("md5", "MD5", 32);
  /** Go module {@code dirhash} h1 of a directory tree, as hex without the {@code h1:} prefix. */
  public static final DigestAlgorithm DIR_HASH = known("dirHash", null, 64);
  /** Git commit object id: 40 hex (SHA-1 repositories) or 64 hex (SHA-256 repositories). */
  public static final DigestAlgorithm GIT_COMMIT = known("gitCommit", null, 0);
  /** Git tree object id (SHA-1 or SHA-256 object format). */
  public static final DigestAlgorithm GIT_TREE = known("gitTree", null, 0);
  /** Git blob object id (SHA-1 or SHA-256 object format). */
  public static final DigestAlgorithm GIT_BLOB = known("gitBlob", null, 0);
  /** Git tag object id (SHA-1 or SHA-256 object format). */
  public static final DigestAlgorithm GIT_TAG = known("gitTag", null, 0);

  private static final Set<DigestAlgorithm> DEFAULT_ACCEPTABLE =
      Set.of(
          SHA256, SHA384, SHA512, SHA512_256, SHA3_256, SHA3_384, SHA3_512, DIR_HASH, GIT_COMMIT,
          GIT_TREE, GIT_BLOB, GIT_TAG);

  private final String name;
  private final String jcaName; // null when the JDK has no standard name or it is not fixed
  private final int hexLength; // >0 fixed; 0 git object id (40 or 64); -1 any even length
  private final boolean known;

  private DigestAlgorithm(String name, String jcaName, int hexLength, boolean known) {
    this.name = name;
    this.jcaName = jcaName;
    this.hexLength = hexLength;
    this.known = known;
  }

  private static DigestAlgorithm known(String name, String jcaName, int hexLength) {
    DigestAlgorithm a = new DigestAlgorithm(name, jcaName, hexLength, true);
    KNOWN.put(name, a);
    return a;
  }

  /**
   * Returns the algorithm with this name: a predefined constant when the spec defines it, else an
   * unknown algorithm whose values are kept as given.
   *
   * @param name the DigestSet key, case-sensitive
   * @return the algorithm
   * @throws IllegalArgumentException if the name is empty
   */
  public static DigestAlgorithm of(String name) {
    Objects.requireNonNull(name, "name");
    DigestAlgorithm a = KNOWN.get(name);
    if (a != null) {
      return a;
    }
    if (name.isEmpty()) {
      throw new IllegalArgumentException("empty digest algorithm name");
    }
    return new DigestAlgorithm(name, null, -2, false);
  }

  /**
   * Returns every algorithm the in-toto spec names.
   *
   * @return the predefined algorithms, in spec order
   */
  public static Set<DigestAlgorithm> known() {
    return Collections.unmodifiableSet(new java.util.LinkedHashSet<>(KNOWN.values()));
  }

  /**
   * Returns the algorithms accepted by default when matching digests: the SHA-2 and SHA-3
   * families of at least 256 bits, {@code dirHash} and the git object ids. {@code md5}, {@code
   * sha1} and {@code sha224} are not accepted.
   *
   * @return the default acceptable set
   */
  public static Set<DigestAlgorithm> defaultAcceptable() {
    return DEFAULT_ACCEPTABLE;
  }

  /**
   * Returns the DigestSet key.
   *
   * @return the name, for example {@code sha256}
   */
  public String name() {
    return name;
  }

  /**
   * Returns the JCA {@code MessageDigest} name, when the JDK computes this algorithm directly.
   *
   * @return the JCA name, for example {@code SHA-256}
   */
  public Optional<String> jcaName() {
    return Optional.ofNullable(jcaName);
  }

  /**
   * Returns whether the spec defines this name.
   *
   * @return true for predefined algorithms
   */
  public boolean isKnown() {
    return known;
  }

  /**
   * Returns whether {@code value} is a well-formed digest value for this algorithm: lowercase hex
   * of the right length for spec-defined algorithms (40 or 64 for git object ids); any non-empty
   * string for unknown algorithms.
   *
   * @param value the candidate value
   * @return true if well formed
   */
  public boolean isValidValue(String value) {
    Objects.requireNonNull(value, "value");
    if (!known) {
      return !value.isEmpty();
    }
    int n = value.length();
    boolean lengthOk;
    if (hexLength > 0) {
      lengthOk = n == hexLength;
    } else if (hexLength == 0) {
      lengthOk = n == 40 || n == 64;
    } else {
      lengthOk = n > 0 && n % 2 == 0;
    }
    if (!lengthOk) {
      return false;
    }
    for (int i = 0; i < n; i++) {
      char c = value.charAt(i);
      if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
        return false;
      }
    }
    return true;
  }

  @Override
  public int compareTo(DigestAlgorithm o) {
    return name.compareTo(o.name);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof DigestAlgorithm && ((DigestAlgorithm) o).name.equals(name);
  }

  @Override
  public int hashCode() {
    return name.hashCode();
  }

  @Override
  public String toString() {
    return name;
  }
}
