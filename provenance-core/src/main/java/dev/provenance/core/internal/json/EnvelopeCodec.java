package dev.provenance.core.internal.json;

import com.fasterxml.jackson.core.Base64Variants;
import com.fasterxml.jackson.core.JsonToken;
import dev.provenance.api.Bytes;
import dev.provenance.api.ErrorCode;
import dev.provenance.api.Finding;
import dev.provenance.api.MalformedInputException;
import dev.provenance.api.dsse.Envelope;
import dev.provenance.api.dsse.EnvelopeSignature;
import dev.provenance.core.internal.util.StrictBase64;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads and writes DSSE envelopes in their JSON form (<a
 * href="https://github.com/secure-systems-lab/dsse/blob/master/envelope.md">spec</a>), streamed:
 * the base64 payload is decoded straight from the tokenizer's buffer without an intermediate
 * string. {@code payload}, {@code payloadType}, {@code signatures} and each {@code sig} are
 * required ({@code null} counts as absent); {@code keyid} is optional and unset means empty;
 * unknown members are ignored. Base64 is strict (see {@link StrictBase64}).
 *
 * <p>Not API; may change without notice. Thread-safe: immutable.
 */
public final class EnvelopeCodec {
  private final JsonEngine engine;

  /**
   * Creates the codec.
   *
   * @param engine the JSON engine
   */
  public EnvelopeCodec(JsonEngine engine) {
    this.engine = engine;
  }

  /**
   * Parses an envelope.
   *
   * @param json the document
   * @return the envelope
   * @throws MalformedInputException on any failure
   */
  public Envelope parse(byte[] json) throws MalformedInputException {
    return parse(json, 0, json.length);
  }

  /**
   * Parses an envelope from part of an array.
   *
   * @param json the bytes
   * @param off where the document starts
   * @param len its length
   * @return the envelope
   * @throws MalformedInputException on any failure
   */
  public Envelope parse(byte[] json, int off, int len) throws MalformedInputException {
    try (StrictReader r = engine.open(json, off, len)) {
      r.next();
      Envelope e = read(r);
      r.expectEnd();
      return e;
    }
  }

  /**
   * Reads an envelope object embedded in a larger document, such as a Sigstore bundle's {@code
   * dsseEnvelope}. Errors are located in the larger document.
   *
   * @param r a reader positioned on the envelope's first token
   * @return the envelope; the reader is left on its closing brace
   * @throws MalformedInputException on any failure
   */
  public Envelope read(StrictReader r) throws MalformedInputException {
    if (r.current() != JsonToken.START_OBJECT) {
      throw r.wrongType("an envelope object");
    }
    String base = r.pointer();
    byte[] payload = null;
    String payloadType = null;
    List<EnvelopeSignature> signatures = null;
    while (r.next() == JsonToken.FIELD_NAME) {
      String name = r.text();
      JsonToken t = r.next();
      if (t == JsonToken.VALUE_NULL) {
        continue; // null is unset, as in the protocol buffer definition
      }
      switch (name) {
        case "payload":
          payload = base64(r);
          break;
        case "payloadType":
          payloadType = string(r);
          break;
        case "signatures":
          signatures = signatures(r);
          break;
        default:
          r.skipValue();
          break;
      }
    }
    if (payload == null) {
      throw missing(base + "/payload");
    }
    if (payloadType == null) {
      throw missing(base + "/payloadType");
    }
    if (signatures == null) {
      throw missing(base + "/signatures");
    }
    return new Envelope(payloadType, Bytes.wrap(payload), signatures);
  }

  private List<EnvelopeSignature> signatures(StrictReader r) throws MalformedInputException {
    if (r.current() != JsonToken.START_ARRAY) {
      throw r.wrongType("an array");
    }
    int max = engine.limits().maxSignatures();
    List<EnvelopeSignature> out = new ArrayList<>();
    while (r.next() != JsonToken.END_ARRAY) {
      if (out.size() >= max) {
        throw r.limitExceeded("envelope has more than " + max + " signatures");
      }
      if (r.current() != JsonToken.START_OBJECT) {
        throw r.wrongType("a signature object");
      }
      String keyid = "";
      byte[] sig = null;
      while (r.next() == JsonToken.FIELD_NAME) {
        String name = r.text();
        JsonToken t = r.next();
        if (t == JsonToken.VALUE_NULL) {
          continue;
        }
        switch (name) {
          case "keyid":
            keyid = string(r);
            break;
          case "sig":
            sig = base64(r);
            break;
          default:
            r.skipValue();
            break;
        }
      }
      if (sig == null) {
        throw missing(r.pointer() + "/sig");
      }
      out.add(new EnvelopeSignature(keyid, Bytes.wrap(sig)));
    }
    return out;
  }

  private static String string(StrictReader r) throws MalformedInputException {
    if (r.current() != JsonToken.VALUE_STRING) {
      throw r.wrongType("a string");
    }
    return r.text();
  }

  private byte[] base64(StrictReader r) throws MalformedInputException {
    if (r.current() != JsonToken.VALUE_STRING) {
      throw r.wrongType("a base64 string");
    }
    try {
      return StrictBase64.decode(
          r.textCharacters(), r.textOffset(), r.textLength(), engine.limits().maxInputBytes());
    } catch (StrictBase64.DecodingException e) {
      throw r.error(
          e.isLimitExceeded() ? ErrorCode.RESOURCE_LIMIT_EXCEEDED : ErrorCode.MALFORMED_INPUT,
          e.getMessage(),
          e);
    }
  }

  private static MalformedInputException missing(String pointer) {
    return new MalformedInputException(
        ErrorCode.MALFORMED_INPUT,
        pointer,
        "required field " + pointer.substring(pointer.lastIndexOf('/') + 1) + " is missing");
  }

  /**
   * Writes an envelope: {@code payload}, {@code payloadType}, {@code signatures}, with standard
   * padded base64 and {@code keyid} left out when empty.
   *
   * @param envelope the envelope
   * @return the document
   */
  public byte[] write(Envelope envelope) {
    return engine.write(
        g -> {
          g.writeStartObject();
          g.writeFieldName("payload");
          byte[] payload = envelope.payload().toByteArray();
          g.writeBinary(Base64Variants.MIME_NO_LINEFEEDS, payload, 0, payload.length);
          g.writeStringField("payloadType", envelope.payloadType());
          g.writeArrayFieldStart("signatures");
          for (EnvelopeSignature s : envelope.signatures()) {
            g.writeStartObject();
            if (!s.keyid().isEmpty()) {
              g.writeStringField("keyid", s.keyid());
            }
            g.writeFieldName("sig");
            byte[] sig = s.sig().toByteArray();
            g.writeBinary(Base64Variants.MIME_NO_LINEFEEDS, sig, 0, sig.length);
            g.writeEndObject();
          }
          g.writeEndArray();
          g.writeEndObject();
        });
  }

  /**
   * Parses a JSON Lines document of envelopes ({@code .intoto.jsonl}). Blank lines are skipped.
   * Lines that are not valid envelopes are skipped and reported, since the in-toto bundle spec
   * says consumers must ignore unrecognized lines; exceeding the line count is an error.
   *
   * @param data the document
   * @param envelopes receives the envelopes, in line order
   * @param skipped receives one finding per skipped line, located {@code line[N]} (1-based)
   *     followed by the JSON Pointer within the line
   * @throws MalformedInputException {@code RESOURCE_LIMIT_EXCEEDED} if there are too many lines
   */
  public void parseLines(byte[] data, List<Envelope> envelopes, List<Finding> skipped)
      throws MalformedInputException {
    int maxLines = engine.limits().maxJsonLines();
    int lines = 0;
    int lineNumber = 0;
    int start = 0;
    while (start <= data.length) {
      int end = start;
      while (end < data.length && data[end] != '\n') {
        end++;
      }
      lineNumber++;
      if (!isBlank(data, start, end)) {
        String where = "line[" + lineNumber + "]";
        if (++lines > maxLines) {
          throw new MalformedInputException(
              ErrorCode.RESOURCE_LIMIT_EXCEEDED, where, "more than " + maxLines + " lines");
        }
        try {
          envelopes.add(parse(data, start, end - start));
        } catch (MalformedInputException e) {
          MalformedInputException at = Errors.relocate(e, where);
          skipped.add(Finding.of(at.code(), at.location().orElse(""), Errors.bareMessage(at)));
        } catch (RuntimeException e) {
          skipped.add(Finding.of(ErrorCode.MALFORMED_INPUT, where, "unreadable line: " + e));
        }
      }
      start = end + 1;
    }
  }

  private static boolean isBlank(byte[] data, int start, int end) {
    for (int i = start; i < end; i++) {
      byte b = data[i];
      if (b != ' ' && b != '\t' && b != '\r') {
        return false;
      }
    }
    return true;
  }
}
