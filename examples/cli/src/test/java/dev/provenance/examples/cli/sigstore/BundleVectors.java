package dev.provenance.examples.cli.sigstore;

import dev.provenance.api.ProvenanceException;
import dev.provenance.api.attestation.ResourceDescriptor;
import dev.provenance.api.digest.DigestAlgorithm;
import dev.provenance.api.json.JsonArray;
import dev.provenance.api.json.JsonObject;
import dev.provenance.api.json.JsonString;
import dev.provenance.api.json.JsonValue;
import dev.provenance.core.json.JsonCodec;
import dev.provenance.sigstore.CertificateIdentity;
import dev.provenance.sigstore.FulcioExtension;
import dev.provenance.sigstore.SigstoreBundle;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns the Sigstore bundle cases of {@code vectors/sigstore-cases.json} into {@code provenance
 * sigstore verify-bundle} argument lists, the way the library's vector test turns them into
 * verifier settings: every identity, extension and threshold the case's policy names becomes the
 * matching option, each artifact is given as its file and as {@code ALG:HEX}, and a case that
 * requires legacy v0.1 promise-only support also runs without {@code --allow-v01-promise-only}
 * (and must then fail). Cases that are no bundle verification are in {@link #LIBRARY_ONLY}.
 */
public final class BundleVectors {
  /** The sources whose cases sigstore-cases.json holds. */
  public static final List<String> SOURCES =
      List.of(
          "sigstore-conformance",
          "sigstore-java",
          "sigstore-python",
          "sigstore-go",
          "sigstore-js",
          "cli-cli");

  /** Cases that verify no bundle, so no CLI command applies: id to reason. */
  public static final Map<String, String> LIBRARY_ONLY = new LinkedHashMap<>();

  static {
    String checkpoint =
        "a Rekor checkpoint parsed and verified on its own, without a bundle (library:"
            + " CheckpointVerifier in SigstoreVectorsTest)";
    for (String c :
        List.of(
            "valid",
            "error_header_body_separator",
            "error_header_count",
            "error_no_newline_after_signature",
            "error_signature_format_invalid",
            "error_signature_length_insufficient")) {
      LIBRARY_ONLY.put("java-checkpoint-" + c, checkpoint);
    }
    String statement = "an in-toto statement parsed on its own, without a bundle";
    LIBRARY_ONLY.put("statement-v1-slsa-v1-parse", statement);
    LIBRARY_ONLY.put("js-statement-v0.1-parse", statement);
    LIBRARY_ONLY.put(
        "go-example-statement-matches-bundle",
        "compares a statement file with the bundle's payload; the bundle itself is verified by"
            + " go-example-npm-provenance-sigstore-1.3.0");
  }

  /**
   * INVALID cases whose only fault is a DSSE envelope logged as the early Rekor v2 {@code dsse}
   * 0.0.2 type: they also run with {@code --allow-rekor-v2-dsse} and must then verify.
   */
  static final Set<String> REKOR_V2_DSSE_ENTRY_CASES = Set.of("java-dsse-rekor-v2-dsse-0.0.2-entry");

  private static final String PRODUCTION = "sigstore-python/trust-roots/production.trusted_root.json";

  private BundleVectors() {}

  /**
   * One {@code verify-bundle} invocation and its expected outcome.
   *
   * @param caseId the case
   * @param source the case's source
   * @param name the case and variant
   * @param valid whether it must verify
   * @param digest whether the artifact is given as a digest
   * @param args the arguments after {@code provenance}
   */
  public record Run(
      String caseId, String source, String name, boolean valid, boolean digest, List<String> args) {
    @Override
    public String toString() {
      return name;
    }
  }

  /** One case of sigstore-cases.json. */
  public static final class Case {
    final String id;
    final String source;
    final String category;
    final boolean valid;
    final JsonObject policy;
    final List<String> files = new ArrayList<>();

    Case(JsonObject o) {
      id = str(o, "case");
      source = str(o, "source");
      category = str(o, "category");
      valid = str(o, "expected").equals("VALID");
      policy = (JsonObject) o.members().get("policy");
      for (JsonValue f : ((JsonArray) o.members().get("files")).elements()) {
        files.add(str((JsonObject) f, "path"));
      }
    }

    /**
     * Returns the case id.
     *
     * @return the id
     */
    public String id() {
      return id;
    }

    /**
     * Returns the case's source.
     *
     * @return the source directory name
     */
    public String source() {
      return source;
    }

    Optional<String> policy(String key) {
      JsonValue v = policy.members().get(key);
      return v instanceof JsonString s ? Optional.of(s.value()) : Optional.empty();
    }

    String caseDirectory() {
      String first = files.get(0);
      return first.substring(0, first.lastIndexOf('/'));
    }

    @Override
    public String toString() {
      return id;
    }
  }

  /**
   * Returns every case of sigstore-cases.json.
   *
   * @return the cases in file order
   */
  public static List<Case> cases() {
    JsonObject root;
    try {
      root = JsonCodec.standard().parseObject(read("sigstore-cases.json"));
    } catch (ProvenanceException e) {
      throw new AssertionError(e);
    }
    List<Case> out = new ArrayList<>();
    for (JsonValue c : ((JsonArray) root.members().get("cases")).elements()) {
      out.add(new Case((JsonObject) c));
    }
    return out;
  }

  /**
   * Returns every run of every case not in {@link #LIBRARY_ONLY}.
   *
   * @param scratch a directory for bundles and roots taken out of JSON Lines files
   * @return the runs
   */
  public static List<Run> runs(Path scratch) {
    List<Run> out = new ArrayList<>();
    for (Case c : cases()) {
      if (!LIBRARY_ONLY.containsKey(c.id)) {
        out.addAll(runs(c, scratch));
      }
    }
    return out;
  }

  /**
   * Returns the runs of one case.
   *
   * @param c the case
   * @param scratch a directory for bundles and roots taken out of JSON Lines files
   * @return the runs; empty only for a case this class cannot express
   */
  public static List<Run> runs(Case c, Path scratch) {
    List<Run> out = new ArrayList<>();
    List<String> bundles = bundles(c, scratch);
    byte[] first = bytes(bundles.get(0));
    List<String> root = List.of("--trusted-root", trustedRoot(c, scratch));
    List<String[]> artifacts = artifacts(c, first); // {label, FILE_OR_DIGEST}
    List<String> thresholds = thresholds(c);
    Optional<String> requires = c.policy("requires");
    for (int b = 0; b < bundles.size(); b++) {
      String bundleLabel = bundles.size() == 1 ? "" : "line " + (b + 1) + ", ";
      for (String[] policy : policies(c, bytes(bundles.get(b)))) {
        for (String[] artifact : artifacts) {
          List<String> args = new ArrayList<>(List.of("sigstore", "verify-bundle", "--bundle", bundles.get(b)));
          args.addAll(List.of(policy).subList(1, policy.length));
          args.addAll(root);
          args.addAll(thresholds);
          String name = c.id + " [" + bundleLabel + join(policy[0], artifact[0]);
          boolean digest = !artifact[0].equals("artifact");
          if (requires.isPresent()) {
            out.add(run(c, name + ", v0.1 promise-only on]", c.valid, digest, args, "--allow-v01-promise-only", artifact[1]));
            out.add(run(c, name + ", v0.1 promise-only off]", false, digest, args, null, artifact[1]));
          } else {
            out.add(run(c, name + "]", c.valid, digest, args, null, artifact[1]));
          }
          if (REKOR_V2_DSSE_ENTRY_CASES.contains(c.id)) {
            out.add(run(c, name + ", dsse 0.0.2 entries allowed]", true, digest, args, "--allow-rekor-v2-dsse", artifact[1]));
          }
        }
      }
    }
    return out;
  }

  private static Run run(
      Case c, String name, boolean valid, boolean digest, List<String> args, String flag, String artifact) {
    List<String> all = new ArrayList<>(args);
    if (flag != null) {
      all.add(flag);
    }
    all.add(artifact);
    return new Run(c.id, c.source, name, valid, digest, List.copyOf(all));
  }

  // ---------------------------------------------------------------- bundles and roots

  /** The bundle files: one, the key type's for key-type cases, one per line of a .jsonl. */
  private static List<String> bundles(Case c, Path scratch) {
    List<String> candidates = new ArrayList<>();
    for (String f : c.files) {
      String name = f.substring(f.lastIndexOf('/') + 1);
      boolean bundle =
          name.endsWith(".sigstore")
              || name.endsWith(".sigstore.json")
              || (name.endsWith(".json") && !f.contains("trust") && !name.startsWith("statement"))
              || (name.endsWith(".jsonl") && !f.contains("trust"));
      if (bundle) {
        candidates.add(f);
      }
    }
    String chosen = candidates.get(0);
    for (String curve : List.of("ECDSA_P256", "ECDSA_P384", "ECDSA_P521")) {
      if (candidates.size() > 1 && c.id.contains(curve)) {
        chosen = candidates.stream().filter(f -> f.contains(curve)).findFirst().orElseThrow();
      }
    }
    if (!chosen.endsWith(".jsonl")) {
      return List.of(vector(chosen));
    }
    List<String> out = new ArrayList<>();
    List<String> lines = lines(chosen);
    for (int i = 0; i < lines.size(); i++) {
      out.add(write(scratch, c.id + "-bundle-" + (i + 1) + ".json", lines.get(i)));
    }
    return out;
  }

  private static String trustedRoot(Case c, Path scratch) {
    String spec = c.policy("trusted_root").orElse(PRODUCTION);
    if (spec.startsWith("trusted_root.json in the case directory")) {
      return vector(c.caseDirectory() + "/trusted_root.json");
    }
    String path = bare(spec);
    if (!path.endsWith(".jsonl")) {
      return vector(path);
    }
    Matcher m = Pattern.compile("line (\\d+)").matcher(spec);
    int line = m.find() ? Integer.parseInt(m.group(1)) : 1;
    return write(scratch, c.id + "-trusted-root.json", lines(path).get(line - 1));
  }

  // ---------------------------------------------------------------- artifacts

  /**
   * The artifact as its file and as a digest, with the bundle's message digest algorithm (sha256
   * for DSSE), plus every other digest the case names; a case that names no artifact gives the
   * first subject of the bundle's statement.
   */
  private static List<String[]> artifacts(Case c, byte[] firstBundle) {
    List<String[]> out = new ArrayList<>();
    Optional<String> file = c.policy("artifact").map(BundleVectors::bare);
    Optional<String> digest = c.policy("artifact_digest").map(BundleVectors::bare);
    if (file.isPresent()) {
      String path = file.get().equals("artifact in the case directory") ? c.caseDirectory() + "/artifact" : file.get();
      out.add(new String[] {"artifact", vector(path)});
      DigestAlgorithm alg = messageDigestAlgorithm(firstBundle).orElse(DigestAlgorithm.SHA256);
      String computed = alg.name() + ":" + hash(alg, bytes(vector(path)));
      out.add(new String[] {alg.name() + ":HEX", computed});
      if (digest.isPresent() && !digest.get().equals(computed)) {
        out.add(new String[] {"given " + prefix(digest.get()) + ":HEX", digest.get()});
      }
    } else if (digest.isPresent()) {
      out.add(new String[] {prefix(digest.get()) + ":HEX", digest.get()});
    } else {
      Optional<String> subject = firstSubject(firstBundle);
      if (subject.isEmpty() && c.valid) {
        throw new AssertionError(c.id + ": a VALID case needs an artifact or a statement subject");
      }
      // an unreadable bundle fails before the artifact matters: any digest will do
      out.add(
          new String[] {
            subject.isPresent() ? "statement subject sha256:HEX" : "sha256:HEX (bundle has no subject)",
            subject.orElse("sha256:" + "0".repeat(64))
          });
    }
    return out;
  }

  private static String prefix(String digest) {
    return digest.substring(0, digest.indexOf(':'));
  }

  private static Optional<String> firstSubject(byte[] bundle) {
    try {
      SigstoreBundle b = SigstoreBundle.parse(bundle);
      if (b.dsseEnvelope().isEmpty()) {
        return Optional.empty();
      }
      List<ResourceDescriptor> subjects =
          JsonCodec.standard().parseStatement(b.dsseEnvelope().get().payload().toByteArray()).subject();
      return subjects.isEmpty()
          ? Optional.empty()
          : Optional.ofNullable(subjects.get(0).digest().digests().get(DigestAlgorithm.SHA256)).map(h -> "sha256:" + h);
    } catch (ProvenanceException e) {
      return Optional.empty();
    }
  }

  private static Optional<DigestAlgorithm> messageDigestAlgorithm(byte[] bundle) {
    try {
      return SigstoreBundle.parse(bundle)
          .messageSignature()
          .flatMap(m -> m.messageDigest())
          .map(d -> d.digests().firstKey());
    } catch (ProvenanceException e) {
      return Optional.empty();
    }
  }

  // ---------------------------------------------------------------- policies

  /** Policy variants: {label, option, value, ...}. */
  private static List<String[]> policies(Case c, byte[] bundle) {
    List<String[]> out = new ArrayList<>();
    Optional<String> key = c.policy("key");
    if (key.isPresent()) {
      String path =
          key.get().startsWith("key.pub in the case directory") ? c.caseDirectory() + "/key.pub" : bare(key.get());
      out.add(new String[] {"key", "--key", vector(path)});
      return out;
    }
    Optional<X509Certificate> leaf = leaf(bundle);
    String issuer =
        c.policy("oidc_issuer").map(BundleVectors::bare).orElseGet(
            () -> leaf.flatMap(CertificateIdentity::issuer).orElse("none"));
    List<String[]> sans = new ArrayList<>(); // {label, option, value}
    Optional<String> identity = c.policy("identity");
    Optional<String> regex = c.policy("identity_regex");
    if (identity.isPresent()) {
      sans.add(new String[] {"san", "--certificate-identity", bare(identity.get())});
      Matcher m = Pattern.compile("or regex \\^(\\S+)\\)").matcher(identity.get());
      if (m.find()) {
        sans.add(new String[] {"san regex", "--certificate-identity-regexp", quoteRegex(m.group(1)) + ".*"});
      }
    } else if (regex.isPresent()) {
      // gh's regexes search unanchored; ours match the whole value
      sans.add(new String[] {"san regex", "--certificate-identity-regexp", toAnchored(regex.get())});
    } else {
      // no identity in the policy: the bundle's own, so that the other checks decide
      String san = leaf.flatMap(CertificateIdentity::subjectAlternativeName).orElse("none");
      sans.add(new String[] {"", "--certificate-identity", san});
    }
    for (String[] san : sans) {
      for (Map<FulcioExtension, String> ext : extensionVariants(c)) {
        List<String> args = new ArrayList<>();
        args.add(join(san[0], ext.isEmpty() ? "" : "ext " + ext));
        args.addAll(List.of(san[1], san[2], "--certificate-oidc-issuer", issuer));
        for (Map.Entry<FulcioExtension, String> e : ext.entrySet()) {
          args.add("--certificate-extension");
          args.add(e.getKey().oid() + "=" + e.getValue());
        }
        out.add(args.toArray(new String[0]));
      }
    }
    return out;
  }

  /**
   * The extension policies: none, then the case's {@code fulcio_extensions} (those given in full;
   * values shortened with "…" are compared by the library test only), owner and each repo
   * alternative.
   */
  private static List<Map<FulcioExtension, String>> extensionVariants(Case c) {
    List<Map<FulcioExtension, String>> out = new ArrayList<>();
    out.add(new LinkedHashMap<>());
    Optional<String> ext = c.policy("fulcio_extensions");
    if (ext.isPresent()) {
      Map<FulcioExtension, String> m = new LinkedHashMap<>();
      Matcher em = Pattern.compile("\\w+\\(1\\.(\\d+)\\)=([^;]+)").matcher(ext.get());
      while (em.find()) {
        String value = em.group(2).trim();
        if (value.endsWith("…")) {
          continue;
        }
        for (FulcioExtension f : FulcioExtension.values()) {
          if (f.oid().equals("1.3.6.1.4.1.57264.1." + em.group(1))) {
            m.put(f, value);
          }
        }
      }
      out = cross(out, List.of(m));
    }
    Optional<String> owner = c.policy("owner");
    if (owner.isPresent()) {
      String o = owner.get().split(" ")[0];
      out = cross(out, List.of(Map.of(FulcioExtension.SOURCE_REPOSITORY_OWNER_URI, "https://github.com/" + o)));
    }
    Optional<String> repo = c.policy("repo");
    if (repo.isPresent()) {
      List<Map<FulcioExtension, String>> rs = new ArrayList<>();
      for (String alt : repo.get().split(" or ")) {
        rs.add(alt.equals("(unset)") ? Map.of() : Map.of(FulcioExtension.SOURCE_REPOSITORY_URI, "https://github.com/" + alt.trim()));
      }
      out = cross(out, rs);
    }
    return out;
  }

  private static List<Map<FulcioExtension, String>> cross(
      List<Map<FulcioExtension, String>> a, List<Map<FulcioExtension, String>> b) {
    List<Map<FulcioExtension, String>> out = new ArrayList<>();
    for (Map<FulcioExtension, String> x : a) {
      for (Map<FulcioExtension, String> y : b) {
        Map<FulcioExtension, String> m = new LinkedHashMap<>(x);
        m.putAll(y);
        out.add(m);
      }
    }
    return out;
  }

  /** The case's thresholds and minimum bundle version as options. */
  private static List<String> thresholds(Case c) {
    String t = c.policy("thresholds").orElse("");
    List<String> out = new ArrayList<>();
    if (t.contains("tlog=0")) {
      out.addAll(List.of("--tlog-threshold", "0"));
    }
    if (t.contains("tlog>=1")) {
      out.addAll(List.of("--tlog-threshold", "1"));
    }
    if (t.contains("tlog>=2")) {
      out.addAll(List.of("--tlog-threshold", "2"));
    }
    if (t.contains("SCT=0")) {
      out.addAll(List.of("--sct-threshold", "0"));
    }
    if (t.contains("SCT>=1")) {
      out.addAll(List.of("--sct-threshold", "1"));
    }
    if (t.contains("timestamps>=1") || t.contains("signedTimestamps>=1")) {
      out.addAll(List.of("--timestamp-threshold", "1"));
    }
    if (t.contains("no timestamps required")) {
      out.addAll(List.of("--observer-timestamp-threshold", "0"));
    }
    c.policy("min_bundle_version").ifPresent(v -> out.addAll(List.of("--min-bundle-version", bare(v))));
    return out;
  }

  // ---------------------------------------------------------------- helpers

  private static Optional<X509Certificate> leaf(byte[] bundle) {
    try {
      SigstoreBundle b = SigstoreBundle.parse(bundle);
      if (b.verificationMaterial().certificates().isEmpty()) {
        return Optional.empty();
      }
      return Optional.of(
          (X509Certificate)
              CertificateFactory.getInstance("X.509")
                  .generateCertificate(
                      new ByteArrayInputStream(b.verificationMaterial().certificates().get(0).toByteArray())));
    } catch (ProvenanceException | CertificateException e) {
      return Optional.empty();
    }
  }

  static String bare(String value) {
    int p = value.indexOf(" (");
    return (p < 0 ? value : value.substring(0, p)).trim();
  }

  private static String hash(DigestAlgorithm alg, byte[] data) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance(alg.jcaName().orElseThrow()).digest(data));
    } catch (NoSuchAlgorithmException e) {
      throw new AssertionError(e);
    }
  }

  private static String quoteRegex(String literal) {
    StringBuilder sb = new StringBuilder();
    for (char ch : literal.toCharArray()) {
      if ("\\.[]{}()*+?^$|".indexOf(ch) >= 0) {
        sb.append('\\');
      }
      sb.append(ch);
    }
    return sb.toString();
  }

  private static String toAnchored(String searchRegex) {
    String r = searchRegex.startsWith("^") ? searchRegex.substring(1) : ".*" + searchRegex;
    return r.endsWith("$") ? r.substring(0, r.length() - 1) : r + ".*";
  }

  private static String join(String... parts) {
    List<String> l = new ArrayList<>();
    for (String p : parts) {
      if (!p.isEmpty()) {
        l.add(p);
      }
    }
    return String.join(", ", l);
  }

  private static String str(JsonObject o, String key) {
    return ((JsonString) o.members().get(key)).value();
  }

  private static List<String> lines(String vectorPath) {
    List<String> out = new ArrayList<>();
    for (String line : new String(read(vectorPath), StandardCharsets.UTF_8).split("\n")) {
      if (!line.isBlank()) {
        out.add(line);
      }
    }
    return out;
  }

  private static String write(Path dir, String name, String content) {
    try {
      Files.createDirectories(dir);
      return Files.writeString(dir.resolve(name), content, StandardCharsets.UTF_8).toAbsolutePath().toString();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static byte[] bytes(String absolutePath) {
    try {
      return Files.readAllBytes(Path.of(absolutePath));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static byte[] read(String vectorPath) {
    return bytes(vector(vectorPath));
  }

  /**
   * Returns the absolute path of a vector file.
   *
   * @param path the path under {@code vectors/}
   * @return the file's path
   */
  public static String vector(String path) {
    URL url = BundleVectors.class.getResource("/vectors/" + path);
    if (url == null) {
      throw new IllegalArgumentException("missing vector " + path);
    }
    try {
      return Path.of(url.toURI()).toString();
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException(path, e);
    }
  }
}
