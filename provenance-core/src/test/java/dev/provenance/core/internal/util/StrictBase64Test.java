package dev.provenance.core.internal.util;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.Base64;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class StrictBase64Test {
  private static StrictBase64.DecodingException failure(String text) {
    StrictBase64.DecodingException e =
        catchThrowableOfType(
            StrictBase64.DecodingException.class, () -> StrictBase64.decode(text, 1 << 20));
    assertThat(e).as("decode should fail: %s", text).isNotNull();
    return e;
  }

  @ParameterizedTest
  @CsvSource({
    "'', ''",
    "YQ==, a",
    "YWI=, ab",
    "YWJj, abc",
    "YQ, a",
    "YWI, ab",
    "aGVsbG8gd29ybGQ=, hello world",
    "aGVsbG8gd29ybGQ, hello world"
  })
  void decode_validInput_returnsBytes(String text, String expected) throws Exception {
    assertThat(StrictBase64.decode(text, 100)).isEqualTo(expected.getBytes(UTF_8));
  }

  @Test
  void decode_urlSafeUnpaddedAndStandardPadded_giveSameBytes() throws Exception {
    byte[] bytes = {(byte) 0xfb, (byte) 0xff, (byte) 0xbf, 0x01};
    String std = Base64.getEncoder().encodeToString(bytes);
    String url = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    String urlPadded = Base64.getUrlEncoder().encodeToString(bytes);

    assertThat(std).contains("+").contains("/").endsWith("=");
    assertThat(url).contains("-").contains("_").doesNotEndWith("=");
    assertThat(StrictBase64.decode(std, 100)).isEqualTo(bytes);
    assertThat(StrictBase64.decode(url, 100)).isEqualTo(bytes);
    assertThat(StrictBase64.decode(urlPadded, 100)).isEqualTo(bytes);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "+_8=", // mixed alphabets
        "-/8=",
        "YW Jj",
        "YWJj\n",
        "\nYWJj",
        "YW\r\nJj",
        "YWJj ",
        "\tYWJj",
        "YW.j",
        "YW*j",
        "YWJ\u00e9",
        "Y",
        "YWJjZ",
        "YQ=",
        "YQ===",
        "=YWJ",
        "YQ==YQ==",
        "Y=Jj",
        "====",
        "YR==", // non-zero trailing bits
        "YWJ=",
        "YR",
        "+/8", // standard alphabet without padding
        "ab+c/w"
      })
  void decode_invalidInput_throwsDecodingException(String text) {
    assertThat(failure(text).isLimitExceeded()).isFalse();
  }

  @Test
  void decode_overCap_throwsLimitExceededBeforeDecoding() {
    StrictBase64.DecodingException e =
        catchThrowableOfType(
            StrictBase64.DecodingException.class, () -> StrictBase64.decode("YWJjZA==", 3));

    assertThat(e.isLimitExceeded()).isTrue();
  }

  @Test
  void decode_atCap_returnsBytes() throws Exception {
    assertThat(StrictBase64.decode("YWJjZA==", 4)).hasSize(4);
  }

  @Test
  void decode_range_usesOnlyTheRange() throws Exception {
    char[] chars = "xxYWJjxx".toCharArray();

    assertThat(StrictBase64.decode(chars, 2, 4, 10)).isEqualTo("abc".getBytes(UTF_8));
  }

  @Property
  void decode_standardEncoding_roundTrips(@ForAll @Size(max = 200) byte[] bytes)
      throws Exception {
    assertThat(StrictBase64.decode(Base64.getEncoder().encodeToString(bytes), 1000))
        .isEqualTo(bytes);
  }

  @Property
  void decode_urlSafeEncodingWithAndWithoutPadding_roundTrips(
      @ForAll @Size(max = 200) byte[] bytes) throws Exception {
    assertThat(StrictBase64.decode(Base64.getUrlEncoder().encodeToString(bytes), 1000))
        .isEqualTo(bytes);
    assertThat(
            StrictBase64.decode(Base64.getUrlEncoder().withoutPadding().encodeToString(bytes), 1000))
        .isEqualTo(bytes);
  }

  @Property
  void decode_anyString_neverThrowsUnchecked(@ForAll @Size(max = 40) String text) {
    try {
      byte[] out = StrictBase64.decode(text, 1000);
      // Whatever is accepted must be the canonical encoding in one of the two alphabets.
      String std = Base64.getEncoder().encodeToString(out);
      String url = Base64.getUrlEncoder().encodeToString(out);
      String urlBare = Base64.getUrlEncoder().withoutPadding().encodeToString(out);
      assertThat(text).isIn(std, url, urlBare);
    } catch (StrictBase64.DecodingException e) {
      assertThat(e.isLimitExceeded()).isFalse();
    }
  }

  @Test
  void encode_bytes_isStandardPadded() {
    assertThat(StrictBase64.encode(new byte[] {(byte) 0xfb, (byte) 0xff})).isEqualTo("+/8=");
  }
}
