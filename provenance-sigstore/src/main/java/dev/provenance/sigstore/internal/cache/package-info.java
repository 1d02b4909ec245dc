/**
 * Bounded, thread-safe memories of signature checks that succeeded, so that verifying the same
 * bundle again (an admission controller re-checking a deployed image, a build re-checking its
 * inputs) skips the elliptic-curve arithmetic it already did. Only successes are kept, keyed by
 * every byte the check read and by the key that checked them; everything that depends on time or
 * policy runs on every verification.
 *
 * <p>Not API; may change without notice.
 */
package dev.provenance.sigstore.internal.cache;
