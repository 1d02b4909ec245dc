package dev.provenance.sigstore.internal.x509;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.provenance.api.ErrorCode;
import dev.provenance.api.VerificationException;
import dev.provenance.sigstore.testing.BundleFixture;
import dev.provenance.sigstore.testing.Vectors;
import java.util.Arrays;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class Asn1NestingTest {
  private static ErrorCode code(byte[] input) {
    VerificationException e =
        catchThrowableOfType(VerificationException.class, () -> Asn1Nesting.check(input, "x"));
    assertThat(e).as("a VerificationException").isNotNull();
    return e.code();
  }

  @Test
  void check_realCertificateAndTimestamp_pass() {
    BundleFixture bundle = BundleFixture.load("sigstore-java/bundle-with-timestamp.sigstore");

    assertThatCode(() -> Asn1Nesting.check(bundle.certificates().get(0), "x")).doesNotThrowAnyException();
    assertThatCode(() -> Asn1Nesting.check(bundle.timestamps().get(0), "x")).doesNotThrowAnyException();
  }

  @Test
  void check_depthAtLimit_passes() {
    assertThatCode(() -> Asn1Nesting.check(Vectors.nestedSequences(Asn1Nesting.MAX_DEPTH), "x"))
        .doesNotThrowAnyException();
  }

  @ParameterizedTest
  @ValueSource(ints = {Asn1Nesting.MAX_DEPTH + 1, 3_000, 30_000})
  void check_deeperThanLimit_throwsResourceLimitExceeded(int depth) {
    assertThat(code(Vectors.nestedSequences(depth))).isEqualTo(ErrorCode.RESOURCE_LIMIT_EXCEEDED);
  }

  @Test
  void check_deepIndefiniteLengthNesting_throwsResourceLimitExceeded() {
    byte[] input = new byte[4 * 3_000 + 2];
    for (int i = 0; i < 3_000; i++) {
      input[2 * i] = 0x30;
      input[2 * i + 1] = (byte) 0x80;
    }
    input[6_000] = 0x05;

    assertThat(code(input)).isEqualTo(ErrorCode.RESOURCE_LIMIT_EXCEEDED);
  }

  @Test
  void check_shallowIndefiniteLength_passes() {
    byte[] ber = Vectors.hex("3080300005000000000000");

    assertThatCode(() -> Asn1Nesting.check(Arrays.copyOf(ber, 8), "x")).doesNotThrowAnyException();
  }

  @ParameterizedTest
  @ValueSource(strings = {"30", "3003", "30030500", "3084ffffffff00", "0580", "1f818181818100", "30810500"})
  void check_truncatedOrInvalidLengths_throwsMalformedInput(String hex) {
    assertThat(code(Vectors.hex(hex))).isEqualTo(ErrorCode.MALFORMED_INPUT);
  }

  @Property(tries = 500)
  void check_arbitraryBytes_throwsOnlyTypedErrors(@ForAll @Size(max = 64) byte[] input) {
    try {
      Asn1Nesting.check(input, "x");
    } catch (VerificationException e) {
      assertThat(e.code()).isIn(ErrorCode.MALFORMED_INPUT, ErrorCode.RESOURCE_LIMIT_EXCEEDED);
    }
  }
}
