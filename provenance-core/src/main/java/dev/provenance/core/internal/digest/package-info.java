/**
 * The hashing engine behind {@code dev.provenance.core.digest}: parallel multi-algorithm hashing of
 * bytes, files and streams, directory walking with name checks, git object encoding and reading
 * git checkouts. Not API; may change without notice.
 */
package dev.provenance.core.internal.digest;
