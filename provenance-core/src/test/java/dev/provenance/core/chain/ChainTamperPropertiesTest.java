package dev.provenance.core.chain;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.provenance.api.VerificationException;
import dev.provenance.api.digest.DigestAlgorithm;
import dev.provenance.api.digest.DigestSet;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/** A changed byte anywhere in the signed chain, or in the artifact's digest, fails verification. */
class ChainTamperPropertiesTest {
  private static final LongChain CHAIN = create();

  private static LongChain create() {
    try {
      return new LongChain(3);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static boolean inKeyIdHint(byte[] line, int offset) {
    // the keyid member is an unauthenticated hint (DSSE): changing its value, or its name (which
    // turns it into an unknown member that must be ignored), changes no verdict by design
    String s = new String(line, US_ASCII);
    int start = s.indexOf("\"keyid\":\"");
    if (start < 0) {
      return false;
    }
    int end = s.indexOf('"', start + 9);
    return offset > start && offset < end;
  }

  @Property(tries = 300)
  void verify_oneByteChangedInAnyAttestation_fails(
      @ForAll @IntRange(min = 0, max = 2) int line,
      @ForAll @IntRange(min = 0, max = 100_000) int position,
      @ForAll @IntRange(min = 1, max = 255) int xor)
      throws Exception {
    byte[] original = CHAIN.lines.get(line);
    int offset = position % original.length;
    if (inKeyIdHint(original, offset)) {
      return;
    }
    List<byte[]> lines = new ArrayList<>(CHAIN.lines);
    byte[] changed = original.clone();
    changed[offset] = (byte) (changed[offset] ^ xor);
    lines.set(line, changed);
    ChainVerifier v = ChainVerifier.newBuilder().policy(CHAIN.policy).build();
    assertThat(catchThrowableOfType(VerificationException.class, () -> v.verify(CHAIN.last, lines)))
        .as("line %d offset %d", line, offset)
        .isNotNull();
  }

  @Property(tries = 100)
  void verify_oneHexDigitOfArtifactChanged_fails(@ForAll @IntRange(min = 0, max = 63) int index)
      throws Exception {
    String hex = CHAIN.last.get(DigestAlgorithm.SHA256).orElseThrow();
    char c = hex.charAt(index);
    char other = c == '0' ? '1' : '0';
    DigestSet changed = DigestSet.of(DigestAlgorithm.SHA256, hex.substring(0, index) + other + hex.substring(index + 1));
    ChainVerifier v = ChainVerifier.newBuilder().policy(CHAIN.policy).build();
    assertThat(catchThrowableOfType(VerificationException.class, () -> v.verify(changed, CHAIN.lines))).isNotNull();
  }
}
