package dev.provenance.core.internal.chain;

import static dev.provenance.core.internal.chain.JsonFields.asArray;
import static dev.provenance.core.internal.chain.JsonFields.asObject;
import static dev.provenance.core.internal.chain.JsonFields.asString;
import static dev.provenance.core.internal.chain.JsonFields.child;
import static dev.provenance.core.internal.chain.JsonFields.malformed;
import static dev.provenance.core.internal.chain.JsonFields.optionalString;
import static dev.provenance.core.internal.chain.JsonFields.rejectUnknown;
import static dev.provenance.core.internal.chain.JsonFields.requiredString;
import static dev.provenance.core.internal.chain.JsonFields.stringList;

import dev.provenance.api.ErrorCode;
import dev.provenance.api.MalformedInputException;
import dev.provenance.api.digest.DigestAlgorithm;
import dev.provenance.api.digest.DigestSet;
import dev.provenance.api.json.JsonObject;
import dev.provenance.api.json.JsonString;
import dev.provenance.api.json.JsonValue;
import dev.provenance.api.signing.SignatureAlgorithm;
import dev.provenance.core.chain.ArtifactRule;
import dev.provenance.core.chain.AttributeConstraint;
import dev.provenance.core.chain.ChainPolicy;
import dev.provenance.core.chain.ChainRoot;
import dev.provenance.core.chain.ExternalDependency;
import dev.provenance.core.chain.Functionary;
import dev.provenance.core.chain.KeyFunctionary;
import dev.provenance.core.chain.SigstoreFunctionary;
import dev.provenance.core.chain.StepPolicy;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Reads and writes the JSON form of a {@link ChainPolicy} ({@code docs/chain-policy.md}).
 *
 * <p>Stateless and thread-safe.
 */
public final class PolicyJson {
  private static final Pattern TIMESTAMP =
      Pattern.compile("[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}Z");
  private static final Set<String> TOP =
      Set.of("_type", "expires", "functionaries", "steps", "roots", "externals", "digestAlgorithms", "readme");
  private static final Set<String> KEY_MEMBERS = Set.of("kind", "publicKey", "algorithm", "keyid");
  private static final Set<String> SIGSTORE_MEMBERS = Set.of("kind", "identity", "issuer");
  private static final Set<String> STEP_MEMBERS =
      Set.of(
          "name",
          "predicateTypes",
          "functionaries",
          "threshold",
          "expectedMaterials",
          "expectedProducts",
          "attributes",
          "allowedExternalParameters",
          "expectedCommand",
          "required");
  private static final Set<String> CONSTRAINT_MEMBERS =
      Set.of("pointer", "equals", "oneOf", "regex", "glob");
  private static final Set<String> ROOT_MEMBERS = Set.of("repository", "commits", "refs", "step");
  private static final Set<String> EXTERNAL_MEMBERS = Set.of("name", "uri", "digest");

  /** Most steps, functionaries, rules, roots or externals a policy may hold, each. */
  public static final int MAX_ENTRIES = 1024;

  private PolicyJson() {}

  /**
   * Returns the default digest algorithms of a policy.
   *
   * @return {@link DigestAlgorithm#defaultAcceptable()} in name order
   */
  public static List<DigestAlgorithm> defaultAlgorithms() {
    return List.copyOf(new java.util.TreeSet<>(DigestAlgorithm.defaultAcceptable()));
  }

  /**
   * Parses a strict RFC 3339 UTC timestamp of the form {@code YYYY-MM-DDTHH:MM:SSZ}.
   *
   * @param text the text
   * @param pointer where it was read, for errors
   * @return the instant
   * @throws MalformedInputException for any other form: fractional seconds, offsets, lowercase
   *     letters or out-of-range fields
   */
  public static Instant timestamp(String text, String pointer) throws MalformedInputException {
    if (!TIMESTAMP.matcher(text).matches()) {
      throw malformed(pointer, "expected a UTC timestamp YYYY-MM-DDTHH:MM:SSZ");
    }
    try {
      return Instant.parse(text);
    } catch (DateTimeParseException e) {
      throw malformed(pointer, "invalid timestamp");
    }
  }

  /**
   * Reads a policy document.
   *
   * @param doc the document
   * @return the policy
   * @throws MalformedInputException on any deviation from the format
   */
  public static ChainPolicy read(JsonObject doc) throws MalformedInputException {
    rejectUnknown(doc, "", TOP);
    String type = requiredString(doc, "", "_type");
    if (!type.equals(ChainPolicy.TYPE)) {
      throw new MalformedInputException(
          ErrorCode.UNSUPPORTED_FORMAT, "/_type", "not a chain policy: " + type);
    }
    Instant expires = timestamp(requiredString(doc, "", "expires"), "/expires");
    Map<String, Functionary> functionaries = new LinkedHashMap<>();
    JsonObject fs = asObject(JsonFields.required(doc, "", "functionaries"), "/functionaries");
    limit(fs.members().size(), "/functionaries");
    for (Map.Entry<String, JsonValue> e : fs.members().entrySet()) {
      String p = child("/functionaries", e.getKey());
      if (e.getKey().isEmpty()) {
        throw malformed(p, "empty functionary id");
      }
      functionaries.put(e.getKey(), functionary(e.getKey(), asObject(e.getValue(), p), p));
    }
    List<StepPolicy> steps = new ArrayList<>();
    List<JsonValue> ss = asArray(JsonFields.required(doc, "", "steps"), "/steps");
    limit(ss.size(), "/steps");
    for (int i = 0; i < ss.size(); i++) {
      String p = child("/steps", i);
      steps.add(step(asObject(ss.get(i), p), p, functionaries));
    }
    List<ChainRoot> roots = new ArrayList<>();
    if (doc.get("roots").isPresent()) {
      List<JsonValue> rs = asArray(doc.get("roots").get(), "/roots");
      limit(rs.size(), "/roots");
      for (int i = 0; i < rs.size(); i++) {
        String p = child("/roots", i);
        roots.add(root(asObject(rs.get(i), p), p));
      }
    }
    List<ExternalDependency> externals = new ArrayList<>();
    if (doc.get("externals").isPresent()) {
      List<JsonValue> xs = asArray(doc.get("externals").get(), "/externals");
      limit(xs.size(), "/externals");
      for (int i = 0; i < xs.size(); i++) {
        String p = child("/externals", i);
        externals.add(external(asObject(xs.get(i), p), p));
      }
    }
    List<DigestAlgorithm> algorithms = new ArrayList<>();
    List<String> names = stringList(doc, "", "digestAlgorithms");
    for (int i = 0; i < names.size(); i++) {
      String n = names.get(i);
      if (n.isEmpty()) {
        throw malformed(child("/digestAlgorithms", i), "empty algorithm name");
      }
      DigestAlgorithm a = DigestAlgorithm.of(n);
      if (!a.isKnown()) {
        throw new MalformedInputException(
            ErrorCode.UNSUPPORTED_FORMAT, child("/digestAlgorithms", i), "unknown digest algorithm " + n);
      }
      algorithms.add(a);
    }
    if (doc.get("digestAlgorithms").isPresent() && algorithms.isEmpty()) {
      throw malformed("/digestAlgorithms", "at least one digest algorithm");
    }
    try {
      return new ChainPolicy(
          expires,
          functionaries,
          steps,
          roots,
          externals,
          algorithms.isEmpty() ? defaultAlgorithms() : algorithms);
    } catch (IllegalArgumentException e) {
      throw malformed("", e.getMessage());
    }
  }

  private static void limit(int n, String pointer) throws MalformedInputException {
    if (n > MAX_ENTRIES) {
      throw new MalformedInputException(
          ErrorCode.RESOURCE_LIMIT_EXCEEDED, pointer, "more than " + MAX_ENTRIES + " entries");
    }
  }

  private static Functionary functionary(String id, JsonObject o, String p)
      throws MalformedInputException {
    String kind = requiredString(o, p, "kind");
    if (kind.equals("publicKey")) {
      rejectUnknown(o, p, KEY_MEMBERS);
      String pem = requiredString(o, p, "publicKey");
      Optional<SignatureAlgorithm> alg = Optional.empty();
      Optional<String> name = optionalString(o, p, "algorithm");
      if (name.isPresent()) {
        alg = AlgorithmNames.parse(name.get());
        if (alg.isEmpty()) {
          throw new MalformedInputException(
              ErrorCode.UNSUPPORTED_FORMAT, child(p, "algorithm"), "unknown algorithm " + name.get());
        }
      }
      return new KeyFunctionary(id, pem, alg, optionalString(o, p, "keyid"));
    }
    if (kind.equals("sigstore")) {
      rejectUnknown(o, p, SIGSTORE_MEMBERS);
      return new SigstoreFunctionary(
          id, requiredString(o, p, "identity"), requiredString(o, p, "issuer"));
    }
    throw new MalformedInputException(
        ErrorCode.UNSUPPORTED_FORMAT, child(p, "kind"), "unknown functionary kind " + kind);
  }

  private static StepPolicy step(JsonObject o, String p, Map<String, Functionary> functionaries)
      throws MalformedInputException {
    rejectUnknown(o, p, STEP_MEMBERS);
    String name = requiredString(o, p, "name");
    List<String> types = stringList(o, p, "predicateTypes");
    if (types.isEmpty()) {
      throw malformed(child(p, "predicateTypes"), "at least one predicate type");
    }
    List<String> fs = stringList(o, p, "functionaries");
    if (fs.isEmpty()) {
      throw malformed(child(p, "functionaries"), "at least one functionary");
    }
    for (int i = 0; i < fs.size(); i++) {
      if (!functionaries.containsKey(fs.get(i))) {
        throw malformed(child(child(p, "functionaries"), i), "unknown functionary " + fs.get(i));
      }
    }
    int threshold = JsonFields.optionalInt(o, p, "threshold", 1, 1, fs.size());
    List<ArtifactRule> materials = rules(o, p, "expectedMaterials");
    List<ArtifactRule> products = rules(o, p, "expectedProducts");
    List<AttributeConstraint> attributes = new ArrayList<>();
    if (o.get("attributes").isPresent()) {
      List<JsonValue> as = asArray(o.get("attributes").get(), child(p, "attributes"));
      limit(as.size(), child(p, "attributes"));
      for (int i = 0; i < as.size(); i++) {
        String cp = child(child(p, "attributes"), i);
        attributes.add(constraint(asObject(as.get(i), cp), cp));
      }
    }
    Optional<List<String>> params =
        o.get("allowedExternalParameters").isPresent()
            ? Optional.of(stringList(o, p, "allowedExternalParameters"))
            : Optional.empty();
    try {
      return new StepPolicy(
          name,
          types,
          fs,
          threshold,
          materials,
          products,
          attributes,
          params,
          stringList(o, p, "expectedCommand"),
          JsonFields.optionalBoolean(o, p, "required", true));
    } catch (IllegalArgumentException e) {
      throw malformed(p, e.getMessage());
    }
  }

  private static List<ArtifactRule> rules(JsonObject o, String p, String member)
      throws MalformedInputException {
    List<ArtifactRule> out = new ArrayList<>();
    if (o.get(member).isEmpty()) {
      return out;
    }
    String mp = child(p, member);
    List<JsonValue> rs = asArray(o.get(member).get(), mp);
    limit(rs.size(), mp);
    for (int i = 0; i < rs.size(); i++) {
      String rp = child(mp, i);
      List<String> tokens = JsonFields.strings(rs.get(i), rp);
      try {
        ArtifactRule r = ArtifactRule.parse(tokens);
        for (Optional<String> prefix : List.of(r.sourcePrefix(), r.targetPrefix())) {
          if (prefix.isPresent()) {
            String bare = prefix.get().endsWith("/") ? prefix.get().substring(0, prefix.get().length() - 1) : prefix.get();
            Optional<String> problem = ArtifactNames.problem(bare);
            if (problem.isPresent()) {
              throw malformed(rp, "prefix " + prefix.get() + ": " + problem.get());
            }
          }
        }
        out.add(r);
      } catch (MalformedInputException e) {
        throw new MalformedInputException(e.code(), rp, e.getMessage(), e);
      }
    }
    return out;
  }

  private static AttributeConstraint constraint(JsonObject o, String p)
      throws MalformedInputException {
    rejectUnknown(o, p, CONSTRAINT_MEMBERS);
    JsonValue pv = JsonFields.required(o, p, "pointer");
    String pointer = asString(pv, child(p, "pointer"));
    AttributeConstraint.Operator op = null;
    List<JsonValue> values = null;
    for (String k : List.of("equals", "oneOf", "regex", "glob")) {
      if (o.get(k).isEmpty()) {
        continue;
      }
      if (op != null) {
        throw malformed(child(p, k), "a constraint has exactly one operator");
      }
      JsonValue v = o.get(k).get();
      switch (k) {
        case "equals":
          op = AttributeConstraint.Operator.EQUALS;
          values = List.of(v);
          break;
        case "oneOf":
          op = AttributeConstraint.Operator.ONE_OF;
          values = asArray(v, child(p, k));
          break;
        case "regex":
          op = AttributeConstraint.Operator.REGEX;
          values = List.of(new JsonString(asString(v, child(p, k))));
          break;
        default:
          op = AttributeConstraint.Operator.GLOB;
          values = List.of(new JsonString(asString(v, child(p, k))));
          break;
      }
    }
    if (op == null) {
      throw malformed(p, "a constraint needs one of equals, oneOf, regex, glob");
    }
    try {
      return new AttributeConstraint(pointer, op, values);
    } catch (IllegalArgumentException e) {
      throw malformed(p, e.getMessage());
    }
  }

  private static ChainRoot root(JsonObject o, String p) throws MalformedInputException {
    rejectUnknown(o, p, ROOT_MEMBERS);
    try {
      return new ChainRoot(
          optionalString(o, p, "repository"),
          stringList(o, p, "commits"),
          stringList(o, p, "refs"),
          optionalString(o, p, "step"));
    } catch (IllegalArgumentException e) {
      throw malformed(p, e.getMessage());
    }
  }

  private static ExternalDependency external(JsonObject o, String p)
      throws MalformedInputException {
    rejectUnknown(o, p, EXTERNAL_MEMBERS);
    DigestSet digest = DigestSet.empty();
    if (o.get("digest").isPresent()) {
      digest = digestSet(o.get("digest").get(), child(p, "digest"));
    }
    try {
      return new ExternalDependency(
          optionalString(o, p, "name"), optionalString(o, p, "uri"), digest);
    } catch (IllegalArgumentException e) {
      throw malformed(p, e.getMessage());
    }
  }

  /**
   * Reads a DigestSet object.
   *
   * @param v the value
   * @param p its pointer
   * @return the digests
   * @throws MalformedInputException if not an object of valid digest values
   */
  public static DigestSet digestSet(JsonValue v, String p) throws MalformedInputException {
    JsonObject o = asObject(v, p);
    TreeMap<DigestAlgorithm, String> m = new TreeMap<>();
    for (Map.Entry<String, JsonValue> e : o.members().entrySet()) {
      String ep = child(p, e.getKey());
      if (e.getKey().isEmpty()) {
        throw malformed(ep, "empty algorithm name");
      }
      DigestAlgorithm a = DigestAlgorithm.of(e.getKey());
      String value = asString(e.getValue(), ep);
      if (!a.isValidValue(value)) {
        throw malformed(ep, "invalid " + a + " value");
      }
      m.put(a, value);
    }
    return new DigestSet(m);
  }

  /**
   * Writes a policy document.
   *
   * @param policy the policy
   * @return the document
   */
  public static JsonObject write(ChainPolicy policy) {
    JsonObject.Builder doc = JsonObject.newBuilder();
    doc.put("_type", ChainPolicy.TYPE);
    doc.put("expires", policy.expires().toString());
    JsonObject.Builder fs = JsonObject.newBuilder();
    for (Functionary f : policy.functionaries().values()) {
      JsonObject.Builder fo = JsonObject.newBuilder();
      if (f instanceof KeyFunctionary) {
        KeyFunctionary k = (KeyFunctionary) f;
        fo.put("kind", "publicKey");
        fo.put("publicKey", k.publicKeyPem());
        k.algorithm().ifPresent(a -> fo.put("algorithm", AlgorithmNames.name(a)));
        k.keyId().ifPresent(id -> fo.put("keyid", id));
      } else {
        SigstoreFunctionary s = (SigstoreFunctionary) f;
        fo.put("kind", "sigstore");
        fo.put("identity", s.identity());
        fo.put("issuer", s.issuer());
      }
      fs.put(f.id(), fo.build());
    }
    doc.put("functionaries", fs.build());
    List<JsonValue> steps = new ArrayList<>();
    for (StepPolicy s : policy.steps()) {
      JsonObject.Builder so = JsonObject.newBuilder();
      so.put("name", s.name());
      so.put("predicateTypes", strings(s.predicateTypes()));
      so.put("functionaries", strings(s.functionaries()));
      so.put("threshold", JsonValue.of(s.threshold()));
      so.put("expectedMaterials", rules(s.expectedMaterials()));
      so.put("expectedProducts", rules(s.expectedProducts()));
      if (!s.attributes().isEmpty()) {
        List<JsonValue> as = new ArrayList<>();
        for (AttributeConstraint c : s.attributes()) {
          JsonObject.Builder co = JsonObject.newBuilder();
          co.put("pointer", c.pointer());
          switch (c.operator()) {
            case EQUALS:
              co.put("equals", c.values().get(0));
              break;
            case ONE_OF:
              co.put("oneOf", JsonValue.of(c.values()));
              break;
            case REGEX:
              co.put("regex", c.values().get(0));
              break;
            default:
              co.put("glob", c.values().get(0));
              break;
          }
          as.add(co.build());
        }
        so.put("attributes", JsonValue.of(as));
      }
      s.allowedExternalParameters().ifPresent(l -> so.put("allowedExternalParameters", strings(l)));
      if (!s.expectedCommand().isEmpty()) {
        so.put("expectedCommand", strings(s.expectedCommand()));
      }
      if (!s.required()) {
        so.put("required", JsonValue.of(false));
      }
      steps.add(so.build());
    }
    doc.put("steps", JsonValue.of(steps));
    List<JsonValue> roots = new ArrayList<>();
    for (ChainRoot r : policy.roots()) {
      JsonObject.Builder ro = JsonObject.newBuilder();
      r.repository().ifPresent(v -> ro.put("repository", v));
      if (!r.commits().isEmpty()) {
        ro.put("commits", strings(r.commits()));
      }
      if (!r.refs().isEmpty()) {
        ro.put("refs", strings(r.refs()));
      }
      r.step().ifPresent(v -> ro.put("step", v));
      roots.add(ro.build());
    }
    doc.put("roots", JsonValue.of(roots));
    List<JsonValue> externals = new ArrayList<>();
    for (ExternalDependency x : policy.externals()) {
      JsonObject.Builder xo = JsonObject.newBuilder();
      x.name().ifPresent(v -> xo.put("name", v));
      x.uri().ifPresent(v -> xo.put("uri", v));
      if (!x.digest().isEmpty()) {
        xo.put("digest", digestJson(x.digest()));
      }
      externals.add(xo.build());
    }
    doc.put("externals", JsonValue.of(externals));
    List<JsonValue> algs = new ArrayList<>();
    for (DigestAlgorithm a : policy.digestAlgorithms()) {
      algs.add(JsonValue.of(a.name()));
    }
    doc.put("digestAlgorithms", JsonValue.of(algs));
    return doc.build();
  }

  /**
   * Returns a DigestSet as a JSON object.
   *
   * @param digest the digests
   * @return the object
   */
  public static JsonObject digestJson(DigestSet digest) {
    JsonObject.Builder b = JsonObject.newBuilder();
    for (Map.Entry<DigestAlgorithm, String> e : digest.digests().entrySet()) {
      b.put(e.getKey().name(), e.getValue());
    }
    return b.build();
  }

  private static JsonValue strings(List<String> values) {
    List<JsonValue> out = new ArrayList<>(values.size());
    for (String v : values) {
      out.add(JsonValue.of(v));
    }
    return JsonValue.of(out);
  }

  private static JsonValue rules(List<ArtifactRule> rules) {
    List<JsonValue> out = new ArrayList<>(rules.size());
    for (ArtifactRule r : rules) {
      out.add(strings(r.tokens()));
    }
    return JsonValue.of(out);
  }
}
