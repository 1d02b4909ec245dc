package dev.provenance.core.internal.intoto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.provenance.api.ErrorCode;
import dev.provenance.api.MalformedInputException;
import dev.provenance.api.json.JsonArray;
import dev.provenance.api.json.JsonNumber;
import dev.provenance.api.json.JsonObject;
import dev.provenance.api.json.JsonValue;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class CanonicalJsonTest {
  private static String canonical(JsonValue v) throws MalformedInputException {
    return new String(CanonicalJson.encode(v), StandardCharsets.UTF_8);
  }

  @Test
  void encode_object_sortsKeysWithoutWhitespace() throws Exception {
    JsonObject o =
        JsonObject.newBuilder()
            .put("b", JsonValue.of(1))
            .put("a", JsonValue.of(List.of(JsonValue.of(true), JsonValue.nullValue())))
            .put("B", JsonValue.of("x"))
            .build();

    assertThat(canonical(o)).isEqualTo("{\"B\":\"x\",\"a\":[true,null],\"b\":1}");
  }

  @Test
  void encode_string_escapesOnlyBackslashAndQuote() throws Exception {
    assertThat(canonical(JsonValue.of("a\"b\\c\nd\te\u0001é€")))
        .isEqualTo("\"a\\\"b\\\\c\nd\te\u0001é€\"");
  }

  @Test
  void encode_nonAscii_writtenAsUtf8Bytes() throws Exception {
    assertThat(CanonicalJson.encode(JsonValue.of("é")))
        .isEqualTo(new byte[] {'"', (byte) 0xc3, (byte) 0xa9, '"'});
  }

  @Test
  void encode_keys_sortedByCodePointNotUtf16() throws Exception {
    // U+FFFF sorts before U+1D11E by code point, after it by UTF-16 unit (0xD834).
    JsonObject o =
        JsonObject.newBuilder().put("\uD834\uDD1E", JsonValue.of(1)).put("\uFFFF", JsonValue.of(2)).build();

    assertThat(canonical(o)).isEqualTo("{\"\uFFFF\":2,\"\uD834\uDD1E\":1}");
  }

  @Test
  void encode_integers_keptExactly() throws Exception {
    assertThat(canonical(new JsonArray(List.of(new JsonNumber("-12"), new JsonNumber("123456789012345678901234567890"), new JsonNumber("-0")))))
        .isEqualTo("[-12,123456789012345678901234567890,0]");
  }

  @Test
  void encode_fraction_throwsMalformedInputWithLocation() {
    JsonObject o =
        JsonObject.newBuilder()
            .put("a", JsonValue.of(List.of(JsonValue.of(1), new JsonNumber("1.5"))))
            .build();

    assertThatThrownBy(() -> CanonicalJson.encode(o))
        .isInstanceOfSatisfying(
            MalformedInputException.class,
            e -> {
              assertThat(e.code()).isEqualTo(ErrorCode.MALFORMED_INPUT);
              assertThat(e.location()).contains("/a/1");
            });
  }

  @Test
  void encode_exponent_throwsMalformedInput() {
    assertThatThrownBy(() -> CanonicalJson.encode(new JsonNumber("1e3")))
        .isInstanceOf(MalformedInputException.class);
  }

  @Test
  void encode_loneSurrogateInKey_throwsMalformedInput() {
    JsonObject o = JsonObject.newBuilder().put("a\uD800", JsonValue.of(1)).build();

    assertThatThrownBy(() -> CanonicalJson.encode(o)).isInstanceOf(MalformedInputException.class);
  }
}
