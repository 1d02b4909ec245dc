package dev.provenance.core.keys;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Tink is optional: no compiled class of the core module other than {@link TinkKeys} may refer
 * to a Tink type, so applications without Tink on the class path never try to load it.
 */
class TinkIsolationTest {
  @Test
  void classes_otherThanTinkKeys_neverReferenceTink() throws Exception {
    URI location = PemKeys.class.getProtectionDomain().getCodeSource().getLocation().toURI();
    Path root = Path.of(location);
    List<String> offenders;
    try (Stream<Path> files = Files.walk(root)) {
      offenders =
          files
              .filter(p -> p.toString().endsWith(".class"))
              .filter(p -> !p.getFileName().toString().startsWith("TinkKeys"))
              .filter(TinkIsolationTest::mentionsTink)
              .map(p -> root.relativize(p).toString())
              .collect(Collectors.toList());
    }

    assertThat(root.resolve("dev/provenance/core/keys/TinkKeys.class")).exists();
    assertThat(offenders).isEmpty();
  }

  private static boolean mentionsTink(Path classFile) {
    try {
      return new String(Files.readAllBytes(classFile), StandardCharsets.ISO_8859_1)
          .contains("com/google/crypto/tink");
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
