package dev.provenance.core.internal.dsse;

import static org.assertj.core.api.Assertions.assertThat;

import dev.provenance.api.Bytes;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.api.Test;

class PaeTest {
  @Test
  void encode_specVector_equalsExpectedBytes() {
    byte[] pae =
        Pae.encode("http://example.com/HelloWorld", "hello world".getBytes(StandardCharsets.UTF_8));

    assertThat(new String(pae, StandardCharsets.UTF_8))
        .isEqualTo("DSSEv1 29 http://example.com/HelloWorld 11 hello world");
  }

  @Test
  void encode_emptyTypeAndPayload_writesZeroLengths() {
    assertThat(new String(Pae.encode("", new byte[0]), StandardCharsets.US_ASCII))
        .isEqualTo("DSSEv1 0  0 ");
  }

  @Test
  void encode_multiByteType_countsBytesNotChars() {
    String type = "application/vnd.ü€𝄞";
    byte[] pae = Pae.encode(type, new byte[] {(byte) 0xff});

    int typeBytes = type.getBytes(StandardCharsets.UTF_8).length;
    assertThat(typeBytes).isNotEqualTo(type.length());
    assertThat(new String(pae, 0, 7 + Integer.toString(typeBytes).length(), StandardCharsets.US_ASCII))
        .isEqualTo("DSSEv1 " + typeBytes);
  }

  @Test
  void encode_invalidUtf8Payload_keptByteForByte() {
    byte[] payload = {(byte) 0xc0, (byte) 0xaf, 0x00, (byte) 0xfe};
    byte[] pae = Pae.encode("t", payload);

    assertThat(Arrays.copyOfRange(pae, pae.length - 4, pae.length)).isEqualTo(payload);
    assertThat(new String(pae, 0, pae.length - 4, StandardCharsets.US_ASCII))
        .isEqualTo("DSSEv1 1 t 4 ");
  }

  @Test
  void encode_bytesOverload_equalsArrayOverload() {
    byte[] payload = "{\"a\":1}".getBytes(StandardCharsets.UTF_8);

    assertThat(Pae.encode(Pae.utf8("x/y"), Bytes.of(payload))).isEqualTo(Pae.encode("x/y", payload));
  }

  @Test
  void isWellFormed_loneSurrogates_false() {
    assertThat(Pae.isWellFormed("a\uD800")).isFalse();
    assertThat(Pae.isWellFormed("\uDC00a")).isFalse();
    assertThat(Pae.isWellFormed("𝄞")).isTrue();
  }

  @Property
  void encode_lengthFieldsEqualByteLengths(
      @ForAll @StringLength(max = 40) String type, @ForAll @Size(max = 300) byte[] payload) {
    if (!Pae.isWellFormed(type)) {
      return;
    }
    byte[] pae = Pae.encode(type, payload);
    byte[] typeBytes = type.getBytes(StandardCharsets.UTF_8);

    // Parse the PAE back using only the length fields.
    int pos = 7;
    int sp = indexOf(pae, pos);
    String typeLen = new String(pae, pos, sp - pos, StandardCharsets.US_ASCII);
    assertThat(typeLen).isEqualTo(Integer.toString(typeBytes.length));
    pos = sp + 1;
    assertThat(Arrays.copyOfRange(pae, pos, pos + typeBytes.length)).isEqualTo(typeBytes);
    pos += typeBytes.length;
    assertThat(pae[pos]).isEqualTo((byte) ' ');
    pos++;
    sp = indexOf(pae, pos);
    String bodyLen = new String(pae, pos, sp - pos, StandardCharsets.US_ASCII);
    assertThat(bodyLen).isEqualTo(Integer.toString(payload.length));
    assertThat(Arrays.copyOfRange(pae, sp + 1, pae.length)).isEqualTo(payload);
  }

  private static int indexOf(byte[] b, int from) {
    for (int i = from; i < b.length; i++) {
      if (b[i] == ' ') {
        return i;
      }
    }
    return -1;
  }
}
