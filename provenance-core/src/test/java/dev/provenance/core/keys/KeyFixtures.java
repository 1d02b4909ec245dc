package dev.provenance.core.keys;

import dev.provenance.api.signing.SignatureAlgorithm;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.util.EnumMap;
import java.util.Map;

/** Shared test fixtures: vector files and one generated key pair per algorithm. */
final class KeyFixtures {
  private static final Map<SignatureAlgorithm, KeyPair> PAIRS = new EnumMap<>(SignatureAlgorithm.class);

  private KeyFixtures() {}

  static byte[] resource(String path) {
    try (InputStream in = KeyFixtures.class.getResourceAsStream("/" + path)) {
      if (in == null) {
        throw new IllegalArgumentException("missing test resource " + path);
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static String text(String path) {
    return new String(resource(path), StandardCharsets.UTF_8);
  }

  /** One key pair per algorithm, generated once per test run (RSA generation is slow). */
  static synchronized KeyPair pair(SignatureAlgorithm algorithm) {
    return PAIRS.computeIfAbsent(algorithm, JcaKeys::generate);
  }

  static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
