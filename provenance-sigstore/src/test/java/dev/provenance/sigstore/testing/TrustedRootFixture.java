package dev.provenance.sigstore.testing;

import dev.provenance.api.Bytes;
import dev.provenance.sigstore.internal.ct.CtLog;
import dev.provenance.sigstore.internal.tsa.TimestampAuthority;
import dev.provenance.sigstore.internal.x509.CertificateAuthority;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.bouncycastle.asn1.DERNull;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;

/**
 * The parts of a Sigstore trusted root JSON that certificate, CT and TSA checks need, read
 * minimally from peer test data (the trusted-root model itself lives elsewhere in the module).
 *
 * @param cas the certificate authorities
 * @param ctLogs the CT logs
 * @param tsas the time-stamping authorities
 */
public record TrustedRootFixture(
    List<CertificateAuthority> cas, List<CtLog> ctLogs, List<TimestampAuthority> tsas) {

  /**
   * Loads a trusted root vector.
   *
   * @param path the vector path; {@code .jsonl} files take {@code line}
   * @param line 0-based line of a JSON Lines file
   * @return the fixture
   */
  public static TrustedRootFixture load(String path, int line) {
    Object root = Vectors.json(path, line);
    List<CertificateAuthority> cas = new ArrayList<>();
    for (Object ca : Json.list(root, "certificateAuthorities")) {
      cas.add(
          new CertificateAuthority(
              Vectors.certificates(Json.list(ca, "certChain", "certificates")),
              start(ca),
              end(ca),
              operator(ca)));
    }
    List<TimestampAuthority> tsas = new ArrayList<>();
    for (Object tsa : Json.list(root, "timestampAuthorities")) {
      tsas.add(
          new TimestampAuthority(
              Vectors.certificates(Json.list(tsa, "certChain", "certificates")),
              start(tsa),
              end(tsa),
              operator(tsa)));
    }
    List<CtLog> logs = new ArrayList<>();
    for (Object log : Json.list(root, "ctlogs")) {
      Object key = Json.at(log, "publicKey");
      logs.add(
          new CtLog(
              Bytes.of(Vectors.base64(Json.string(log, "logId", "keyId"))),
              publicKey(
                  Vectors.base64(Json.string(key, "rawBytes")), Json.string(key, "keyDetails")),
              Instant.parse(Json.string(key, "validFor", "start")),
              Optional.ofNullable(Json.string(key, "validFor", "end")).map(Instant::parse),
              operator(log)));
    }
    return new TrustedRootFixture(cas, logs, tsas);
  }

  private static Instant start(Object entry) {
    return Instant.parse(Json.string(entry, "validFor", "start"));
  }

  private static Optional<Instant> end(Object entry) {
    return Optional.ofNullable(Json.string(entry, "validFor", "end")).map(Instant::parse);
  }

  private static String operator(Object entry) {
    String operator = Json.string(entry, "operator");
    return operator == null ? "" : operator;
  }

  private static PublicKey publicKey(byte[] raw, String details) {
    try {
      byte[] spki = raw;
      if (details != null && details.startsWith("PKCS1_RSA")) {
        spki =
            new SubjectPublicKeyInfo(
                    new AlgorithmIdentifier(PKCSObjectIdentifiers.rsaEncryption, DERNull.INSTANCE),
                    raw)
                .getEncoded();
      }
      String algorithm =
          SubjectPublicKeyInfo.getInstance(spki)
                  .getAlgorithm()
                  .getAlgorithm()
                  .equals(PKCSObjectIdentifiers.rsaEncryption)
              ? "RSA"
              : "EC";
      return KeyFactory.getInstance(algorithm).generatePublic(new X509EncodedKeySpec(spki));
    } catch (GeneralSecurityException | IOException e) {
      throw new IllegalArgumentException(e);
    }
  }
}
