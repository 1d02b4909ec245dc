package dev.provenance.examples.cli.chain;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.provenance.api.ErrorCode;
import dev.provenance.api.Finding;
import dev.provenance.api.ProvenanceException;
import dev.provenance.api.VerificationException;
import dev.provenance.api.attestation.ResourceDescriptor;
import dev.provenance.api.chain.VerifiedChain;
import dev.provenance.api.digest.DigestSet;
import dev.provenance.api.dsse.Envelope;
import dev.provenance.api.dsse.PayloadTypes;
import dev.provenance.api.signing.SignatureAlgorithm;
import dev.provenance.api.signing.Signer;
import dev.provenance.core.chain.ArtifactRule;
import dev.provenance.core.chain.AttestationStore;
import dev.provenance.core.chain.AttributeConstraint;
import dev.provenance.core.chain.ChainPolicy;
import dev.provenance.core.chain.ChainRecorder;
import dev.provenance.core.chain.ChainReports;
import dev.provenance.core.chain.ChainRoot;
import dev.provenance.core.chain.ChainVerifier;
import dev.provenance.core.chain.ExternalDependency;
import dev.provenance.core.chain.KeyFunctionary;
import dev.provenance.core.chain.RecordedStep;
import dev.provenance.core.chain.StepPolicy;
import dev.provenance.core.chain.StepRecord;
import dev.provenance.core.digest.Digester;
import dev.provenance.core.digest.GitCheckout;
import dev.provenance.core.digest.GitHead;
import dev.provenance.core.dsse.DsseSigner;
import dev.provenance.core.json.JsonCodec;
import dev.provenance.core.keys.JcaKeys;
import dev.provenance.core.keys.PemKeys;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.KeyPair;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The end-to-end chain demo: a small Java project in a real git repository, three real build
 * steps (checkout, build with {@code javac} and {@code jar}, package into a deterministic {@code
 * .tar.gz}) each signed by a different key (Ed25519, ECDSA P-256, RSA-PSS), a chain policy, the
 * verification of the archive back to the commit, and three attacks that the verifier must catch.
 *
 * <p>Not thread-safe: one instance runs one demo in its work directory.
 */
final class Demo {
  static final String BUILDER = "https://provenance.dev/demo/builder";
  static final String ARCHIVE = "app-1.0.tar.gz";
  private static final long TIMEOUT_SECONDS = 120;

  private final Path workdir;
  private final PrintStream out;
  private final Clock clock;
  private final Path repo;
  private final String repoUri;
  private KeyPair checkoutKey;
  private KeyPair buildKey;
  private KeyPair packageKey;
  private Path javac;
  private Path jar;
  private ResourceDescriptor jdk;

  /** What the demo found, for the text and JSON reports. */
  static final class Outcome {
    boolean verified;
    final List<String> chain = new ArrayList<>();
    final List<Attack> attacks = new ArrayList<>();
    Path policy;
    Path archive;
    Path attestations;

    boolean ok() {
      if (!verified || attacks.size() != 3) {
        return false;
      }
      for (Attack a : attacks) {
        if (!a.caught) {
          return false;
        }
      }
      return true;
    }
  }

  /** One attack and how it was caught. */
  static final class Attack {
    final String name;
    final ErrorCode expectedCode;
    final String expectedLocation;
    boolean caught;
    String finding = "";
    ErrorCode code;
    String location = "";

    Attack(String name, ErrorCode expectedCode, String expectedLocation) {
      this.name = name;
      this.expectedCode = expectedCode;
      this.expectedLocation = expectedLocation;
    }
  }

  Demo(Path workdir, PrintStream out, Clock clock) {
    this.workdir = workdir;
    this.out = out;
    this.clock = clock;
    this.repo = workdir.resolve("repo");
    this.repoUri = "git+" + repo.toAbsolutePath().toUri().toString().replaceAll("/$", "");
  }

  Outcome run() throws Exception {
    Outcome outcome = new Outcome();
    say("1. creating a Java project in a git repository: " + repo);
    createRepository();
    say("2. generating one key per step: checkout Ed25519, build ECDSA P-256, package RSA-PSS");
    checkoutKey = JcaKeys.generate(SignatureAlgorithm.ED25519);
    buildKey = JcaKeys.generate(SignatureAlgorithm.ECDSA_P256_SHA256);
    packageKey = JcaKeys.generate(SignatureAlgorithm.RSA_PSS_SHA256);
    writeKeys();
    findTools();

    say("3. running the build, one signed attestation per step");
    Path honest = workdir.resolve("build");
    RecordedStep checkout = checkout(honest);
    RecordedStep build = build(honest, checkout);
    RecordedStep pkg = packageStep(honest, build);
    say("   attestations in " + honest.resolve("attestations"));

    say("4. writing the chain policy: " + workdir.resolve("policy.json"));
    GitHead head = GitCheckout.headCommit(repo);
    ChainPolicy policy = policy(head);
    Path policyFile = workdir.resolve("policy.json");
    Files.write(policyFile, JsonCodec.standard().write(policy.toJson()));
    outcome.policy = policyFile;
    outcome.archive = honest.resolve("release").resolve(ARCHIVE);
    outcome.attestations = honest.resolve("attestations");

    say("5. verifying " + ARCHIVE + " back to commit " + head.commit());
    ChainVerifier verifier = ChainVerifier.newBuilder().policy(policy).clock(clock).build();
    try {
      VerifiedChain chain =
          verifier.verify(digest(outcome.archive), List.of(honest.resolve("attestations")));
      outcome.verified = true;
      outcome.chain.addAll(ChainReports.text(chain));
      for (String line : outcome.chain) {
        say("   " + line);
      }
    } catch (VerificationException e) {
      say("   UNEXPECTED: the honest chain did not verify");
      for (String line : ChainReports.text(e)) {
        say("   " + line);
      }
    }
    if (!pkg.digest().equals(digestOfStored(honest, "package"))) {
      outcome.verified = false;
    }

    say("6. attacks: each must be caught, and the report must name the broken link");
    outcome.attacks.add(jarChangedAfterBuild(verifier, honest));
    outcome.attacks.add(stepResignedByUnauthorisedKey(verifier, honest, build));
    outcome.attacks.add(sourceChangedAfterCheckout(verifier));
    say(outcome.ok() ? "demo passed: the chain verified and every attack was caught" : "demo FAILED");
    return outcome;
  }

  private DigestSet digestOfStored(Path run, String step) throws IOException {
    List<String> lines =
        Files.readAllLines(run.resolve("attestations").resolve(step + AttestationStore.SUFFIX), UTF_8);
    return Digester.sha256().digest(lines.get(lines.size() - 1).getBytes(UTF_8));
  }

  // ------------------------------------------------------------------ the project and the steps

  private void createRepository() throws IOException {
    Path src = repo.resolve("src/main/java/demo");
    Files.createDirectories(src);
    Files.writeString(
        src.resolve("App.java"),
        "package demo;\n\n/** The demo application. */\npublic final class App {\n"
            + "  private App() {}\n\n  public static void main(String[] args) {\n"
            + "    System.out.println(Greeting.text());\n  }\n}\n",
        UTF_8);
    Files.writeString(
        src.resolve("Greeting.java"),
        "package demo;\n\nfinal class Greeting {\n  private Greeting() {}\n\n"
            + "  static String text() {\n    return \"hello from a verified chain\";\n  }\n}\n",
        UTF_8);
    Files.writeString(repo.resolve("README.md"), "# demo\n\nBuilt, signed and verified step by step.\n", UTF_8);
    git(workdir, "init", "-q", repo.toString());
    git(repo, "symbolic-ref", "HEAD", "refs/heads/main");
    git(repo, "add", "-A");
    git(repo, "commit", "-q", "-m", "Demo application");
  }

  private void git(Path dir, String... args) {
    List<String> cmd = new ArrayList<>(List.of("git", "-c", "user.name=Provenance Demo",
        "-c", "user.email=demo@provenance.dev", "-c", "commit.gpgsign=false", "-c", "core.autocrlf=false"));
    cmd.addAll(List.of(args));
    Map<String, String> env = new LinkedHashMap<>();
    env.put("GIT_AUTHOR_DATE", "2026-01-01T00:00:00Z");
    env.put("GIT_COMMITTER_DATE", "2026-01-01T00:00:00Z");
    env.put("GIT_CONFIG_NOSYSTEM", "1");
    exec(dir, cmd, env);
  }

  private void findTools() {
    Path bin = Path.of(System.getProperty("java.home"), "bin");
    javac = tool(bin, "javac");
    jar = tool(bin, "jar");
    Path modules = Path.of(System.getProperty("java.home"), "lib", "modules");
    Path measured = Files.isRegularFile(modules) ? modules : javac;
    DigestSet d;
    try {
      d = Files.isRegularFile(measured) ? Digester.sha256().digest(measured) : Digester.sha256().digest(javac.toString().getBytes(UTF_8));
    } catch (ProvenanceException e) {
      throw new IllegalStateException("cannot digest the JDK: " + e.getMessage(), e);
    }
    jdk = ResourceDescriptor.newBuilder()
        .name("jdk")
        .uri("pkg:generic/openjdk@" + System.getProperty("java.version"))
        .digest(d)
        .build();
  }

  private static Path tool(Path bin, String name) {
    for (String candidate : List.of(name, name + ".exe")) {
      Path p = bin.resolve(candidate);
      if (Files.isExecutable(p)) {
        return p;
      }
    }
    return Path.of(name); // not next to this JDK: found on PATH when run
  }

  private ChainRecorder recorder(Path run, KeyPair key) throws Exception {
    Signer signer =
        key == packageKey
            ? JcaKeys.signer(key.getPrivate(), key.getPublic(), SignatureAlgorithm.RSA_PSS_SHA256)
            : JcaKeys.signer(key.getPrivate(), key.getPublic());
    return ChainRecorder.newBuilder()
        .signer(signer)
        .store(AttestationStore.open(run.resolve("attestations")))
        .build();
  }

  private RecordedStep checkout(Path run) throws Exception {
    Instant start = clock.instant();
    Path dir = run.resolve("checkout");
    Files.createDirectories(run);
    git(run, "clone", "-q", "--branch", "main", repo.toAbsolutePath().toString(), dir.toString());
    GitHead head = GitCheckout.headCommit(dir);
    return recorder(run, checkoutKey)
        .record(
            StepRecord.newBuilder("checkout")
                .builderId(BUILDER + "/checkout")
                .command(List.of("git", "clone", "--branch", "main", repoUri))
                .addSource(repoUri, head)
                .addOutputFiles("", dir)
                .startedOn(start)
                .finishedOn(clock.instant())
                .build());
  }

  private RecordedStep build(Path run, RecordedStep checkout) throws Exception {
    Instant start = clock.instant();
    Path dir = run.resolve("checkout");
    Path classes = run.resolve("classes");
    Files.createDirectories(classes);
    List<String> javacCmd = new ArrayList<>(List.of(javac.toString(), "--release", "17", "-d", classes.toString()));
    try (Stream<Path> files = Files.walk(dir.resolve("src"))) {
      files.filter(p -> p.toString().endsWith(".java")).sorted().forEach(p -> javacCmd.add(p.toString()));
    }
    exec(run, javacCmd, Map.of());
    Path jarFile = run.resolve("app.jar");
    exec(run, List.of(jar.toString(), "--create", "--file", jarFile.toString(), "--main-class", "demo.App",
        "-C", classes.toString(), "."), Map.of());
    return recorder(run, buildKey)
        .record(
            StepRecord.newBuilder("build")
                .builderId(BUILDER + "/build")
                .command(List.of("javac", "--release", "17", "-d", "classes", "src/**.java", "&&",
                    "jar", "--create", "--file", "app.jar", "--main-class", "demo.App"))
                .environment("java.version", System.getProperty("java.version"))
                .addInputFiles("src/", dir.resolve("src"))
                .addPreviousStep(checkout)
                .addBuilderDependency(jdk)
                .addOutputFile("app.jar", jarFile)
                .startedOn(start)
                .finishedOn(clock.instant())
                .build());
  }

  private RecordedStep packageStep(Path run, RecordedStep build) throws Exception {
    Instant start = clock.instant();
    Path release = run.resolve("release");
    Files.createDirectories(release);
    Path archive = release.resolve(ARCHIVE);
    Map<String, Path> entries = new LinkedHashMap<>();
    entries.put("app-1.0/app.jar", run.resolve("app.jar"));
    entries.put("app-1.0/README.md", run.resolve("checkout/README.md"));
    TarGz.write(archive, entries, Instant.parse("2026-01-01T00:00:00Z").getEpochSecond());
    return recorder(run, packageKey)
        .record(
            StepRecord.newBuilder("package")
                .builderId(BUILDER + "/package")
                .command(List.of("tar", "czf", ARCHIVE, "app.jar", "README.md"))
                .addInputFile("app.jar", run.resolve("app.jar"))
                .addInputFile("README.md", run.resolve("checkout/README.md"))
                .addPreviousStep(build)
                .addOutputFile(ARCHIVE, archive)
                .startedOn(start)
                .finishedOn(clock.instant())
                .build());
  }

  // ------------------------------------------------------------------ the policy

  private ChainPolicy policy(GitHead head) throws Exception {
    return ChainPolicy.newBuilder()
        .expires(clock.instant().plus(Duration.ofDays(30)))
        .addFunctionary(KeyFunctionary.of("checkout-key", PemKeys.publicKeyPem(checkoutKey.getPublic())))
        .addFunctionary(KeyFunctionary.of("build-key", PemKeys.publicKeyPem(buildKey.getPublic())))
        .addFunctionary(
            KeyFunctionary.of("package-key", PemKeys.publicKeyPem(packageKey.getPublic()), SignatureAlgorithm.RSA_PSS_SHA256))
        .addStep(
            step("checkout", "checkout-key")
                .addMaterialRule(ArtifactRule.of(ArtifactRule.Type.ALLOW, "git+*"))
                .addMaterialRule(ArtifactRule.of(ArtifactRule.Type.DISALLOW, "*"))
                .addProductRule(ArtifactRule.of(ArtifactRule.Type.CREATE, "src/*"))
                .addProductRule(ArtifactRule.of(ArtifactRule.Type.CREATE, "README.md"))
                .addProductRule(ArtifactRule.of(ArtifactRule.Type.DISALLOW, "*"))
                .build())
        .addStep(
            step("build", "build-key")
                .addMaterialRule(ArtifactRule.match("src/*", ArtifactRule.Target.PRODUCTS, "checkout"))
                .addMaterialRule(ArtifactRule.of(ArtifactRule.Type.ALLOW, "attestation:checkout"))
                .addMaterialRule(ArtifactRule.of(ArtifactRule.Type.DISALLOW, "*"))
                .addProductRule(ArtifactRule.of(ArtifactRule.Type.CREATE, "app.jar"))
                .addProductRule(ArtifactRule.of(ArtifactRule.Type.DISALLOW, "*"))
                .allowedExternalParameters(List.of("step", "command"))
                .build())
        .addStep(
            step("package", "package-key")
                .addMaterialRule(ArtifactRule.match("app.jar", ArtifactRule.Target.PRODUCTS, "build"))
                .addMaterialRule(ArtifactRule.match("README.md", ArtifactRule.Target.PRODUCTS, "checkout"))
                .addMaterialRule(ArtifactRule.of(ArtifactRule.Type.ALLOW, "attestation:build"))
                .addMaterialRule(ArtifactRule.of(ArtifactRule.Type.DISALLOW, "*"))
                .addProductRule(ArtifactRule.of(ArtifactRule.Type.CREATE, "*.tar.gz"))
                .addProductRule(ArtifactRule.of(ArtifactRule.Type.DISALLOW, "*"))
                .build())
        .addRoot(ChainRoot.ofRepository(repoUri, List.of(head.commit()), List.of("refs/heads/main")))
        .addExternal(ExternalDependency.ofUri("pkg:generic/openjdk@*", DigestSet.empty()))
        .build();
  }

  private static StepPolicy.Builder step(String name, String functionary) {
    return StepPolicy.newBuilder(name)
        .addPredicateType("https://slsa.dev/provenance/v1")
        .addFunctionary(functionary)
        .addAttribute(AttributeConstraint.equalTo("/buildDefinition/externalParameters/step", name))
        .addAttribute(AttributeConstraint.equalTo("/runDetails/builder/id", BUILDER + "/" + name));
  }

  // ------------------------------------------------------------------ the attacks

  private Attack jarChangedAfterBuild(ChainVerifier verifier, Path honest) throws Exception {
    Attack a = new Attack("a byte of app.jar changed after the build step", ErrorCode.BINDING_MISMATCH,
        "chain/package/inputs/app.jar");
    Path run = workdir.resolve("attack-1-jar");
    copyRun(honest, run, "checkout", "build");
    byte[] jarBytes = Files.readAllBytes(run.resolve("app.jar"));
    jarBytes[jarBytes.length / 2] ^= 0x01;
    Files.write(run.resolve("app.jar"), jarBytes);
    RecordedStep build = lastStored(run, "build");
    packageStep(run, build);
    return attempt(a, verifier, run);
  }

  private Attack stepResignedByUnauthorisedKey(ChainVerifier verifier, Path honest, RecordedStep build)
      throws Exception {
    Attack a = new Attack("the build attestation re-signed by an unauthorised key", ErrorCode.UNTRUSTED_ANCHOR,
        "chain/package/inputs/app.jar");
    Path run = workdir.resolve("attack-2-resign");
    copyRun(honest, run, "checkout", "build", "package");
    KeyPair attacker = JcaKeys.generate(SignatureAlgorithm.ED25519);
    Envelope forged = DsseSigner.of(JcaKeys.signer(attacker.getPrivate(), attacker.getPublic()))
        .sign(PayloadTypes.IN_TOTO, build.envelope().payload());
    byte[] line = JsonCodec.standard().writeEnvelope(forged);
    Files.write(run.resolve("attestations").resolve("build" + AttestationStore.SUFFIX),
        (new String(line, UTF_8) + "\n").getBytes(UTF_8));
    return attempt(a, verifier, run);
  }

  private Attack sourceChangedAfterCheckout(ChainVerifier verifier) throws Exception {
    Attack a = new Attack("a source file changed after the checkout step", ErrorCode.BINDING_MISMATCH,
        "chain/build/inputs/src/main/java/demo/Greeting.java");
    Path run = workdir.resolve("attack-3-source");
    RecordedStep checkout = checkout(run);
    Path greeting = run.resolve("checkout/src/main/java/demo/Greeting.java");
    Files.writeString(greeting, Files.readString(greeting, UTF_8).replace("hello from a verified chain", "hello from a backdoor"), UTF_8);
    RecordedStep build = build(run, checkout);
    packageStep(run, build);
    return attempt(a, verifier, run);
  }

  private Attack attempt(Attack a, ChainVerifier verifier, Path run) throws Exception {
    say("   - " + a.name);
    Path archive = run.resolve("release").resolve(ARCHIVE);
    try {
      verifier.verify(digest(archive), List.of(run.resolve("attestations")));
      say("     NOT CAUGHT: the chain verified");
    } catch (VerificationException e) {
      Finding f = e.findings().get(0);
      a.code = f.code();
      a.location = f.location();
      a.finding = f.toString();
      a.caught = f.code() == a.expectedCode && f.location().equals(a.expectedLocation);
      say("     " + (a.caught ? "caught: " : "caught, but not as expected (" + a.expectedCode + " at "
          + a.expectedLocation + "): ") + f);
    }
    return a;
  }

  private static void copyRun(Path from, Path to, String... steps) throws IOException {
    Files.createDirectories(to.resolve("attestations"));
    for (String s : steps) {
      Files.copy(from.resolve("attestations").resolve(s + AttestationStore.SUFFIX),
          to.resolve("attestations").resolve(s + AttestationStore.SUFFIX));
    }
    copyTree(from.resolve("checkout"), to.resolve("checkout"));
    Files.copy(from.resolve("app.jar"), to.resolve("app.jar"), StandardCopyOption.REPLACE_EXISTING);
    if (Files.exists(from.resolve("release"))) {
      copyTree(from.resolve("release"), to.resolve("release"));
    }
  }

  private static void copyTree(Path from, Path to) throws IOException {
    try (Stream<Path> all = Files.walk(from)) {
      for (Path p : (Iterable<Path>) all::iterator) {
        Path target = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(target);
        } else {
          Files.copy(p, target, StandardCopyOption.REPLACE_EXISTING);
        }
      }
    }
  }

  /** The last recorded step of a copied run, read back from its store, to name it as an input. */
  private static RecordedStep lastStored(Path run, String step) throws Exception {
    List<String> lines = Files.readAllLines(run.resolve("attestations").resolve(step + AttestationStore.SUFFIX), UTF_8);
    byte[] bytes = lines.get(lines.size() - 1).getBytes(UTF_8);
    Envelope env = JsonCodec.standard().parseEnvelope(bytes);
    return new RecordedStep(step, JsonCodec.standard().parseStatement(env.payload().toByteArray()), env,
        dev.provenance.api.Bytes.of(bytes), Digester.sha256().digest(bytes), java.util.Optional.empty());
  }

  // ------------------------------------------------------------------ utilities

  private static DigestSet digest(Path file) throws ProvenanceException {
    return Digester.sha256().digest(file);
  }

  private void writeKeys() throws Exception {
    Path keys = workdir.resolve("keys");
    Files.createDirectories(keys);
    Files.writeString(keys.resolve("checkout.pub.pem"), PemKeys.publicKeyPem(checkoutKey.getPublic()), UTF_8);
    Files.writeString(keys.resolve("build.pub.pem"), PemKeys.publicKeyPem(buildKey.getPublic()), UTF_8);
    Files.writeString(keys.resolve("package.pub.pem"), PemKeys.publicKeyPem(packageKey.getPublic()), UTF_8);
  }

  private void say(String line) {
    out.println(line);
    out.flush();
  }

  /** Runs a program, failing with its standard error when it exits non-zero. */
  private static void exec(Path dir, List<String> command, Map<String, String> env) {
    ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile());
    pb.environment().putAll(env);
    pb.redirectInput(ProcessBuilder.Redirect.from(new java.io.File(
        System.getProperty("os.name").startsWith("Windows") ? "NUL" : "/dev/null")));
    try {
      Process p = pb.start();
      CompletableFuture<String> stdout = drain(p.getInputStream());
      CompletableFuture<String> stderr = drain(p.getErrorStream());
      if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new IllegalStateException(command.get(0) + " did not finish in " + TIMEOUT_SECONDS + " s");
      }
      if (p.exitValue() != 0) {
        throw new IllegalStateException(
            String.join(" ", command.subList(0, Math.min(3, command.size()))) + " failed with status "
                + p.exitValue() + ": " + stderr.join().strip() + stdout.join().strip());
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot run " + command.get(0) + ": " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  private static CompletableFuture<String> drain(InputStream in) {
    return CompletableFuture.supplyAsync(() -> {
      try (in) {
        return new String(in.readAllBytes(), UTF_8);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    });
  }
}
