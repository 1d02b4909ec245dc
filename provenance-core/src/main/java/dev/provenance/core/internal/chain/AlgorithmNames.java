package dev.provenance.core.internal.chain;

import dev.provenance.api.signing.SignatureAlgorithm;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The signature-algorithm names used in chain policies, and the securesystemslib scheme names
 * that in-toto layouts use for the same algorithms.
 *
 * <p>Stateless and thread-safe.
 */
public final class AlgorithmNames {
  private static final Map<String, SignatureAlgorithm> BY_NAME = new LinkedHashMap<>();

  static {
    BY_NAME.put("ed25519", SignatureAlgorithm.ED25519);
    BY_NAME.put("ecdsa-p256-sha256", SignatureAlgorithm.ECDSA_P256_SHA256);
    BY_NAME.put("ecdsa-p384-sha384", SignatureAlgorithm.ECDSA_P384_SHA384);
    BY_NAME.put("ecdsa-p521-sha512", SignatureAlgorithm.ECDSA_P521_SHA512);
    BY_NAME.put("rsa-pss-sha256", SignatureAlgorithm.RSA_PSS_SHA256);
    BY_NAME.put("rsa-pkcs1-sha256", SignatureAlgorithm.RSA_PKCS1_SHA256);
  }

  private AlgorithmNames() {}

  /**
   * Returns the algorithm for a policy name or a securesystemslib scheme name ({@code
   * rsassa-pss-sha256}, {@code rsa-pkcs1v15-sha256}, {@code ecdsa-sha2-nistp256}, {@code
   * ecdsa-sha2-nistp384}).
   *
   * @param name the name, case-insensitive
   * @return the algorithm, or empty if unknown
   */
  public static Optional<SignatureAlgorithm> parse(String name) {
    String n = name.toLowerCase(Locale.ROOT);
    switch (n) {
      case "rsassa-pss-sha256":
        return Optional.of(SignatureAlgorithm.RSA_PSS_SHA256);
      case "rsa-pkcs1v15-sha256":
        return Optional.of(SignatureAlgorithm.RSA_PKCS1_SHA256);
      case "ecdsa-sha2-nistp256":
        return Optional.of(SignatureAlgorithm.ECDSA_P256_SHA256);
      case "ecdsa-sha2-nistp384":
        return Optional.of(SignatureAlgorithm.ECDSA_P384_SHA384);
      default:
        return Optional.ofNullable(BY_NAME.get(n));
    }
  }

  /**
   * Returns the policy name of an algorithm.
   *
   * @param algorithm the algorithm
   * @return the name, for example {@code rsa-pss-sha256}
   */
  public static String name(SignatureAlgorithm algorithm) {
    for (Map.Entry<String, SignatureAlgorithm> e : BY_NAME.entrySet()) {
      if (e.getValue() == algorithm) {
        return e.getKey();
      }
    }
    throw new IllegalArgumentException("no policy name for " + algorithm);
  }
}
