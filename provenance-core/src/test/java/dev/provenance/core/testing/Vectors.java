package dev.provenance.core.testing;

import dev.provenance.api.Bytes;
import dev.provenance.api.dsse.Envelope;
import dev.provenance.api.dsse.EnvelopeSignature;
import dev.provenance.api.json.JsonArray;
import dev.provenance.api.json.JsonObject;
import dev.provenance.api.json.JsonString;
import dev.provenance.api.json.JsonValue;
import dev.provenance.core.json.JsonCodec;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/** Loads copied peer vectors from {@code src/test/resources/vectors}. */
public final class Vectors {
  private Vectors() {}

  /** Returns the bytes of a vector file, e.g. {@code dsse-spec/hello-world.envelope.json}. */
  public static byte[] bytes(String path) {
    try (InputStream in = Vectors.class.getResourceAsStream("/vectors/" + path)) {
      if (in == null) {
        throw new IllegalArgumentException("no vector " + path);
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Returns a vector file as UTF-8 text. */
  public static String text(String path) {
    return new String(bytes(path), StandardCharsets.UTF_8);
  }

  /**
   * Reads a DSSE envelope with the JSON value parser and a plain base64 decoder: an independent
   * reading for tests of the verifier alone.
   */
  public static Envelope envelope(byte[] json) throws Exception {
    JsonObject o = JsonCodec.standard().parseObject(json);
    List<EnvelopeSignature> sigs = new ArrayList<>();
    for (JsonValue v : ((JsonArray) o.get("signatures").orElseThrow()).elements()) {
      JsonObject s = (JsonObject) v;
      String keyid = s.get("keyid").map(k -> ((JsonString) k).value()).orElse("");
      sigs.add(new EnvelopeSignature(keyid, Bytes.of(decode(string(s, "sig")))));
    }
    return new Envelope(string(o, "payloadType"), Bytes.of(decode(string(o, "payload"))), sigs);
  }

  /** Reads an SPKI PEM public key with the JDK alone. */
  public static PublicKey publicKey(String pem, String algorithm) throws Exception {
    String body =
        pem.replaceAll("-----(BEGIN|END) PUBLIC KEY-----", "").replaceAll("\\s", "");
    return KeyFactory.getInstance(algorithm)
        .generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(body)));
  }

  private static String string(JsonObject o, String name) {
    return ((JsonString) o.get(name).orElseThrow()).value();
  }

  private static byte[] decode(String b64) {
    return b64.indexOf('-') >= 0 || b64.indexOf('_') >= 0
        ? Base64.getUrlDecoder().decode(b64)
        : Base64.getDecoder().decode(b64);
  }
}
