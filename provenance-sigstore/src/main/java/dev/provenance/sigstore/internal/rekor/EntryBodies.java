package dev.provenance.sigstore.internal.rekor;

import static dev.provenance.sigstore.internal.bundle.ProtoJson.array;
import static dev.provenance.sigstore.internal.bundle.ProtoJson.field;
import static dev.provenance.sigstore.internal.bundle.ProtoJson.object;
import static dev.provenance.sigstore.internal.bundle.ProtoJson.string;

import dev.provenance.api.Bytes;
import dev.provenance.api.ErrorCode;
import dev.provenance.api.KeyMaterialException;
import dev.provenance.api.MalformedInputException;
import dev.provenance.api.VerificationException;
import dev.provenance.api.digest.DigestAlgorithm;
import dev.provenance.api.dsse.Envelope;
import dev.provenance.api.json.JsonObject;
import dev.provenance.api.json.JsonValue;
import dev.provenance.core.internal.crypto.Pem;
import dev.provenance.core.internal.crypto.PublicKeyMaterial;
import dev.provenance.core.internal.dsse.Pae;
import dev.provenance.core.internal.util.Hex;
import dev.provenance.core.json.JsonCodec;
import dev.provenance.sigstore.TransparencyLogEntry;
import dev.provenance.sigstore.internal.bundle.BundleJson;
import dev.provenance.sigstore.internal.bundle.HashAlgorithms;
import dev.provenance.sigstore.internal.bundle.ProtoJson;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import java.util.Optional;

/**
 * Checks that a canonicalized Rekor entry body describes exactly this bundle: its signature, its
 * signer and its artifact or envelope. A valid log entry spliced from another bundle fails here
 * with {@code BINDING_MISMATCH}.
 *
 * <p>Supported bodies: {@code hashedrekord} 0.0.1 and 0.0.2, {@code dsse} 0.0.1, {@code intoto}
 * 0.0.1 and 0.0.2, and on request {@code dsse} 0.0.2. Rekor v2 logs a DSSE envelope as {@code
 * hashedrekord} 0.0.2 over the digest of the envelope's PAE (rekor-v2-spec section 6.1.4); its
 * earlier {@code dsse} 0.0.2 type ({@code DSSELogEntryV002}: the payload's digest and the one
 * signature with its verifier), which older clients still write, is refused unless the caller
 * accepts it, and then bound just as strictly. Stateless and thread-safe.
 */
public final class EntryBodies {
  private static final int MAX_BODY_SIGNATURES = 32;

  private EntryBodies() {}

  /**
   * What the body told about its log.
   *
   * @param rekorV2 whether the body is a Rekor v2 type (no integrated time, no SET)
   */
  public record BodyInfo(boolean rekorV2) {}

  /**
   * Parses an entry body and checks it against the bundle.
   *
   * @param entry the log entry
   * @param expected what the bundle holds
   * @param acceptDsseV002 whether a Rekor v2 {@code dsse} 0.0.2 entry may log a DSSE envelope
   * @param location where the entry is in the bundle
   * @return facts about the body
   * @throws VerificationException {@code BINDING_MISMATCH} if the body describes another
   *     signature, signer, artifact or envelope, or its kind does not fit the bundle; {@code
   *     MALFORMED_INPUT} for an unreadable body; {@code UNSUPPORTED_FORMAT} for an unknown kind,
   *     or a {@code dsse} 0.0.2 entry not accepted
   */
  public static BodyInfo check(
      TransparencyLogEntry entry, EntryExpectation expected, boolean acceptDsseV002, String location)
      throws VerificationException {
    String at = location + "/canonicalizedBody";
    JsonObject body;
    try {
      body = object(JsonCodec.standard().parseValue(entry.canonicalizedBody().toByteArray()), at);
    } catch (MalformedInputException e) {
      throw new VerificationException(
          e.code(), at + e.location().orElse(""), "log entry body: " + e.getMessage(), e);
    }
    try {
      String kind = string(required(body, at, "kind"));
      String version = string(required(body, at, "apiVersion"));
      if (!kind.equals(entry.kind()) || !version.equals(entry.kindVersion())) {
        throw mismatch(at, "body kind " + kind + " " + version + " differs from kindVersion");
      }
      JsonObject spec = object(required(body, at, "spec").value(), at + "/spec");
      String sat = at + "/spec";
      boolean dsse = expected.envelope().isPresent();
      switch (kind + ":" + version) {
        case "hashedrekord:0.0.1":
          if (dsse) {
            throw mismatch(at, "a hashedrekord 0.0.1 entry cannot log a DSSE envelope");
          }
          hashedRekordV001(spec, sat, expected);
          return new BodyInfo(false);
        case "hashedrekord:0.0.2":
          hashedRekordV002(spec, sat, expected);
          return new BodyInfo(true);
        case "dsse:0.0.1":
          requireDsse(dsse, at, kind);
          dsseV001(spec, sat, expected);
          return new BodyInfo(false);
        case "dsse:0.0.2":
          if (!acceptDsseV002) {
            throw new VerificationException(
                ErrorCode.UNSUPPORTED_FORMAT,
                at,
                "Rekor v2 logs DSSE as hashedrekord 0.0.2; dsse 0.0.2 entries are not accepted");
          }
          requireDsse(dsse, at, kind);
          dsseV002(spec, sat, expected);
          return new BodyInfo(true);
        case "intoto:0.0.2":
          requireDsse(dsse, at, kind);
          intotoV002(spec, sat, expected);
          return new BodyInfo(false);
        case "intoto:0.0.1":
          requireDsse(dsse, at, kind);
          intotoV001(spec, sat, expected);
          return new BodyInfo(false);
        default:
          throw new VerificationException(
              ErrorCode.UNSUPPORTED_FORMAT,
              at,
              "unsupported log entry type " + kind + " " + version);
      }
    } catch (MalformedInputException e) {
      throw new VerificationException(
          e.code(), e.location().orElse(at), "log entry body: " + e.getMessage(), e);
    }
  }

  private static void requireDsse(boolean dsse, String at, String kind)
      throws VerificationException {
    if (!dsse) {
      throw mismatch(at, "a " + kind + " entry cannot log a message signature");
    }
  }

  private static void hashedRekordV001(JsonObject spec, String at, EntryExpectation expected)
      throws MalformedInputException, VerificationException {
    JsonObject data = child(spec, at, "data");
    JsonObject hash = child(data, at + "/data", "hash");
    String hat = at + "/data/hash";
    String algorithm = string(required(hash, hat, "algorithm"));
    String value = string(required(hash, hat, "value"));
    DigestAlgorithm alg = rekorV1Algorithm(algorithm, hat);
    requireArtifactDigest(expected, alg, value, hat);
    JsonObject signature = child(spec, at, "signature");
    String sigAt = at + "/signature";
    byte[] content = bytes(required(signature, sigAt, "content"));
    requireSignature(expected, content, sigAt + "/content");
    JsonObject publicKey = child(signature, sigAt, "publicKey");
    byte[] pem = bytes(required(publicKey, sigAt + "/publicKey", "content"));
    requireSignerPem(expected, pem, sigAt + "/publicKey/content");
  }

  private static void hashedRekordV002(JsonObject spec, String at, EntryExpectation expected)
      throws MalformedInputException, VerificationException {
    String hat = at + "/hashedRekordV002";
    JsonObject h = child(spec, at, "hashedRekordV002");
    JsonObject data = child(h, hat, "data");
    DigestAlgorithm alg = v2Algorithm(data, hat + "/data");
    byte[] digest = bytes(required(data, hat + "/data", "digest"));
    if (expected.envelope().isPresent()) {
      // Rekor v2 logs a DSSE envelope as a hashed record of its PAE.
      Envelope e = expected.envelope().get();
      byte[] pae = Pae.encode(e.payloadType(), e.payload().toByteArray());
      if (!MessageDigest.isEqual(digest, hash(alg, pae))) {
        throw mismatch(hat + "/data/digest", "log entry digest is not the digest of this envelope's PAE");
      }
    } else {
      requireArtifactDigest(expected, alg, Hex.encode(digest), hat + "/data/digest");
    }
    JsonObject signature = child(h, hat, "signature");
    requireV2Signature(signature, hat + "/signature", expected);
  }

  private static void dsseV002(JsonObject spec, String at, EntryExpectation expected)
      throws MalformedInputException, VerificationException {
    String dat = at + "/dsseV002";
    JsonObject d = child(spec, at, "dsseV002");
    JsonObject hash = child(d, dat, "payloadHash");
    String hat = dat + "/payloadHash";
    DigestAlgorithm alg = v2Algorithm(hash, hat);
    byte[] digest = bytes(required(hash, hat, "digest"));
    byte[] payload = expected.envelope().get().payload().toByteArray();
    if (!MessageDigest.isEqual(digest, hash(alg, payload))) {
      throw mismatch(hat + "/digest", "log entry payload hash is not the hash of this envelope's payload");
    }
    ProtoJson.Field sf = required(d, dat, "signatures");
    requireV2Signature(onlySignature(sf), ProtoJson.at(sf, 0), expected);
  }

  /** The {@code HashAlgorithm} enum of a Rekor v2 digest; unspecified or unknown is refused. */
  private static DigestAlgorithm v2Algorithm(JsonObject hashOutput, String at)
      throws MalformedInputException, VerificationException {
    ProtoJson.Field algField = required(hashOutput, at, "algorithm");
    Optional<DigestAlgorithm> alg =
        HashAlgorithms.of(ProtoJson.enumName(algField, HashAlgorithms.NAMES));
    if (alg.isEmpty()) {
      throw new VerificationException(
          ErrorCode.UNSUPPORTED_FORMAT, algField.location(), "unspecified digest algorithm");
    }
    return alg.get();
  }

  /** The one signature of a body's signature list: a bundle holds exactly one. */
  private static JsonObject onlySignature(ProtoJson.Field signatures)
      throws MalformedInputException, VerificationException {
    List<JsonValue> sigs = array(signatures, MAX_BODY_SIGNATURES);
    if (sigs.size() != 1) {
      throw mismatch(
          signatures.location(), "log entry has " + sigs.size() + " signatures, the bundle one");
    }
    return object(sigs.get(0), ProtoJson.at(signatures, 0));
  }

  /** A Rekor v2 {@code Signature}: content and verifier (key or certificate) must be the bundle's. */
  private static void requireV2Signature(JsonObject signature, String sigAt, EntryExpectation expected)
      throws MalformedInputException, VerificationException {
    requireSignature(expected, bytes(required(signature, sigAt, "content")), sigAt + "/content");
    JsonObject verifier = child(signature, sigAt, "verifier");
    String vat = sigAt + "/verifier";
    Optional<ProtoJson.Field> cert = field(verifier, vat, "x509Certificate");
    Optional<ProtoJson.Field> key = field(verifier, vat, "publicKey");
    if (cert.isPresent() == key.isPresent()) {
      throw ProtoJson.malformed(vat, "a verifier has either x509Certificate or publicKey");
    }
    if (cert.isPresent()) {
      JsonObject c = object(cert.get().value(), cert.get().location());
      requireCertificate(expected, bytes(required(c, cert.get().location(), "rawBytes")), cert.get().location());
    } else {
      JsonObject k = object(key.get().value(), key.get().location());
      requireKey(expected, bytes(required(k, key.get().location(), "rawBytes")), false, key.get().location());
    }
  }

  private static void dsseV001(JsonObject spec, String at, EntryExpectation expected)
      throws MalformedInputException, VerificationException {
    requirePayloadHash(child(spec, at, "payloadHash"), at + "/payloadHash", expected);
    ProtoJson.Field sf = required(spec, at, "signatures");
    JsonObject s = onlySignature(sf);
    String s0 = ProtoJson.at(sf, 0);
    requireSignature(expected, bytes(required(s, s0, "signature")), s0 + "/signature");
    requireSignerPem(expected, bytes(required(s, s0, "verifier")), s0 + "/verifier");
  }

  private static void intotoV002(JsonObject spec, String at, EntryExpectation expected)
      throws MalformedInputException, VerificationException {
    JsonObject content = child(spec, at, "content");
    String cat = at + "/content";
    requirePayloadHash(child(content, cat, "payloadHash"), cat + "/payloadHash", expected);
    JsonObject envelope = child(content, cat, "envelope");
    String eat = cat + "/envelope";
    Optional<ProtoJson.Field> pt = field(envelope, eat, "payloadType");
    if (pt.isPresent() && !string(pt.get()).equals(expected.envelope().get().payloadType())) {
      throw mismatch(pt.get().location(), "log entry payload type differs from the envelope's");
    }
    ProtoJson.Field sf = required(envelope, eat, "signatures");
    JsonObject s = onlySignature(sf);
    String s0 = ProtoJson.at(sf, 0);
    // intoto 0.0.2 stores the envelope's base64 signature text base64-encoded once more
    byte[] sigText = bytes(required(s, s0, "sig"));
    byte[] sig;
    try {
      sig =
          ProtoJson.nonEmptyBytes(
              new ProtoJson.Field(
                  JsonValue.of(new String(sigText, StandardCharsets.US_ASCII)), s0 + "/sig"),
              BundleJson.MAX_SIGNATURE_BYTES);
    } catch (MalformedInputException e) {
      // not the base64 text of a signature: it cannot be this bundle's signature
      throw mismatch(s0 + "/sig", "log entry holds another signature");
    }
    requireSignature(expected, sig, s0 + "/sig");
    requireSignerPem(expected, bytes(required(s, s0, "publicKey")), s0 + "/publicKey");
  }

  private static void intotoV001(JsonObject spec, String at, EntryExpectation expected)
      throws MalformedInputException, VerificationException {
    JsonObject content = child(spec, at, "content");
    requirePayloadHash(child(content, at + "/content", "payloadHash"), at + "/content/payloadHash", expected);
    requireSignerPem(expected, bytes(required(spec, at, "publicKey")), at + "/publicKey");
  }

  private static void requirePayloadHash(JsonObject hash, String at, EntryExpectation expected)
      throws MalformedInputException, VerificationException {
    DigestAlgorithm alg = rekorV1Algorithm(string(required(hash, at, "algorithm")), at);
    String value = string(required(hash, at, "value"));
    byte[] payload = expected.envelope().get().payload().toByteArray();
    if (!MessageDigest.isEqual(
        value.getBytes(StandardCharsets.US_ASCII),
        Hex.encode(hash(alg, payload)).getBytes(StandardCharsets.US_ASCII))) {
      throw mismatch(at, "log entry payload hash is not the hash of this envelope's payload");
    }
  }

  private static void requireArtifactDigest(
      EntryExpectation expected, DigestAlgorithm alg, String value, String at)
      throws VerificationException {
    Optional<String> ours = expected.artifact().get().digest(alg);
    if (ours.isEmpty()) {
      throw mismatch(at, "log entry names the artifact by " + alg.name() + ", a digest not available");
    }
    if (!MessageDigest.isEqual(
        ours.get().getBytes(StandardCharsets.US_ASCII), value.getBytes(StandardCharsets.US_ASCII))) {
      throw mismatch(at, "log entry is for another artifact");
    }
  }

  private static void requireSignature(EntryExpectation expected, byte[] logged, String at)
      throws VerificationException {
    if (!expected.signature().contentEquals(logged)) {
      throw mismatch(at, "log entry holds another signature");
    }
  }

  private static void requireSignerPem(EntryExpectation expected, byte[] pemBytes, String at)
      throws VerificationException {
    Pem.Block block;
    try {
      block = Pem.parseSingle(new String(pemBytes, StandardCharsets.UTF_8));
    } catch (KeyMaterialException e) {
      throw new VerificationException(ErrorCode.MALFORMED_INPUT, at, "log entry key: " + e.getMessage(), e);
    }
    if (block.label().equals("CERTIFICATE")) {
      requireCertificate(expected, block.der(), at);
    } else if (block.label().equals("PUBLIC KEY")) {
      requireKey(expected, block.der(), false, at);
    } else {
      throw mismatch(at, "log entry key is a " + block.label() + " block");
    }
  }

  private static void requireCertificate(EntryExpectation expected, byte[] der, String at)
      throws VerificationException {
    if (expected.certificate().isEmpty()) {
      throw mismatch(at, "log entry holds a certificate, the bundle a public key");
    }
    if (!expected.certificate().get().contentEquals(der)) {
      throw mismatch(at, "log entry holds another certificate");
    }
  }

  private static void requireKey(
      EntryExpectation expected, byte[] spki, boolean unused, String at)
      throws VerificationException {
    if (expected.certificate().isPresent()) {
      throw mismatch(at, "log entry holds a public key, the bundle a certificate");
    }
    PublicKeyMaterial key;
    try {
      key = PublicKeyMaterial.parseSpki(spki, at);
    } catch (KeyMaterialException e) {
      throw new VerificationException(ErrorCode.MALFORMED_INPUT, at, "log entry key: " + e.getMessage(), e);
    }
    if (!key.keyId().equals(expected.signerKeyId())) {
      throw mismatch(at, "log entry holds another public key");
    }
  }

  private static DigestAlgorithm rekorV1Algorithm(String name, String at)
      throws VerificationException {
    switch (name) {
      case "sha256":
        return DigestAlgorithm.SHA256;
      case "sha384":
        return DigestAlgorithm.SHA384;
      case "sha512":
        return DigestAlgorithm.SHA512;
      default:
        throw new VerificationException(
            ErrorCode.UNSUPPORTED_FORMAT, at + "/algorithm", "unsupported hash algorithm in log entry");
    }
  }

  private static byte[] hash(DigestAlgorithm alg, byte[] data) {
    try {
      return MessageDigest.getInstance(alg.jcaName().orElseThrow()).digest(data);
    } catch (NoSuchAlgorithmException e) {
      throw new dev.provenance.api.internal.ProvenanceBugException("no " + alg.name(), e);
    }
  }

  private static JsonObject child(JsonObject o, String at, String name)
      throws MalformedInputException {
    ProtoJson.Field f = required(o, at, name);
    return object(f.value(), f.location());
  }

  private static ProtoJson.Field required(JsonObject o, String at, String name)
      throws MalformedInputException {
    return ProtoJson.required(o, at, name, name);
  }

  private static byte[] bytes(ProtoJson.Field f) throws MalformedInputException {
    return ProtoJson.nonEmptyBytes(f, BundleJson.MAX_BODY_BYTES);
  }

  private static VerificationException mismatch(String at, String message) {
    return new VerificationException(ErrorCode.BINDING_MISMATCH, at, message);
  }
}
