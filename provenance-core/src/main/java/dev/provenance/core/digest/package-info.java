/**
 * The digest engine: in-toto {@link dev.provenance.api.digest.DigestSet}s of bytes, streams,
 * files and directory trees, several algorithms in one pass and many files in parallel
 * ({@link dev.provenance.core.digest.Digester}); git object ids computed in Java ({@link
 * dev.provenance.core.digest.GitObjects}); and the HEAD commit of a git checkout ({@link
 * dev.provenance.core.digest.GitCheckout}).
 *
 * <p>Decisions where the specs leave room:
 *
 * <ul>
 *   <li>{@code dirHash} is written as lowercase hex of Go's {@code h1} SHA-256 under the key
 *       {@code dirHash} (the in-toto DigestSet text defines {@code dirHash}; its example writes
 *       {@code dirHash1}). File names are relative to the hashed directory, with no prefix.
 *   <li>Trees with symbolic links are rejected by {@code dirHash} and the manifest (Go's {@code
 *       HashDir} follows links, the in-toto recipe {@code find -type f} skips them, and hashing the
 *       target text would make a link and a file indistinguishable); the git tree records links as
 *       git does, by target text, and never follows them.
 *   <li>Entries named {@code .git} are part of no tree digest.
 * </ul>
 */
package dev.provenance.core.digest;
