package dev.provenance.core.internal.json;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import dev.provenance.api.ErrorCode;
import dev.provenance.api.MalformedInputException;
import dev.provenance.api.internal.Collections2;
import dev.provenance.api.json.JsonArray;
import dev.provenance.api.json.JsonBoolean;
import dev.provenance.api.json.JsonNull;
import dev.provenance.api.json.JsonNumber;
import dev.provenance.api.json.JsonObject;
import dev.provenance.api.json.JsonString;
import dev.provenance.api.json.JsonValue;
import dev.provenance.core.json.JsonLimits;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;

/**
 * A strict, bounded pull reader over one JSON document. Every token passes through {@link
 * #next()}, which translates every failure of the tokenizer into a {@link
 * MalformedInputException} located by JSON Pointer, and adds the checks the tokenizer lacks:
 * unpaired surrogate escapes, string size in UTF-8 bytes, number exponents, element and member
 * counts.
 *
 * <p>Not API; may change without notice. Not thread-safe: one reader per document and thread.
 */
public final class StrictReader implements AutoCloseable {
  private static final byte[] BOM = {(byte) 0xef, (byte) 0xbb, (byte) 0xbf};

  private final JsonLimits limits;
  private final JsonParser parser;
  private final boolean checkSurrogates;
  private JsonToken token;

  private StrictReader(JsonLimits limits, JsonParser parser, boolean checkSurrogates) {
    this.limits = limits;
    this.parser = parser;
    this.checkSurrogates = checkSurrogates;
  }

  static StrictReader open(JsonEngine engine, byte[] json, int off, int len)
      throws MalformedInputException {
    JsonLimits limits = engine.limits();
    if (len > limits.maxInputBytes()) {
      throw new MalformedInputException(
          ErrorCode.RESOURCE_LIMIT_EXCEEDED,
          "",
          "JSON document of " + len + " bytes exceeds the limit of " + limits.maxInputBytes());
    }
    if (len >= 3 && json[off] == BOM[0] && json[off + 1] == BOM[1] && json[off + 2] == BOM[2]) {
      // RFC 8259 section 8.1: senders MUST NOT add a byte order mark. Skipping it here while a
      // signature or digest covers the raw bytes elsewhere would make the two disagree.
      throw new MalformedInputException(
          ErrorCode.MALFORMED_INPUT, "", "JSON text starts with a UTF-8 byte order mark");
    }
    Utf8Scan scan = Utf8Scan.scan(json, off, len);
    StrictReader reader =
        new StrictReader(
            limits, newParser(engine, json, off, len), scan.surrogateEscape || scan.badOffset >= 0);
    if (scan.badOffset >= 0) {
      throw reader.locateBadByte(scan.badOffset, json[off + scan.badOffset]);
    }
    return reader;
  }

  private static JsonParser newParser(JsonEngine engine, byte[] json, int off, int len)
      throws MalformedInputException {
    try {
      return engine.newParser(json, off, len);
    } catch (IOException | RuntimeException e) {
      throw new MalformedInputException(
          ErrorCode.MALFORMED_INPUT, "", "cannot read JSON: " + e.getMessage(), e);
    }
  }

  /**
   * Tokenises up to a byte the pre-scan rejected, so the error names the JSON Pointer of the value
   * holding it. The tokenizer may itself fail on the byte first; either way the result is a
   * located {@code MALFORMED_INPUT}.
   */
  private MalformedInputException locateBadByte(int badOffset, byte bad) {
    String what =
        (bad >= 0 && bad < 0x20)
            ? "unescaped control character U+00" + Integer.toHexString(0x100 | bad).substring(1)
            : "invalid UTF-8";
    try {
      while (next() != null) {
        if (token == JsonToken.VALUE_STRING) {
          parser.getTextLength();
        }
        if (parser.currentLocation().getByteOffset() > badOffset) {
          return error(ErrorCode.MALFORMED_INPUT, what + " at byte " + badOffset);
        }
      }
    } catch (MalformedInputException e) {
      return e;
    } catch (IOException | RuntimeException e) {
      return error(ErrorCode.MALFORMED_INPUT, what + " at byte " + badOffset);
    }
    return new MalformedInputException(
        ErrorCode.MALFORMED_INPUT, "", what + " at byte " + badOffset);
  }

  /**
   * Reads a whole document as a value and checks that nothing but whitespace follows it.
   *
   * @return the value
   * @throws MalformedInputException if the document is not one strict JSON value within limits
   */
  public JsonValue readDocument() throws MalformedInputException {
    if (next() == null) {
      throw error(ErrorCode.MALFORMED_INPUT, "no JSON value");
    }
    JsonValue v = readValue();
    expectEnd();
    return v;
  }

  /**
   * Checks that the document ends after the current top-level value.
   *
   * @throws MalformedInputException if anything but whitespace follows
   */
  public void expectEnd() throws MalformedInputException {
    if (next() != null) {
      throw error(ErrorCode.MALFORMED_INPUT, "data after the top-level JSON value");
    }
  }

  /**
   * Advances to the next token and checks it.
   *
   * @return the token, or null at the end of input
   * @throws MalformedInputException if the input is not strict JSON or exceeds a limit
   */
  public JsonToken next() throws MalformedInputException {
    try {
      token = parser.nextToken();
      if (token == null) {
        return null;
      }
      switch (token) {
        case FIELD_NAME:
          checkString(parser.currentName());
          break;
        case VALUE_STRING:
          checkString(parser.getTextCharacters(), parser.getTextOffset(), parser.getTextLength());
          break;
        case VALUE_NUMBER_INT:
        case VALUE_NUMBER_FLOAT:
          checkNumber();
          break;
        default:
          break;
      }
      return token;
    } catch (MalformedInputException e) {
      throw e;
    } catch (StreamConstraintsException e) {
      throw error(ErrorCode.RESOURCE_LIMIT_EXCEEDED, e.getOriginalMessage(), e);
    } catch (JsonProcessingException e) {
      throw error(ErrorCode.MALFORMED_INPUT, e.getOriginalMessage(), e);
    } catch (IOException | RuntimeException e) {
      throw error(ErrorCode.MALFORMED_INPUT, "invalid JSON: " + e.getMessage(), e);
    }
  }

  /**
   * Returns the current token.
   *
   * @return the token last returned by {@link #next()}
   */
  public JsonToken current() {
    return token;
  }

  /**
   * Returns the text of the current string, member name or number token.
   *
   * @return the decoded text
   * @throws MalformedInputException if the text cannot be decoded
   */
  public String text() throws MalformedInputException {
    try {
      return token == JsonToken.FIELD_NAME ? parser.currentName() : parser.getText();
    } catch (IOException | RuntimeException e) {
      throw error(ErrorCode.MALFORMED_INPUT, "invalid JSON text: " + e.getMessage(), e);
    }
  }

  /**
   * Returns the buffer holding the current string token's characters; valid until the next call
   * to {@link #next()}.
   *
   * @return the buffer
   * @throws MalformedInputException if the text cannot be decoded
   */
  public char[] textCharacters() throws MalformedInputException {
    try {
      return parser.getTextCharacters();
    } catch (IOException | RuntimeException e) {
      throw error(ErrorCode.MALFORMED_INPUT, "invalid JSON text: " + e.getMessage(), e);
    }
  }

  /**
   * Returns where the current token's characters start in {@link #textCharacters()}.
   *
   * @return the offset
   * @throws MalformedInputException if the text cannot be decoded
   */
  public int textOffset() throws MalformedInputException {
    try {
      return parser.getTextOffset();
    } catch (IOException | RuntimeException e) {
      throw error(ErrorCode.MALFORMED_INPUT, "invalid JSON text: " + e.getMessage(), e);
    }
  }

  /**
   * Returns how many characters the current token has in {@link #textCharacters()}.
   *
   * @return the length
   * @throws MalformedInputException if the text cannot be decoded
   */
  public int textLength() throws MalformedInputException {
    try {
      return parser.getTextLength();
    } catch (IOException | RuntimeException e) {
      throw error(ErrorCode.MALFORMED_INPUT, "invalid JSON text: " + e.getMessage(), e);
    }
  }

  /**
   * Reads the value starting at the current token, leaving the reader on its last token.
   *
   * @return the value
   * @throws MalformedInputException if the value is not strict JSON or exceeds a limit
   */
  public JsonValue readValue() throws MalformedInputException {
    return value(true);
  }

  /**
   * Skips the value starting at the current token, leaving the reader on its last token. The value
   * is checked exactly as strictly as by {@link #readValue()}, only not built.
   *
   * @throws MalformedInputException if the value is not strict JSON or exceeds a limit
   */
  public void skipValue() throws MalformedInputException {
    value(false);
  }

  private JsonValue value(boolean build) throws MalformedInputException {
    // Recursion depth is bounded by the tokenizer's nesting limit (at most 1000).
    if (token == null) {
      throw error(ErrorCode.MALFORMED_INPUT, "unexpected end of input");
    }
    switch (token) {
      case START_OBJECT:
        {
          // most objects of attestations have a few members: start small, grow as needed
          LinkedHashMap<String, JsonValue> members = build ? new LinkedHashMap<>(8) : null;
          int n = 0;
          JsonToken t;
          while ((t = next()) == JsonToken.FIELD_NAME) {
            if (++n > limits.maxObjectMembers()) {
              throw limitExceeded("object has more than " + limits.maxObjectMembers() + " members");
            }
            String name = build ? text() : null;
            next();
            JsonValue v = value(build);
            if (build) {
              members.put(name, v);
            }
          }
          if (t != JsonToken.END_OBJECT) {
            throw error(ErrorCode.MALFORMED_INPUT, "unexpected token " + t);
          }
          return !build ? null : members.isEmpty() ? JsonObject.empty() : new JsonObject(Collections2.adopt(members));
        }
      case START_ARRAY:
        {
          List<JsonValue> elements = build ? new ArrayList<>() : null;
          int n = 0;
          while (next() != JsonToken.END_ARRAY) {
            if (++n > limits.maxArrayLength()) {
              throw limitExceeded("array has more than " + limits.maxArrayLength() + " elements");
            }
            JsonValue v = value(build);
            if (build) {
              elements.add(v);
            }
          }
          return build ? new JsonArray(elements) : null;
        }
      case VALUE_STRING:
        return build ? new JsonString(text()) : null;
      case VALUE_NUMBER_INT:
      case VALUE_NUMBER_FLOAT:
        return build ? new JsonNumber(text()) : null;
      case VALUE_TRUE:
        return JsonBoolean.TRUE;
      case VALUE_FALSE:
        return JsonBoolean.FALSE;
      case VALUE_NULL:
        return JsonNull.INSTANCE;
      default:
        throw error(ErrorCode.MALFORMED_INPUT, "unexpected token " + token);
    }
  }

  /**
   * Returns the JSON Pointer (RFC 6901) of the current position.
   *
   * @return the pointer; empty for the whole document
   */
  public String pointer() {
    JsonStreamContext ctx = parser.getParsingContext();
    List<String> segments = new ArrayList<>();
    for (JsonStreamContext c = ctx; c != null && !c.inRoot(); c = c.getParent()) {
      if (c.inObject()) {
        String name = c.getCurrentName();
        if (name != null) {
          segments.add(Pointers.escape(name));
        } else {
          segments.clear(); // the object itself, before its first member
        }
      } else if (c.inArray()) {
        if (c.hasCurrentIndex()) {
          segments.add(Integer.toString(c.getCurrentIndex()));
        } else {
          segments.clear();
        }
      }
    }
    StringBuilder sb = new StringBuilder();
    for (int i = segments.size() - 1; i >= 0; i--) {
      sb.append('/').append(segments.get(i));
    }
    return sb.toString();
  }

  /**
   * Returns an exception located at the current position.
   *
   * @param code the error code
   * @param message what is wrong
   * @return the exception, for the caller to throw
   */
  public MalformedInputException error(ErrorCode code, String message) {
    return new MalformedInputException(code, pointer(), message);
  }

  /**
   * Returns an exception located at the current position.
   *
   * @param code the error code
   * @param message what is wrong
   * @param cause the underlying failure
   * @return the exception, for the caller to throw
   */
  public MalformedInputException error(ErrorCode code, String message, Throwable cause) {
    return new MalformedInputException(code, pointer(), message, cause);
  }

  /**
   * Returns a {@code RESOURCE_LIMIT_EXCEEDED} exception located at the current position.
   *
   * @param message which limit
   * @return the exception, for the caller to throw
   */
  public MalformedInputException limitExceeded(String message) {
    return error(ErrorCode.RESOURCE_LIMIT_EXCEEDED, message);
  }

  /**
   * Returns a {@code MALFORMED_INPUT} exception for a value of the wrong JSON type.
   *
   * @param expected what was expected, for example {@code "a string"}
   * @return the exception, for the caller to throw
   */
  public MalformedInputException wrongType(String expected) {
    return error(ErrorCode.MALFORMED_INPUT, "expected " + expected + ", found " + describe(token));
  }

  static String describe(JsonToken t) {
    if (t == null) {
      return "end of input";
    }
    switch (t) {
      case START_OBJECT:
        return "an object";
      case START_ARRAY:
        return "an array";
      case VALUE_STRING:
        return "a string";
      case VALUE_NUMBER_INT:
      case VALUE_NUMBER_FLOAT:
        return "a number";
      case VALUE_TRUE:
      case VALUE_FALSE:
        return "a boolean";
      case VALUE_NULL:
        return "null";
      default:
        return t.toString();
    }
  }

  @Override
  public void close() {
    try {
      parser.close();
    } catch (IOException e) {
      // Closing a parser over a byte array cannot fail in a way that matters.
    }
  }

  private void checkString(String s) throws MalformedInputException {
    if (checkSurrogates || s.length() > limits.maxStringBytes() / 3) {
      checkString(s.toCharArray(), 0, s.length());
    }
  }

  private void checkString(char[] chars, int off, int len) throws MalformedInputException {
    if (checkSurrogates) {
      int end = off + len;
      for (int i = off; i < end; i++) {
        char c = chars[i];
        if (Character.isSurrogate(c)) {
          if (Character.isHighSurrogate(c) && i + 1 < end && Character.isLowSurrogate(chars[i + 1])) {
            i++;
          } else {
            throw error(ErrorCode.MALFORMED_INPUT, "string contains an unpaired surrogate");
          }
        }
      }
    }
    // Characters never outnumber UTF-8 bytes, and a character needs at most 3 bytes (a pair 4
    // for 2), so only long strings need counting.
    if (len > limits.maxStringBytes() / 3) {
      long bytes = 0;
      for (int i = off; i < off + len; i++) {
        char c = chars[i];
        bytes += c < 0x80 ? 1 : c < 0x800 ? 2 : Character.isSurrogate(c) ? 2 : 3;
      }
      if (bytes > limits.maxStringBytes()) {
        throw limitExceeded("string of " + bytes + " UTF-8 bytes exceeds the limit");
      }
    }
  }

  private void checkNumber() throws IOException, MalformedInputException {
    int len = parser.getTextLength();
    if (len > limits.maxNumberLength()) {
      throw limitExceeded("number literal longer than " + limits.maxNumberLength());
    }
    if (token != JsonToken.VALUE_NUMBER_FLOAT) {
      return;
    }
    char[] chars = parser.getTextCharacters();
    int off = parser.getTextOffset();
    int end = off + len;
    int e = off;
    while (e < end && chars[e] != 'e' && chars[e] != 'E') {
      e++;
    }
    if (e == end) {
      return;
    }
    int i = e + 1;
    if (i < end && (chars[i] == '+' || chars[i] == '-')) {
      i++;
    }
    while (i < end && chars[i] == '0') {
      i++;
    }
    long exponent = 0;
    for (; i < end; i++) {
      exponent = exponent * 10 + (chars[i] - '0');
      if (exponent > limits.maxNumberExponent()) {
        throw limitExceeded("number exponent beyond +/-" + limits.maxNumberExponent());
      }
    }
  }
}
