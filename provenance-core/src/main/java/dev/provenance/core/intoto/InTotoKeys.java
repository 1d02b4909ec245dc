package dev.provenance.core.intoto;

import dev.provenance.api.ErrorCode;
import dev.provenance.api.KeyMaterialException;
import dev.provenance.api.MalformedInputException;
import dev.provenance.api.json.JsonArray;
import dev.provenance.api.json.JsonObject;
import dev.provenance.api.json.JsonString;
import dev.provenance.api.json.JsonValue;
import dev.provenance.api.signing.SignatureAlgorithm;
import dev.provenance.api.signing.SignatureVerifier;
import dev.provenance.core.internal.intoto.CanonicalJson;
import dev.provenance.core.internal.util.Hex;
import dev.provenance.core.json.JsonCodec;
import dev.provenance.core.keys.JcaKeys;
import dev.provenance.core.keys.PemKeys;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Reads public keys in securesystemslib's JSON form ({@code {"keytype", "scheme", "keyval":
 * {"public"}}}), as in-toto layouts embed them, and computes their in-toto key ids (<a
 * href="https://github.com/in-toto/docs/blob/master/in-toto-spec.md#42-file-formats-general-principles">in-toto
 * spec 4.2</a>).
 *
 * <p>Supported schemes: {@code ed25519} (hex public key), {@code ecdsa-sha2-nistp256} and {@code
 * ecdsa-sha2-nistp384} (PEM; signatures DER), {@code rsassa-pss-sha256} (PEM; MGF1-SHA-256, salt
 * length 32, as securesystemslib signs) and {@code rsa-pkcs1v15-sha256} (PEM). The scheme, never
 * the signature, fixes the algorithm.
 *
 * <p>The key id is the lowercase hex SHA-256 of the OLPC canonical JSON of {@code keytype}, {@code
 * scheme}, {@code keyval} with only {@code public}, and {@code keyid_hash_algorithms} when the key
 * object carries it: legacy tools include that field in the hashed object, so dropping it would
 * give a different id. A key object that states its own {@code keyid} must state the computed
 * one.
 *
 * <pre>{@code
 * InTotoKey owner = InTotoKeys.fromPem(Files.readString(Path.of("alice.pub")));
 * VerifiedMetablock layout = Metablock.verify(layoutBytes, List.of(owner), 1);
 * Map<String, InTotoKey> functionaries =
 *     InTotoKeys.parseKeyMap((JsonObject) layout.signed().get("keys").orElseThrow());
 * }</pre>
 *
 * <p>This class is stateless and thread-safe.
 */
public final class InTotoKeys {
  private static final byte[] ED25519_SPKI_PREFIX = {
    0x30, 0x2a, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x03, 0x21, 0x00
  };
  private static final List<JsonValue> LEGACY_HASH_ALGORITHMS =
      List.of(new JsonString("sha256"), new JsonString("sha512"));

  private InTotoKeys() {}

  /**
   * Parses a key from its JSON bytes.
   *
   * @param keyJson the key object JSON
   * @return the key
   * @throws KeyMaterialException with {@code MALFORMED_INPUT} for invalid JSON, missing fields,
   *     undecodable key material or a wrong stated key id, and {@code UNSUPPORTED_FORMAT} for an
   *     unknown key type or scheme
   */
  public static InTotoKey parse(byte[] keyJson) throws KeyMaterialException {
    JsonObject o;
    try {
      o = JsonCodec.standard().parseObject(keyJson);
    } catch (MalformedInputException e) {
      throw new KeyMaterialException(
          e.code(), e.location().orElse(""), "invalid key JSON: " + e.getMessage(), e);
    }
    return parse(o);
  }

  /**
   * Parses a key from a JSON object, for example one value of a layout's {@code keys}.
   *
   * @param key the key object
   * @return the key
   * @throws KeyMaterialException as {@link #parse(byte[])}
   */
  public static InTotoKey parse(JsonObject key) throws KeyMaterialException {
    return parse(key, "");
  }

  /**
   * Parses a layout's {@code keys} map. Each name must be the key id computed from its value.
   *
   * @param keys the object from key id to key object
   * @return the keys by key id, in document order
   * @throws KeyMaterialException as {@link #parse(byte[])}, or with {@code MALFORMED_INPUT} if a
   *     name is not the key id of its key
   */
  public static Map<String, InTotoKey> parseKeyMap(JsonObject keys) throws KeyMaterialException {
    Map<String, InTotoKey> out = new LinkedHashMap<>();
    for (Map.Entry<String, JsonValue> e : keys.members().entrySet()) {
      String pointer = "/" + e.getKey();
      if (!(e.getValue() instanceof JsonObject)) {
        throw malformed(pointer, "a key must be a JSON object");
      }
      InTotoKey k = parse((JsonObject) e.getValue(), pointer);
      if (!k.keyid().equals(e.getKey())) {
        throw malformed(pointer, "key is listed under " + e.getKey() + " but its key id is " + k.keyid());
      }
      out.put(k.keyid(), k);
    }
    return Collections.unmodifiableMap(out);
  }

  /**
   * Reads a PEM public key the way in-toto tools import one: RSA keys get the {@code
   * rsassa-pss-sha256} scheme, EC keys {@code ecdsa-sha2-nistp256} or {@code -nistp384}, Ed25519
   * keys {@code ed25519} with a hex public value; the key id includes the legacy {@code
   * keyid_hash_algorithms ["sha256", "sha512"]}, as in-toto's key import writes it.
   *
   * @param pem an SPKI PEM public key
   * @return the key
   * @throws KeyMaterialException if the PEM cannot be read or names an unsupported key
   */
  public static InTotoKey fromPem(String pem) throws KeyMaterialException {
    Objects.requireNonNull(pem, "pem");
    String trimmed = pem.strip();
    SignatureVerifier verifier;
    try {
      verifier = PemKeys.verifier(trimmed);
    } catch (KeyMaterialException e) {
      if (e.code() != ErrorCode.CONFIGURATION_ERROR) {
        throw e;
      }
      // Only RSA leaves the algorithm open; in-toto's default RSA scheme is RSASSA-PSS.
      verifier = PemKeys.verifier(trimmed, SignatureAlgorithm.RSA_PSS_SHA256);
    }
    String keytype;
    String scheme;
    String publicValue = trimmed;
    switch (verifier.algorithm()) {
      case RSA_PSS_SHA256:
        keytype = "rsa";
        scheme = "rsassa-pss-sha256";
        break;
      case ECDSA_P256_SHA256:
        keytype = "ecdsa";
        scheme = "ecdsa-sha2-nistp256";
        break;
      case ECDSA_P384_SHA384:
        keytype = "ecdsa";
        scheme = "ecdsa-sha2-nistp384";
        break;
      case ED25519:
        keytype = "ed25519";
        scheme = "ed25519";
        publicValue = Hex.encode(ed25519Raw(trimmed));
        break;
      default:
        throw new KeyMaterialException(
            ErrorCode.UNSUPPORTED_FORMAT,
            "",
            "in-toto has no scheme for " + verifier.algorithm() + " keys");
    }
    JsonObject keyObject =
        JsonObject.newBuilder()
            .put("keyid_hash_algorithms", new JsonArray(LEGACY_HASH_ALGORITHMS))
            .put("keytype", keytype)
            .put("keyval", JsonObject.newBuilder().put("public", publicValue).build())
            .put("scheme", scheme)
            .build();
    return new InTotoKey(keyId(keyObject), keytype, scheme, verifier, keyObject);
  }

  /**
   * Computes the in-toto key id of a public key object: hex SHA-256 of its canonical JSON.
   *
   * @param keyObject the object to hash, exactly as given
   * @return 64 lowercase hex characters
   * @throws KeyMaterialException with {@code MALFORMED_INPUT} if the object has no canonical JSON
   *     form
   */
  public static String keyId(JsonObject keyObject) throws KeyMaterialException {
    byte[] canonical;
    try {
      canonical = CanonicalJson.encode(keyObject);
    } catch (MalformedInputException e) {
      throw new KeyMaterialException(e.code(), e.location().orElse(""), e.getMessage(), e);
    }
    try {
      return Hex.encode(MessageDigest.getInstance("SHA-256").digest(canonical));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required of every JDK", e);
    }
  }

  private static InTotoKey parse(JsonObject key, String pointer) throws KeyMaterialException {
    String keytype = requiredString(key, "keytype", pointer);
    String scheme = requiredString(key, "scheme", pointer);
    Optional<JsonValue> keyval = key.get("keyval");
    if (keyval.isEmpty() || !(keyval.get() instanceof JsonObject)) {
      throw malformed(pointer + "/keyval", "keyval must be an object");
    }
    String publicValue = requiredString((JsonObject) keyval.get(), "public", pointer + "/keyval");
    JsonObject.Builder hashed =
        JsonObject.newBuilder()
            .put("keytype", keytype)
            .put("scheme", scheme)
            .put("keyval", JsonObject.newBuilder().put("public", publicValue).build());
    Optional<JsonValue> hashAlgorithms = key.get("keyid_hash_algorithms");
    if (hashAlgorithms.isPresent()) {
      if (!(hashAlgorithms.get() instanceof JsonArray)) {
        throw malformed(pointer + "/keyid_hash_algorithms", "keyid_hash_algorithms must be a list");
      }
      hashed.put("keyid_hash_algorithms", hashAlgorithms.get());
    }
    JsonObject keyObject = hashed.build();
    String keyid = keyId(keyObject);
    Optional<JsonValue> stated = key.get("keyid");
    if (stated.isPresent()
        && !(stated.get() instanceof JsonString
            && ((JsonString) stated.get()).value().equals(keyid))) {
      throw malformed(pointer + "/keyid", "stated keyid is not the key id computed from the key");
    }
    SignatureVerifier verifier = verifier(keytype, scheme, publicValue, pointer);
    return new InTotoKey(keyid, keytype, scheme, verifier, keyObject);
  }

  private static SignatureVerifier verifier(
      String keytype, String scheme, String publicValue, String pointer)
      throws KeyMaterialException {
    String at = pointer + "/keyval/public";
    switch (scheme) {
      case "ed25519":
        requireKeytype(keytype, pointer, "ed25519");
        if (!Hex.isLowerHex(publicValue) || publicValue.length() != 64) {
          throw malformed(at, "an ed25519 public key is 64 lowercase hex characters");
        }
        return JcaKeys.verifier(ed25519Key(Hex.decode(publicValue), at));
      case "ecdsa-sha2-nistp256":
        requireKeytype(keytype, pointer, "ecdsa", "ecdsa-sha2-nistp256");
        return expect(PemKeys.verifier(publicValue), SignatureAlgorithm.ECDSA_P256_SHA256, at);
      case "ecdsa-sha2-nistp384":
        requireKeytype(keytype, pointer, "ecdsa", "ecdsa-sha2-nistp384");
        return expect(PemKeys.verifier(publicValue), SignatureAlgorithm.ECDSA_P384_SHA384, at);
      case "rsassa-pss-sha256":
        requireKeytype(keytype, pointer, "rsa");
        return PemKeys.verifier(publicValue, SignatureAlgorithm.RSA_PSS_SHA256);
      case "rsa-pkcs1v15-sha256":
        requireKeytype(keytype, pointer, "rsa");
        return PemKeys.verifier(publicValue, SignatureAlgorithm.RSA_PKCS1_SHA256);
      default:
        throw new KeyMaterialException(
            ErrorCode.UNSUPPORTED_FORMAT, pointer + "/scheme", "unsupported scheme " + scheme);
    }
  }

  private static void requireKeytype(String keytype, String pointer, String... allowed)
      throws KeyMaterialException {
    for (String a : allowed) {
      if (a.equals(keytype)) {
        return;
      }
    }
    throw new KeyMaterialException(
        ErrorCode.UNSUPPORTED_FORMAT,
        pointer + "/keytype",
        "key type " + keytype + " does not fit its scheme");
  }

  private static SignatureVerifier expect(
      SignatureVerifier v, SignatureAlgorithm algorithm, String at) throws KeyMaterialException {
    if (v.algorithm() != algorithm) {
      throw malformed(at, "key is " + v.algorithm() + ", the scheme needs " + algorithm);
    }
    return v;
  }

  private static PublicKey ed25519Key(byte[] raw, String at) throws KeyMaterialException {
    byte[] spki = new byte[ED25519_SPKI_PREFIX.length + raw.length];
    System.arraycopy(ED25519_SPKI_PREFIX, 0, spki, 0, ED25519_SPKI_PREFIX.length);
    System.arraycopy(raw, 0, spki, ED25519_SPKI_PREFIX.length, raw.length);
    try {
      return KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(spki));
    } catch (GeneralSecurityException e) {
      throw new KeyMaterialException(ErrorCode.MALFORMED_INPUT, at, "invalid ed25519 key", e);
    }
  }

  private static byte[] ed25519Raw(String pem) throws KeyMaterialException {
    String body =
        pem.replace("-----BEGIN PUBLIC KEY-----", "")
            .replace("-----END PUBLIC KEY-----", "")
            .replaceAll("\\s", "");
    byte[] der;
    try {
      der = Base64.getDecoder().decode(body.getBytes(StandardCharsets.US_ASCII));
    } catch (IllegalArgumentException e) {
      throw new KeyMaterialException(ErrorCode.MALFORMED_INPUT, "", "invalid PEM base64", e);
    }
    if (der.length != ED25519_SPKI_PREFIX.length + 32
        || !MessageDigest.isEqual(
            java.util.Arrays.copyOf(der, ED25519_SPKI_PREFIX.length), ED25519_SPKI_PREFIX)) {
      throw new KeyMaterialException(
          ErrorCode.MALFORMED_INPUT, "", "not an Ed25519 SubjectPublicKeyInfo");
    }
    return java.util.Arrays.copyOfRange(der, ED25519_SPKI_PREFIX.length, der.length);
  }

  private static String requiredString(JsonObject o, String name, String pointer)
      throws KeyMaterialException {
    Optional<JsonValue> v = o.get(name);
    if (v.isEmpty() || !(v.get() instanceof JsonString)) {
      throw malformed(pointer + "/" + name, name + " must be a string");
    }
    String s = ((JsonString) v.get()).value();
    if (s.isEmpty()) {
      throw malformed(pointer + "/" + name, name + " must not be empty");
    }
    return s;
  }

  private static KeyMaterialException malformed(String location, String message) {
    return new KeyMaterialException(ErrorCode.MALFORMED_INPUT, location, message);
  }
}
