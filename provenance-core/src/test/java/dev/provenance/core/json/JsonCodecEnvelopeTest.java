package dev.provenance.core.json;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.provenance.api.Bytes;
import dev.provenance.api.ErrorCode;
import dev.provenance.api.MalformedInputException;
import dev.provenance.api.dsse.Envelope;
import dev.provenance.api.dsse.EnvelopeSignature;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class JsonCodecEnvelopeTest {
  private static final byte[] PAYLOAD = {(byte) 0xfb, (byte) 0xff, (byte) 0xbf, 'h', 'i'};
  private static final byte[] SIG = {(byte) 0xfe, (byte) 0xef, 0x3e, 0x3f, 0x00};

  private final JsonCodec codec = JsonCodec.standard();

  private Envelope parse(String json) throws MalformedInputException {
    return codec.parseEnvelope(json.getBytes(UTF_8));
  }

  private MalformedInputException failure(String json) {
    MalformedInputException e = catchThrowableOfType(MalformedInputException.class, () -> parse(json));
    assertThat(e).as("parse should fail: %s", json).isNotNull();
    return e;
  }

  private static String envelope(String payload, String sig) {
    return "{\"payload\":\""
        + payload
        + "\",\"payloadType\":\"application/vnd.in-toto+json\",\"signatures\":[{\"keyid\":\"k1\",\"sig\":\""
        + sig
        + "\"}]}";
  }

  @Test
  void parseEnvelope_standardPadded_decodes() throws Exception {
    Envelope e =
        parse(
            envelope(
                Base64.getEncoder().encodeToString(PAYLOAD), Base64.getEncoder().encodeToString(SIG)));

    assertThat(e.payload()).isEqualTo(Bytes.of(PAYLOAD));
    assertThat(e.payloadType()).isEqualTo("application/vnd.in-toto+json");
    assertThat(e.signatures()).containsExactly(new EnvelopeSignature("k1", Bytes.of(SIG)));
  }

  @Test
  void parseEnvelope_urlSafeUnpaddedAndStandardPadded_giveIdenticalEnvelopes() throws Exception {
    // H11
    Base64.Encoder url = Base64.getUrlEncoder().withoutPadding();
    Envelope standard =
        parse(
            envelope(
                Base64.getEncoder().encodeToString(PAYLOAD), Base64.getEncoder().encodeToString(SIG)));
    Envelope urlSafe = parse(envelope(url.encodeToString(PAYLOAD), url.encodeToString(SIG)));
    Envelope urlPadded =
        parse(
            envelope(
                Base64.getUrlEncoder().encodeToString(PAYLOAD),
                Base64.getUrlEncoder().encodeToString(SIG)));

    assertThat(urlSafe).isEqualTo(standard);
    assertThat(urlPadded).isEqualTo(standard);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "+_7vPj8A", // mixed alphabets
        "/u8-Pw==",
        "/u8+Pz8A\\n",
        "/u8+\\nPz8A",
        "/u8+ Pz8A",
        "/u8+\\r\\nPz8A",
        "/u8+Pz8A*",
        "/u8+Pz8",
        "/u8+Pz8A=",
        "/u8+Pz8A====",
        "\\u00e9AAA",
        "/u8+P=8A"
      })
  void parseEnvelope_badSignatureBase64_throwsMalformedInputAtSig(String sig) {
    // H12
    MalformedInputException e = failure(envelope("aGk=", sig));

    assertThat(e.code()).isEqualTo(ErrorCode.MALFORMED_INPUT);
    assertThat(e.location()).hasValue("/signatures/0/sig");
  }

  @Test
  void parseEnvelope_badPayloadBase64_throwsMalformedInputAtPayload() {
    MalformedInputException e = failure(envelope("aG k=", "AAAA"));

    assertThat(e.code()).isEqualTo(ErrorCode.MALFORMED_INPUT);
    assertThat(e.location()).hasValue("/payload");
  }

  @Test
  void parseEnvelope_keyidMissingOrNull_isEmpty() throws Exception {
    Envelope a =
        parse("{\"payload\":\"\",\"payloadType\":\"t\",\"signatures\":[{\"sig\":\"AAAA\"}]}");
    Envelope b =
        parse(
            "{\"payload\":\"\",\"payloadType\":\"t\",\"signatures\":[{\"keyid\":null,\"sig\":\"AAAA\"}]}");

    assertThat(a.signatures().get(0).keyid()).isEmpty();
    assertThat(b).isEqualTo(a);
    assertThat(a.payload().isEmpty()).isTrue();
  }

  @Test
  void parseEnvelope_emptySignatureList_parses() throws Exception {
    assertThat(parse("{\"payload\":\"\",\"payloadType\":\"\",\"signatures\":[]}").signatures())
        .isEmpty();
  }

  @Test
  void parseEnvelope_unknownFields_areIgnored() throws Exception {
    Envelope e =
        parse(
            "{\"x\":{\"y\":[1,2]},\"payload\":\"aGk=\",\"payloadType\":\"t\",\"signatures\":[{\"sig\":\"AAAA\","
                + "\"cert\":\"-----BEGIN...\",\"extension\":{\"kind\":\"k\",\"ext\":{}}}],\"z\":null}");

    assertThat(e.signatures()).hasSize(1);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "{\"payloadType\":\"t\",\"signatures\":[]}|/payload",
        "{\"payload\":null,\"payloadType\":\"t\",\"signatures\":[]}|/payload",
        "{\"payload\":\"\",\"signatures\":[]}|/payloadType",
        "{\"payload\":\"\",\"payloadType\":\"t\"}|/signatures",
        "{\"payload\":\"\",\"payloadType\":\"t\",\"signatures\":[{\"keyid\":\"k\"}]}|/signatures/0/sig",
        "{\"payload\":\"\",\"payloadType\":\"t\",\"signatures\":[{\"sig\":\"AAAA\"},{\"sig\":null}]}|/signatures/1/sig",
        "{\"payload\":1,\"payloadType\":\"t\",\"signatures\":[]}|/payload",
        "{\"payload\":\"\",\"payloadType\":[],\"signatures\":[]}|/payloadType",
        "{\"payload\":\"\",\"payloadType\":\"t\",\"signatures\":{}}|/signatures",
        "{\"payload\":\"\",\"payloadType\":\"t\",\"signatures\":[\"AAAA\"]}|/signatures/0",
        "{\"payload\":\"\",\"payloadType\":\"t\",\"signatures\":[{\"sig\":true}]}|/signatures/0/sig",
        "{\"payload\":\"\",\"payloadType\":\"t\",\"signatures\":[{\"sig\":\"\",\"keyid\":7}]}|/signatures/0/keyid",
        "{\"payload\":\"\",\"payload\":\"\",\"payloadType\":\"t\",\"signatures\":[]}|/payload",
        "{\"payload\":\"\",\"payloadType\":\"t\",\"signatures\":[{\"sig\":\"\",\"s\\u0069g\":\"\"}]}|/signatures/0/sig"
      })
  void parseEnvelope_missingOrWrongField_throwsMalformedInputAtField(String row) {
    String[] parts = row.split("\\|");

    MalformedInputException e = failure(parts[0]);

    assertThat(e.code()).isEqualTo(ErrorCode.MALFORMED_INPUT);
    assertThat(e.location()).hasValue(parts[1]);
  }

  @ParameterizedTest
  @ValueSource(strings = {"[]", "\"x\"", "null", "", "{", "{\"payload\":\"\"", "{}x"})
  void parseEnvelope_notAnEnvelopeObject_throwsMalformedInput(String json) {
    assertThat(failure(json).code()).isEqualTo(ErrorCode.MALFORMED_INPUT);
  }

  @Test
  void parseEnvelope_33Signatures_throwsResourceLimitExceeded() {
    String sigs = ("{\"sig\":\"AAAA\"},".repeat(33));
    String json =
        "{\"payload\":\"\",\"payloadType\":\"t\",\"signatures\":["
            + sigs.substring(0, sigs.length() - 1)
            + "]}";

    MalformedInputException e = failure(json);

    assertThat(e.code()).isEqualTo(ErrorCode.RESOURCE_LIMIT_EXCEEDED);
    assertThat(e.location()).hasValue("/signatures/32");
  }

  @Test
  void parseEnvelope_32Signatures_parses() throws Exception {
    String sigs = ("{\"sig\":\"AAAA\"},".repeat(32));
    String json =
        "{\"payload\":\"\",\"payloadType\":\"t\",\"signatures\":["
            + sigs.substring(0, sigs.length() - 1)
            + "]}";

    assertThat(parse(json).signatures()).hasSize(32);
  }

  @Test
  void parseEnvelope_oversizedInput_throwsResourceLimitExceededBeforeParsing() {
    // H78, scaled down through the limits
    JsonCodec small =
        JsonCodec.newBuilder().limits(JsonLimits.newBuilder().maxInputBytes(1024).build()).build();
    byte[] json = envelope("A".repeat(2000), "AAAA").getBytes(UTF_8);

    MalformedInputException e =
        catchThrowableOfType(MalformedInputException.class, () -> small.parseEnvelope(json));

    assertThat(e.code()).isEqualTo(ErrorCode.RESOURCE_LIMIT_EXCEEDED);
  }

  @Test
  void parseEnvelope_endlessStream_readsJustPastTheCap() {
    // H78: a 1 GiB stream is rejected after reading at most the cap plus one byte.
    long[] read = {0};
    InputStream endless =
        new InputStream() {
          @Override
          public int read() {
            read[0]++;
            return ' ';
          }

          @Override
          public int read(byte[] b, int off, int len) {
            int n = (int) Math.min(len, (1L << 30) - read[0]);
            java.util.Arrays.fill(b, off, off + n, (byte) ' ');
            read[0] += n;
            return n;
          }
        };

    MalformedInputException e =
        catchThrowableOfType(MalformedInputException.class, () -> codec.parseEnvelope(endless));

    assertThat(e.code()).isEqualTo(ErrorCode.RESOURCE_LIMIT_EXCEEDED);
    assertThat(read[0]).isEqualTo(JsonLimits.MAX_INPUT_BYTES + 1L);
  }

  @Test
  void parseEnvelope_stream_parses() throws Exception {
    byte[] json = envelope("aGk=", "AAAA").getBytes(UTF_8);

    assertThat(codec.parseEnvelope(new ByteArrayInputStream(json)).payload())
        .isEqualTo(Bytes.utf8("hi"));
  }

  @Test
  void writeEnvelope_isStandardPaddedCompactAndOmitsEmptyKeyid() {
    Envelope e =
        new Envelope(
            "application/vnd.in-toto+json",
            Bytes.of(PAYLOAD),
            List.of(EnvelopeSignature.of(Bytes.of(SIG)), new EnvelopeSignature("k", Bytes.of(SIG))));

    String json = new String(codec.writeEnvelope(e), UTF_8);

    assertThat(json)
        .isEqualTo(
            "{\"payload\":\"+/+/aGk=\",\"payloadType\":\"application/vnd.in-toto+json\","
                + "\"signatures\":[{\"sig\":\"/u8+PwA=\"},{\"keyid\":\"k\",\"sig\":\"/u8+PwA=\"}]}");
  }

  @Test
  void parseJsonLines_blankLinesAndCrlf_areHandled() throws Exception {
    String line = envelope("aGk=", "AAAA");
    byte[] data = ("\n" + line + "\r\n  \n\t\r\n" + line + "\n").getBytes(UTF_8);

    EnvelopeLines lines = codec.parseJsonLines(data);

    assertThat(lines.envelopes()).hasSize(2);
    assertThat(lines.skipped()).isEmpty();
  }

  @Test
  void parseJsonLines_badLine_isSkippedAndReportedWithLineNumber() throws Exception {
    String line = envelope("aGk=", "AAAA");
    byte[] data = (line + "\n\nnot json\n" + envelope("aGk=", "A A") + "\n" + line).getBytes(UTF_8);

    EnvelopeLines lines = codec.parseJsonLines(data);

    assertThat(lines.envelopes()).hasSize(2);
    assertThat(lines.skipped()).hasSize(2);
    assertThat(lines.skipped().get(0).code()).isEqualTo(ErrorCode.MALFORMED_INPUT);
    assertThat(lines.skipped().get(0).location()).isEqualTo("line[3]");
    assertThat(lines.skipped().get(1).location()).isEqualTo("line[4]/signatures/0/sig");
  }

  @Test
  void parseJsonLines_invalidUtf8OnLaterLine_isLocatedInThatLine() throws Exception {
    String good = envelope("aGk=", "AAAA");
    byte[] second = "{\"payload\":\"aGk=\",\"payloadType\":\"AB\",\"signatures\":[]}".getBytes(UTF_8);
    int at = new String(second, UTF_8).indexOf("AB");
    second[at] = (byte) 0xc0;
    second[at + 1] = (byte) 0xaf;
    byte[] first = (good + "\n").getBytes(UTF_8);
    byte[] data = new byte[first.length + second.length];
    System.arraycopy(first, 0, data, 0, first.length);
    System.arraycopy(second, 0, data, first.length, second.length);

    EnvelopeLines lines = codec.parseJsonLines(data);

    assertThat(lines.envelopes()).hasSize(1);
    assertThat(lines.skipped()).singleElement().satisfies(f -> {
      assertThat(f.code()).isEqualTo(ErrorCode.MALFORMED_INPUT);
      assertThat(f.location()).isEqualTo("line[2]/payloadType");
    });
  }

  @Test
  void parseJsonLines_tooManyLines_throwsResourceLimitExceeded() {
    JsonCodec small =
        JsonCodec.newBuilder().limits(JsonLimits.newBuilder().maxJsonLines(2).build()).build();
    String line = envelope("aGk=", "AAAA") + "\n";
    byte[] data = line.repeat(3).getBytes(UTF_8);

    MalformedInputException e =
        catchThrowableOfType(MalformedInputException.class, () -> small.parseJsonLines(data));

    assertThat(e.code()).isEqualTo(ErrorCode.RESOURCE_LIMIT_EXCEEDED);
    assertThat(e.location()).hasValue("line[3]");
  }

  @Test
  void writeJsonLines_parsesBack() throws Exception {
    Envelope e = new Envelope("t", Bytes.of(PAYLOAD), List.of(EnvelopeSignature.of(Bytes.of(SIG))));

    EnvelopeLines lines = codec.parseJsonLines(codec.writeJsonLines(List.of(e, e)));

    assertThat(lines.envelopes()).containsExactly(e, e);
  }
}
