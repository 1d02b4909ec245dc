package dev.provenance.core.internal.chain;

import dev.provenance.api.ErrorCode;
import dev.provenance.api.MalformedInputException;
import dev.provenance.api.ProvenanceException;
import dev.provenance.api.VerificationException;
import dev.provenance.api.attestation.Link;
import dev.provenance.api.attestation.Predicate;
import dev.provenance.api.attestation.ResourceDescriptor;
import dev.provenance.api.attestation.Statement;
import dev.provenance.api.attestation.VerifiedAttestation;
import dev.provenance.api.digest.DigestSet;
import dev.provenance.api.dsse.Envelope;
import dev.provenance.api.dsse.EnvelopeSignature;
import dev.provenance.api.dsse.PayloadTypes;
import dev.provenance.api.dsse.VerifiedEnvelope;
import dev.provenance.api.internal.BytesAccess;
import dev.provenance.api.json.JsonArray;
import dev.provenance.api.json.JsonObject;
import dev.provenance.api.json.JsonString;
import dev.provenance.api.json.JsonValue;
import dev.provenance.api.signing.SignerIdentity;
import dev.provenance.api.slsa.SlsaProvenance;
import dev.provenance.core.chain.ChainEnvelopeVerifier;
import dev.provenance.core.chain.ChainPolicy;
import dev.provenance.core.dsse.DsseVerifier;
import dev.provenance.core.internal.intoto.CanonicalJson;
import dev.provenance.core.intoto.InTotoKey;
import dev.provenance.core.intoto.Metablock;
import dev.provenance.core.intoto.VerifiedMetablock;
import dev.provenance.core.json.JsonCodec;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Turns one stored attestation into {@link Evidence} (verified, then parsed) or a {@link
 * Rejected} record. The signature is checked before the payload is read; a payload is parsed once.
 *
 * <p>Thread-safe if its collaborators are.
 */
public final class EvidenceReader {
  private static final int DSSE = 0;
  private static final int METABLOCK = 1;
  private static final int BUNDLE = 2;

  private final JsonCodec codec;
  private final Optional<DsseVerifier> dsse;
  private final Supplier<List<InTotoKey>> inTotoKeys;
  private final Optional<ChainEnvelopeVerifier> plugin;
  private final Trust trust;

  /**
   * Creates a reader.
   *
   * @param codec the codec
   * @param dsse verifies DSSE envelopes against every key functionary, threshold 1; empty when
   *     the policy has no key functionary
   * @param inTotoKeys the key functionaries as in-toto keys, for legacy metablocks
   * @param plugin verifies other stored forms (Sigstore bundles), if configured
   * @param trust the signer mapping, to tell a broken signature from an unknown signer
   */
  public EvidenceReader(
      JsonCodec codec,
      Optional<DsseVerifier> dsse,
      Supplier<List<InTotoKey>> inTotoKeys,
      Optional<ChainEnvelopeVerifier> plugin,
      Trust trust) {
    this.codec = codec;
    this.dsse = dsse;
    this.inTotoKeys = inTotoKeys;
    this.plugin = plugin;
    this.trust = trust;
  }

  /**
   * Verifies and reads one stored attestation.
   *
   * @param index load order
   * @param source where it was read
   * @param bytes the stored bytes
   * @return an {@link Evidence} or a {@link Rejected}
   */
  public Object read(int index, String source, byte[] bytes) {
    DigestSet digest = EvidenceDigests.sha256(bytes);
    List<String> hints = new ArrayList<>();
    try {
      int kind = sniff(bytes);
      if (kind == BUNDLE) {
        if (plugin.isEmpty()) {
          throw new VerificationException(
              ErrorCode.UNSUPPORTED_FORMAT, "", "a Sigstore bundle, but no envelope verifier for bundles is configured");
        }
        VerifiedEnvelope ve = plugin.get().verify(bytes);
        return fromEnvelope(index, source, digest, ve);
      }
      if (kind == METABLOCK) {
        return fromMetablock(index, source, digest, bytes, hints);
      }
      Envelope env;
      try {
        env = codec.parseEnvelope(bytes);
      } catch (MalformedInputException e) {
        throw VerificationException.from(e);
      }
      for (EnvelopeSignature s : env.signatures()) {
        hints.add(s.keyid());
      }
      if (dsse.isEmpty()) {
        throw new VerificationException(
            ErrorCode.UNTRUSTED_ANCHOR, "", "a key-signed envelope, but the policy has no key functionary");
      }
      return fromEnvelope(index, source, digest, dsse.get().verify(env));
    } catch (ProvenanceException e) {
      return reject(index, source, digest, bytes, e, hints);
    } catch (RuntimeException e) {
      // a collaborator tripping over hostile input has not verified it: fail closed, typed
      return new Rejected(
          index, source, digest, ErrorCode.MALFORMED_INPUT, "unreadable attestation: " + e.getClass().getSimpleName(), List.of());
    }
  }

  private Rejected reject(
      int index, String source, DigestSet digest, byte[] bytes, ProvenanceException e, List<String> hints) {
    ErrorCode code = e.code();
    String reason = e.getMessage();
    if (code == ErrorCode.SIGNATURE_INVALID || code == ErrorCode.THRESHOLD_NOT_MET) {
      boolean known = false;
      for (String h : hints) {
        known |= trust.knowsHint(h);
      }
      if (known) {
        code = ErrorCode.SIGNATURE_INVALID;
        reason = "the signature of a policy key does not verify (content changed after signing?)";
      } else {
        code = ErrorCode.UNTRUSTED_ANCHOR;
        reason =
            "not signed by any functionary of the policy"
                + (hints.isEmpty() || hints.get(0).isEmpty() ? "" : " (key id hint " + abbreviate(hints.get(0)) + ")");
      }
    }
    return new Rejected(index, source, digest, code, reason, UnverifiedSubjects.of(codec, bytes));
  }

  private static String abbreviate(String s) {
    return s.length() > 16 ? s.substring(0, 16) + "…" : s;
  }

  private Object fromEnvelope(int index, String source, DigestSet digest, VerifiedEnvelope ve)
      throws ProvenanceException {
    String type = ve.payloadType();
    if (!type.equals(PayloadTypes.IN_TOTO)
        && !(type.startsWith("application/vnd.in-toto.") && type.endsWith("+json"))) {
      throw new VerificationException(
          ErrorCode.UNSUPPORTED_FORMAT, "/payloadType", "payload type " + type + " is not an in-toto type");
    }
    // read in place: the parsers neither change nor keep the array
    byte[] payload = BytesAccess.array(ve.payload());
    Statement statement;
    try {
      statement = codec.parseStatement(payload);
    } catch (MalformedInputException e) {
      // in-toto links of layouts ("_type": "link") travel in DSSE too
      JsonObject doc;
      try {
        doc = codec.parseObject(payload);
      } catch (MalformedInputException again) {
        throw VerificationException.from(e);
      }
      if (doc.get("_type").equals(Optional.of(new JsonString("link")))) {
        return fromLegacyLink(index, source, digest, ve, doc);
      }
      throw VerificationException.from(e);
    }
    return fromStatement(index, source, digest, ve, statement);
  }

  private Evidence fromStatement(
      int index, String source, DigestSet digest, VerifiedEnvelope ve, Statement st) {
    Predicate p = st.predicate();
    List<ResourceDescriptor> materials = List.of();
    List<ResourceDescriptor> inputs = List.of();
    Optional<JsonObject> external = Optional.empty();
    Optional<String> linkName = Optional.empty();
    if (p instanceof SlsaProvenance) {
      SlsaProvenance s = (SlsaProvenance) p;
      materials = s.buildDefinition().resolvedDependencies();
      List<ResourceDescriptor> all = new ArrayList<>(materials);
      all.addAll(s.runDetails().builder().builderDependencies());
      inputs = all;
      external = Optional.of(s.buildDefinition().externalParameters());
    } else if (p instanceof Link) {
      Link l = (Link) p;
      materials = l.materials();
      inputs = materials;
      linkName = Optional.of(l.name());
    }
    VerifiedAttestation att = new VerifiedAttestation(ve, st, st.subject());
    return new Evidence(
        index,
        source,
        digest,
        ve.signers(),
        st.predicateType(),
        linkName,
        st.subject(),
        materials,
        inputs,
        external,
        () -> codec.writePredicate(p),
        Optional.of(att));
  }

  private Object fromMetablock(int index, String source, DigestSet digest, byte[] bytes, List<String> hints)
      throws ProvenanceException {
    collectMetablockHints(bytes, hints);
    List<InTotoKey> keys = inTotoKeys.get();
    if (keys.isEmpty()) {
      throw new VerificationException(
          ErrorCode.UNTRUSTED_ANCHOR, "", "legacy metablock, but the policy has no key functionary");
    }
    VerifiedMetablock vm = Metablock.verify(bytes, keys, 1, codec);
    JsonObject signed = vm.signed();
    if (!signed.get("_type").equals(Optional.of(new JsonString("link")))) {
      throw new VerificationException(
          ErrorCode.UNSUPPORTED_FORMAT, "/signed/_type", "a metablock in a chain must hold a link");
    }
    List<SignerIdentity> signers = new ArrayList<>();
    for (InTotoKey k : vm.signers()) {
      signers.add(k.verifier().identity());
    }
    byte[] canonical = CanonicalJson.encode(signed);
    VerifiedEnvelope ve =
        new VerifiedEnvelope(PayloadTypes.IN_TOTO, dev.provenance.api.Bytes.of(canonical), signers);
    return fromLegacyLink(index, source, digest, ve, signed);
  }

  private void collectMetablockHints(byte[] bytes, List<String> hints) {
    try {
      JsonObject doc = codec.parseObject(bytes);
      Optional<JsonValue> sigs = doc.get("signatures");
      if (sigs.isPresent() && sigs.get() instanceof JsonArray) {
        for (JsonValue s : ((JsonArray) sigs.get()).elements()) {
          if (s instanceof JsonObject) {
            Optional<JsonValue> k = ((JsonObject) s).get("keyid");
            if (k.isPresent() && k.get() instanceof JsonString) {
              hints.add(((JsonString) k.get()).value());
            }
          }
        }
      }
    } catch (MalformedInputException e) {
      // Metablock.verify reports it
    }
  }

  /** Reads a legacy in-toto link ({@code "_type": "link"}) whose signature verified. */
  private Evidence fromLegacyLink(
      int index, String source, DigestSet digest, VerifiedEnvelope ve, JsonObject link)
      throws MalformedInputException {
    String name = JsonFields.requiredString(link, "", "name");
    List<ResourceDescriptor> materials = artifacts(link, "materials");
    List<ResourceDescriptor> products = artifacts(link, "products");
    List<String> command = new ArrayList<>();
    Optional<JsonValue> cmd = link.get("command");
    if (cmd.isPresent() && cmd.get() instanceof JsonArray) {
      command.addAll(JsonFields.strings(cmd.get(), "/command"));
    }
    Optional<VerifiedAttestation> att = Optional.empty();
    if (!products.isEmpty()) {
      JsonObject byproducts = objectOrEmpty(link, "byproducts");
      JsonObject environment = objectOrEmpty(link, "environment");
      Link predicate;
      try {
        predicate = new Link(name, command, materials, byproducts, environment);
      } catch (IllegalArgumentException e) {
        throw JsonFields.malformed("/materials", e.getMessage());
      }
      Statement st = new Statement(Statement.TYPE_V1, products, predicate);
      att = Optional.of(new VerifiedAttestation(ve, st, products));
    }
    return new Evidence(
        index,
        source,
        digest,
        ve.signers(),
        ChainPolicy.LEGACY_LINK_TYPE,
        Optional.of(name),
        products,
        materials,
        materials,
        Optional.empty(),
        () -> link,
        att);
  }

  private static JsonObject objectOrEmpty(JsonObject o, String name) {
    Optional<JsonValue> v = o.get(name);
    return v.isPresent() && v.get() instanceof JsonObject ? (JsonObject) v.get() : JsonObject.empty();
  }

  private List<ResourceDescriptor> artifacts(JsonObject link, String member)
      throws MalformedInputException {
    List<ResourceDescriptor> out = new ArrayList<>();
    Optional<JsonValue> v = link.get(member);
    if (v.isEmpty()) {
      return out;
    }
    JsonObject m = JsonFields.asObject(v.get(), "/" + member);
    if (m.members().size() > codec.limits().maxSubjects() * 64L) {
      throw new MalformedInputException(
          ErrorCode.RESOURCE_LIMIT_EXCEEDED, "/" + member, "too many artifacts");
    }
    for (Map.Entry<String, JsonValue> e : m.members().entrySet()) {
      String at = JsonFields.child("/" + member, e.getKey());
      DigestSet d = codec.parseDigestSet(e.getValue());
      if (d.isEmpty()) {
        throw JsonFields.malformed(at, "an artifact needs a digest");
      }
      out.add(ResourceDescriptor.ofDigest(e.getKey(), d));
    }
    return out;
  }

  /**
   * Tells the stored forms apart by their top-level member names, skipping values without
   * building them: a Sigstore bundle ({@code verificationMaterial}, {@code dsseEnvelope} or {@code
   * messageSignature}), a legacy metablock ({@code signed}) or else a DSSE envelope. This only
   * picks the parser; each parser then reads the bytes strictly and fails on anything malformed.
   */
  static int sniff(byte[] b) {
    int i = skipWs(b, 0);
    if (i >= b.length || b[i] != '{') {
      return DSSE;
    }
    i++;
    boolean signed = false;
    while (true) {
      i = skipWs(b, i);
      if (i >= b.length || b[i] != '"') {
        break;
      }
      int keyStart = i + 1;
      i = skipString(b, i);
      if (i < 0) {
        break;
      }
      String key = new String(b, keyStart, Math.max(0, i - 1 - keyStart), StandardCharsets.ISO_8859_1);
      if (key.equals("verificationMaterial") || key.equals("dsseEnvelope") || key.equals("messageSignature")) {
        return BUNDLE;
      }
      if (!signed && (key.equals("payload") || key.equals("payloadType"))) {
        return DSSE; // neither a bundle nor a metablock has these members
      }
      signed |= key.equals("signed");
      i = skipWs(b, i);
      if (i >= b.length || b[i] != ':') {
        break;
      }
      i = skipValue(b, skipWs(b, i + 1));
      if (i < 0) {
        break;
      }
      i = skipWs(b, i);
      if (i >= b.length || b[i] != ',') {
        break;
      }
      i++;
    }
    return signed ? METABLOCK : DSSE;
  }

  private static int skipWs(byte[] b, int i) {
    while (i < b.length && (b[i] == ' ' || b[i] == '\t' || b[i] == '\n' || b[i] == '\r')) {
      i++;
    }
    return i;
  }

  /** Returns the index after the string starting at {@code i} (a quote), or -1. */
  private static int skipString(byte[] b, int i) {
    for (int j = i + 1; j < b.length; j++) {
      if (b[j] == '\\') {
        j++;
      } else if (b[j] == '"') {
        return j + 1;
      }
    }
    return -1;
  }

  /** Returns the index after the value starting at {@code i}, or -1. */
  private static int skipValue(byte[] b, int i) {
    if (i >= b.length) {
      return -1;
    }
    if (b[i] == '"') {
      return skipString(b, i);
    }
    int depth = 0;
    for (int j = i; j < b.length; j++) {
      byte c = b[j];
      if (c == '"') {
        j = skipString(b, j);
        if (j < 0) {
          return -1;
        }
        j--;
      } else if (c == '{' || c == '[') {
        depth++;
      } else if (c == '}' || c == ']') {
        if (depth == 0) {
          return j;
        }
        depth--;
        if (depth == 0) {
          return j + 1;
        }
      } else if (c == ',' && depth == 0) {
        return j;
      }
    }
    return -1;
  }
}
