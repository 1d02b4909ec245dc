package dev.provenance.core.json;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.provenance.api.ErrorCode;
import dev.provenance.api.MalformedInputException;
import dev.provenance.api.json.JsonArray;
import dev.provenance.api.json.JsonNumber;
import dev.provenance.api.json.JsonObject;
import dev.provenance.api.json.JsonString;
import dev.provenance.api.json.JsonValue;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class JsonCodecValueTest {
  private final JsonCodec codec = JsonCodec.standard();

  private static byte[] utf8(String s) {
    return s.getBytes(UTF_8);
  }

  private static byte[] bytes(int... values) {
    byte[] b = new byte[values.length];
    for (int i = 0; i < values.length; i++) {
      b[i] = (byte) values[i];
    }
    return b;
  }

  private MalformedInputException failure(byte[] json) {
    MalformedInputException e =
        catchThrowableOfType(MalformedInputException.class, () -> codec.parseValue(json));
    assertThat(e).as("parse should fail").isNotNull();
    return e;
  }

  private MalformedInputException failure(String json) {
    return failure(utf8(json));
  }

  @Test
  void parseValue_nestedDocument_keepsOrderAndLiterals() throws Exception {
    JsonValue v = codec.parseValue(utf8(" {\"b\":[1,-0.50,2E+3,true,null],\"a\":\"x\\u00e9\"} "));

    JsonObject o = (JsonObject) v;
    assertThat(o.members().keySet()).containsExactly("b", "a");
    JsonArray b = (JsonArray) o.members().get("b");
    assertThat(b.elements())
        .containsExactly(
            new JsonNumber("1"),
            new JsonNumber("-0.50"),
            new JsonNumber("2E+3"),
            JsonValue.of(true),
            JsonValue.nullValue());
    assertThat(o.members().get("a")).isEqualTo(new JsonString("x\u00e9"));
  }

  @Test
  void write_parsedDocument_isCompactAndKeepsOrder() throws Exception {
    String json = "{\"z\":{\"y\":[1.50,\"\\u001F\\\"\\\\/\"]},\"a\":1e5,\"m\":\"\u00e9\ud83d\ude00\"}";

    byte[] out = codec.write(codec.parseValue(utf8(json)));

    assertThat(new String(out, UTF_8))
        .isEqualTo("{\"z\":{\"y\":[1.50,\"\\u001f\\\"\\\\/\"]},\"a\":1e5,\"m\":\"\u00e9\ud83d\ude00\"}");
  }

  @Test
  void write_insertionOrder_isKept() {
    JsonObject o = JsonObject.newBuilder().put("b", "1").put("a", "2").build();

    assertThat(new String(codec.write(o), UTF_8)).isEqualTo("{\"b\":\"1\",\"a\":\"2\"}");
  }

  @Test
  void parseObject_array_throwsMalformedInput() {
    MalformedInputException e =
        catchThrowableOfType(MalformedInputException.class, () -> codec.parseObject(utf8("[]")));

    assertThat(e.code()).isEqualTo(ErrorCode.MALFORMED_INPUT);
  }

  @Test
  void parseValue_duplicateKey_throwsMalformedInputAtDuplicate() {
    MalformedInputException e = failure("{\"a\":{\"subject\":1,\"subject\":2}}");

    assertThat(e.code()).isEqualTo(ErrorCode.MALFORMED_INPUT);
    assertThat(e.location()).hasValue("/a/subject");
  }

  @Test
  void parseValue_duplicateKeyAfterUnescaping_throwsMalformedInput() {
    MalformedInputException e = failure("{\"subject\":1,\"\\u0073ubject\":2}");

    assertThat(e.code()).isEqualTo(ErrorCode.MALFORMED_INPUT);
    assertThat(e.location()).hasValue("/subject");
  }

  @Test
  void parseValue_duplicateKeyAmongMany_throwsMalformedInput() {
    StringBuilder sb = new StringBuilder("{");
    for (int i = 0; i < 50; i++) {
      sb.append("\"k").append(i).append("\":0,");
    }
    sb.append("\"k17\":1}");

    assertThat(failure(sb.toString()).location()).hasValue("/k17");
  }

  @Test
  void parseValue_byteOrderMark_throwsMalformedInput() {
    MalformedInputException e = failure(bytes(0xef, 0xbb, 0xbf, '{', '}'));

    assertThat(e.code()).isEqualTo(ErrorCode.MALFORMED_INPUT);
    assertThat(e.location()).isEmpty();
  }

  @Test
  void parseValue_overlongSolidus_throwsMalformedInputAtValue() {
    byte[] json = bytes('{', '"', 'a', '"', ':', '[', '"', 'x', 0xc0, 0xaf, '"', ']', '}');

    MalformedInputException e = failure(json);

    assertThat(e.code()).isEqualTo(ErrorCode.MALFORMED_INPUT);
    assertThat(e.location()).hasValue("/a/0");
  }

  @Test
  void parseValue_encodedSurrogate_throwsMalformedInput() {
    byte[] json = bytes('"', 0xed, 0xa0, 0x80, '"');

    assertThat(failure(json).code()).isEqualTo(ErrorCode.MALFORMED_INPUT);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "ff", "fe", "80", "c1bf", "e080af", "f08080af", "f4908080", "f5808080", "c3", "e282",
        "f09f98"
      })
  void parseValue_invalidUtf8InString_throwsMalformedInput(String hex) {
    byte[] bad = java.util.HexFormat.of().parseHex(hex);
    byte[] json = new byte[bad.length + 9];
    System.arraycopy(utf8("{\"k\":\""), 0, json, 0, 6);
    System.arraycopy(bad, 0, json, 6, bad.length);
    System.arraycopy(utf8("\"}"), 0, json, 6 + bad.length, 2);
    json[json.length - 1] = ' ';

    MalformedInputException e = failure(json);

    assertThat(e.code()).isEqualTo(ErrorCode.MALFORMED_INPUT);
    assertThat(e.location()).hasValue("/k");
  }

  @Test
  void parseValue_validMultibyteUtf8_parses() throws Exception {
    JsonValue v = codec.parseValue(utf8("[\"\u00e9\u20ac\ud83d\ude00\uffff\"]"));

    assertThat(((JsonArray) v).elements())
        .containsExactly(new JsonString("\u00e9\u20ac\ud83d\ude00\uffff"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"\"\\ud800\"", "\"\\udc00\"", "\"a\\ud800b\"", "\"\\ude00\\ud83d\""})
  void parseValue_unpairedSurrogateEscape_throwsMalformedInput(String json) {
    assertThat(failure(json).code()).isEqualTo(ErrorCode.MALFORMED_INPUT);
  }

  @Test
  void parseValue_unpairedSurrogateEscapeInName_throwsMalformedInput() {
    MalformedInputException e = failure("{\"ok\":{\"\\ud800\":1}}");

    assertThat(e.code()).isEqualTo(ErrorCode.MALFORMED_INPUT);
  }

  @Test
  void parseValue_pairedSurrogateEscape_parses() throws Exception {
    assertThat(codec.parseValue(utf8("\"\\ud83d\\ude00\"")))
        .isEqualTo(new JsonString("\ud83d\ude00"));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "{} x",
        "{}{}",
        "{} {}",
        "[1] 2",
        "1 2",
        "{}]",
        "01",
        "[-01]",
        "[+1]",
        "[.5]",
        "[1.]",
        "[NaN]",
        "[Infinity]",
        "[-Infinity]",
        "{'a':1}",
        "{a:1}",
        "[1,]",
        "{\"a\":1,}",
        "[,1]",
        "/* c */ {}",
        "{} // c",
        "# c\n{}",
        "[\"\\x41\"]",
        "[\"\\'\"]",
        "[\"\\u12\"]",
        "[tru]",
        "[True]",
        "",
        "   ",
        "{\"a\" 1}",
        "{\"a\":}",
        "[\"a\"",
        "{\"a\":1",
        "\"abc"
      })
  void parseValue_notStrictJson_throwsMalformedInput(String json) {
    assertThat(failure(json).code()).isEqualTo(ErrorCode.MALFORMED_INPUT);
  }

  @ParameterizedTest
  @ValueSource(ints = {0x00, 0x01, 0x08, 0x0b, 0x0c, 0x1f})
  void parseValue_controlCharacterInString_throwsMalformedInput(int control) {
    byte[] json = bytes('[', '"', 'a', control, '"', ']');

    MalformedInputException e = failure(json);

    assertThat(e.code()).isEqualTo(ErrorCode.MALFORMED_INPUT);
    assertThat(e.location()).hasValue("/0");
  }

  @ParameterizedTest
  @ValueSource(ints = {'\t', '\n', '\r'})
  void parseValue_rawWhitespaceInString_throwsMalformedInput(int control) {
    assertThat(failure(bytes('[', '"', control, '"', ']')).code())
        .isEqualTo(ErrorCode.MALFORMED_INPUT);
  }

  @Test
  void parseValue_utf16Document_throwsMalformedInput() {
    byte[] json = "{\"a\":1}".getBytes(java.nio.charset.StandardCharsets.UTF_16LE);

    assertThat(failure(json).code()).isEqualTo(ErrorCode.MALFORMED_INPUT);
  }

  @Test
  void parseValue_utf32Document_throwsMalformedInput() {
    byte[] json = bytes(0, 0, 0, '{', 0, 0, 0, '}');

    assertThat(failure(json).code()).isEqualTo(ErrorCode.MALFORMED_INPUT);
  }

  @Test
  void parseValue_deepNesting100000_throwsResourceLimitExceeded() {
    String json = "[".repeat(100_000) + "]".repeat(100_000);

    MalformedInputException e = failure(json);

    assertThat(e.code()).isEqualTo(ErrorCode.RESOURCE_LIMIT_EXCEEDED);
  }

  @Test
  void parseValue_deepObjectNesting100000_throwsResourceLimitExceeded() {
    String json = "{\"a\":".repeat(100_000) + "1" + "}".repeat(100_000);

    assertThat(failure(json).code()).isEqualTo(ErrorCode.RESOURCE_LIMIT_EXCEEDED);
  }

  @Test
  void parseValue_nestingAtLimit_parses() throws Exception {
    String json = "[".repeat(JsonLimits.MAX_DEPTH) + "]".repeat(JsonLimits.MAX_DEPTH);

    assertThat(codec.parseValue(utf8(json))).isInstanceOf(JsonArray.class);
  }

  @Test
  void parseValue_nestingOneOverLimit_throwsResourceLimitExceeded() {
    int d = JsonLimits.MAX_DEPTH + 1;

    assertThat(failure("[".repeat(d) + "]".repeat(d)).code())
        .isEqualTo(ErrorCode.RESOURCE_LIMIT_EXCEEDED);
  }

  @Test
  void parseValue_millionDigitNumber_throwsResourceLimitExceeded() {
    MalformedInputException e = failure("{\"n\":" + "9".repeat(1_000_000) + "}");

    assertThat(e.code()).isEqualTo(ErrorCode.RESOURCE_LIMIT_EXCEEDED);
  }

  @Test
  void parseValue_millionDigitFraction_throwsResourceLimitExceeded() {
    assertThat(failure("[0." + "1".repeat(1_000_000) + "]").code())
        .isEqualTo(ErrorCode.RESOURCE_LIMIT_EXCEEDED);
  }

  @ParameterizedTest
  @ValueSource(strings = {"1e1000000000", "1E-1000000000", "1.5e+99999999999999999999", "1e1001"})
  void parseValue_hugeExponent_throwsResourceLimitExceededAtNumber(String number) {
    MalformedInputException e = failure("{\"p\":{\"n\":" + number + "}}");

    assertThat(e.code()).isEqualTo(ErrorCode.RESOURCE_LIMIT_EXCEEDED);
    assertThat(e.location()).hasValue("/p/n");
  }

  @Test
  void parseValue_exponentAtLimitWithLeadingZeros_parses() throws Exception {
    assertThat(codec.parseValue(utf8("1e-0001000"))).isEqualTo(new JsonNumber("1e-0001000"));
  }

  @Test
  void parseValue_numberLiteralAtLengthLimit_parses() throws Exception {
    String n = "1" + "0".repeat(JsonLimits.MAX_NUMBER_LENGTH - 1);

    assertThat(codec.parseValue(utf8(n))).isEqualTo(new JsonNumber(n));
  }

  @Test
  void parseValue_inputOverSizeLimit_throwsResourceLimitExceededBeforeParsing() {
    JsonCodec small =
        JsonCodec.newBuilder().limits(JsonLimits.newBuilder().maxInputBytes(10).build()).build();
    // Not even JSON: the size check must come first.
    byte[] json = new byte[11];

    MalformedInputException e =
        catchThrowableOfType(MalformedInputException.class, () -> small.parseValue(json));

    assertThat(e.code()).isEqualTo(ErrorCode.RESOURCE_LIMIT_EXCEEDED);
  }

  @Test
  void parseValue_defaultSizeLimitPlusOne_throwsResourceLimitExceeded() {
    byte[] json = new byte[JsonLimits.MAX_INPUT_BYTES + 1];

    assertThat(failure(json).code()).isEqualTo(ErrorCode.RESOURCE_LIMIT_EXCEEDED);
  }

  @Test
  void parseValue_longString_throwsResourceLimitExceeded() {
    JsonCodec small =
        JsonCodec.newBuilder().limits(JsonLimits.newBuilder().maxStringBytes(8).build()).build();

    MalformedInputException e =
        catchThrowableOfType(
            MalformedInputException.class, () -> small.parseValue(utf8("{\"s\":\"123456789\"}")));

    assertThat(e.code()).isEqualTo(ErrorCode.RESOURCE_LIMIT_EXCEEDED);
    assertThat(e.location()).hasValue("/s");
  }

  @Test
  void parseValue_stringOverByteLimitButUnderCharLimit_throwsResourceLimitExceeded() {
    JsonCodec small =
        JsonCodec.newBuilder().limits(JsonLimits.newBuilder().maxStringBytes(8).build()).build();
    // 4 characters, 12 UTF-8 bytes
    MalformedInputException e =
        catchThrowableOfType(
            MalformedInputException.class,
            () -> small.parseValue(utf8("[\"\u20ac\u20ac\u20ac\u20ac\"]")));

    assertThat(e.code()).isEqualTo(ErrorCode.RESOURCE_LIMIT_EXCEEDED);
  }

  @Test
  void parseValue_longStringInSkippedPosition_throwsResourceLimitExceeded() {
    JsonCodec small =
        JsonCodec.newBuilder().limits(JsonLimits.newBuilder().maxStringBytes(8).build()).build();

    MalformedInputException e =
        catchThrowableOfType(
            MalformedInputException.class, () -> small.parseValue(utf8("{\"123456789\":1}")));

    assertThat(e.code()).isEqualTo(ErrorCode.RESOURCE_LIMIT_EXCEEDED);
  }

  @Test
  void parseValue_arrayOverLengthLimit_throwsResourceLimitExceededAtElement() {
    JsonCodec small =
        JsonCodec.newBuilder().limits(JsonLimits.newBuilder().maxArrayLength(3).build()).build();

    MalformedInputException e =
        catchThrowableOfType(
            MalformedInputException.class, () -> small.parseValue(utf8("{\"a\":[1,2,3,4]}")));

    assertThat(e.code()).isEqualTo(ErrorCode.RESOURCE_LIMIT_EXCEEDED);
    assertThat(e.location()).hasValue("/a/3");
  }

  @Test
  void parseValue_objectOverMemberLimit_throwsResourceLimitExceeded() {
    JsonCodec small =
        JsonCodec.newBuilder().limits(JsonLimits.newBuilder().maxObjectMembers(2).build()).build();

    MalformedInputException e =
        catchThrowableOfType(
            MalformedInputException.class,
            () -> small.parseValue(utf8("{\"a\":1,\"b\":2,\"c\":3}")));

    assertThat(e.code()).isEqualTo(ErrorCode.RESOURCE_LIMIT_EXCEEDED);
    assertThat(e.location()).hasValue("/c");
  }

  @Test
  void parseValue_tooManyTokens_throwsResourceLimitExceeded() {
    JsonCodec small =
        JsonCodec.newBuilder().limits(JsonLimits.newBuilder().maxTokens(100).build()).build();
    String json = "[" + "0,".repeat(200) + "0]";

    MalformedInputException e =
        catchThrowableOfType(MalformedInputException.class, () -> small.parseValue(utf8(json)));

    assertThat(e.code()).isEqualTo(ErrorCode.RESOURCE_LIMIT_EXCEEDED);
  }

  @Test
  void parseValue_pointerSegments_areEscaped() {
    MalformedInputException e = failure("{\"a/b\":{\"c~d\":[1,{\"e\":tru}]}}");

    assertThat(e.location()).hasValue("/a~1b/c~0d/1/e");
  }

  @Test
  void parseValue_everyPrefixOfDocument_throwsTypedException() {
    String json =
        "{\"a\":[1,2.5e3,\"x\\u00e9\\ud83d\\ude00\",true,false,null,{\"b\":{}}],\"c\":\"\u20ac\"}";
    byte[] full = utf8(json);
    List<Integer> lengths = new ArrayList<>();
    for (int n = 0; n < full.length; n++) {
      byte[] prefix = java.util.Arrays.copyOf(full, n);
      try {
        codec.parseValue(prefix);
        lengths.add(n);
      } catch (MalformedInputException e) {
        assertThat(e.code()).isEqualTo(ErrorCode.MALFORMED_INPUT);
      }
    }

    assertThat(lengths).isEmpty();
  }

  @Test
  void parseValue_scalarsAtTopLevel_parse() throws Exception {
    assertThat(codec.parseValue(utf8("\"s\""))).isEqualTo(new JsonString("s"));
    assertThat(codec.parseValue(utf8(" -12 "))).isEqualTo(new JsonNumber("-12"));
    assertThat(codec.parseValue(utf8("null"))).isEqualTo(JsonValue.nullValue());
  }
}
