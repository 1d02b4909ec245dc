package dev.provenance.core.chain;

import dev.provenance.api.digest.DigestSet;
import dev.provenance.core.internal.chain.Glob;
import java.util.Objects;
import java.util.Optional;

/**
 * An input a chain may consume without an attestation that produced it, such as a toolchain or a
 * pinned third-party library. An input matches when its name matches the {@code name} glob (if
 * given), its URI matches the {@code uri} glob (if given) and, when {@code digest} is not empty,
 * its digests match it. A pinned digest that differs is a broken binding, not an unknown input.
 *
 * <p>Instances are immutable and thread-safe.
 *
 * @param name the name glob
 * @param uri the URI glob
 * @param digest the pinned digests; empty for any
 */
public record ExternalDependency(Optional<String> name, Optional<String> uri, DigestSet digest) {
  /**
   * Checks every component.
   *
   * @param name the {@code name} component
   * @param uri the {@code uri} component
   * @param digest the {@code digest} component
   * @throws IllegalArgumentException if neither name nor uri is given or a glob is invalid
   */
  public ExternalDependency {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(uri, "uri");
    Objects.requireNonNull(digest, "digest");
    if (name.isEmpty() && uri.isEmpty()) {
      throw new IllegalArgumentException("an external dependency needs a name or uri pattern");
    }
    name.ifPresent(Glob::compile);
    uri.ifPresent(Glob::compile);
  }

  /**
   * Returns an external dependency matched by name.
   *
   * @param name the name glob
   * @param digest the pinned digests; empty for any
   * @return the dependency
   */
  public static ExternalDependency ofName(String name, DigestSet digest) {
    return new ExternalDependency(Optional.of(name), Optional.empty(), digest);
  }

  /**
   * Returns an external dependency matched by URI.
   *
   * @param uri the URI glob
   * @param digest the pinned digests; empty for any
   * @return the dependency
   */
  public static ExternalDependency ofUri(String uri, DigestSet digest) {
    return new ExternalDependency(Optional.empty(), Optional.of(uri), digest);
  }
}
