package dev.provenance.sigstore.internal.x509;

import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Objects;

/**
 * A certificate path that validated: the leaf, the certificate that signed it, and the whole path.
 *
 * @param leaf the end-entity certificate
 * @param issuer the certificate whose key signed the leaf ({@code path.get(1)})
 * @param path the path, leaf first and the trusted root last
 */
public record ValidatedPath(X509Certificate leaf, X509Certificate issuer, List<X509Certificate> path) {
  /**
   * Copies the path and checks that it starts with the leaf and its issuer.
   *
   * @param leaf the {@code leaf} component
   * @param issuer the {@code issuer} component
   * @param path the {@code path} component
   * @throws IllegalArgumentException if the path does not start with {@code leaf, issuer}
   */
  public ValidatedPath {
    Objects.requireNonNull(leaf, "leaf");
    Objects.requireNonNull(issuer, "issuer");
    path = List.copyOf(path);
    if (path.size() < 2 || !path.get(0).equals(leaf) || !path.get(1).equals(issuer)) {
      throw new IllegalArgumentException("a path starts with the leaf and its issuer");
    }
  }
}
