package dev.provenance.sigstore.testing;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The certificate-related parts of a Sigstore bundle, read minimally from peer test data.
 *
 * @param certificates DER certificates, leaf first (v0.3 {@code certificate} or the v0.1/v0.2
 *     chain)
 * @param integratedTimes the tlog entries' integrated times (absent for Rekor v2 entries)
 * @param timestamps the DER RFC 3161 time-stamp responses
 * @param signature the artifact signature: {@code messageSignature.signature} or the DSSE
 *     envelope's only signature
 */
public record BundleFixture(
    List<byte[]> certificates, List<Instant> integratedTimes, List<byte[]> timestamps,
    byte[] signature) {

  /**
   * Loads a bundle vector.
   *
   * @param path the vector path
   * @return the fixture
   */
  public static BundleFixture load(String path) {
    Object bundle = Vectors.json(path, 0);
    List<byte[]> certs = new ArrayList<>();
    String single = Json.string(bundle, "verificationMaterial", "certificate", "rawBytes");
    if (single != null) {
      certs.add(Vectors.base64(single));
    }
    for (Object c :
        Json.list(bundle, "verificationMaterial", "x509CertificateChain", "certificates")) {
      certs.add(Vectors.base64(Json.string(c, "rawBytes")));
    }
    List<Instant> times = new ArrayList<>();
    for (Object entry : Json.list(bundle, "verificationMaterial", "tlogEntries")) {
      String time = Json.string(entry, "integratedTime");
      if (time != null && !time.equals("0")) {
        times.add(Instant.ofEpochSecond(Long.parseLong(time)));
      }
    }
    List<byte[]> timestamps = new ArrayList<>();
    for (Object ts :
        Json.list(
            bundle, "verificationMaterial", "timestampVerificationData", "rfc3161Timestamps")) {
      timestamps.add(Vectors.base64(Json.string(ts, "signedTimestamp")));
    }
    String signature = Json.string(bundle, "messageSignature", "signature");
    if (signature == null) {
      signature = Json.string(bundle, "dsseEnvelope", "signatures", 0, "sig");
    }
    return new BundleFixture(
        certs, times, timestamps, signature == null ? new byte[0] : Vectors.base64(signature));
  }
}
