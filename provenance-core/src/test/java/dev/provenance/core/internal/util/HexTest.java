package dev.provenance.core.internal.util;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class HexTest {
  @Property
  void decode_encoded_roundTrips(@ForAll byte[] bytes) {
    String hex = Hex.encode(bytes);

    assertThat(Hex.decode(hex)).isEqualTo(bytes);
    assertThat(hex).matches("[0-9a-f]*");
  }

  @ParameterizedTest
  @ValueSource(strings = {"a", "AB", "0g", "  ", "0x"})
  void decode_notLowercaseHex_throwsIllegalArgument(String hex) {
    assertThatThrownBy(() -> Hex.decode(hex)).isInstanceOf(IllegalArgumentException.class);
    assertThat(Hex.isLowerHex(hex)).isFalse();
  }

  @Test
  void isLowerHex_empty_isFalse() {
    assertThat(Hex.isLowerHex("")).isFalse();
    assertThat(Hex.isLowerHex("00ff")).isTrue();
  }
}
