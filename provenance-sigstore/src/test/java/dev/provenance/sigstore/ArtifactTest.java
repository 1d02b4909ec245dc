package dev.provenance.sigstore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.provenance.api.ErrorCode;
import dev.provenance.api.MalformedInputException;
import dev.provenance.api.digest.DigestAlgorithm;
import dev.provenance.api.digest.DigestSet;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class ArtifactTest {
  private static final String A_TXT_SHA256 =
      "a0cfc71271d6e278e57cd332ff957c3f7043fdda354c4cbb190a30d56efa01bf";

  @Test
  void ofBytes_computesEveryRequestedDigestFromTheBytes() {
    byte[] data = "abc".getBytes(StandardCharsets.UTF_8);
    Artifact a = Artifact.ofBytes(data);
    data[0] = 'x'; // the artifact keeps its own copy
    assertThat(a.digest(DigestAlgorithm.SHA256))
        .contains("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    assertThat(a.digests(List.of(DigestAlgorithm.SHA256, DigestAlgorithm.SHA512)).digests()).hasSize(2);
    assertThat(a.digest(DigestAlgorithm.GIT_COMMIT)).isEmpty();
    assertThat(a.hasBytes()).isTrue();
  }

  @Test
  void parseDigest_conformanceForm_givesADigestOnlyArtifact() throws Exception {
    Artifact a = Artifact.parseDigest("sha256:" + A_TXT_SHA256);
    assertThat(a.hasBytes()).isFalse();
    assertThat(a.bytes()).isEmpty();
    assertThat(a.digest(DigestAlgorithm.SHA256)).contains(A_TXT_SHA256);
    assertThat(a.digest(DigestAlgorithm.SHA512)).isEmpty();
    assertThat(Artifact.ofDigest(DigestSet.of(DigestAlgorithm.SHA256, A_TXT_SHA256)).digest(DigestAlgorithm.SHA256))
        .contains(A_TXT_SHA256);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "sha256",
        ":abcd",
        "sha256:",
        "sha256:ABCDEF",
        "sha256:a0cfc71271d6e278e57cd332ff957c3f7043fdda354c4cbb190a30d56efa01b",
        "md6:a0cf",
        "gitCommit:a0cfc71271d6e278e57cd332ff957c3f7043fdda",
        "sha256: a0cfc71271d6e278e57cd332ff957c3f7043fdda354c4cbb190a30d56efa01bf"
      })
  void parseDigest_malformed_throwsMalformedInput(String text) {
    assertThatThrownBy(() -> Artifact.parseDigest(text))
        .isInstanceOf(MalformedInputException.class)
        .extracting(e -> ((MalformedInputException) e).code())
        .isEqualTo(ErrorCode.MALFORMED_INPUT);
  }
}
