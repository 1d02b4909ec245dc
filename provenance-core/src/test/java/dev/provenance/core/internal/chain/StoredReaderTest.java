package dev.provenance.core.internal.chain;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StoredReaderTest {
  @TempDir Path tmp;

  private static List<String> read(StoredReader r, String text) throws Exception {
    List<String> out = new ArrayList<>();
    r.readLines("f.jsonl", new ByteArrayInputStream(text.getBytes(UTF_8)), (loc, bytes, over) -> {
      out.add(loc + "=" + (over ? "OVERSIZED" : new String(bytes, UTF_8)));
      return true;
    });
    return out;
  }

  @Test
  void readLines_skipsBlankLinesAndStripsCarriageReturns() throws Exception {
    assertThat(read(new StoredReader(100), "a\r\n\n  \nb\nc"))
        .containsExactly("f.jsonl:1=a", "f.jsonl:4=b", "f.jsonl:5=c");
  }

  @Test
  void readLines_overlongLine_isReportedWithoutBeingKept() throws Exception {
    String big = "x".repeat(200_000);
    assertThat(read(new StoredReader(10), "short\n" + big + "\nnext\n" + big))
        .containsExactly("f.jsonl:1=short", "f.jsonl:2=OVERSIZED", "f.jsonl:3=next", "f.jsonl:4=OVERSIZED");
  }

  @Test
  void readLines_lineOfExactlyTheCap_isKept() throws Exception {
    assertThat(read(new StoredReader(5), "12345\n123456\n")).containsExactly("f.jsonl:1=12345", "f.jsonl:2=OVERSIZED");
  }

  @Test
  void read_directory_takesAttestationFilesInNameOrder() throws Exception {
    Files.writeString(tmp.resolve("b.intoto.jsonl"), "b1\nb2\n", UTF_8);
    Files.writeString(tmp.resolve("a.link"), "{\"a\":1}\n", UTF_8);
    Files.writeString(tmp.resolve("notes.txt"), "ignored", UTF_8);
    Files.createDirectories(tmp.resolve("sub.json"));
    List<String> out = new ArrayList<>();
    new StoredReader(100).read(List.of(tmp), (loc, bytes, over) -> out.add(loc + "=" + new String(bytes, UTF_8)));
    assertThat(out).containsExactly("a.link={\"a\":1}\n", "b.intoto.jsonl:1=b1", "b.intoto.jsonl:2=b2");
  }

  @Test
  void read_sinkStops_readsNoFurther() throws Exception {
    Files.writeString(tmp.resolve("x.jsonl"), "1\n2\n3\n", UTF_8);
    List<String> out = new ArrayList<>();
    new StoredReader(100).read(List.of(tmp), (loc, bytes, over) -> out.add(loc) && out.size() < 2);
    assertThat(out).containsExactly("x.jsonl:1", "x.jsonl:2");
  }
}
