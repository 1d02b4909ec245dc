package dev.provenance.core.internal.chain;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class EvidenceReaderTest {
  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "{\"payload\":\"e30=\",\"payloadType\":\"application/vnd.in-toto+json\",\"signatures\":[]}|0",
        "{\"signatures\":[{\"keyid\":\"a\",\"sig\":\"00\"}],\"signed\":{\"_type\":\"link\"}}|1",
        "{\"mediaType\":\"application/vnd.dev.sigstore.bundle.v0.3+json\",\"verificationMaterial\":{},\"dsseEnvelope\":{}}|2",
        " { \"payloadType\" : \"x\\\"signed\\\"\" , \"payload\":\"\" } |0",
        "{\"payload\":\"x\",\"nested\":{\"signed\":{}}}|0",
        "not json|0",
        "{\"signed\"|1",
        "[]|0",
      })
  void sniff_topLevelMembers_pickTheParser(String json, int kind) {
    assertThat(EvidenceReader.sniff(json.getBytes(UTF_8))).isEqualTo(kind);
  }
}
