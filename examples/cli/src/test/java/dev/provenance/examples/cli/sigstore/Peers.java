package dev.provenance.examples.cli.sigstore;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * The independent Sigstore implementations the interop tests run against, and the loopback
 * Sigstore stack they share (see the peers' README).
 *
 * <p>Peer folders come from system properties ({@code provenance.peers.sigstoreJs}, {@code
 * provenance.peers.sigstoreJava}) or environment variables ({@code PROVENANCE_PEERS_SIGSTORE_JS},
 * {@code PROVENANCE_PEERS_SIGSTORE_JAVA}); the CI script sets them after installing the peers.
 * When one is not configured, its tests are skipped, unless {@code provenance.interop.required}
 * is {@code true}, which turns the skip into a failure. Every process runs under a deadline and is
 * killed when it passes; servers listen on 127.0.0.1 only.
 */
final class Peers {
  static final Duration PROCESS_TIMEOUT = Duration.ofSeconds(180);
  static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(60);

  private Peers() {}

  /** The sigstore-js peer folder (with {@code node_modules}), or a skip. */
  static Path sigstoreJs() {
    return require("provenance.peers.sigstoreJs", "PROVENANCE_PEERS_SIGSTORE_JS", "node_modules");
  }

  /** The built sigstore-java peer folder (with {@code cp.txt}), or a skip. */
  static Path sigstoreJava() {
    return require("provenance.peers.sigstoreJava", "PROVENANCE_PEERS_SIGSTORE_JAVA", "cp.txt");
  }

  /** Whether the sigstore-java peer is configured (no skip, no failure). */
  static boolean hasSigstoreJava() {
    return configured("provenance.peers.sigstoreJava", "PROVENANCE_PEERS_SIGSTORE_JAVA").isPresent();
  }

  private static Optional<Path> configured(String property, String variable) {
    String value = System.getProperty(property);
    if (value == null || value.isBlank()) {
      value = System.getenv(variable);
    }
    return value == null || value.isBlank() ? Optional.empty() : Optional.of(Path.of(value));
  }

  private static Path require(String property, String variable, String marker) {
    Optional<Path> dir = configured(property, variable);
    String problem;
    if (dir.isEmpty()) {
      problem = property + " (or " + variable + ") is not set";
    } else if (!Files.exists(dir.get().resolve(marker))) {
      problem = dir.get() + " has no " + marker + ": install or build the peer first";
    } else {
      return dir.get().toAbsolutePath();
    }
    if (Boolean.getBoolean("provenance.interop.required")) {
      fail(problem + " (provenance.interop.required is set)");
    }
    assumeTrue(false, problem);
    throw new AssertionError("unreachable");
  }

  /** A finished process. */
  record Result(int exit, String out, String err) {
    String both() {
      return "exit " + exit + "\nstdout:\n" + out + "\nstderr:\n" + err;
    }
  }

  /** Runs a command under {@link #PROCESS_TIMEOUT}. */
  static Result run(Path cwd, Map<String, String> env, List<String> command) {
    ProcessBuilder pb = new ProcessBuilder(command).directory(cwd.toFile());
    pb.environment().putAll(env);
    pb.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
    try {
      Process p = pb.start();
      CompletableFuture<String> out = drain(p.getInputStream());
      CompletableFuture<String> err = drain(p.getErrorStream());
      if (!p.waitFor(PROCESS_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
        p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        throw new AssertionError("did not finish in " + PROCESS_TIMEOUT + ": " + command);
      }
      return new Result(p.exitValue(), out.get(10, TimeUnit.SECONDS), err.get(10, TimeUnit.SECONDS));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    } catch (ExecutionException | TimeoutException e) {
      throw new AssertionError("output of " + command, e);
    }
  }

  private static CompletableFuture<String> drain(InputStream in) {
    return CompletableFuture.supplyAsync(
        () -> {
          try (in) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        });
  }

  /** An unsigned OIDC token of the kind the mock Fulcio accepts, valid for ten minutes. */
  static String token(String subject) {
    Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
    String header = "{\"alg\":\"none\",\"typ\":\"JWT\"}";
    String claims =
        "{\"iss\":\"https://token.actions.githubusercontent.com\",\"sub\":\""
            + subject
            + "\",\"aud\":\"sigstore\",\"exp\":"
            + Instant.now().plusSeconds(600).getEpochSecond()
            + ",\"repository\":\"acme/app\",\"ref\":\"refs/heads/main\"}";
    return b64.encodeToString(header.getBytes(StandardCharsets.UTF_8))
        + "."
        + b64.encodeToString(claims.getBytes(StandardCharsets.UTF_8))
        + ".";
  }

  /**
   * The loopback Sigstore stack of the sigstore-js peer ({@code mock-sigstore-server.js}): Fulcio,
   * Rekor v1 and v2, a TSA, and with {@code grpc} also Fulcio over gRPC+TLS for sigstore-java.
   */
  static final class MockStack implements AutoCloseable {
    final String url;
    final Path trustedRoot;
    final Path signingConfig;
    final Optional<Path> trustStore;
    private final Process process;

    private MockStack(
        Process process, String url, Path trustedRoot, Path signingConfig, Optional<Path> trustStore) {
      this.process = process;
      this.url = url;
      this.trustedRoot = trustedRoot;
      this.signingConfig = signingConfig;
      this.trustStore = trustStore;
    }

    static MockStack start(Path js, Path work, Optional<Path> sigstoreJava) throws Exception {
      Files.createDirectories(work);
      List<String> command = List.of("node", js.resolve("mock-sigstore-server.js").toString(), "0",
          work.resolve("trusted_root.json").toString());
      ProcessBuilder pb = new ProcessBuilder(command).directory(js.toFile());
      pb.redirectError(work.resolve("mock-server.stderr").toFile());
      pb.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
      Optional<Path> trustStore = Optional.empty();
      if (sigstoreJava.isPresent()) {
        Path tls = work.resolve("tls");
        trustStore = Optional.of(tlsMaterial(tls));
        pb.environment().put("MOCK_GRPC_TLS_DIR", tls.toString());
        pb.environment().put("MOCK_PROTO_DIR", protos(sigstoreJava.get(), work.resolve("proto")).toString());
      }
      Process p = pb.start();
      CompletableFuture<String> firstLine =
          CompletableFuture.supplyAsync(
              () -> {
                try {
                  InputStream in = p.getInputStream();
                  StringBuilder sb = new StringBuilder();
                  for (int c = in.read(); c >= 0 && c != '\n' && sb.length() < 4096; c = in.read()) {
                    sb.append((char) c);
                  }
                  return sb.toString();
                } catch (IOException e) {
                  throw new UncheckedIOException(e);
                }
              });
      String line;
      try {
        line = firstLine.get(STARTUP_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
      } catch (TimeoutException | ExecutionException e) {
        p.destroyForcibly();
        throw new AssertionError(
            "the mock Sigstore stack did not start: "
                + Files.readString(work.resolve("mock-server.stderr")), e);
      }
      String url = field(line, "url");
      return new MockStack(
          p, url, Path.of(field(line, "trustedRoot")), Path.of(field(line, "signingConfig")), trustStore);
    }

    private static String field(String jsonLine, String name) {
      String key = "\"" + name + "\":\"";
      int i = jsonLine.indexOf(key);
      if (i < 0) {
        throw new AssertionError("no " + name + " in the mock server's line: " + jsonLine);
      }
      int start = i + key.length();
      return jsonLine.substring(start, jsonLine.indexOf('"', start));
    }

    @Override
    public void close() {
      process.destroy();
      try {
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
          process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
      } catch (InterruptedException e) {
        process.destroyForcibly();
        Thread.currentThread().interrupt();
      }
    }
  }

  /**
   * Writes a TLS server certificate for 127.0.0.1 ({@code server.pem}, {@code server.key}) and a
   * PKCS#12 trust store holding it, for the gRPC Fulcio that sigstore-java requires.
   */
  static Path tlsMaterial(Path dir) throws Exception {
    Files.createDirectories(dir);
    KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
    g.initialize(new ECGenParameterSpec("secp256r1"));
    KeyPair key = g.generateKeyPair();
    Instant now = Instant.now();
    X509Certificate cert =
        new JcaX509CertificateConverter()
            .getCertificate(
                new X509v3CertificateBuilder(
                        new X500Name("CN=127.0.0.1"),
                        BigInteger.valueOf(now.toEpochMilli()),
                        Date.from(now.minusSeconds(3600)),
                        Date.from(now.plusSeconds(86_400)),
                        new X500Name("CN=127.0.0.1"),
                        SubjectPublicKeyInfo.getInstance(key.getPublic().getEncoded()))
                    .addExtension(
                        Extension.subjectAlternativeName,
                        false,
                        new GeneralNames(new GeneralName(GeneralName.iPAddress, "127.0.0.1")))
                    .build(new JcaContentSignerBuilder("SHA256withECDSA").build(key.getPrivate())));
    Files.writeString(dir.resolve("server.pem"), pem("CERTIFICATE", cert.getEncoded()));
    Files.writeString(dir.resolve("server.key"), pem("PRIVATE KEY", key.getPrivate().getEncoded()));
    KeyStore store = KeyStore.getInstance("PKCS12");
    store.load(null, null);
    store.setCertificateEntry("mock", cert);
    Path trust = dir.resolve("trust.p12");
    try (OutputStream out = Files.newOutputStream(trust)) {
      store.store(out, "changeit".toCharArray());
    }
    return trust;
  }

  static String pem(String label, byte[] der) {
    return "-----BEGIN " + label + "-----\n"
        + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
        + "\n-----END " + label + "-----\n";
  }

  /** Extracts {@code fulcio.proto} and {@code google/api/*.proto} from the sigstore-java jar. */
  private static Path protos(Path sigstoreJava, Path out) throws IOException {
    String cp = Files.readString(sigstoreJava.resolve("cp.txt")).strip();
    Path jar = null;
    for (String entry : cp.split(File.pathSeparator)) {
      if (Path.of(entry).getFileName().toString().matches("sigstore-java-[0-9.]+\\.jar")) {
        jar = Path.of(entry);
      }
    }
    if (jar == null) {
      throw new AssertionError("no sigstore-java jar in " + sigstoreJava.resolve("cp.txt"));
    }
    try (ZipInputStream zip = new ZipInputStream(Files.newInputStream(jar))) {
      for (ZipEntry e = zip.getNextEntry(); e != null; e = zip.getNextEntry()) {
        String name = e.getName();
        if (name.equals("fulcio.proto") || (name.startsWith("google/api/") && name.endsWith(".proto"))) {
          Path target = out.resolve(name).normalize();
          if (!target.startsWith(out)) {
            throw new AssertionError("unexpected jar entry " + name);
          }
          Files.createDirectories(target.getParent());
          Files.write(target, zip.readNBytes(1 << 20));
        }
      }
    }
    return out;
  }

  /** sigstore-js: {@code node sign-verify.js ARGS...}. */
  static Result sigstoreJs(Path js, String... args) {
    List<String> command = new ArrayList<>(List.of("node", js.resolve("sign-verify.js").toString()));
    command.addAll(List.of(args));
    return run(js, Map.of(), command);
  }

  /** sigstore-java: {@code java -cp target/classes:CP peer.SigstoreJavaPeer ARGS...}. */
  static Result sigstoreJava(Path peer, Optional<Path> trustStore, String... args) throws IOException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    if (trustStore.isPresent()) {
      command.add("-Djavax.net.ssl.trustStore=" + trustStore.get());
      command.add("-Djavax.net.ssl.trustStorePassword=changeit");
      command.add("-Djavax.net.ssl.trustStoreType=PKCS12");
    }
    command.add("-cp");
    command.add(peer.resolve("target/classes") + File.pathSeparator
        + Files.readString(peer.resolve("cp.txt")).strip());
    command.add("peer.SigstoreJavaPeer");
    command.addAll(List.of(args));
    return run(peer, Map.of(), command);
  }
}
