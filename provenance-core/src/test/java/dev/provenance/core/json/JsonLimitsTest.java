package dev.provenance.core.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class JsonLimitsTest {
  @Test
  void defaults_areTheNamedConstants() {
    JsonLimits d = JsonLimits.defaults();

    assertThat(d.maxInputBytes()).isEqualTo(32 * 1024 * 1024).isEqualTo(JsonLimits.MAX_INPUT_BYTES);
    assertThat(d.maxDepth()).isEqualTo(64);
    assertThat(d.maxStringBytes()).isEqualTo(16 * 1024 * 1024);
    assertThat(d.maxNumberLength()).isEqualTo(1000);
    assertThat(d.maxNumberExponent()).isEqualTo(JsonLimits.MAX_NUMBER_EXPONENT);
    assertThat(d.maxArrayLength()).isEqualTo(JsonLimits.MAX_ARRAY_LENGTH);
    assertThat(d.maxObjectMembers()).isEqualTo(JsonLimits.MAX_OBJECT_MEMBERS);
    assertThat(d.maxTokens()).isEqualTo(JsonLimits.MAX_TOKENS);
    assertThat(d.maxSubjects()).isEqualTo(1024);
    assertThat(d.maxDigestsPerSubject()).isEqualTo(32);
    assertThat(d.maxSignatures()).isEqualTo(32);
    assertThat(d.maxJsonLines()).isEqualTo(JsonLimits.MAX_JSON_LINES);
  }

  @Test
  void toBuilder_unchanged_isEqual() {
    JsonLimits l = JsonLimits.newBuilder().maxSubjects(7).maxDepth(10).build();

    assertThat(l.toBuilder().build()).isEqualTo(l).hasSameHashCodeAs(l);
    assertThat(l).isNotEqualTo(JsonLimits.defaults());
    assertThat(l.maxSubjects()).isEqualTo(7);
    assertThat(l.toString()).contains("maxSubjects=7");
  }

  @Test
  void builder_nonPositive_throwsIllegalArgument() {
    assertThatThrownBy(() -> JsonLimits.newBuilder().maxSignatures(0))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> JsonLimits.newBuilder().maxInputBytes(-1))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void builder_depthBeyondAbsoluteMax_throwsIllegalArgument() {
    assertThatThrownBy(() -> JsonLimits.newBuilder().maxDepth(JsonLimits.ABSOLUTE_MAX_DEPTH + 1))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void codec_withDeepestAllowedDepth_parsesWithoutStackOverflow() throws Exception {
    JsonCodec deep =
        JsonCodec.newBuilder()
            .limits(JsonLimits.newBuilder().maxDepth(JsonLimits.ABSOLUTE_MAX_DEPTH).build())
            .build();
    int d = JsonLimits.ABSOLUTE_MAX_DEPTH;
    byte[] json = ("[".repeat(d) + "]".repeat(d)).getBytes(java.nio.charset.StandardCharsets.UTF_8);

    assertThat(deep.write(deep.parseValue(json))).isEqualTo(json);
  }
}
