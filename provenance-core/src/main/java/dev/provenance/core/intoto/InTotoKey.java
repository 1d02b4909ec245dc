package dev.provenance.core.intoto;

import dev.provenance.api.json.JsonObject;
import dev.provenance.api.signing.SignatureVerifier;
import java.util.Objects;

/**
 * A public key in securesystemslib's JSON form, as in-toto layouts and legacy links name it.
 *
 * @param keyid the in-toto key id: lowercase hex SHA-256 of the canonical JSON of the key; an
 *     identifier for layouts and a hint for signatures, distinct from the canonical {@link
 *     dev.provenance.api.signing.KeyId} of {@link SignatureVerifier#keyId()} that thresholds count
 * @param keytype the securesystemslib key type, for example {@code rsa}, {@code ecdsa} or {@code
 *     ed25519}
 * @param scheme the signature scheme, for example {@code rsassa-pss-sha256}
 * @param verifier the verifier bound to the key and the scheme's algorithm
 * @param keyObject the public key object the key id is computed over: {@code keytype}, {@code
 *     scheme}, {@code keyval.public} and, when the source had it, {@code keyid_hash_algorithms}
 */
public record InTotoKey(
    String keyid, String keytype, String scheme, SignatureVerifier verifier, JsonObject keyObject) {
  /**
   * Checks that no component is null or empty.
   *
   * @param keyid the {@code keyid} component
   * @param keytype the {@code keytype} component
   * @param scheme the {@code scheme} component
   * @param verifier the {@code verifier} component
   * @param keyObject the {@code keyObject} component
   */
  public InTotoKey {
    Objects.requireNonNull(keyid, "keyid");
    Objects.requireNonNull(keytype, "keytype");
    Objects.requireNonNull(scheme, "scheme");
    Objects.requireNonNull(verifier, "verifier");
    Objects.requireNonNull(keyObject, "keyObject");
    if (keyid.isEmpty() || keytype.isEmpty() || scheme.isEmpty()) {
      throw new IllegalArgumentException("empty keyid, keytype or scheme");
    }
  }
}
