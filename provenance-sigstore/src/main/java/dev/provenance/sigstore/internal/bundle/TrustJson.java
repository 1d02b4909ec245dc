package dev.provenance.sigstore.internal.bundle;

import static dev.provenance.sigstore.internal.bundle.ProtoJson.array;
import static dev.provenance.sigstore.internal.bundle.ProtoJson.at;
import static dev.provenance.sigstore.internal.bundle.ProtoJson.field;
import static dev.provenance.sigstore.internal.bundle.ProtoJson.malformed;
import static dev.provenance.sigstore.internal.bundle.ProtoJson.nonEmptyBytes;
import static dev.provenance.sigstore.internal.bundle.ProtoJson.object;
import static dev.provenance.sigstore.internal.bundle.ProtoJson.required;
import static dev.provenance.sigstore.internal.bundle.ProtoJson.string;

import dev.provenance.api.Bytes;
import dev.provenance.api.ErrorCode;
import dev.provenance.api.MalformedInputException;
import dev.provenance.api.json.JsonArray;
import dev.provenance.api.json.JsonNumber;
import dev.provenance.api.json.JsonObject;
import dev.provenance.api.json.JsonValue;
import dev.provenance.core.json.JsonCodec;
import dev.provenance.core.json.JsonLimits;
import dev.provenance.sigstore.internal.verify.TrustMaterial;
import dev.provenance.sigstore.trust.CertificateAuthorityInfo;
import dev.provenance.sigstore.trust.SigningConfig;
import dev.provenance.sigstore.trust.TimestampAuthorityInfo;
import dev.provenance.sigstore.trust.TransparencyLogInfo;
import dev.provenance.sigstore.trust.TrustedRoot;
import dev.provenance.sigstore.trust.ValidityPeriod;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Reads and writes the trusted root and signing config messages in the proto3 JSON mapping.
 * Stateless and thread-safe.
 */
public final class TrustJson {
  /** Most entries of one kind (logs, authorities, services) a trust document may list. */
  public static final int MAX_ENTRIES = 1024;

  private static final int MAX_KEY_BYTES = 64 * 1024;

  private TrustJson() {}

  /**
   * Parses a trusted root.
   *
   * @param json the JSON bytes
   * @return the root
   * @throws MalformedInputException for bad JSON, structure or media type
   */
  public static TrustedRoot readTrustedRoot(byte[] json) throws MalformedInputException {
    return checked(readTrustedRoot(JsonCodec.standard().parseValue(json), ""));
  }

  /** Parses every key and certificate once, so a broken root fails here, not at verification. */
  private static TrustedRoot checked(TrustedRoot root) throws MalformedInputException {
    TrustMaterial.compile(root);
    return root;
  }

  /**
   * Parses trusted roots in JSON Lines form.
   *
   * @param jsonLines the bytes, one root per line
   * @return the roots, at least one
   * @throws MalformedInputException for a bad line, located {@code line:N/pointer}
   */
  public static List<TrustedRoot> readTrustedRootLines(byte[] jsonLines)
      throws MalformedInputException {
    if (jsonLines.length > JsonLimits.MAX_INPUT_BYTES) {
      throw new MalformedInputException(
          ErrorCode.RESOURCE_LIMIT_EXCEEDED, "", "input larger than " + JsonLimits.MAX_INPUT_BYTES);
    }
    List<TrustedRoot> roots = new ArrayList<>();
    int start = 0;
    int line = 0;
    while (start < jsonLines.length) {
      int end = start;
      while (end < jsonLines.length && jsonLines[end] != '\n') {
        end++;
      }
      line++;
      int e = end > start && jsonLines[end - 1] == '\r' ? end - 1 : end;
      if (!isBlank(jsonLines, start, e)) {
        if (roots.size() == JsonLimits.MAX_JSON_LINES) {
          throw new MalformedInputException(
              ErrorCode.RESOURCE_LIMIT_EXCEEDED, "line:" + line, "too many lines");
        }
        String prefix = "line:" + line;
        try {
          JsonValue v = JsonCodec.standard().parseValue(Arrays.copyOfRange(jsonLines, start, e));
          roots.add(checked(readTrustedRoot(v, "")));
        } catch (MalformedInputException ex) {
          throw new MalformedInputException(
              ex.code(), prefix + ex.location().orElse(""), ex.getMessage(), ex);
        }
      }
      start = end + 1;
    }
    if (roots.isEmpty()) {
      throw malformed("", "no trusted root in the input");
    }
    return roots;
  }

  private static boolean isBlank(byte[] b, int from, int to) {
    for (int i = from; i < to; i++) {
      if (b[i] != ' ' && b[i] != '\t') {
        return false;
      }
    }
    return true;
  }

  private static TrustedRoot readTrustedRoot(JsonValue tree, String at)
      throws MalformedInputException {
    JsonObject o = object(tree, at);
    ProtoJson.Field mt = required(o, at, "mediaType", "media_type");
    String mediaType = string(mt);
    if (!mediaType.equals(TrustedRoot.MEDIA_TYPE_V0_1)
        && !mediaType.equals(TrustedRoot.MEDIA_TYPE_V0_2)) {
      throw new MalformedInputException(
          ErrorCode.UNSUPPORTED_FORMAT, mt.location(), "unsupported trusted root media type");
    }
    List<TransparencyLogInfo> tlogs = logs(field(o, at, "tlogs"));
    List<CertificateAuthorityInfo> cas = new ArrayList<>();
    for (Authority a : authorities(field(o, at, "certificateAuthorities", "certificate_authorities"))) {
      cas.add(
          new CertificateAuthorityInfo(
              a.organization, a.commonName, a.uri, a.chain, a.validFor, a.operator));
    }
    List<TransparencyLogInfo> ctlogs = logs(field(o, at, "ctlogs"));
    List<TimestampAuthorityInfo> tsas = new ArrayList<>();
    for (Authority a : authorities(field(o, at, "timestampAuthorities", "timestamp_authorities"))) {
      tsas.add(
          new TimestampAuthorityInfo(
              a.organization, a.commonName, a.uri, a.chain, a.validFor, a.operator));
    }
    return new TrustedRoot(mediaType, tlogs, cas, ctlogs, tsas);
  }

  private static List<TransparencyLogInfo> logs(Optional<ProtoJson.Field> f)
      throws MalformedInputException {
    List<TransparencyLogInfo> out = new ArrayList<>();
    if (f.isEmpty()) {
      return out;
    }
    List<JsonValue> list = array(f.get(), MAX_ENTRIES);
    for (int i = 0; i < list.size(); i++) {
      String at = at(f.get(), i);
      JsonObject o = object(list.get(i), at);
      String baseUrl = string(required(o, at, "baseUrl", "base_url"));
      Optional<ProtoJson.Field> ha = field(o, at, "hashAlgorithm", "hash_algorithm");
      String hash = ha.isPresent() ? ProtoJson.enumName(ha.get(), HashAlgorithms.NAMES) : "SHA2_256";
      ProtoJson.Field pkf = required(o, at, "publicKey", "public_key");
      JsonObject pk = object(pkf.value(), pkf.location());
      Bytes raw =
          Bytes.wrap(nonEmptyBytes(required(pk, pkf.location(), "rawBytes", "raw_bytes"), MAX_KEY_BYTES));
      Optional<ProtoJson.Field> kd = field(pk, pkf.location(), "keyDetails", "key_details");
      String keyDetails = kd.isPresent() ? keyDetailsName(kd.get()) : "PUBLIC_KEY_DETAILS_UNSPECIFIED";
      ValidityPeriod validFor = validity(required(pk, pkf.location(), "validFor", "valid_for"));
      Bytes logId = logId(required(o, at, "logId", "log_id"));
      Optional<ProtoJson.Field> ck = field(o, at, "checkpointKeyId", "checkpoint_key_id");
      Optional<Bytes> checkpointKeyId =
          ck.isPresent() ? Optional.of(logId(ck.get())) : Optional.empty();
      out.add(
          new TransparencyLogInfo(
              baseUrl, hash, raw, keyDetails, validFor, logId, checkpointKeyId, operator(o, at)));
    }
    return out;
  }

  private static String keyDetailsName(ProtoJson.Field f) throws MalformedInputException {
    if (f.value() instanceof JsonNumber) {
      // numbers are legal in proto3 JSON but the registry is sparse and growing: keep the number
      return "PUBLIC_KEY_DETAILS_" + ProtoJson.nonNegativeInt64(f);
    }
    return ProtoJson.nonEmptyString(f);
  }

  private static Bytes logId(ProtoJson.Field f) throws MalformedInputException {
    JsonObject o = object(f.value(), f.location());
    return Bytes.wrap(
        nonEmptyBytes(required(o, f.location(), "keyId", "key_id"), BundleJson.MAX_HASH_BYTES));
  }

  private static Optional<String> operator(JsonObject o, String at) throws MalformedInputException {
    Optional<ProtoJson.Field> f = field(o, at, "operator");
    if (f.isEmpty()) {
      return Optional.empty();
    }
    String s = string(f.get());
    return s.isEmpty() ? Optional.empty() : Optional.of(s);
  }

  /**
   * Reads a {@code TimeRange}; its start is required (an open start would make a key valid since
   * forever).
   *
   * @param f the field
   * @return the period
   * @throws MalformedInputException if the start is missing or the range is inverted
   */
  static ValidityPeriod validity(ProtoJson.Field f) throws MalformedInputException {
    JsonObject o = object(f.value(), f.location());
    Instant start = ProtoJson.timestamp(required(o, f.location(), "start", "start"));
    Optional<ProtoJson.Field> e = field(o, f.location(), "end");
    Optional<Instant> end = e.isPresent() ? Optional.of(ProtoJson.timestamp(e.get())) : Optional.empty();
    if (end.isPresent() && end.get().isBefore(start)) {
      throw malformed(f.location() + "/end", "validity ends before it starts");
    }
    return new ValidityPeriod(start, end);
  }

  /** The fields shared by certificate and timestamp authorities. */
  private static final class Authority {
    Optional<String> organization = Optional.empty();
    Optional<String> commonName = Optional.empty();
    String uri;
    List<Bytes> chain = new ArrayList<>();
    ValidityPeriod validFor;
    Optional<String> operator;
  }

  private static List<Authority> authorities(Optional<ProtoJson.Field> f)
      throws MalformedInputException {
    List<Authority> out = new ArrayList<>();
    if (f.isEmpty()) {
      return out;
    }
    List<JsonValue> list = array(f.get(), MAX_ENTRIES);
    for (int i = 0; i < list.size(); i++) {
      String at = at(f.get(), i);
      JsonObject o = object(list.get(i), at);
      Authority a = new Authority();
      Optional<ProtoJson.Field> subject = field(o, at, "subject");
      if (subject.isPresent()) {
        JsonObject s = object(subject.get().value(), subject.get().location());
        Optional<ProtoJson.Field> org = field(s, subject.get().location(), "organization");
        if (org.isPresent()) {
          a.organization = Optional.of(string(org.get()));
        }
        Optional<ProtoJson.Field> cn = field(s, subject.get().location(), "commonName", "common_name");
        if (cn.isPresent()) {
          a.commonName = Optional.of(string(cn.get()));
        }
      }
      Optional<ProtoJson.Field> uri = field(o, at, "uri");
      a.uri = uri.isPresent() ? string(uri.get()) : "";
      ProtoJson.Field chainField = required(o, at, "certChain", "cert_chain");
      JsonObject chain = object(chainField.value(), chainField.location());
      Optional<ProtoJson.Field> certs = field(chain, chainField.location(), "certificates");
      List<JsonValue> cl = certs.isPresent() ? array(certs.get(), MAX_ENTRIES) : List.of();
      if (cl.isEmpty()) {
        throw malformed(chainField.location() + "/certificates", "empty certificate chain");
      }
      for (int j = 0; j < cl.size(); j++) {
        String cat = at(certs.get(), j);
        JsonObject c = object(cl.get(j), cat);
        a.chain.add(
            Bytes.wrap(
                nonEmptyBytes(required(c, cat, "rawBytes", "raw_bytes"), BundleJson.MAX_CERTIFICATE_BYTES)));
      }
      a.validFor = validity(required(o, at, "validFor", "valid_for"));
      a.operator = operator(o, at);
      out.add(a);
    }
    return out;
  }

  /**
   * Writes a trusted root as proto3 JSON.
   *
   * @param root the root
   * @return the JSON bytes
   */
  public static byte[] write(TrustedRoot root) {
    JsonObject.Builder b = JsonObject.newBuilder().put("mediaType", root.mediaType());
    b.put("tlogs", writeLogs(root.tlogs()));
    List<JsonValue> cas = new ArrayList<>();
    for (CertificateAuthorityInfo a : root.certificateAuthorities()) {
      cas.add(
          writeAuthority(
              a.subjectOrganization(),
              a.subjectCommonName(),
              a.uri(),
              a.certChain(),
              a.validFor(),
              a.operator()));
    }
    b.put("certificateAuthorities", new JsonArray(cas));
    b.put("ctlogs", writeLogs(root.ctlogs()));
    List<JsonValue> tsas = new ArrayList<>();
    for (TimestampAuthorityInfo a : root.timestampAuthorities()) {
      tsas.add(
          writeAuthority(
              a.subjectOrganization(),
              a.subjectCommonName(),
              a.uri(),
              a.certChain(),
              a.validFor(),
              a.operator()));
    }
    b.put("timestampAuthorities", new JsonArray(tsas));
    return JsonCodec.standard().write(b.build());
  }

  private static JsonArray writeLogs(List<TransparencyLogInfo> logs) {
    List<JsonValue> out = new ArrayList<>();
    for (TransparencyLogInfo l : logs) {
      JsonObject.Builder b =
          JsonObject.newBuilder()
              .put("baseUrl", l.baseUrl())
              .put("hashAlgorithm", l.hashAlgorithm())
              .put(
                  "publicKey",
                  JsonObject.newBuilder()
                      .put("rawBytes", l.publicKey().toBase64())
                      .put("keyDetails", l.keyDetails())
                      .put("validFor", writeValidity(l.validFor()))
                      .build())
              .put("logId", JsonObject.newBuilder().put("keyId", l.logId().toBase64()).build());
      l.checkpointKeyId()
          .ifPresent(
              k -> b.put("checkpointKeyId", JsonObject.newBuilder().put("keyId", k.toBase64()).build()));
      l.operator().ifPresent(op -> b.put("operator", op));
      out.add(b.build());
    }
    return new JsonArray(out);
  }

  private static JsonObject writeAuthority(
      Optional<String> organization,
      Optional<String> commonName,
      String uri,
      List<Bytes> chain,
      ValidityPeriod validFor,
      Optional<String> operator) {
    JsonObject.Builder subject = JsonObject.newBuilder();
    organization.ifPresent(v -> subject.put("organization", v));
    commonName.ifPresent(v -> subject.put("commonName", v));
    List<JsonValue> certs = new ArrayList<>();
    for (Bytes c : chain) {
      certs.add(JsonObject.newBuilder().put("rawBytes", c.toBase64()).build());
    }
    JsonObject.Builder b =
        JsonObject.newBuilder()
            .put("subject", subject.build())
            .put("uri", uri)
            .put("certChain", JsonObject.newBuilder().put("certificates", new JsonArray(certs)).build())
            .put("validFor", writeValidity(validFor));
    operator.ifPresent(op -> b.put("operator", op));
    return b.build();
  }

  private static JsonObject writeValidity(ValidityPeriod p) {
    JsonObject.Builder b = JsonObject.newBuilder().put("start", p.start().toString());
    p.end().ifPresent(e -> b.put("end", e.toString()));
    return b.build();
  }

  /**
   * Parses a signing config.
   *
   * @param json the JSON bytes
   * @return the signing config
   * @throws MalformedInputException for bad JSON, structure or media type
   */
  public static SigningConfig readSigningConfig(byte[] json) throws MalformedInputException {
    JsonObject o = object(JsonCodec.standard().parseValue(json), "");
    ProtoJson.Field mt = required(o, "", "mediaType", "media_type");
    if (!string(mt).equals(SigningConfig.MEDIA_TYPE_V0_2)) {
      throw new MalformedInputException(
          ErrorCode.UNSUPPORTED_FORMAT, mt.location(), "unsupported signing config media type");
    }
    return new SigningConfig(
        services(field(o, "", "caUrls", "ca_urls")),
        services(field(o, "", "oidcUrls", "oidc_urls")),
        services(field(o, "", "rekorTlogUrls", "rekor_tlog_urls")),
        serviceConfiguration(field(o, "", "rekorTlogConfig", "rekor_tlog_config")),
        services(field(o, "", "tsaUrls", "tsa_urls")),
        serviceConfiguration(field(o, "", "tsaConfig", "tsa_config")));
  }

  private static List<SigningConfig.Service> services(Optional<ProtoJson.Field> f)
      throws MalformedInputException {
    List<SigningConfig.Service> out = new ArrayList<>();
    if (f.isEmpty()) {
      return out;
    }
    List<JsonValue> list = array(f.get(), MAX_ENTRIES);
    for (int i = 0; i < list.size(); i++) {
      String at = at(f.get(), i);
      JsonObject o = object(list.get(i), at);
      String url = ProtoJson.nonEmptyString(required(o, at, "url", "url"));
      ProtoJson.Field vf = required(o, at, "majorApiVersion", "major_api_version");
      long version = ProtoJson.nonNegativeInt64(vf);
      if (version > 0xFFFF_FFFFL) {
        throw malformed(vf.location(), "uint32 out of range");
      }
      out.add(
          new SigningConfig.Service(
              url,
              (int) version,
              validity(required(o, at, "validFor", "valid_for")),
              operator(o, at)));
    }
    return out;
  }

  private static SigningConfig.ServiceConfiguration serviceConfiguration(
      Optional<ProtoJson.Field> f) throws MalformedInputException {
    if (f.isEmpty()) {
      return new SigningConfig.ServiceConfiguration(SigningConfig.Selector.ANY, 0);
    }
    JsonObject o = object(f.get().value(), f.get().location());
    ProtoJson.Field sf = required(o, f.get().location(), "selector", "selector");
    String name =
        ProtoJson.enumName(sf, List.of("SERVICE_SELECTOR_UNDEFINED", "ALL", "ANY", "EXACT"));
    if (name.equals("SERVICE_SELECTOR_UNDEFINED")) {
      throw malformed(sf.location(), "service selector undefined");
    }
    Optional<ProtoJson.Field> cf = field(o, f.get().location(), "count");
    long count = cf.isPresent() ? ProtoJson.nonNegativeInt64(cf.get()) : 0;
    SigningConfig.Selector selector = SigningConfig.Selector.valueOf(name);
    if (selector == SigningConfig.Selector.EXACT && (count < 1 || count > MAX_ENTRIES)) {
      throw malformed(f.get().location() + "/count", "EXACT needs a count of at least 1");
    }
    return new SigningConfig.ServiceConfiguration(selector, (int) Math.min(count, MAX_ENTRIES));
  }

  /**
   * Writes a signing config as proto3 JSON.
   *
   * @param config the config
   * @return the JSON bytes
   */
  public static byte[] write(SigningConfig config) {
    JsonObject.Builder b =
        JsonObject.newBuilder()
            .put("mediaType", SigningConfig.MEDIA_TYPE_V0_2)
            .put("caUrls", writeServices(config.caUrls()))
            .put("oidcUrls", writeServices(config.oidcUrls()))
            .put("rekorTlogUrls", writeServices(config.rekorTlogUrls()))
            .put("tsaUrls", writeServices(config.tsaUrls()))
            .put("rekorTlogConfig", writeServiceConfiguration(config.rekorTlogConfig()))
            .put("tsaConfig", writeServiceConfiguration(config.tsaConfig()));
    return JsonCodec.standard().write(b.build());
  }

  private static JsonArray writeServices(List<SigningConfig.Service> services) {
    List<JsonValue> out = new ArrayList<>();
    for (SigningConfig.Service s : services) {
      JsonObject.Builder b =
          JsonObject.newBuilder()
              .put("url", s.url())
              .put("majorApiVersion", new JsonNumber(Integer.toUnsignedString(s.majorApiVersion())))
              .put("validFor", writeValidity(s.validFor()));
      s.operator().ifPresent(op -> b.put("operator", op));
      out.add(b.build());
    }
    return new JsonArray(out);
  }

  private static JsonObject writeServiceConfiguration(SigningConfig.ServiceConfiguration c) {
    JsonObject.Builder b = JsonObject.newBuilder().put("selector", c.selector().name());
    if (c.selector() == SigningConfig.Selector.EXACT) {
      b.put("count", new JsonNumber(Integer.toString(c.count())));
    }
    return b.build();
  }
}
