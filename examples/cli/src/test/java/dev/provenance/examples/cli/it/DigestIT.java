package dev.provenance.examples.cli.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.provenance.api.json.JsonArray;
import dev.provenance.api.json.JsonObject;
import dev.provenance.api.json.JsonString;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DigestIT {
  // printf 'hello\n' | sha256sum / sha512sum; git hash-object
  private static final String SHA256 =
      "5891b5b522d5df086d0ff0b110fbd9d21bb4fc7163af34d08286a2e846f6be03";
  private static final String GIT_BLOB = "ce013625030ba8dba906f756967f9e9ca394464a";
  // mkdir t && printf 'x\n' > t/f && cd t && git init && git add -A && git write-tree
  private static final String GIT_TREE = "a1dffc7a64c0b2d395484bf452e9aeb1da3a18f2";

  @TempDir Path dir;

  @Test
  void digest_file_printsSha256Line() {
    Cli cli = new Cli(dir);
    cli.file("a.txt", "hello\n");
    assertThat(cli.run("digest", "a.txt").exits(0).out())
        .isEqualTo("sha256:" + SHA256 + "  a.txt" + System.lineSeparator());
  }

  @Test
  void digest_severalAlgorithmsJson_printsEveryDigest() {
    Cli cli = new Cli(dir);
    cli.file("a.txt", "hello\n");
    JsonObject json =
        cli.run("digest", "--algorithm", "sha256,gitBlob", "--format", "json", "a.txt").exits(0).json();
    JsonObject first = (JsonObject) ((JsonArray) json.get("digests").orElseThrow()).elements().get(0);
    JsonObject digest = (JsonObject) first.get("digest").orElseThrow();
    assertThat(digest.get("sha256")).contains(new JsonString(SHA256));
    assertThat(digest.get("gitBlob")).contains(new JsonString(GIT_BLOB));
  }

  @Test
  void digest_directory_printsDirHashAndGitTree() throws Exception {
    Cli cli = new Cli(dir);
    cli.file("t/f", "x\n");
    String out = cli.run("digest", "t").exits(0).out();
    assertThat(out).contains("gitTree:" + GIT_TREE + "  t").contains("dirHash:");
  }

  @Test
  void digest_missingFile_exits2() {
    new Cli(dir).run("digest", "missing.txt").exits(2);
  }

  @Test
  void digest_unknownAlgorithm_exits2() {
    Cli cli = new Cli(dir);
    cli.file("a.txt", "hello\n");
    cli.run("digest", "--algorithm", "sha257", "a.txt").exits(2);
  }

  @Test
  void digest_symlinkInTree_exits1WithCodeAndLocation() throws Exception {
    Cli cli = new Cli(dir);
    cli.file("t/f", "x\n");
    Files.createSymbolicLink(dir.resolve("t/link"), dir.resolve("t/f"));
    Cli.Result r = cli.run("digest", "t").exits(1);
    assertThat(r.err()).startsWith("error: MALFORMED_INPUT at ");
  }
}
