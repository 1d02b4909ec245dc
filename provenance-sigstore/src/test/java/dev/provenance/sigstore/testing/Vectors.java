package dev.provenance.sigstore.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;

/** Reads peer vectors copied under {@code src/test/resources/vectors/}. */
public final class Vectors {
  private Vectors() {}

  /**
   * Returns the bytes of a vector file.
   *
   * @param path relative to {@code vectors/}, for example {@code sigstore-java/bundle.sigstore}
   * @return the bytes
   */
  public static byte[] bytes(String path) {
    try (InputStream in = Vectors.class.getResourceAsStream("/vectors/" + path)) {
      if (in == null) {
        throw new IllegalArgumentException("missing vector " + path);
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Parses a JSON vector, or one line of a JSON Lines vector.
   *
   * @param path the vector
   * @param line the 0-based line for {@code .jsonl}; ignored otherwise
   * @return the parsed document
   */
  public static Object json(String path, int line) {
    String text = new String(bytes(path), StandardCharsets.UTF_8);
    if (path.endsWith(".jsonl")) {
      text = text.split("\n")[line];
    }
    return Json.parse(text);
  }

  /**
   * Decodes standard base64 (line breaks allowed, as some vectors wrap it).
   *
   * @param text the base64 text
   * @return the bytes
   */
  public static byte[] base64(String text) {
    return Base64.getMimeDecoder().decode(text);
  }

  /**
   * Decodes lowercase or uppercase hexadecimal.
   *
   * @param hex an even number of hex digits
   * @return the bytes
   */
  public static byte[] hex(String hex) {
    byte[] out = new byte[hex.length() / 2];
    for (int i = 0; i < out.length; i++) {
      out[i] = (byte) Integer.parseInt(hex.substring(2 * i, 2 * i + 2), 16);
    }
    return out;
  }

  /**
   * Returns {@code depth} nested SEQUENCEs around a NULL, with definite lengths.
   *
   * @param depth how many levels
   * @return the encoding
   */
  public static byte[] nestedSequences(int depth) {
    byte[] current = {0x05, 0x00};
    for (int i = 0; i < depth; i++) {
      int length = current.length;
      byte[] header;
      if (length < 0x80) {
        header = new byte[] {0x30, (byte) length};
      } else if (length < 0x100) {
        header = new byte[] {0x30, (byte) 0x81, (byte) length};
      } else if (length < 0x10000) {
        header = new byte[] {0x30, (byte) 0x82, (byte) (length >> 8), (byte) length};
      } else {
        header =
            new byte[] {0x30, (byte) 0x83, (byte) (length >> 16), (byte) (length >> 8), (byte) length};
      }
      byte[] next = Arrays.copyOf(header, header.length + length);
      System.arraycopy(current, 0, next, header.length, length);
      current = next;
    }
    return current;
  }

  /**
   * Parses a DER certificate with the JDK (the test oracle, not the code under test).
   *
   * @param der the encoding
   * @return the certificate
   */
  public static X509Certificate certificate(byte[] der) {
    try {
      return (X509Certificate)
          CertificateFactory.getInstance("X.509")
              .generateCertificate(new java.io.ByteArrayInputStream(der));
    } catch (CertificateException e) {
      throw new IllegalArgumentException(e);
    }
  }

  /**
   * Parses a list of {@code {"rawBytes": b64}} objects into certificates.
   *
   * @param items the JSON list
   * @return the certificates
   */
  public static List<X509Certificate> certificates(List<Object> items) {
    List<X509Certificate> out = new ArrayList<>();
    for (Object item : items) {
      out.add(certificate(base64(Json.string(item, "rawBytes"))));
    }
    return out;
  }

  /**
   * Returns the UTF-8 text of a vector file.
   *
   * @param path relative to {@code vectors/}
   * @return the text
   */
  public static String text(String path) {
    return new String(bytes(path), StandardCharsets.UTF_8);
  }
}
