package dev.provenance.sigstore.internal.checkpoint;

import dev.provenance.api.ErrorCode;
import dev.provenance.api.MalformedInputException;
import dev.provenance.core.internal.util.StrictBase64;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A C2SP signed note: a text and the signature lines that follow it.
 *
 * <p>Parsing follows https://github.com/C2SP/C2SP/blob/main/signed-note.md: the note ends in a
 * newline; the text ends at the last blank line; every following line is {@code — NAME
 * BASE64(keyHint || signature)} with an em dash. Immutable and thread-safe.
 *
 * @param text the signed text, ending in a newline; its UTF-8 bytes are what signatures cover
 * @param signatures the signature lines in order, at least one
 */
public record SignedNote(String text, List<NoteSignature> signatures) {
  /** Upper bound on the size of a note; checkpoints are a few hundred bytes. */
  public static final int MAX_NOTE_CHARS = 64 * 1024;

  /** Upper bound on signature lines, as in the reference implementation. */
  public static final int MAX_SIGNATURES = 100;

  private static final String SIGNATURE_PREFIX = "\u2014 ";

  /**
   * Checks the components.
   *
   * @param text the {@code text} component
   * @param signatures the {@code signatures} component
   */
  public SignedNote {
    Objects.requireNonNull(text, "text");
    signatures = List.copyOf(signatures);
  }

  /**
   * Returns the bytes the signatures cover.
   *
   * @return the UTF-8 encoding of the text
   */
  public byte[] signedBytes() {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  /**
   * Parses a signed note.
   *
   * @param note the note text
   * @return the note
   * @throws MalformedInputException {@code MALFORMED_INPUT} if the note breaks the format, or
   *     {@code RESOURCE_LIMIT_EXCEEDED} if it is too large or has too many signatures
   */
  public static SignedNote parse(String note) throws MalformedInputException {
    if (note.length() > MAX_NOTE_CHARS) {
      throw new MalformedInputException(
          ErrorCode.RESOURCE_LIMIT_EXCEEDED, "", "signed note longer than " + MAX_NOTE_CHARS);
    }
    if (!note.endsWith("\n")) {
      throw malformed("a signed note must end with a newline");
    }
    int split = note.lastIndexOf("\n\n");
    if (split < 0) {
      throw malformed("a signed note needs a blank line between text and signatures");
    }
    String text = note.substring(0, split + 1);
    checkText(text);
    String block = note.substring(split + 2);
    List<NoteSignature> signatures = new ArrayList<>();
    int start = 0;
    while (start < block.length()) {
      int end = block.indexOf('\n', start);
      if (signatures.size() == MAX_SIGNATURES) {
        throw new MalformedInputException(
            ErrorCode.RESOURCE_LIMIT_EXCEEDED, "", "more than " + MAX_SIGNATURES + " signatures");
      }
      signatures.add(parseSignature(block.substring(start, end)));
      start = end + 1;
    }
    if (signatures.isEmpty()) {
      throw malformed("a signed note needs at least one signature line");
    }
    return new SignedNote(text, signatures);
  }

  private static void checkText(String text) throws MalformedInputException {
    if (text.length() <= 1) {
      throw malformed("empty note text");
    }
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if ((c < 0x20 && c != '\n') || c == 0x7f) {
        throw malformed("control character in note text");
      }
      if (Character.isSurrogate(c)
          && !(Character.isHighSurrogate(c)
              && i + 1 < text.length()
              && Character.isLowSurrogate(text.charAt(++i)))) {
        throw malformed("invalid Unicode in note text");
      }
    }
  }

  private static NoteSignature parseSignature(String line) throws MalformedInputException {
    if (!line.startsWith(SIGNATURE_PREFIX)) {
      throw malformed("a signature line must start with an em dash and a space");
    }
    String rest = line.substring(SIGNATURE_PREFIX.length());
    int space = rest.indexOf(' ');
    if (space <= 0) {
      throw malformed("a signature line needs a key name and a signature");
    }
    String name = rest.substring(0, space);
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if (c == '+' || Character.isWhitespace(c) || Character.isSpaceChar(c) || c < 0x20) {
        throw malformed("invalid character in signature key name");
      }
    }
    String encoded = rest.substring(space + 1);
    if (encoded.indexOf('-') >= 0 || encoded.indexOf('_') >= 0) {
      throw malformed("signature must be standard base64");
    }
    byte[] blob;
    try {
      // strict: one encoding per value, so the signed note has no malleable bytes
      blob = StrictBase64.decode(encoded, MAX_NOTE_CHARS);
    } catch (StrictBase64.DecodingException e) {
      throw malformed("signature is not valid base64");
    }
    if (blob.length < NoteSignature.KEY_HINT_LENGTH + 1) {
      throw malformed("signature too short to hold a key hint and a signature");
    }
    return new NoteSignature(name, blob);
  }

  private static MalformedInputException malformed(String message) {
    return new MalformedInputException(ErrorCode.MALFORMED_INPUT, "", message);
  }
}
