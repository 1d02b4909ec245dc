package dev.provenance.sigstore.vectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.provenance.api.ErrorCode;
import dev.provenance.api.ProvenanceException;
import dev.provenance.api.VerificationException;
import dev.provenance.api.attestation.Statement;
import dev.provenance.api.digest.DigestAlgorithm;
import dev.provenance.api.digest.DigestSet;
import dev.provenance.api.json.JsonObject;
import dev.provenance.api.json.JsonValue;
import dev.provenance.core.json.JsonCodec;
import dev.provenance.core.policy.SlsaPolicy;
import dev.provenance.sigstore.Artifact;
import dev.provenance.sigstore.BundleVersion;
import dev.provenance.sigstore.CertificateIdentity;
import dev.provenance.sigstore.FulcioExtension;
import dev.provenance.sigstore.SigstoreBundle;
import dev.provenance.sigstore.SigstoreVerifier;
import dev.provenance.sigstore.VerifiedBundle;
import dev.provenance.sigstore.slsa.NpmPackageVerifier;
import dev.provenance.sigstore.slsa.VerifiedNpmPackage;
import dev.provenance.sigstore.internal.checkpoint.CheckpointVerifier;
import dev.provenance.sigstore.testing.JcaTestVerifier;
import dev.provenance.sigstore.testing.Vectors;
import dev.provenance.sigstore.trust.TransparencyLogInfo;
import dev.provenance.sigstore.trust.TrustedRoot;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
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
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Drives every Sigstore case of {@code vectors/cases.json} through the library: each case is one
 * or more runs (with the artifact bytes and with its digest, and once per policy variant), each
 * asserting the case's expected outcome. Cases driven by another test class (SLSA builder and
 * tag policy, legacy envelopes, key-signed VSAs) are listed in {@link #NOT_DRIVEN} with where, and
 * a test checks that no case is silently left out. npm documents run through {@link
 * NpmPackageVerifier}, every one-field change of their "policy-mismatch" cases included.
 */
class SigstoreVectorsTest {
  private static final List<String> SOURCES =
      List.of(
          "sigstore-conformance",
          "sigstore-java",
          "sigstore-python",
          "sigstore-go",
          "sigstore-js",
          "cli-cli",
          "slsa-verifier");

  /** Case id (or id prefix ending in '*') to the reason it is not driven here. */
  static final Map<String, String> NOT_DRIVEN = new LinkedHashMap<>();

  static {
    String slsa = "driven by dev.provenance.sigstore.slsa.SlsaVerifierVectorsTest";
    NOT_DRIVEN.put("sv-legacy-*", "raw DSSE with an embedded certificate and no log entry: " + slsa);
    NOT_DRIVEN.put("sv-vsa-*", "key-signed raw DSSE VSA (no Sigstore bundle): driven by the core's"
        + " DsseVerifierVectorsTest and AttestationVerifierVectorsTest");
    NOT_DRIVEN.put("*-versioned-tag-mismatch", "semantic-version tag matching: " + slsa);
    NOT_DRIVEN.put("sv-bcr-module-no-builder", "builder id mandatory there: " + slsa);
  }

  /**
   * Cases whose expected outcome this library deliberately does not share, with the reason (see
   * docs/verification-semantics.md). Their runs expect the opposite outcome.
   */
  static final Map<String, String> DIVERGENCES =
      Map.of(
          "sv-valid",
          "the bundle's cryptography verifies, but its statement has an empty predicateType, which"
              + " the in-toto statement parser refuses (TypeURI required); slsa-verifier's upstream"
              + " test checks the bundle only");

  /**
   * INVALID cases whose only fault is a DSSE envelope logged as the early Rekor v2 {@code dsse}
   * 0.0.2 type: they also run with {@code allowRekorV2DsseEntries(true)} and must then verify.
   */
  static final Set<String> REKOR_V2_DSSE_ENTRY_CASES = Set.of("java-dsse-rekor-v2-dsse-0.0.2-entry");

  /** One executable check with its expected outcome. */
  record Run(String name, boolean valid, Check check) {
    @Override
    public String toString() {
      return name;
    }
  }

  /** A check that throws on failure. */
  interface Check {
    void run() throws Exception;
  }

  static List<VectorCase> cases() {
    return VectorCase.all(
        (JsonObject) parse(Vectors.bytes("cases.json")));
  }

  static Stream<Arguments> runs() {
    List<Arguments> out = new ArrayList<>();
    for (VectorCase c : cases()) {
      if (!SOURCES.contains(c.source) || notDriven(c.id).isPresent()) {
        continue;
      }
      for (Run r : new Interpreter(c).runs()) {
        out.add(Arguments.of(r.name(), r));
      }
    }
    return out.stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("runs")
  void verify_vectorCase_givesExpectedOutcome(String name, Run run) {
    if (run.valid()) {
      assertThatCode(run.check()::run).doesNotThrowAnyException();
    } else {
      assertThatThrownBy(run.check()::run).isInstanceOf(ProvenanceException.class);
    }
  }

  @Test
  void runs_outcomes_writtenForReview() throws Exception {
    List<String> lines = new ArrayList<>();
    runs()
        .forEach(
            a -> {
              Run r = (Run) a.get()[1];
              String outcome;
              try {
                r.check().run();
                outcome = "VERIFIED";
              } catch (ProvenanceException e) {
                outcome = e.code() + " @ " + e.location().orElse("");
              } catch (Throwable t) {
                outcome = "UNEXPECTED " + t.getClass().getSimpleName();
              }
              lines.add((r.valid() ? "VALID   " : "INVALID ") + r.name() + " -> " + outcome);
            });
    java.nio.file.Files.write(java.nio.file.Path.of("target", "vector-outcomes.txt"), lines);
    assertThat(lines).noneMatch(l -> l.contains("UNEXPECTED"));
  }

  @Test
  void runs_names_writtenForReports() throws Exception {
    List<String> names = new ArrayList<>();
    runs().forEach(a -> names.add((String) a.get()[0]));
    java.nio.file.Files.write(java.nio.file.Path.of("target", "vector-runs.txt"), names);
    assertThat(names).doesNotHaveDuplicates();
  }

  @Test
  void cases_everySigstoreCase_isDrivenOrListed() {
    int driven = 0;
    for (VectorCase c : cases()) {
      if (!SOURCES.contains(c.source)) {
        continue;
      }
      if (notDriven(c.id).isEmpty()) {
        assertThat(new Interpreter(c).runs()).as(c.id).isNotEmpty();
        driven++;
      }
    }
    assertThat(driven).isGreaterThan(150);
  }

  static Optional<String> notDriven(String id) {
    for (Map.Entry<String, String> e : NOT_DRIVEN.entrySet()) {
      String k = e.getKey();
      boolean match;
      if (k.startsWith("*")) {
        match = id.endsWith(k.substring(1));
      } else if (k.endsWith("*") && k.indexOf('*') == k.length() - 1) {
        match = id.startsWith(k.substring(0, k.length() - 1));
      } else if (k.contains("*")) {
        String[] parts = k.split("\\*", 2);
        match = id.startsWith(parts[0]) && id.endsWith(parts[1]);
      } else {
        match = id.equals(k);
      }
      if (match) {
        return Optional.of(e.getValue());
      }
    }
    return Optional.empty();
  }

  static JsonValue parse(byte[] json) {
    try {
      return JsonCodec.standard().parseValue(json);
    } catch (ProvenanceException e) {
      throw new AssertionError(e);
    }
  }

  /** Turns one case into runs. */
  static final class Interpreter {
    private final VectorCase c;
    private final List<Run> runs = new ArrayList<>();

    Interpreter(VectorCase c) {
      this.c = c;
    }

    List<Run> runs() {
      runs.clear();
      if (c.category.equals("checkpoint/parse")) {
        checkpoint();
      } else if (c.category.equals("statement/parse")) {
        add("parse", true, () -> JsonCodec.standard().parseStatement(Vectors.bytes(c.files.get(0))));
      } else if (c.policy("parse_only").isPresent()) {
        statementMatchesBundle();
      } else if (c.category.startsWith("npm-attestations")) {
        npm();
      } else {
        bundles();
      }
      return List.copyOf(runs);
    }

    private void add(String variant, boolean valid, Check check) {
      // every divergence is a VALID case this library refuses
      boolean expected = valid && !DIVERGENCES.containsKey(c.id);
      runs.add(new Run(c.id + " [" + variant + "]", expected, check));
    }

    private void checkpoint() {
      add(
          "checkpoint",
          c.valid(),
          () -> {
            TransparencyLogInfo rekor = TrustedRoot.publicGood().tlogs().get(0);
            CheckpointVerifier.verify(
                Vectors.text(c.files.get(0)),
                rekor.logId().toByteArray(),
                JcaTestVerifier.of(rekor.publicKey().toByteArray()),
                "/checkpoint");
          });
    }

    private void statementMatchesBundle() {
      String statementFile = c.files.stream().filter(f -> f.contains("statement")).findFirst().orElseThrow();
      String bundleFile = c.files.stream().filter(f -> f.contains("bundle")).findFirst().orElseThrow();
      add(
          "statement",
          c.valid(),
          () -> {
            Statement fromFile = JsonCodec.standard().parseStatement(Vectors.bytes(statementFile));
            SigstoreBundle bundle = SigstoreBundle.parse(Vectors.bytes(bundleFile));
            Statement fromBundle =
                JsonCodec.standard()
                    .parseStatement(bundle.dsseEnvelope().orElseThrow().payload().toByteArray());
            assertThat(fromBundle).isEqualTo(fromFile);
          });
    }

    // ---------------------------------------------------------------- bundles

    private void bundles() {
      List<byte[]> bundles = bundleBytes();
      List<Policy> variants = policyVariants(bundles.get(0));
      List<ArtifactMode> modes = artifactModes(bundles.get(0));
      Optional<String> requires = c.policy("requires");
      for (Policy p : variants) {
        for (ArtifactMode m : modes) {
          String name = p.name + (p.name.isEmpty() ? "" : ", ") + m.name;
          if (requires.isPresent()) {
            add(name + ", v0.1 promise-only on", c.valid(), () -> verifyAll(bundles, p, m, true));
            add(name + ", v0.1 promise-only off", false, () -> verifyAll(bundles, p, m, false));
          } else {
            add(name, c.valid(), () -> verifyAll(bundles, p, m, false));
          }
          if (REKOR_V2_DSSE_ENTRY_CASES.contains(c.id)) {
            add(name + ", dsse 0.0.2 entries allowed", true, () -> verifyAll(bundles, p, m, false, true));
          }
        }
      }
    }

    private void verifyAll(List<byte[]> bundles, Policy policy, ArtifactMode mode, boolean v01)
        throws Exception {
      verifyAll(bundles, policy, mode, v01, false);
    }

    private void verifyAll(
        List<byte[]> bundles, Policy policy, ArtifactMode mode, boolean v01, boolean dsseV002)
        throws Exception {
      TrustedRoot root = trustedRoot();
      for (byte[] b : bundles) {
        SigstoreVerifier v = policy.configure(SigstoreVerifier.newBuilder().trustedRoot(root), b)
            .allowV01PromiseOnlyBundles(v01)
            .allowRekorV2DsseEntries(dsseV002)
            .build();
        if (mode.artifact.isPresent()) {
          VerifiedBundle r = v.verify(b, mode.artifact.get());
          assertThat(r.signedTimes()).isNotEmpty();
        } else {
          v.verifyAttestation(b);
        }
      }
    }

    private List<byte[]> bundleBytes() {
      List<String> candidates = new ArrayList<>();
      for (String f : c.files) {
        String name = f.substring(f.lastIndexOf('/') + 1);
        boolean bundle =
            name.endsWith(".sigstore")
                || name.endsWith(".sigstore.json")
                || name.endsWith(".intoto.jsonl")
                || name.endsWith(".slsa")
                || (name.endsWith(".json")
                    && !f.contains("trust")
                    && !name.startsWith("statement"))
                || (name.endsWith(".jsonl") && !f.contains("trust"));
        if (bundle) {
          candidates.add(f);
        }
      }
      String chosen = candidates.get(0);
      if (candidates.size() > 1) {
        for (String token : new String[] {"P256", "P384", "P521"}) {
          if (c.id.contains(token.replace("P", "ECDSA_P"))) {
            chosen = candidates.stream().filter(f -> f.contains(token.replace("P", "ECDSA_P"))).findFirst().orElseThrow();
          }
        }
      }
      byte[] bytes = Vectors.bytes(chosen);
      List<byte[]> out = new ArrayList<>();
      if (chosen.endsWith(".jsonl")) {
        for (String line : new String(bytes, StandardCharsets.UTF_8).split("\n")) {
          if (!line.isBlank()) {
            out.add(line.getBytes(StandardCharsets.UTF_8));
          }
        }
      } else {
        out.add(bytes);
      }
      return out;
    }

    TrustedRoot trustedRoot() throws ProvenanceException {
      String spec = c.policy("trusted_root").orElse("sigstore-python/trust-roots/production.trusted_root.json");
      {
        if (spec.startsWith("trusted_root.json in the case directory")) {
          return TrustedRoot.parse(Vectors.bytes(c.caseDirectory() + "/trusted_root.json"));
        }
        String path = VectorCase.bare(spec);
        if (path.endsWith(".jsonl")) {
          Matcher m = Pattern.compile("line (\\d+)").matcher(spec);
          int line = m.find() ? Integer.parseInt(m.group(1)) : 1;
          return TrustedRoot.parseJsonLines(Vectors.bytes(path)).get(line - 1);
        }
        return TrustedRoot.parse(Vectors.bytes(path));
      }
    }

    /** An artifact input and its label. */
    record ArtifactMode(String name, Optional<Artifact> artifact) {}

    private List<ArtifactMode> artifactModes(byte[] firstBundle) {
      List<ArtifactMode> modes = new ArrayList<>();
      Optional<String> file = c.policy("artifact");
      Optional<String> digest = c.policy("artifact_digest");
      if (file.isPresent()) {
        String path = VectorCase.bare(file.get());
        if (path.equals("artifact in the case directory")) {
          path = c.caseDirectory() + "/artifact";
        }
        byte[] bytes = Vectors.bytes(path);
        modes.add(new ArtifactMode("artifact", Optional.of(Artifact.ofBytes(bytes))));
        DigestAlgorithm alg = messageDigestAlgorithm(firstBundle).orElse(DigestAlgorithm.SHA256);
        String hex = hash(alg, bytes);
        modes.add(new ArtifactMode(alg.name() + ":HEX", Optional.of(digest(alg.name() + ":" + hex))));
      } else if (digest.isPresent()) {
        String d = VectorCase.bare(digest.get());
        modes.add(new ArtifactMode(d.substring(0, d.indexOf(':')) + ":HEX", Optional.of(digest(d))));
        if (digest.get().endsWith("or no subject check")) {
          modes.add(new ArtifactMode("no artifact", Optional.empty()));
        }
      } else {
        modes.add(new ArtifactMode("no artifact", Optional.empty()));
      }
      return modes;
    }

    // ---------------------------------------------------------------- npm documents

    /**
     * npm attestation documents, verified with {@link NpmPackageVerifier}. Older documents hold
     * promise-only v0.1 bundles, so runs enable them, as npm and slsa-verifier do; cases that say
     * they need it also run without it and must then fail. Documents with a package policy run
     * with every optional input and builder-id spelling the case allows; each one-field change a
     * policy-mismatch case lists runs alone and must fail with its code. Statement-header cases
     * have no build policy: they run {@link NpmPackageVerifier#verifyAttestations}.
     */
    private void npm() {
      String file = c.policy("file").map(f -> "slsa-verifier/npm/" + f).orElse(c.files.get(0));
      byte[] doc = Vectors.bytes(file);
      String pub = Vectors.text(VectorCase.bare(c.policy("npm_publish_key").orElseThrow()));
      DigestSet tarball = npmTarball(VectorCase.bare(c.policy("artifact_digest").orElseThrow()));
      if (c.policy("source_uri").isEmpty()) {
        add("npm attestations", c.valid(), () -> npmVerifier(pub, Map.of(), true).verifyAttestations(doc, tarball));
        if (c.policy("requires").isPresent()) {
          add("npm attestations, v0.1 promise-only off", false,
              () -> npmVerifier(pub, Map.of(), false).verifyAttestations(doc, tarball));
        }
        return;
      }
      Map<String, String> base = new LinkedHashMap<>();
      base.put("source_uri", VectorCase.bare(c.policy("source_uri").get()));
      base.put("builder_id", NpmPackageVerifier.GITHUB_HOSTED_RUNNER);
      base.put("package_name", c.policy("package_name").orElseThrow());
      base.put("package_version", c.policy("package_version").orElseThrow());
      if (c.id.endsWith("-policy-mismatch")) {
        for (Map.Entry<Map<String, String>, ErrorCode> change : npmChanges(base).entrySet()) {
          Map<String, String> p = change.getKey();
          add("npm package, " + describe(base, p), false,
              () -> expectCode(change.getValue(), () -> npmVerifier(pub, p, true).verify(doc, tarball)));
        }
        return;
      }
      List<Map<String, String>> policies = new ArrayList<>();
      policies.add(base);
      Map<String, String> bare = new LinkedHashMap<>(base);
      bare.remove("package_name");
      bare.remove("package_version");
      policies.add(bare);
      if (c.policy("builder_id").orElse("").contains("short runner name accepted")) {
        Map<String, String> legacy = new LinkedHashMap<>(base);
        legacy.put("builder_id", NpmPackageVerifier.LEGACY_RUNNER);
        policies.add(legacy);
      }
      for (Map<String, String> p : policies) {
        String name = "npm package, " + String.join(" ", p.keySet()) + ", builder " + p.get("builder_id");
        add(name, c.valid(), () -> checkNpm(npmVerifier(pub, p, true).verify(doc, tarball), tarball));
        if (c.policy("requires").isPresent()) {
          add(name + ", v0.1 promise-only off", false, () -> npmVerifier(pub, p, false).verify(doc, tarball));
        }
      }
    }

    /**
     * The one-field changes a policy-mismatch case lists, each with the code it must fail with:
     * "builder_id unset", "builder_id X", "source X", "package_version X" and "package_name X".
     */
    private Map<Map<String, String>, ErrorCode> npmChanges(Map<String, String> base) {
      Map<Map<String, String>, ErrorCode> out = new LinkedHashMap<>();
      Matcher m =
          Pattern.compile("(builder_id|source|package_version|package_name) (\\S+)").matcher(c.reason);
      while (m.find()) {
        String field = m.group(1).equals("source") ? "source_uri" : m.group(1);
        Map<String, String> p = new LinkedHashMap<>(base);
        ErrorCode code = ErrorCode.POLICY_MISMATCH;
        if (m.group(2).equals("unset")) {
          p.remove(field);
          code = ErrorCode.CONFIGURATION_ERROR;
        } else {
          p.put(field, m.group(2));
        }
        out.put(p, code);
      }
      // every field named in the case's "variants" list is among them
      for (String v : c.policy("variants").orElseThrow().replace("each applied alone: ", "").split(" \\| ")) {
        String[] kv = v.split("=", 2);
        boolean listed = out.keySet().stream().anyMatch(p -> kv[1].equals("(unset)")
            ? !p.containsKey(kv[0]) : kv[1].equals(p.get(kv[0])));
        assertThat(listed).as("%s: variant %s is driven", c.id, v).isTrue();
      }
      return out;
    }

    private static String describe(Map<String, String> base, Map<String, String> changed) {
      for (String k : base.keySet()) {
        if (!changed.containsKey(k)) {
          return k + " unset";
        }
        if (!changed.get(k).equals(base.get(k))) {
          return k + " " + changed.get(k);
        }
      }
      return "unchanged";
    }

    private NpmPackageVerifier npmVerifier(String publishKey, Map<String, String> p, boolean v01)
        throws ProvenanceException {
      NpmPackageVerifier.Builder b =
          NpmPackageVerifier.newBuilder()
              .trustedRoot(trustedRoot())
              .publishKeyPem(publishKey)
              .allowV01PromiseOnlyBundles(v01);
      Optional.ofNullable(p.get("source_uri")).ifPresent(b::sourceUri);
      Optional.ofNullable(p.get("builder_id")).ifPresent(b::builderId);
      Optional.ofNullable(p.get("package_name")).ifPresent(b::packageName);
      Optional.ofNullable(p.get("package_version")).ifPresent(b::packageVersion);
      return b.build();
    }

    private void checkNpm(VerifiedNpmPackage v, DigestSet tarball) {
      assertThat(v.attestations().tarball()).isEqualTo(tarball);
      assertThat(v.attestations().packageName()).isEqualTo(c.policy("package_name").orElseThrow());
      assertThat(v.attestations().packageVersion()).isEqualTo(c.policy("package_version").orElseThrow());
      assertThat(v.source()).startsWith("git+https://" + VectorCase.bare(c.policy("source_uri").orElseThrow()) + "@refs/");
    }

    static DigestSet npmTarball(String text) {
      int colon = text.indexOf(':');
      return DigestSet.of(DigestAlgorithm.SHA512, text.substring(colon + 1));
    }

    /** Runs a check that must fail with exactly this code. */
    static void expectCode(ErrorCode code, Check check) throws Exception {
      try {
        check.run();
      } catch (ProvenanceException e) {
        assertThat(e.code()).as(e.getMessage()).isEqualTo(code);
        throw e;
      }
      throw new AssertionError("expected " + code + ", but it verified");
    }

    // ---------------------------------------------------------------- policies

    /** A verifier configuration variant. */
    static final class Policy {
      final String name;
      final Configurer configurer;

      Policy(String name, Configurer configurer) {
        this.name = name;
        this.configurer = configurer;
      }

      SigstoreVerifier.Builder configure(SigstoreVerifier.Builder b, byte[] bundle) throws Exception {
        configurer.apply(b, bundle);
        return b;
      }
    }

    /** Applies a variant to a builder. */
    interface Configurer {
      void apply(SigstoreVerifier.Builder b, byte[] bundle) throws Exception;
    }

    private List<Policy> policyVariants(byte[] firstBundle) {
      List<Policy> out = new ArrayList<>();
      Configurer thresholds = thresholds();
      Optional<String> key = c.policy("key");
      if (key.isPresent()) {
        String path =
            key.get().startsWith("key.pub in the case directory")
                ? c.caseDirectory() + "/key.pub"
                : VectorCase.bare(key.get());
        String pem = Vectors.text(path);
        out.add(new Policy("key", (b, bundle) -> { b.publicKeyPem(pem); thresholds.apply(b, bundle); }));
        return out;
      }
      for (IdentityVariant iv : identityVariants()) {
        out.add(
            new Policy(
                iv.name,
                (b, bundle) -> {
                  b.addCertificateIdentity(iv.identity(bundle));
                  iv.slsa.ifPresent(b::addPolicy);
                  thresholds.apply(b, bundle);
                }));
      }
      return out;
    }

    private Configurer thresholds() {
      String t = c.policy("thresholds").orElse("");
      Optional<String> min = c.policy("min_bundle_version");
      return (b, bundle) -> {
        if (t.contains("tlog=0")) {
          b.transparencyLogThreshold(0);
        }
        if (t.contains("SCT=0")) {
          b.certificateTransparencyThreshold(0);
        }
        if (t.contains("tlog>=2")) {
          b.transparencyLogThreshold(2);
        }
        if (t.contains("timestamps>=1") || t.contains("signedTimestamps>=1")) {
          b.timestampThreshold(1);
        }
        if (t.contains("no timestamps required")) {
          b.observerTimestampThreshold(0);
        }
        if (min.isPresent()) {
          b.minimumBundleVersion(min.get().equals("0.2") ? BundleVersion.V0_2 : BundleVersion.V0_3);
        }
      };
    }

    /** An identity policy variant. */
    static final class IdentityVariant {
      final String name;
      final IdentityFactory factory;
      final Optional<dev.provenance.api.policy.Policy> slsa;

      IdentityVariant(String name, IdentityFactory factory, Optional<dev.provenance.api.policy.Policy> slsa) {
        this.name = name;
        this.factory = factory;
        this.slsa = slsa;
      }

      CertificateIdentity identity(byte[] bundle) throws Exception {
        return factory.build(bundle);
      }
    }

    /** Builds the identity for a bundle (some variants read the bundle's own leaf). */
    interface IdentityFactory {
      CertificateIdentity build(byte[] bundle) throws Exception;
    }

    private List<IdentityVariant> identityVariants() {
      Optional<String> identity = c.policy("identity");
      Optional<String> regex = c.policy("identity_regex");
      Optional<String> issuer = c.policy("oidc_issuer").map(VectorCase::bare);
      List<Map<FulcioExtension, String>> extensionSets = extensionVariants();
      List<IdentityVariant> out = new ArrayList<>();
      List<String[]> sans = new ArrayList<>(); // {label, literal, regex}
      if (identity.isPresent()) {
        sans.add(new String[] {"san", VectorCase.bare(identity.get()), null});
        Matcher m = Pattern.compile("or regex \\^(\\S+)\\)").matcher(identity.get());
        if (m.find()) {
          sans.add(new String[] {"san regex", null, quoteRegex(m.group(1)) + ".*"});
        }
      } else if (regex.isPresent()) {
        // gh's regexes search unanchored; ours match the whole value
        sans.add(new String[] {"san regex", null, toAnchored(regex.get())});
      } else {
        sans.add(new String[] {"", null, null});
      }
      List<Optional<String[]>> builders = builderVariants();
      for (String[] san : sans) {
        for (Map<FulcioExtension, String> ext : extensionSets) {
          for (Optional<String[]> builder : builders) {
            String name =
                join(san[0], ext.isEmpty() ? "" : "ext " + ext, builder.map(x -> x[0]).orElse(""));
            Optional<dev.provenance.api.policy.Policy> slsa = Optional.empty();
            String builderLiteral = null;
            String builderRegex = null;
            if (builder.isPresent()) {
              if (builder.get()[1] != null) {
                slsa = Optional.of(slsaBuilder(builder.get()[1]));
              }
              builderLiteral = builder.get()[2];
              builderRegex = builder.get()[3];
            }
            String literal = san[1] != null ? san[1] : builderLiteral;
            String pattern = san[2] != null ? san[2] : builderRegex;
            out.add(
                new IdentityVariant(
                    name,
                    bundle -> {
                      CertificateIdentity.Builder id = CertificateIdentity.newBuilder();
                      if (literal != null) {
                        id.subjectAlternativeName(literal);
                      } else if (pattern != null) {
                        id.subjectAlternativeNameRegex(pattern);
                      } else {
                        // no identity in the policy: the bundle's own, so other checks decide
                        id.subjectAlternativeName(leafSan(bundle));
                      }
                      id.issuer(issuer.orElseGet(() -> leafIssuer(bundle)));
                      for (Map.Entry<FulcioExtension, String> e : ext.entrySet()) {
                        if (e.getValue().endsWith("…")) {
                          id.extensionRegex(e.getKey(), quoteRegex(e.getValue().substring(0, e.getValue().length() - 1)) + ".*");
                        } else {
                          id.extension(e.getKey(), e.getValue());
                        }
                      }
                      return id.build();
                    },
                    slsa));
          }
        }
      }
      return out;
    }

    /**
     * Builder-id variants: {label, SLSA v1 builder id for SlsaPolicy, SAN literal, SAN regex}.
     * Generators that sign with their own workflow identity (generic, go, container-based, BCR)
     * are checked on the certificate SAN; delegated builders (BYOB) on the predicate's builder id.
     */
    private List<Optional<String[]>> builderVariants() {
      Optional<String> builderId = c.policy("builder_id");
      List<Optional<String[]>> out = new ArrayList<>();
      if (builderId.isEmpty()
          || !c.category.startsWith("slsa-provenance") && !c.category.startsWith("github-attestation/slsa")) {
        out.add(Optional.empty());
        return out;
      }
      boolean delegated = c.files.get(0).contains("gha_delegator") || c.files.get(0).contains("gha_maven");
      for (String v : builderId.get().split(" \\| ")) {
        String b = VectorCase.bare(v);
        if (b.isEmpty() || v.startsWith("(no builder-id given)")) {
          out.add(Optional.empty());
          continue;
        }
        int at = b.indexOf('@');
        String path = at < 0 ? b : b.substring(0, at);
        String ref = at < 0 ? null : b.substring(at + 1);
        if (ref != null && !ref.startsWith("refs/")) {
          ref = "refs/tags/" + ref; // slsa-verifier's short tag form
        }
        String label = "builder " + b;
        if (delegated) {
          if (ref != null) {
            out.add(Optional.of(new String[] {label, path + "@" + ref, null, null}));
          } else if (!c.valid()) {
            out.add(Optional.of(new String[] {label, b, null, null}));
          }
          // a ref-less id on a delegated builder matches any ref: the later command's rule
        } else if (ref != null) {
          out.add(Optional.of(new String[] {label, null, path + "@" + ref, null}));
        } else {
          out.add(Optional.of(new String[] {label, null, null, quoteRegex(path) + "@.*"}));
        }
      }
      if (out.isEmpty()) {
        out.add(Optional.empty());
      }
      return out;
    }

    private List<Map<FulcioExtension, String>> extensionVariants() {
      List<Map<FulcioExtension, String>> out = new ArrayList<>();
      out.add(new LinkedHashMap<>());
      Optional<String> ext = c.policy("fulcio_extensions");
      if (ext.isPresent()) {
        Map<FulcioExtension, String> m = new LinkedHashMap<>();
        Matcher em = Pattern.compile("\\w+\\(1\\.(\\d+)\\)=([^;]+)").matcher(ext.get());
        while (em.find()) {
          int n = Integer.parseInt(em.group(1));
          for (FulcioExtension f : FulcioExtension.values()) {
            if (f.oid().equals("1.3.6.1.4.1.57264.1." + n)) {
              m.put(f, em.group(2).trim());
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
      Optional<String> source = c.policy("source_uri");
      if (source.isPresent()) {
        List<Map<FulcioExtension, String>> ss = new ArrayList<>();
        for (String alt : source.get().split(" \\| ")) {
          ss.add(Map.of(FulcioExtension.SOURCE_REPOSITORY_URI, "https://" + VectorCase.bare(alt)));
        }
        out = cross(out, ss);
      }
      List<Map<FulcioExtension, String>> refs = refVariants();
      if (!refs.isEmpty()) {
        out = cross(out, refs);
      }
      return out;
    }

    private List<Map<FulcioExtension, String>> refVariants() {
      List<Map<FulcioExtension, String>> out = new ArrayList<>();
      c.policy("source_branch")
          .ifPresent(
              v -> {
                for (String alt : v.split(" or ")) {
                  out.add(alt.equals("(unset)") ? Map.of() : Map.of(FulcioExtension.SOURCE_REPOSITORY_REF, "refs/heads/" + alt.trim()));
                }
              });
      c.policy("source_tag")
          .ifPresent(
              v -> {
                for (String alt : v.split(" \\| ")) {
                  out.add(Map.of(FulcioExtension.SOURCE_REPOSITORY_REF, "refs/tags/" + alt.trim()));
                }
              });
      c.policy("variants")
          .ifPresent(
              v -> {
                for (String alt : v.replace("each applied alone: ", "").split(" \\| ")) {
                  String[] kv = alt.split("=", 2);
                  if (kv[0].equals("source_branch")) {
                    out.add(Map.of(FulcioExtension.SOURCE_REPOSITORY_REF, "refs/heads/" + kv[1]));
                  } else if (kv[0].equals("source_tag")) {
                    out.add(Map.of(FulcioExtension.SOURCE_REPOSITORY_REF, "refs/tags/" + kv[1]));
                  }
                  // source_versioned_tag: semantic-version matching belongs to the later command
                }
              });
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

    private static dev.provenance.api.policy.Policy slsaBuilder(String builderId) {
      try {
        return SlsaPolicy.newBuilder().requireBuilderId(builderId).build();
      } catch (VerificationException e) {
        throw new AssertionError(e);
      }
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
  }

  // ---------------------------------------------------------------- helpers

  /** An identity taken from the bundle's own leaf (for cases whose policy names none). */
  static CertificateIdentity.Builder leafIdentity(byte[] bundle) {
    Optional<X509Certificate> leaf = leaf(bundle);
    CertificateIdentity.Builder b = CertificateIdentity.newBuilder();
    if (leaf.isEmpty()) {
      return b.subjectAlternativeName("no-certificate-in-bundle").issuer("no-certificate-in-bundle");
    }
    return b.subjectAlternativeName(CertificateIdentity.subjectAlternativeName(leaf.get()).orElse("none"))
        .issuer(CertificateIdentity.issuer(leaf.get()).orElse("none"));
  }

  static String leafSan(byte[] bundle) {
    return leaf(bundle).flatMap(CertificateIdentity::subjectAlternativeName).orElse("none");
  }

  static String leafIssuer(byte[] bundle) {
    return leaf(bundle).flatMap(CertificateIdentity::issuer).orElse("none");
  }

  static Optional<X509Certificate> leaf(byte[] bundle) {
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
    } catch (Exception e) {
      return Optional.empty();
    }
  }

  static Optional<DigestAlgorithm> messageDigestAlgorithm(byte[] bundle) {
    try {
      return SigstoreBundle.parse(bundle)
          .messageSignature()
          .flatMap(m -> m.messageDigest())
          .map(d -> d.digests().firstKey());
    } catch (Exception e) {
      return Optional.empty();
    }
  }

  static Artifact digest(String text) {
    try {
      return Artifact.parseDigest(text);
    } catch (ProvenanceException e) {
      throw new AssertionError(e);
    }
  }

  static String hash(DigestAlgorithm alg, byte[] data) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance(alg.jcaName().orElseThrow()).digest(data));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new AssertionError(e);
    }
  }

  static String quoteRegex(String literal) {
    StringBuilder sb = new StringBuilder();
    for (char ch : literal.toCharArray()) {
      if ("\\.[]{}()*+?^$|".indexOf(ch) >= 0) {
        sb.append('\\');
      }
      sb.append(ch);
    }
    return sb.toString();
  }

  static String toAnchored(String searchRegex) {
    String r = searchRegex.startsWith("^") ? searchRegex.substring(1) : ".*" + searchRegex;
    return r.endsWith("$") ? r.substring(0, r.length() - 1) : r + ".*";
  }
}
