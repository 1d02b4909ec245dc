package dev.provenance.sigstore.slsa;

import static org.assertj.core.api.Assertions.assertThat;

import dev.provenance.core.json.JsonCodec;
import dev.provenance.sigstore.testing.Vectors;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProvenanceEntriesTest {
  private static List<ProvenanceEntries.Entry> split(String text) throws Exception {
    return ProvenanceEntries.split(text.getBytes(StandardCharsets.UTF_8), JsonCodec.standard(), 8);
  }

  @Test
  void split_jsonLines_oneEntryPerNonBlankLine() throws Exception {
    List<ProvenanceEntries.Entry> e = split("{\"a\":1}\n\n  \r\n{\"b\":2}\r\n{\"c\":3}");
    assertThat(e).extracting(ProvenanceEntries.Entry::index).containsExactly(0, 1, 2);
    assertThat(new String(e.get(1).json(), StandardCharsets.UTF_8)).isEqualTo("{\"b\":2}\r");
  }

  @Test
  void split_prettyPrintedDocument_isOneEntry() throws Exception {
    byte[] bundle = Vectors.bytes("sigstore-js/bundleV03-dsse.sigstore");
    assertThat(new String(bundle, StandardCharsets.UTF_8)).contains("\n");
    List<ProvenanceEntries.Entry> e = ProvenanceEntries.split(bundle, JsonCodec.standard(), 8);
    assertThat(e).singleElement().satisfies(x -> assertThat(x.json()).isEqualTo(bundle));
  }

  @Test
  void split_blankFile_isEmpty() throws Exception {
    assertThat(split("")).isEmpty();
    assertThat(split("\n \n\t\n")).isEmpty();
  }
}
