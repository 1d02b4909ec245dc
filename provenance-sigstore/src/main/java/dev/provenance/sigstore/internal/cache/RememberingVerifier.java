package dev.provenance.sigstore.internal.cache;

import dev.provenance.api.VerificationException;
import dev.provenance.api.signing.SignatureAlgorithm;
import dev.provenance.api.signing.SignatureVerifier;
import dev.provenance.api.signing.SignerIdentity;
import java.util.Objects;

/**
 * A trusted key's verifier that remembers its successes in a {@link VerifiedSignatures} cache.
 *
 * <p>The cache domain is the wrapped verifier object itself, compared by identity: one key, one
 * algorithm, one signature encoding; entries of one verifier never answer for another. The parts
 * are the complete message and signature. A signature that does not verify is checked (and fails)
 * every time. Meant for keys from a trusted root (transparency logs), whose signed entry
 * timestamps and checkpoints are verified again each time a bundle is; never for keys taken from
 * the bundle being verified.
 *
 * <p>Immutable and thread-safe when the wrapped verifier is.
 */
public final class RememberingVerifier implements SignatureVerifier {
  private final SignatureVerifier delegate;
  private final VerifiedSignatures cache;
  private final Object domain;

  private RememberingVerifier(SignatureVerifier delegate, VerifiedSignatures cache) {
    this.delegate = Objects.requireNonNull(delegate, "delegate");
    this.cache = Objects.requireNonNull(cache, "cache");
    this.domain = new Domain(delegate);
  }

  /**
   * Wraps a trusted verifier with the {@linkplain VerifiedSignatures#shared() shared} cache.
   *
   * @param delegate the verifier of a trusted key
   * @return the remembering verifier
   */
  public static SignatureVerifier of(SignatureVerifier delegate) {
    return of(delegate, VerifiedSignatures.shared());
  }

  /**
   * Wraps a trusted verifier with a given cache.
   *
   * @param delegate the verifier of a trusted key
   * @param cache where successes are remembered
   * @return the remembering verifier
   */
  public static SignatureVerifier of(SignatureVerifier delegate, VerifiedSignatures cache) {
    return new RememberingVerifier(delegate, cache);
  }

  @Override
  public SignatureAlgorithm algorithm() {
    return delegate.algorithm();
  }

  @Override
  public SignerIdentity identity() {
    return delegate.identity();
  }

  @Override
  public void verify(byte[] message, byte[] signature) throws VerificationException {
    Objects.requireNonNull(message, "message");
    Objects.requireNonNull(signature, "signature");
    VerifiedSignatures.Check check = VerifiedSignatures.check(domain, message, signature);
    if (cache.contains(check)) {
      return;
    }
    delegate.verify(message, signature); // throws when the signature does not verify
    cache.add(check);
  }

  @Override
  public String toString() {
    return delegate.toString();
  }

  /** Identity of the wrapped verifier as a cache domain; equal only for the same object. */
  private static final class Domain {
    private final SignatureVerifier verifier;

    Domain(SignatureVerifier verifier) {
      this.verifier = verifier;
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Domain && ((Domain) o).verifier == verifier;
    }

    @Override
    public int hashCode() {
      return System.identityHashCode(verifier);
    }

    @Override
    public String toString() {
      return "verifier " + verifier;
    }
  }
}
