package dev.provenance.sigstore.internal.fulcio;

import dev.provenance.api.Bytes;
import dev.provenance.api.ErrorCode;
import dev.provenance.api.KeyMaterialException;
import dev.provenance.api.MalformedInputException;
import dev.provenance.api.SigningException;
import dev.provenance.api.json.JsonArray;
import dev.provenance.api.json.JsonObject;
import dev.provenance.api.json.JsonString;
import dev.provenance.api.json.JsonValue;
import dev.provenance.api.signing.KeyId;
import dev.provenance.core.internal.crypto.Pem;
import dev.provenance.core.internal.crypto.PublicKeyMaterial;
import dev.provenance.core.json.JsonCodec;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The Fulcio v2 {@code signingCert} exchange (<a
 * href="https://github.com/sigstore/fulcio/blob/main/fulcio.proto">fulcio.proto</a>, REST mapping
 * {@code POST /api/v2/signingCert}): the request with the public key and its proof of possession,
 * and the checks on the answer.
 *
 * <p>The proof of possession is the signature of the token's challenge (its {@code sub} claim, or
 * its email for email identities) with the key to be certified; Fulcio verifies it before it
 * issues a certificate for that key. The answer is trusted only as far as these checks go: a
 * certificate chain in PEM, at most {@link #MAX_CERTIFICATES} certificates, whose leaf certifies
 * exactly the key that asked. Whether the chain leads to a trusted Fulcio root is checked later,
 * when the finished bundle is verified. Stateless and thread-safe.
 */
public final class CertificateRequests {
  /** Path of the signing certificate endpoint, relative to the Fulcio base URL. */
  public static final String PATH = "/api/v2/signingCert";

  /** Most certificates accepted in Fulcio's chain. */
  public static final int MAX_CERTIFICATES = 10;

  private CertificateRequests() {}

  /**
   * Builds the JSON request body.
   *
   * @param token the raw identity token
   * @param key the key to certify
   * @param challenge the value to sign as proof of possession
   * @return the request body
   */
  public static byte[] publicKeyRequest(String token, EphemeralKey key, String challenge) {
    Bytes proof = key.sign(challenge.getBytes(StandardCharsets.UTF_8));
    String pem = Pem.encode("PUBLIC KEY", key.subjectPublicKeyInfo());
    JsonObject body =
        JsonObject.newBuilder()
            .put(
                "credentials",
                JsonObject.newBuilder().put("oidcIdentityToken", token).build())
            .put(
                "publicKeyRequest",
                JsonObject.newBuilder()
                    .put(
                        "publicKey",
                        JsonObject.newBuilder()
                            .put("algorithm", "ECDSA")
                            .put("content", pem)
                            .build())
                    .put("proofOfPossession", proof.toBase64())
                    .build())
            .build();
    return JsonCodec.standard().write(body);
  }

  /**
   * Reads Fulcio's answer and checks that its leaf certifies the requesting key.
   *
   * @param response the response body
   * @param requester the key id of the key that asked
   * @return the chain, leaf first, as DER
   * @throws SigningException {@code MALFORMED_INPUT} for an answer that is not a certificate chain;
   *     {@code RESOURCE_LIMIT_EXCEEDED} for too many certificates; {@code BINDING_MISMATCH} if the
   *     leaf certifies another key
   */
  public static List<Bytes> readChain(byte[] response, KeyId requester) throws SigningException {
    JsonObject root;
    try {
      root = JsonCodec.standard().parseObject(response);
    } catch (MalformedInputException e) {
      throw new SigningException(
          e.code(), e.location().orElse(""), "Fulcio answer: " + e.getMessage(), e);
    }
    Optional<JsonValue> embedded = root.get("signedCertificateEmbeddedSct");
    Optional<JsonValue> detached = root.get("signedCertificateDetachedSct");
    if (embedded.isPresent() == detached.isPresent()) {
      throw malformed("", "Fulcio answer has not exactly one of signedCertificateEmbeddedSct and "
          + "signedCertificateDetachedSct");
    }
    String at = embedded.isPresent() ? "/signedCertificateEmbeddedSct" : "/signedCertificateDetachedSct";
    JsonObject signed = object(embedded.orElseGet(detached::get), at);
    JsonObject chain = object(member(signed, "chain", at), at + "/chain");
    String cat = at + "/chain/certificates";
    JsonValue certs = member(chain, "certificates", at + "/chain");
    if (!(certs instanceof JsonArray) || ((JsonArray) certs).elements().isEmpty()) {
      throw malformed(cat, "not a non-empty array");
    }
    List<JsonValue> elements = ((JsonArray) certs).elements();
    if (elements.size() > MAX_CERTIFICATES) {
      throw new SigningException(
          ErrorCode.RESOURCE_LIMIT_EXCEEDED, cat, "more than " + MAX_CERTIFICATES + " certificates");
    }
    List<Bytes> out = new ArrayList<>(elements.size());
    for (int i = 0; i < elements.size(); i++) {
      String eat = cat + "/" + i;
      if (!(elements.get(i) instanceof JsonString)) {
        throw malformed(eat, "not a PEM string");
      }
      out.add(Bytes.wrap(certificate(((JsonString) elements.get(i)).value(), eat)));
    }
    KeyId leafKey;
    try {
      leafKey = PublicKeyMaterial.parseCertificate(out.get(0).toByteArray(), cat + "/0").keyId();
    } catch (KeyMaterialException e) {
      throw new SigningException(e.code(), cat + "/0", "Fulcio leaf key: " + e.getMessage(), e);
    }
    if (!leafKey.equals(requester)) {
      throw new SigningException(
          ErrorCode.BINDING_MISMATCH, cat + "/0", "Fulcio certified another key than the one that asked");
    }
    return List.copyOf(out);
  }

  private static byte[] certificate(String pem, String at) throws SigningException {
    Pem.Block block;
    try {
      block = Pem.parseSingle(pem);
    } catch (KeyMaterialException e) {
      throw new SigningException(e.code(), at, "Fulcio certificate: " + e.getMessage(), e);
    }
    if (!block.label().equals("CERTIFICATE")) {
      throw malformed(at, "a " + block.label() + " block, not a CERTIFICATE");
    }
    byte[] der = block.der();
    try {
      X509Certificate cert =
          (X509Certificate)
              CertificateFactory.getInstance("X.509")
                  .generateCertificate(new ByteArrayInputStream(der));
      if (!java.security.MessageDigest.isEqual(cert.getEncoded(), der)) {
        throw malformed(at, "certificate is not in DER");
      }
    } catch (CertificateException | RuntimeException e) {
      throw new SigningException(ErrorCode.MALFORMED_INPUT, at, "not an X.509 certificate", e);
    }
    return der;
  }

  private static JsonValue member(JsonObject o, String name, String at) throws SigningException {
    return o.get(name).orElseThrow(() -> malformed(at + "/" + name, "missing"));
  }

  private static JsonObject object(JsonValue v, String at) throws SigningException {
    if (!(v instanceof JsonObject)) {
      throw malformed(at, "not an object");
    }
    return (JsonObject) v;
  }

  private static SigningException malformed(String at, String message) {
    return new SigningException(ErrorCode.MALFORMED_INPUT, at, message);
  }
}
