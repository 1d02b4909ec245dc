package dev.provenance.sigstore.internal.bundle;

import static dev.provenance.sigstore.internal.bundle.ProtoJson.array;
import static dev.provenance.sigstore.internal.bundle.ProtoJson.at;
import static dev.provenance.sigstore.internal.bundle.ProtoJson.field;
import static dev.provenance.sigstore.internal.bundle.ProtoJson.malformed;
import static dev.provenance.sigstore.internal.bundle.ProtoJson.nonEmptyBytes;
import static dev.provenance.sigstore.internal.bundle.ProtoJson.nonNegativeInt64;
import static dev.provenance.sigstore.internal.bundle.ProtoJson.object;
import static dev.provenance.sigstore.internal.bundle.ProtoJson.required;
import static dev.provenance.sigstore.internal.bundle.ProtoJson.string;

import dev.provenance.api.Bytes;
import dev.provenance.api.ErrorCode;
import dev.provenance.api.MalformedInputException;
import dev.provenance.api.digest.DigestAlgorithm;
import dev.provenance.api.digest.DigestSet;
import dev.provenance.api.dsse.Envelope;
import dev.provenance.api.dsse.EnvelopeSignature;
import dev.provenance.api.json.JsonArray;
import dev.provenance.api.json.JsonObject;
import dev.provenance.api.json.JsonString;
import dev.provenance.api.json.JsonValue;
import dev.provenance.core.internal.util.Hex;
import dev.provenance.core.internal.util.StrictBase64;
import dev.provenance.core.json.JsonCodec;
import dev.provenance.sigstore.BundleVersion;
import dev.provenance.sigstore.InclusionProof;
import dev.provenance.sigstore.MessageSignature;
import dev.provenance.sigstore.SigstoreBundle;
import dev.provenance.sigstore.TransparencyLogEntry;
import dev.provenance.sigstore.VerificationMaterial;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads and writes {@link SigstoreBundle} in the proto3 JSON mapping. Stateless and thread-safe.
 */
public final class BundleJson {
  /** Largest DER certificate accepted. */
  public static final int MAX_CERTIFICATE_BYTES = 64 * 1024;

  /** Largest signature accepted (RSA-4096 is 512 bytes; room for future algorithms). */
  public static final int MAX_SIGNATURE_BYTES = 16 * 1024;

  /** Largest canonicalized log entry body accepted. */
  public static final int MAX_BODY_BYTES = 4 * 1024 * 1024;

  /** Largest RFC 3161 response accepted. */
  public static final int MAX_TIMESTAMP_BYTES = 64 * 1024;

  /** Largest log id, hash or digest accepted before its exact length is checked. */
  public static final int MAX_HASH_BYTES = 64;

  /** Largest DSSE payload accepted. */
  public static final int MAX_PAYLOAD_BYTES = 16 * 1024 * 1024;

  private BundleJson() {}

  /**
   * Parses a bundle.
   *
   * @param json the bundle bytes
   * @return the bundle
   * @throws MalformedInputException for bad JSON or structure
   */
  public static SigstoreBundle read(byte[] json) throws MalformedInputException {
    return read(JsonCodec.standard().parseValue(json));
  }

  /**
   * Maps a parsed JSON tree to a bundle.
   *
   * @param tree the bundle JSON tree
   * @return the bundle
   * @throws MalformedInputException for bad structure
   */
  public static SigstoreBundle read(JsonValue tree) throws MalformedInputException {
    JsonObject root = object(tree, "");
    ProtoJson.Field mt = required(root, "", "mediaType", "media_type");
    String mediaType = string(mt);
    if (BundleVersion.ofMediaType(mediaType).isEmpty()) {
      throw new MalformedInputException(
          ErrorCode.UNSUPPORTED_FORMAT, mt.location(), "unsupported bundle media type");
    }
    VerificationMaterial material =
        material(required(root, "", "verificationMaterial", "verification_material"));
    Optional<ProtoJson.Field> ms = field(root, "", "messageSignature", "message_signature");
    Optional<ProtoJson.Field> dsse = field(root, "", "dsseEnvelope", "dsse_envelope");
    if (ms.isPresent() && dsse.isPresent()) {
      throw malformed("/dsseEnvelope", "a bundle has either messageSignature or dsseEnvelope");
    }
    if (ms.isEmpty() && dsse.isEmpty()) {
      throw malformed("/messageSignature", "a bundle needs messageSignature or dsseEnvelope");
    }
    return new SigstoreBundle(
        mediaType,
        material,
        ms.isPresent() ? Optional.of(messageSignature(ms.get())) : Optional.empty(),
        dsse.isPresent() ? Optional.of(envelope(dsse.get())) : Optional.empty());
  }

  private static VerificationMaterial material(ProtoJson.Field f) throws MalformedInputException {
    JsonObject o = object(f.value(), f.location());
    String at = f.location();
    Optional<ProtoJson.Field> pk = field(o, at, "publicKey", "public_key");
    Optional<ProtoJson.Field> chain = field(o, at, "x509CertificateChain", "x509_certificate_chain");
    Optional<ProtoJson.Field> cert = field(o, at, "certificate");
    int set = (pk.isPresent() ? 1 : 0) + (chain.isPresent() ? 1 : 0) + (cert.isPresent() ? 1 : 0);
    if (set != 1) {
      throw malformed(
          at,
          set == 0
              ? "verification material needs publicKey, x509CertificateChain or certificate"
              : "verification material has more than one of publicKey, x509CertificateChain and"
                  + " certificate");
    }
    VerificationMaterial.Kind kind;
    Optional<String> hint = Optional.empty();
    List<Bytes> certificates = new ArrayList<>();
    if (pk.isPresent()) {
      kind = VerificationMaterial.Kind.PUBLIC_KEY;
      JsonObject k = object(pk.get().value(), pk.get().location());
      Optional<ProtoJson.Field> h = field(k, pk.get().location(), "hint");
      if (h.isPresent()) {
        hint = Optional.of(string(h.get()));
      }
    } else if (chain.isPresent()) {
      kind = VerificationMaterial.Kind.X509_CERTIFICATE_CHAIN;
      JsonObject c = object(chain.get().value(), chain.get().location());
      Optional<ProtoJson.Field> certs = field(c, chain.get().location(), "certificates");
      if (certs.isEmpty()) {
        throw malformed(chain.get().location() + "/certificates", "empty certificate chain");
      }
      List<JsonValue> list = array(certs.get(), SigstoreBundle.MAX_CERTIFICATES);
      if (list.isEmpty()) {
        throw malformed(certs.get().location(), "empty certificate chain");
      }
      for (int i = 0; i < list.size(); i++) {
        certificates.add(rawBytes(list.get(i), at(certs.get(), i)));
      }
    } else {
      kind = VerificationMaterial.Kind.CERTIFICATE;
      certificates.add(rawBytes(cert.get().value(), cert.get().location()));
    }
    List<TransparencyLogEntry> entries = new ArrayList<>();
    Optional<ProtoJson.Field> tl = field(o, at, "tlogEntries", "tlog_entries");
    if (tl.isPresent()) {
      List<JsonValue> list = array(tl.get(), SigstoreBundle.MAX_TLOG_ENTRIES);
      for (int i = 0; i < list.size(); i++) {
        entries.add(tlogEntry(list.get(i), at(tl.get(), i)));
      }
    }
    List<Bytes> timestamps = new ArrayList<>();
    Optional<ProtoJson.Field> tvd =
        field(o, at, "timestampVerificationData", "timestamp_verification_data");
    if (tvd.isPresent()) {
      JsonObject t = object(tvd.get().value(), tvd.get().location());
      Optional<ProtoJson.Field> ts =
          field(t, tvd.get().location(), "rfc3161Timestamps", "rfc3161_timestamps");
      if (ts.isPresent()) {
        List<JsonValue> list = array(ts.get(), SigstoreBundle.MAX_TIMESTAMPS);
        for (int i = 0; i < list.size(); i++) {
          JsonObject e = object(list.get(i), at(ts.get(), i));
          timestamps.add(
              Bytes.wrap(
                  nonEmptyBytes(
                      required(e, at(ts.get(), i), "signedTimestamp", "signed_timestamp"),
                      MAX_TIMESTAMP_BYTES)));
        }
      }
    }
    return new VerificationMaterial(kind, hint, certificates, entries, timestamps);
  }

  private static Bytes rawBytes(JsonValue v, String location) throws MalformedInputException {
    JsonObject o = object(v, location);
    return Bytes.wrap(
        nonEmptyBytes(required(o, location, "rawBytes", "raw_bytes"), MAX_CERTIFICATE_BYTES));
  }

  /**
   * Parses one transparency log entry on its own, as a Rekor v2 log answers an upload.
   *
   * @param json the {@code TransparencyLogEntry} in proto3 JSON
   * @return the entry
   * @throws MalformedInputException for bad JSON or structure
   */
  public static TransparencyLogEntry readTransparencyLogEntry(byte[] json)
      throws MalformedInputException {
    return tlogEntry(JsonCodec.standard().parseValue(json), "");
  }

  private static TransparencyLogEntry tlogEntry(JsonValue v, String at)
      throws MalformedInputException {
    JsonObject o = object(v, at);
    long logIndex = nonNegativeInt64(required(o, at, "logIndex", "log_index"));
    ProtoJson.Field lid = required(o, at, "logId", "log_id");
    JsonObject logId = object(lid.value(), lid.location());
    Bytes keyId =
        Bytes.wrap(
            nonEmptyBytes(required(logId, lid.location(), "keyId", "key_id"), MAX_HASH_BYTES));
    ProtoJson.Field kvf = required(o, at, "kindVersion", "kind_version");
    JsonObject kv = object(kvf.value(), kvf.location());
    String kind = ProtoJson.nonEmptyString(required(kv, kvf.location(), "kind", "kind"));
    String version = ProtoJson.nonEmptyString(required(kv, kvf.location(), "version", "version"));
    Optional<ProtoJson.Field> it = field(o, at, "integratedTime", "integrated_time");
    long integratedTime = it.isPresent() ? nonNegativeInt64(it.get()) : 0;
    Optional<Bytes> promise = Optional.empty();
    Optional<ProtoJson.Field> ipf = field(o, at, "inclusionPromise", "inclusion_promise");
    if (ipf.isPresent()) {
      JsonObject ip = object(ipf.get().value(), ipf.get().location());
      promise =
          Optional.of(
              Bytes.wrap(
                  nonEmptyBytes(
                      required(ip, ipf.get().location(), "signedEntryTimestamp", "signed_entry_timestamp"),
                      MAX_SIGNATURE_BYTES)));
    }
    Optional<InclusionProof> proof = Optional.empty();
    Optional<ProtoJson.Field> prf = field(o, at, "inclusionProof", "inclusion_proof");
    if (prf.isPresent()) {
      proof = Optional.of(inclusionProof(prf.get()));
    }
    ProtoJson.Field bodyField = required(o, at, "canonicalizedBody", "canonicalized_body");
    Bytes body = Bytes.wrap(nonEmptyBytes(bodyField, MAX_BODY_BYTES));
    return new TransparencyLogEntry(
        logIndex, keyId, kind, version, integratedTime, promise, proof, body);
  }

  private static InclusionProof inclusionProof(ProtoJson.Field f) throws MalformedInputException {
    String at = f.location();
    JsonObject o = object(f.value(), at);
    long logIndex = nonNegativeInt64(required(o, at, "logIndex", "log_index"));
    Bytes root = Bytes.wrap(nonEmptyBytes(required(o, at, "rootHash", "root_hash"), MAX_HASH_BYTES));
    long treeSize = nonNegativeInt64(required(o, at, "treeSize", "tree_size"));
    List<Bytes> hashes = new ArrayList<>();
    Optional<ProtoJson.Field> hf = field(o, at, "hashes");
    if (hf.isPresent()) {
      // one more than any valid proof, so that the proof check reports the length
      List<JsonValue> list = array(hf.get(), 65);
      for (int i = 0; i < list.size(); i++) {
        hashes.add(
            Bytes.wrap(ProtoJson.bytes(new ProtoJson.Field(list.get(i), at(hf.get(), i)), MAX_HASH_BYTES)));
      }
    }
    Optional<String> checkpoint = Optional.empty();
    Optional<ProtoJson.Field> cf = field(o, at, "checkpoint");
    if (cf.isPresent()) {
      JsonObject c = object(cf.get().value(), cf.get().location());
      Optional<ProtoJson.Field> env = field(c, cf.get().location(), "envelope");
      if (env.isPresent()) {
        String text = string(env.get());
        if (!text.isEmpty()) {
          checkpoint = Optional.of(text);
        }
      }
    }
    return new InclusionProof(logIndex, root, treeSize, hashes, checkpoint);
  }

  private static MessageSignature messageSignature(ProtoJson.Field f)
      throws MalformedInputException {
    String at = f.location();
    JsonObject o = object(f.value(), at);
    Optional<DigestSet> digest = Optional.empty();
    Optional<ProtoJson.Field> mdf = field(o, at, "messageDigest", "message_digest");
    if (mdf.isPresent()) {
      JsonObject md = object(mdf.get().value(), mdf.get().location());
      ProtoJson.Field alg = required(md, mdf.get().location(), "algorithm", "algorithm");
      String name = ProtoJson.enumName(alg, HashAlgorithms.NAMES);
      Optional<DigestAlgorithm> algorithm = HashAlgorithms.of(name);
      if (algorithm.isEmpty()) {
        throw new MalformedInputException(
            ErrorCode.UNSUPPORTED_FORMAT, alg.location(), "unspecified digest algorithm");
      }
      ProtoJson.Field df = required(md, mdf.get().location(), "digest", "digest");
      byte[] value = nonEmptyBytes(df, MAX_HASH_BYTES);
      try {
        digest = Optional.of(DigestSet.of(algorithm.get(), Hex.encode(value)));
      } catch (IllegalArgumentException e) {
        throw malformed(df.location(), "digest length does not fit " + name);
      }
    }
    Bytes signature =
        Bytes.wrap(nonEmptyBytes(required(o, at, "signature", "signature"), MAX_SIGNATURE_BYTES));
    return new MessageSignature(digest, signature);
  }

  private static Envelope envelope(ProtoJson.Field f) throws MalformedInputException {
    String at = f.location();
    JsonObject o = object(f.value(), at);
    Optional<ProtoJson.Field> pf = field(o, at, "payload");
    Bytes payload =
        pf.isPresent() ? Bytes.wrap(ProtoJson.bytes(pf.get(), MAX_PAYLOAD_BYTES)) : Bytes.empty();
    String payloadType = ProtoJson.nonEmptyString(required(o, at, "payloadType", "payloadType"));
    Optional<ProtoJson.Field> sf = field(o, at, "signatures");
    List<JsonValue> list = sf.isPresent() ? array(sf.get(), 32) : List.of();
    if (list.size() != 1) {
      throw malformed(
          at + "/signatures",
          "a bundle's DSSE envelope must have exactly one signature, found " + list.size());
    }
    String sat = at(sf.get(), 0);
    JsonObject s = object(list.get(0), sat);
    Bytes sig = Bytes.wrap(nonEmptyBytes(required(s, sat, "sig", "sig"), MAX_SIGNATURE_BYTES));
    Optional<ProtoJson.Field> kf = field(s, sat, "keyid");
    String keyid = kf.isPresent() ? string(kf.get()) : "";
    return new Envelope(payloadType, payload, List.of(new EnvelopeSignature(keyid, sig)));
  }

  /**
   * Writes a bundle in canonical proto3 JSON.
   *
   * @param bundle the bundle
   * @return the JSON bytes
   */
  public static byte[] write(SigstoreBundle bundle) {
    return JsonCodec.standard().write(tree(bundle));
  }

  /**
   * Returns a bundle's canonical proto3 JSON tree.
   *
   * @param bundle the bundle
   * @return the tree
   */
  public static JsonObject tree(SigstoreBundle bundle) {
    JsonObject.Builder b = JsonObject.newBuilder().put("mediaType", bundle.mediaType());
    b.put("verificationMaterial", material(bundle.verificationMaterial()));
    if (bundle.messageSignature().isPresent()) {
      MessageSignature m = bundle.messageSignature().get();
      JsonObject.Builder mb = JsonObject.newBuilder();
      if (m.messageDigest().isPresent()) {
        Map.Entry<DigestAlgorithm, String> d =
            m.messageDigest().get().digests().entrySet().iterator().next();
        mb.put(
            "messageDigest",
            JsonObject.newBuilder()
                .put("algorithm", HashAlgorithms.nameOf(d.getKey()).orElse(d.getKey().name()))
                .put("digest", StrictBase64.encode(Hex.decode(d.getValue())))
                .build());
      }
      mb.put("signature", b64(m.signature()));
      b.put("messageSignature", mb.build());
    } else {
      Envelope e = bundle.dsseEnvelope().orElseThrow();
      List<JsonValue> sigs = new ArrayList<>();
      for (EnvelopeSignature s : e.signatures()) {
        JsonObject.Builder sb = JsonObject.newBuilder().put("sig", b64(s.sig()));
        if (!s.keyid().isEmpty()) {
          sb.put("keyid", s.keyid());
        }
        sigs.add(sb.build());
      }
      b.put(
          "dsseEnvelope",
          JsonObject.newBuilder()
              .put("payload", b64(e.payload()))
              .put("payloadType", e.payloadType())
              .put("signatures", new JsonArray(sigs))
              .build());
    }
    return b.build();
  }

  private static JsonObject material(VerificationMaterial m) {
    JsonObject.Builder b = JsonObject.newBuilder();
    switch (m.kind()) {
      case PUBLIC_KEY:
        JsonObject.Builder pk = JsonObject.newBuilder();
        m.publicKeyHint().ifPresent(h -> pk.put("hint", h));
        b.put("publicKey", pk.build());
        break;
      case CERTIFICATE:
        b.put("certificate", raw(m.certificates().get(0)));
        break;
      default:
        List<JsonValue> certs = new ArrayList<>();
        for (Bytes c : m.certificates()) {
          certs.add(raw(c));
        }
        b.put("x509CertificateChain", JsonObject.newBuilder().put("certificates", new JsonArray(certs)).build());
        break;
    }
    List<JsonValue> entries = new ArrayList<>();
    for (TransparencyLogEntry e : m.tlogEntries()) {
      entries.add(entry(e));
    }
    b.put("tlogEntries", new JsonArray(entries));
    if (!m.rfc3161Timestamps().isEmpty()) {
      List<JsonValue> ts = new ArrayList<>();
      for (Bytes t : m.rfc3161Timestamps()) {
        ts.add(JsonObject.newBuilder().put("signedTimestamp", b64(t)).build());
      }
      b.put(
          "timestampVerificationData",
          JsonObject.newBuilder().put("rfc3161Timestamps", new JsonArray(ts)).build());
    }
    return b.build();
  }

  private static JsonObject entry(TransparencyLogEntry e) {
    JsonObject.Builder b =
        JsonObject.newBuilder()
            .put("logIndex", Long.toString(e.logIndex()))
            .put("logId", JsonObject.newBuilder().put("keyId", b64(e.logId())).build())
            .put(
                "kindVersion",
                JsonObject.newBuilder().put("kind", e.kind()).put("version", e.kindVersion()).build());
    if (e.integratedTime() != 0) {
      b.put("integratedTime", Long.toString(e.integratedTime()));
    }
    e.inclusionPromise()
        .ifPresent(
            p ->
                b.put(
                    "inclusionPromise",
                    JsonObject.newBuilder().put("signedEntryTimestamp", b64(p)).build()));
    if (e.inclusionProof().isPresent()) {
      InclusionProof p = e.inclusionProof().get();
      List<JsonValue> hashes = new ArrayList<>();
      for (Bytes h : p.hashes()) {
        hashes.add(new JsonString(b64(h)));
      }
      JsonObject.Builder pb =
          JsonObject.newBuilder()
              .put("logIndex", Long.toString(p.logIndex()))
              .put("rootHash", b64(p.rootHash()))
              .put("treeSize", Long.toString(p.treeSize()))
              .put("hashes", new JsonArray(hashes));
      p.checkpoint()
          .ifPresent(c -> pb.put("checkpoint", JsonObject.newBuilder().put("envelope", c).build()));
      b.put("inclusionProof", pb.build());
    }
    b.put("canonicalizedBody", b64(e.canonicalizedBody()));
    return b.build();
  }

  private static JsonObject raw(Bytes der) {
    return JsonObject.newBuilder().put("rawBytes", b64(der)).build();
  }

  private static String b64(Bytes bytes) {
    return bytes.toBase64();
  }
}
