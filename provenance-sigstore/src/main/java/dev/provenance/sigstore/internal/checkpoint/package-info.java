/**
 * C2SP signed notes and transparency log checkpoints: strict parsing and signature verification
 * against a log key from the trusted root.
 *
 * <p>Not API; may change without notice.
 */
package dev.provenance.sigstore.internal.checkpoint;
