package dev.provenance.api.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.provenance.api.Bytes;
import org.junit.jupiter.api.Test;

class BytesAccessTest {
  @Test
  void array_wrappedBytes_returnsSameArrayWithoutCopy() {
    byte[] a = {1, 2, 3};
    assertThat(BytesAccess.array(Bytes.wrap(a))).isSameAs(a);
  }

  @Test
  void array_copiedBytes_returnsContentNotCallersArray() {
    byte[] a = {4, 5};
    assertThat(BytesAccess.array(Bytes.of(a))).isNotSameAs(a).containsExactly(4, 5);
  }

  @Test
  void install_second_throwsIllegalState() {
    Bytes.empty(); // the first install happens when Bytes is initialised
    assertThatThrownBy(() -> BytesAccess.install(b -> new byte[0]))
        .isInstanceOf(IllegalStateException.class);
  }
}
