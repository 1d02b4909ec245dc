package dev.provenance.sigstore.internal.verify;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TrustMaterialTest {
  @Test
  void checkpointNames_urlWithoutPort_isTheHost() {
    assertThat(TrustMaterial.checkpointNames("https://log2025-1.rekor.sigstore.dev"))
        .containsExactly("log2025-1.rekor.sigstore.dev");
    assertThat(TrustMaterial.checkpointNames("https://rekor.sigstore.dev/api/v1"))
        .containsExactly("rekor.sigstore.dev");
  }

  @Test
  void checkpointNames_urlWithPort_isHostAndPortThenHost() {
    assertThat(TrustMaterial.checkpointNames("http://127.0.0.1:41234"))
        .containsExactly("127.0.0.1:41234", "127.0.0.1");
  }

  @Test
  void checkpointNames_notAUrl_isTheTextItself() {
    assertThat(TrustMaterial.checkpointNames("log.example")).containsExactly("log.example");
    assertThat(TrustMaterial.checkpointNames("http://[bad")).containsExactly("http://[bad");
  }
}
