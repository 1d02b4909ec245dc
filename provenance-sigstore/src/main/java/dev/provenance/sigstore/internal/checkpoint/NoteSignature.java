package dev.provenance.sigstore.internal.checkpoint;

import java.util.Arrays;
import java.util.Objects;

/**
 * One signature line of a signed note: the key name and the decoded {@code keyHint || signature}.
 * Immutable and thread-safe.
 */
public final class NoteSignature {
  /** Length of the key hint that prefixes every signature. */
  public static final int KEY_HINT_LENGTH = 4;

  private final String name;
  private final byte[] blob;

  NoteSignature(String name, byte[] blob) {
    this.name = Objects.requireNonNull(name, "name");
    this.blob = blob.clone();
  }

  /**
   * Returns the key name on the signature line.
   *
   * @return the name
   */
  public String name() {
    return name;
  }

  /**
   * Returns the four-byte key hint.
   *
   * @return a copy of the hint
   */
  public byte[] keyHint() {
    return Arrays.copyOf(blob, KEY_HINT_LENGTH);
  }

  /**
   * Returns whether the key hint equals the first four bytes of {@code keyId}.
   *
   * @param keyId a key id of at least four bytes
   * @return true if the hint matches
   */
  public boolean hasKeyHintOf(byte[] keyId) {
    if (keyId.length < KEY_HINT_LENGTH) {
      return false;
    }
    for (int i = 0; i < KEY_HINT_LENGTH; i++) {
      if (blob[i] != keyId[i]) {
        return false;
      }
    }
    return true;
  }

  /**
   * Returns the signature bytes that follow the key hint.
   *
   * @return a copy of the signature
   */
  public byte[] signature() {
    return Arrays.copyOfRange(blob, KEY_HINT_LENGTH, blob.length);
  }

  @Override
  public String toString() {
    return "NoteSignature[" + name + "]";
  }
}
