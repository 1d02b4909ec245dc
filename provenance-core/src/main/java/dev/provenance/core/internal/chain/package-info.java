/**
 * The chain engine: artifact-rule evaluation, artifact-name checks, glob patterns, the graph walk
 * over verified attestations and the loaders behind {@code dev.provenance.core.chain}.
 *
 * <p>Not API; may change without notice.
 */
package dev.provenance.core.internal.chain;
