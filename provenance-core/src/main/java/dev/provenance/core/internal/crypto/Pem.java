package dev.provenance.core.internal.crypto;

import dev.provenance.api.ErrorCode;
import dev.provenance.api.KeyMaterialException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Objects;

/**
 * Strict PEM (RFC 7468 section 3): exactly one block, only whitespace around it, matching BEGIN
 * and END labels, canonical padded base64, no RFC 1421 headers. Lines may end in CRLF or LF and
 * carry surrounding spaces or tabs. Anything else is an error, never skipped.
 *
 * <p>Stateless; thread-safe.
 */
public final class Pem {
  /** Largest PEM text accepted, in characters; certificates and RSA-4096 keys are far smaller. */
  public static final int MAX_PEM_CHARS = 1 << 20;

  private static final String DASHES = "-----";
  private static final String BEGIN = "-----BEGIN ";
  private static final String END = "-----END ";

  private Pem() {}

  /** One decoded PEM block. */
  public static final class Block {
    private final String label;
    private final byte[] der;
    private final String location;

    Block(String label, byte[] der, String location) {
      this.label = label;
      this.der = der;
      this.location = location;
    }

    /**
     * Returns the label, for example {@code PUBLIC KEY}.
     *
     * @return the label
     */
    public String label() {
      return label;
    }

    /**
     * Returns the decoded contents.
     *
     * @return a fresh copy
     */
    public byte[] der() {
      return der.clone();
    }

    /**
     * Returns where the block is, for errors: {@code pem/block/0}.
     *
     * @return the location
     */
    public String location() {
      return location;
    }
  }

  /**
   * Parses text that must hold exactly one PEM block.
   *
   * @param text the PEM text
   * @return the block
   * @throws KeyMaterialException {@code MALFORMED_INPUT} (location {@code pem} or {@code
   *     pem/block/N}), {@code UNSUPPORTED_FORMAT} for RFC 1421 encrypted blocks, {@code
   *     RESOURCE_LIMIT_EXCEEDED} for oversized text
   */
  public static Block parseSingle(String text) throws KeyMaterialException {
    Objects.requireNonNull(text, "text");
    if (text.length() > MAX_PEM_CHARS) {
      throw new KeyMaterialException(
          ErrorCode.RESOURCE_LIMIT_EXCEEDED, "pem", "PEM text longer than " + MAX_PEM_CHARS + " characters");
    }
    String[] lines = text.split("\r?\n", -1);
    int i = 0;
    while (i < lines.length && isBlank(lines[i])) {
      i++;
    }
    if (i == lines.length) {
      throw malformed("pem", "no PEM block found");
    }
    String location = "pem/block/0";
    String begin = strip(lines[i]);
    if (!begin.startsWith(BEGIN) || !begin.endsWith(DASHES) || begin.length() < BEGIN.length() + DASHES.length()) {
      throw malformed("pem", "text before the PEM block or no BEGIN line");
    }
    String label = begin.substring(BEGIN.length(), begin.length() - DASHES.length());
    if (!validLabel(label)) {
      throw malformed(location, "invalid PEM label");
    }
    String endLine = END + label + DASHES;
    StringBuilder body = new StringBuilder();
    i++;
    boolean ended = false;
    for (; i < lines.length; i++) {
      String line = strip(lines[i]);
      if (line.equals(endLine)) {
        ended = true;
        i++;
        break;
      }
      if (line.startsWith(DASHES)) {
        throw malformed(location, "unexpected boundary line inside the PEM block");
      }
      if (line.indexOf(':') >= 0) {
        throw new KeyMaterialException(
            ErrorCode.UNSUPPORTED_FORMAT,
            location,
            "PEM headers (RFC 1421 encryption) are not supported; use PKCS#8 ENCRYPTED PRIVATE KEY");
      }
      body.append(line);
    }
    if (!ended) {
      throw malformed(location, "missing END line");
    }
    for (; i < lines.length; i++) {
      String line = strip(lines[i]);
      if (line.startsWith(BEGIN)) {
        throw malformed("pem/block/1", "more than one PEM block");
      }
      if (!isBlank(line)) {
        throw malformed("pem", "text after the PEM block");
      }
    }
    return new Block(label, decodeBase64(body.toString(), location), location);
  }

  private static byte[] decodeBase64(String b64, String location) throws KeyMaterialException {
    if (b64.isEmpty() || b64.length() % 4 != 0) {
      throw malformed(location, "invalid base64 length");
    }
    for (int k = 0; k < b64.length(); k++) {
      char c = b64.charAt(k);
      boolean ok =
          (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
              || c == '+' || c == '/' || (c == '=' && k >= b64.length() - 2);
      if (!ok) {
        throw malformed(location, "invalid base64 character at offset " + k);
      }
    }
    byte[] der;
    try {
      der = Base64.getDecoder().decode(b64);
    } catch (IllegalArgumentException e) {
      throw malformed(location, "invalid base64");
    }
    // canonical form only: no stray '=' and zero pad bits
    if (!Base64.getEncoder().encodeToString(der).equals(b64)) {
      throw malformed(location, "non-canonical base64");
    }
    return der;
  }

  /**
   * Writes one PEM block: 64-character lines, LF line ends, trailing newline.
   *
   * @param label the label, for example {@code PUBLIC KEY}
   * @param der the contents
   * @return the PEM text
   */
  public static String encode(String label, byte[] der) {
    Objects.requireNonNull(label, "label");
    Objects.requireNonNull(der, "der");
    String b64 = new String(Base64.getEncoder().encode(der), StandardCharsets.US_ASCII);
    StringBuilder sb = new StringBuilder(b64.length() + b64.length() / 64 + 64);
    sb.append(BEGIN).append(label).append(DASHES).append('\n');
    for (int k = 0; k < b64.length(); k += 64) {
      sb.append(b64, k, Math.min(b64.length(), k + 64)).append('\n');
    }
    sb.append(END).append(label).append(DASHES).append('\n');
    return sb.toString();
  }

  private static boolean validLabel(String label) {
    if (label.isEmpty() || label.startsWith("-") || label.endsWith("-") || label.startsWith(" ")
        || label.endsWith(" ")) {
      return false;
    }
    for (int k = 0; k < label.length(); k++) {
      char c = label.charAt(k);
      if (c < 0x20 || c > 0x7e) {
        return false;
      }
    }
    return true;
  }

  private static boolean isBlank(String line) {
    for (int k = 0; k < line.length(); k++) {
      if (!isSpace(line.charAt(k))) {
        return false;
      }
    }
    return true;
  }

  /** Removes spaces, tabs and a stray CR around a line (RFC 7468 section 3, lax whitespace). */
  private static String strip(String line) {
    int b = 0;
    int e = line.length();
    while (b < e && isSpace(line.charAt(b))) {
      b++;
    }
    while (e > b && isSpace(line.charAt(e - 1))) {
      e--;
    }
    return line.substring(b, e);
  }

  private static boolean isSpace(char c) {
    return c == ' ' || c == '\t' || c == '\r';
  }

  private static KeyMaterialException malformed(String location, String message) {
    return new KeyMaterialException(ErrorCode.MALFORMED_INPUT, location, message);
  }
}
