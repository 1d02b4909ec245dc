/**
 * Provenance chains: recording linked, signed statements for each build step ({@link
 * dev.provenance.core.chain.ChainRecorder}), storing them as {@code .intoto.jsonl} ({@link
 * dev.provenance.core.chain.AttestationStore}), and verifying the chain from a deployed artifact
 * back to its source commit against an in-toto-style {@link dev.provenance.core.chain.ChainPolicy}
 * ({@link dev.provenance.core.chain.ChainVerifier}), with reports and a signed SLSA verification
 * summary on success.
 *
 * <p>Decisions where the specifications leave room:
 *
 * <ul>
 *   <li>Artifact names must be canonical and portable; non-canonical names ({@code ./a}, {@code
 *       a/../b}, absolute, backslashes, NFD, control characters) are rejected with {@code
 *       MALFORMED_INPUT} rather than normalised, and two names that differ only in case are
 *       rejected.
 *   <li>A wrong signer is {@code UNTRUSTED_ANCHOR}; a signature by a policy key that no longer
 *       verifies is {@code SIGNATURE_INVALID} (told apart by the unauthenticated key id hint, which
 *       only picks the code, never the verdict).
 *   <li>A policy expires when {@code expires <= now}.
 * </ul>
 */
package dev.provenance.core.chain;
