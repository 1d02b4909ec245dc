package dev.provenance.core.internal.util;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.provenance.api.ErrorCode;
import dev.provenance.api.MalformedInputException;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import org.junit.jupiter.api.Test;

class BoundedInputTest {
  /** An endless stream that counts what was read from it. */
  private static final class Endless extends InputStream {
    long read;

    @Override
    public int read() {
      read++;
      return 'x';
    }

    @Override
    public int read(byte[] b, int off, int len) {
      java.util.Arrays.fill(b, off, off + len, (byte) 'x');
      read += len;
      return len;
    }
  }

  @Test
  void readAtMost_streamAtCap_returnsAllBytes() throws Exception {
    byte[] data = new byte[10_000];

    assertThat(BoundedInput.readAtMost(new ByteArrayInputStream(data), 10_000, "x"))
        .hasSize(10_000);
  }

  @Test
  void readAtMost_emptyStream_returnsEmpty() throws Exception {
    assertThat(BoundedInput.readAtMost(new ByteArrayInputStream(new byte[0]), 5, "x")).isEmpty();
  }

  @Test
  void readAtMost_endlessStream_readsCapPlusOneAndThrowsResourceLimitExceeded() {
    Endless in = new Endless();

    MalformedInputException e =
        catchThrowableOfType(
            MalformedInputException.class, () -> BoundedInput.readAtMost(in, 100_000, "x"));

    assertThat(e.code()).isEqualTo(ErrorCode.RESOURCE_LIMIT_EXCEEDED);
    assertThat(in.read).isEqualTo(100_001);
  }
}
