package dev.provenance.sigstore;

import dev.provenance.api.ErrorCode;
import dev.provenance.api.MalformedInputException;
import dev.provenance.api.digest.DigestAlgorithm;
import dev.provenance.api.digest.DigestSet;
import dev.provenance.api.internal.ProvenanceBugException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The artifact a bundle is verified against: its bytes, or only its digest.
 *
 * <p>With the bytes, the verifier hashes them itself in whatever algorithm the bundle needs and
 * checks message signatures over the bytes. With a digest only ({@code sha256:HEX}, the form of
 * the sigstore-conformance protocol), message signatures are checked over the digest, which works
 * for ECDSA; Ed25519 and RSA message signatures need the bytes.
 *
 * <p>Immutable and thread-safe; the bytes are copied.
 */
public final class Artifact {
  private final byte[] bytes; // null when only digests are known
  private final DigestSet digests;
  // digests computed from the bytes, each once: verifying may ask for one several times
  private final ConcurrentHashMap<DigestAlgorithm, String> computed = new ConcurrentHashMap<>();

  private Artifact(byte[] bytes, DigestSet digests) {
    this.bytes = bytes;
    this.digests = digests;
  }

  /**
   * Returns an artifact given by its bytes.
   *
   * @param bytes the artifact
   * @return the artifact
   */
  public static Artifact ofBytes(byte[] bytes) {
    Objects.requireNonNull(bytes, "bytes");
    return new Artifact(bytes.clone(), DigestSet.empty());
  }

  /**
   * Returns an artifact given only by digests.
   *
   * @param digests the digests, at least one
   * @return the artifact
   * @throws IllegalArgumentException if {@code digests} is empty
   */
  public static Artifact ofDigest(DigestSet digests) {
    Objects.requireNonNull(digests, "digests");
    if (digests.isEmpty()) {
      throw new IllegalArgumentException("an artifact digest set must not be empty");
    }
    return new Artifact(null, digests);
  }

  /**
   * Parses an artifact digest written {@code ALGORITHM:HEX}, for example {@code sha256:a0cf…}.
   *
   * @param text the digest
   * @return the artifact
   * @throws MalformedInputException {@code MALFORMED_INPUT} if the text is not a known algorithm
   *     and a lowercase hex value of the right length
   */
  public static Artifact parseDigest(String text) throws MalformedInputException {
    int colon = text.indexOf(':');
    if (colon <= 0) {
      throw new MalformedInputException(ErrorCode.MALFORMED_INPUT, "", "expected ALGORITHM:HEX");
    }
    DigestAlgorithm algorithm = DigestAlgorithm.of(text.substring(0, colon));
    String value = text.substring(colon + 1);
    if (!algorithm.isKnown() || algorithm.jcaName().isEmpty() || !algorithm.isValidValue(value)) {
      throw new MalformedInputException(
          ErrorCode.MALFORMED_INPUT, "", "not a supported digest: " + algorithm.name());
    }
    return ofDigest(DigestSet.of(algorithm, value));
  }

  /**
   * Returns the artifact bytes, if they were given.
   *
   * @return a copy of the bytes, or empty for a digest-only artifact
   */
  public Optional<byte[]> bytes() {
    return bytes == null ? Optional.empty() : Optional.of(bytes.clone());
  }

  /**
   * Returns whether the bytes were given.
   *
   * @return true unless only digests are known
   */
  public boolean hasBytes() {
    return bytes != null;
  }

  /**
   * Returns the artifact's digest in an algorithm: computed from the bytes, or the given one.
   *
   * @param algorithm the algorithm
   * @return the lowercase hex digest, or empty if it cannot be known
   */
  public Optional<String> digest(DigestAlgorithm algorithm) {
    if (bytes == null) {
      return digests.get(algorithm);
    }
    if (algorithm.jcaName().isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(computed.computeIfAbsent(algorithm, this::compute));
  }

  private String compute(DigestAlgorithm algorithm) {
    try {
      MessageDigest md = MessageDigest.getInstance(algorithm.jcaName().orElseThrow());
      return HexFormat.of().formatHex(md.digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new ProvenanceBugException("digest algorithm without provider: " + algorithm, e);
    }
  }

  /**
   * Returns the artifact's digests in the given algorithms, as far as they can be known.
   *
   * @param algorithms the algorithms wanted
   * @return the digests; possibly empty
   */
  public DigestSet digests(Iterable<DigestAlgorithm> algorithms) {
    DigestSet out = DigestSet.empty();
    for (DigestAlgorithm a : algorithms) {
      Optional<String> d = digest(a);
      if (d.isPresent()) {
        out = out.with(a, d.get());
      }
    }
    return out;
  }

  @Override
  public String toString() {
    return bytes != null ? "Artifact[" + bytes.length + " bytes]" : "Artifact" + digests;
  }
}
