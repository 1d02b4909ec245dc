package dev.provenance.core.chain;

import dev.provenance.api.ErrorCode;
import dev.provenance.api.KeyMaterialException;
import dev.provenance.api.MalformedInputException;
import dev.provenance.api.VerificationException;
import dev.provenance.api.dsse.Envelope;
import dev.provenance.api.dsse.VerifiedEnvelope;
import dev.provenance.api.json.JsonArray;
import dev.provenance.api.json.JsonObject;
import dev.provenance.api.json.JsonString;
import dev.provenance.api.json.JsonValue;
import dev.provenance.api.signing.SignatureAlgorithm;
import dev.provenance.core.dsse.DsseVerifier;
import dev.provenance.core.internal.chain.AlgorithmNames;
import dev.provenance.core.internal.chain.JsonFields;
import dev.provenance.core.internal.chain.PolicyJson;
import dev.provenance.core.internal.util.Hex;
import dev.provenance.core.intoto.InTotoKey;
import dev.provenance.core.intoto.InTotoKeys;
import dev.provenance.core.intoto.Metablock;
import dev.provenance.core.json.JsonCodec;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Verifies in-toto v1.0 layouts (<a
 * href="https://github.com/in-toto/docs/blob/master/in-toto-spec.md#43-file-formats-layout">in-toto
 * spec §4.3</a>), in a DSSE envelope or a legacy metablock, and turns them into a {@link
 * ChainPolicy}, so that in-toto links verify through the same engine as chains: each layout step
 * becomes a policy step whose predicate type is {@value ChainPolicy#LEGACY_LINK_TYPE}, with the
 * layout's functionary keys, threshold and artifact rules.
 *
 * <pre>{@code
 * InTotoKey owner = InTotoKeys.fromPem(Files.readString(Path.of("alice.pub")));
 * ChainPolicy policy = InTotoLayouts.verify(layoutBytes, List.of(owner));
 * VerifiedChain all = ChainVerifier.newBuilder().policy(policy).build()
 *     .verifyAllSteps(List.of(Path.of("links")));
 * }</pre>
 *
 * <p>Not supported, and refused with {@code UNSUPPORTED_FORMAT} rather than skipped: inspections
 * (they run commands), X.509 certificate constraints (ITE-7) and sublayouts. Parameter substitution
 * is not performed. As in in-toto, a step's {@code expected_command} is informational. Stateless and
 * thread-safe.
 */
public final class InTotoLayouts {
  private InTotoLayouts() {}

  /**
   * Verifies a layout's signatures with the owners' keys (every owner key must have signed, as
   * in-toto requires), checks that it is a layout, and converts it.
   *
   * @param layout the layout file: a DSSE envelope or a metablock
   * @param ownerKeys the layout owners' keys
   * @return the equivalent chain policy
   * @throws VerificationException with the signature codes, {@code MALFORMED_INPUT} or {@code
   *     UNSUPPORTED_FORMAT} for content that is not a supported layout, {@code CONFIGURATION_ERROR}
   *     if no owner key is given
   */
  public static ChainPolicy verify(byte[] layout, List<InTotoKey> ownerKeys)
      throws VerificationException {
    if (ownerKeys.isEmpty()) {
      throw new VerificationException(
          ErrorCode.CONFIGURATION_ERROR, "", "layout verification needs at least one owner key");
    }
    JsonCodec codec = JsonCodec.standard();
    JsonObject signed;
    try {
      JsonObject doc = codec.parseObject(layout);
      if (doc.get("payloadType").isPresent()) {
        Envelope env = codec.parseEnvelope(layout);
        DsseVerifier.Builder b = DsseVerifier.newBuilder().codec(codec);
        for (InTotoKey k : ownerKeys) {
          b.addVerifier(k.verifier(), k.keyid());
        }
        VerifiedEnvelope ve = b.threshold(distinct(ownerKeys)).build().verify(env);
        signed = codec.parseObject(ve.payload().toByteArray());
      } else {
        signed = Metablock.verify(layout, ownerKeys, distinct(ownerKeys), codec).signed();
      }
      return toPolicy(signed);
    } catch (MalformedInputException e) {
      throw VerificationException.from(e);
    }
  }

  private static int distinct(List<InTotoKey> keys) {
    java.util.Set<dev.provenance.api.signing.KeyId> ids = new java.util.HashSet<>();
    for (InTotoKey k : keys) {
      ids.add(k.verifier().keyId());
    }
    return ids.size();
  }

  /**
   * Converts a verified layout object to a chain policy.
   *
   * @param layout the layout's signed object
   * @return the policy
   * @throws MalformedInputException for a malformed layout, or {@code UNSUPPORTED_FORMAT} for
   *     inspections, certificate constraints or keys in-toto does not define
   */
  public static ChainPolicy toPolicy(JsonObject layout) throws MalformedInputException {
    if (!layout.get("_type").equals(Optional.of(new JsonString("layout")))) {
      throw new MalformedInputException(
          ErrorCode.UNSUPPORTED_FORMAT, "/_type", "not an in-toto layout");
    }
    Instant expires =
        PolicyJson.timestamp(JsonFields.requiredString(layout, "", "expires"), "/expires");
    Optional<JsonValue> inspect = layout.get("inspect");
    if (inspect.isPresent() && !JsonFields.asArray(inspect.get(), "/inspect").isEmpty()) {
      throw new MalformedInputException(
          ErrorCode.UNSUPPORTED_FORMAT, "/inspect", "layout inspections (commands to run) are not supported");
    }
    for (String unsupported : List.of("rootcas", "intermediatecas", "trustBundles")) {
      Optional<JsonValue> v = layout.get(unsupported);
      if (v.isPresent() && v.get() instanceof JsonObject && !((JsonObject) v.get()).isEmpty()) {
        throw new MalformedInputException(
            ErrorCode.UNSUPPORTED_FORMAT, "/" + unsupported, "X.509 functionaries are not supported");
      }
    }
    ChainPolicy.Builder policy = ChainPolicy.newBuilder().expires(expires);
    JsonObject keys = JsonFields.asObject(JsonFields.required(layout, "", "keys"), "/keys");
    Map<String, InTotoKey> parsed;
    try {
      parsed = InTotoKeys.parseKeyMap(keys);
    } catch (KeyMaterialException e) {
      throw new MalformedInputException(e.code(), "/keys" + e.location().orElse(""), e.getMessage(), e);
    }
    for (Map.Entry<String, InTotoKey> e : parsed.entrySet()) {
      InTotoKey k = e.getValue();
      Optional<SignatureAlgorithm> alg = AlgorithmNames.parse(k.scheme());
      if (alg.isEmpty()) {
        throw new MalformedInputException(
            ErrorCode.UNSUPPORTED_FORMAT, JsonFields.child("/keys", e.getKey()), "unsupported scheme " + k.scheme());
      }
      policy.addFunctionary(
          new KeyFunctionary(e.getKey(), pem(k), alg, Optional.of(k.keyid())));
    }
    List<JsonValue> steps = JsonFields.asArray(JsonFields.required(layout, "", "steps"), "/steps");
    for (int i = 0; i < steps.size(); i++) {
      String p = JsonFields.child("/steps", i);
      JsonObject s = JsonFields.asObject(steps.get(i), p);
      Optional<JsonValue> constraints = s.get("cert_constraints");
      if (constraints.isPresent()
          && constraints.get() instanceof JsonArray
          && !((JsonArray) constraints.get()).elements().isEmpty()) {
        throw new MalformedInputException(
            ErrorCode.UNSUPPORTED_FORMAT, p + "/cert_constraints", "certificate constraints are not supported");
      }
      StepPolicy.Builder step =
          StepPolicy.newBuilder(JsonFields.requiredString(s, p, "name"))
              .addPredicateType(ChainPolicy.LEGACY_LINK_TYPE)
              .threshold(JsonFields.optionalInt(s, p, "threshold", 1, 1, 1024));
      for (String key : JsonFields.stringList(s, p, "pubkeys")) {
        if (!parsed.containsKey(key)) {
          throw JsonFields.malformed(p + "/pubkeys", "unknown functionary key " + key);
        }
        step.addFunctionary(key);
      }
      for (ArtifactRule r : rules(s, p, "expected_materials")) {
        step.addMaterialRule(r);
      }
      for (ArtifactRule r : rules(s, p, "expected_products")) {
        step.addProductRule(r);
      }
      step.expectedCommand(JsonFields.stringList(s, p, "expected_command"));
      try {
        policy.addStep(step.build());
      } catch (IllegalStateException e) {
        throw JsonFields.malformed(p, e.getMessage());
      }
    }
    try {
      return policy.build();
    } catch (IllegalStateException e) {
      throw JsonFields.malformed("", e.getMessage());
    }
  }

  private static List<ArtifactRule> rules(JsonObject s, String p, String member)
      throws MalformedInputException {
    List<ArtifactRule> out = new ArrayList<>();
    Optional<JsonValue> v = s.get(member);
    if (v.isEmpty()) {
      return out;
    }
    List<JsonValue> rs = JsonFields.asArray(v.get(), p + "/" + member);
    for (int i = 0; i < rs.size(); i++) {
      String rp = p + "/" + member + "/" + i;
      try {
        out.add(ArtifactRule.parse(JsonFields.strings(rs.get(i), rp)));
      } catch (MalformedInputException e) {
        throw new MalformedInputException(e.code(), rp, e.getMessage(), e);
      }
    }
    return out;
  }

  /** The key as PEM: in-toto writes RSA and ECDSA keys as PEM and Ed25519 keys as hex. */
  private static String pem(InTotoKey k) throws MalformedInputException {
    Optional<JsonValue> keyval = k.keyObject().get("keyval");
    String pub = "";
    if (keyval.isPresent() && keyval.get() instanceof JsonObject) {
      pub = ((JsonObject) keyval.get()).get("public").map(v -> v instanceof JsonString ? ((JsonString) v).value() : "").orElse("");
    }
    if (pub.startsWith("-----BEGIN")) {
      return pub;
    }
    if (k.keytype().equals("ed25519") && Hex.isLowerHex(pub) && pub.length() == 64) {
      byte[] raw = Hex.decode(pub);
      byte[] spki = new byte[12 + 32];
      System.arraycopy(Hex.decode("302a300506032b6570032100"), 0, spki, 0, 12);
      System.arraycopy(raw, 0, spki, 12, 32);
      return "-----BEGIN PUBLIC KEY-----\n"
          + new String(Base64.getEncoder().encode(spki), StandardCharsets.US_ASCII)
          + "\n-----END PUBLIC KEY-----\n";
    }
    throw new MalformedInputException(
        ErrorCode.UNSUPPORTED_FORMAT, "/keys/" + k.keyid(), "unsupported public key form for " + k.keytype());
  }
}
