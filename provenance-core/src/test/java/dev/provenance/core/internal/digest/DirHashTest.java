package dev.provenance.core.internal.digest;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

class DirHashTest {
  private static final HexFormat HEX = HexFormat.of();

  /**
   * The worked example of the in-toto DigestSet spec (spec/v1/digest_set.md, {@code dirHash}): the
   * module github.com/marklodato/go-hello-world@v0.0.1, whose sum.golang.org entry is {@code
   * h1:Khu2En+0gcYPZ2kuIihfswbzxv/mIHXgzPZ018Oty48=}.
   */
  @Test
  void hash_publishedGoModuleExample_equalsPublishedH1() {
    String prefix = "github.com/marklodato/go-hello-world@v0.0.1/";
    List<DirHash.Line> lines =
        List.of(
            line("3a137eef6458bfb76bb2c63fc29ffc7166604d2d2e09ed9d8250a534122a8364", prefix + "README.md"),
            line("28e7c942a036902d981759d0bf5704d2bfc7cb500caf68b84711b234af01c6a5", prefix + "go.mod"),
            line("ddc4da627d9a9f45fb29641a1b185d6f53287ecfd921aacbf4fe54b7a86fe8d1", prefix + "main.go"));
    byte[] h = DirHash.hash(DirHash.summary(lines));
    assertThat(HEX.formatHex(h))
        .isEqualTo("2a1bb6127fb481c60f67692e22285fb306f3c6ffe62075e0ccf674d7c3adcb8f");
    assertThat("h1:" + Base64.getEncoder().encodeToString(h))
        .isEqualTo("h1:Khu2En+0gcYPZ2kuIihfswbzxv/mIHXgzPZ018Oty48=");
  }

  /** Go's own test (dirhash TestHash1): files "xyz" and "abc" with content "data for NAME". */
  @Test
  void summary_goTestHash1_sortedLinesWithTwoSpaces() throws Exception {
    List<DirHash.Line> lines = List.of(line(sha("data for abc"), "abc"), line(sha("data for xyz"), "xyz"));
    String expected = sha("data for abc") + "  abc\n" + sha("data for xyz") + "  xyz\n";
    assertThat(DirHash.summary(lines)).isEqualTo(expected);
    assertThat(HEX.formatHex(DirHash.hash(expected))).isEqualTo(sha(expected));
  }

  @Test
  void hash_noFiles_isSha256OfEmpty() {
    assertThat(HEX.formatHex(DirHash.hash(DirHash.summary(List.of()))))
        .isEqualTo("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  }

  private static DirHash.Line line(String hex, String name) {
    return new DirHash.Line(name, HEX.parseHex(hex));
  }

  private static String sha(String s) throws Exception {
    return HEX.formatHex(
        MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
  }
}
