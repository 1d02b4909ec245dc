package dev.provenance.sigstore.internal.checkpoint;

import dev.provenance.api.ErrorCode;
import dev.provenance.api.MalformedInputException;
import dev.provenance.api.VerificationException;
import dev.provenance.api.signing.SignatureVerifier;

/**
 * Verifies a checkpoint against one transparency log's key.
 *
 * <p>A signature line counts only if its key hint is the log's checkpoint key id prefix, its key
 * name is bound to the checkpoint origin (equal to it, or the origin is {@code NAME - TREEID} as
 * Rekor v1 writes it), and it verifies with the log key over the exact note text. Other lines,
 * such as witness cosignatures, are ignored. Stateless and thread-safe.
 */
public final class CheckpointVerifier {
  private CheckpointVerifier() {}

  /**
   * Parses and verifies a signed checkpoint.
   *
   * @param envelope the signed note text
   * @param checkpointKeyId the log's checkpoint key id (at least four bytes)
   * @param logKey the log's public key
   * @param location where the checkpoint sits in the document, for error reports
   * @return the verified checkpoint
   * @throws VerificationException {@code TRANSPARENCY_LOG_INVALID} if the note is malformed or no
   *     signature line of this log verifies
   */
  public static Checkpoint verify(
      String envelope, byte[] checkpointKeyId, SignatureVerifier logKey, String location)
      throws VerificationException {
    SignedNote note;
    Checkpoint checkpoint;
    try {
      note = SignedNote.parse(envelope);
      checkpoint = Checkpoint.parse(note.text());
    } catch (MalformedInputException e) {
      throw new VerificationException(
          ErrorCode.TRANSPARENCY_LOG_INVALID, location, "malformed checkpoint: " + e.getMessage(), e);
    }
    byte[] signed = note.signedBytes();
    boolean candidate = false;
    for (NoteSignature s : note.signatures()) {
      if (!s.hasKeyHintOf(checkpointKeyId) || !nameMatchesOrigin(s.name(), checkpoint.origin())) {
        continue;
      }
      candidate = true;
      try {
        logKey.verify(signed, s.signature());
        return checkpoint;
      } catch (VerificationException e) {
        // another line with the same hint may still verify (hint collisions are allowed)
      }
    }
    throw new VerificationException(
        ErrorCode.TRANSPARENCY_LOG_INVALID,
        location,
        candidate
            ? "checkpoint signature does not verify with the log key"
            : "checkpoint has no signature from the log that provided the entry");
  }

  /**
   * Tells whether a checkpoint origin belongs to a log name: it is the name itself (C2SP, Rekor v2)
   * or {@code NAME - TREEID} with a decimal tree id (Rekor v1).
   *
   * @param name the log's name, for example its host
   * @param origin the checkpoint's origin line
   * @return whether the origin is this name's
   */
  public static boolean nameMatchesOrigin(String name, String origin) {
    if (origin.equals(name)) {
      return true;
    }
    // Rekor v1: origin "<hostname> - <tree id>", signed under the hostname.
    String prefix = name + " - ";
    if (!origin.startsWith(prefix) || origin.length() == prefix.length()) {
      return false;
    }
    for (int i = prefix.length(); i < origin.length(); i++) {
      char c = origin.charAt(i);
      if (c < '0' || c > '9') {
        return false;
      }
    }
    return true;
  }
}
