package dev.provenance.examples.cli.sigstore;

import dev.provenance.api.ProvenanceException;
import dev.provenance.api.json.JsonObject;
import dev.provenance.api.json.JsonValue;
import dev.provenance.core.digest.Digester;
import dev.provenance.core.json.JsonLimits;
import dev.provenance.examples.cli.ArgSpec;
import dev.provenance.examples.cli.Args;
import dev.provenance.examples.cli.Command;
import dev.provenance.examples.cli.Commands;
import dev.provenance.examples.cli.InputFiles;
import dev.provenance.examples.cli.Output;
import dev.provenance.examples.cli.OutputFiles;
import dev.provenance.examples.cli.UsageException;
import dev.provenance.sigstore.CertificateIdentity;
import dev.provenance.sigstore.IdentityToken;
import dev.provenance.sigstore.KeylessSigner;
import dev.provenance.sigstore.SigstoreBundle;
import dev.provenance.sigstore.trust.SigningConfig;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * {@code provenance sigstore sign-bundle [--in-toto] --identity-token TOKEN --bundle FILE
 * [--trusted-root FILE] [--signing-config FILE] FILE}: signs keylessly with Sigstore and writes a
 * bundle v0.3, as the sigstore-conformance CLI protocol specifies ({@code docs/cli_protocol.md}).
 *
 * <p>Without {@code --in-toto}, {@code FILE} is an artifact and the bundle holds a message
 * signature over its SHA-256 digest; with it, {@code FILE} is an in-toto statement and the bundle
 * holds a DSSE envelope. The OIDC identity token comes from {@code --identity-token}, else from
 * {@code --identity-token-file}, else from the {@code SIGSTORE_ID_TOKEN} environment variable; it
 * is never printed. The signing config says which Fulcio, Rekor and timestamp authority to use
 * (default: Sigstore public good); the trusted root (default: public good) must hold them, since
 * every bundle is verified before it is written. Exit 0 when the bundle is written, 1 when signing
 * fails (the error code goes to stderr), 2 for usage errors. Stateless and thread-safe.
 */
public final class SignBundleCommand implements Command {
  /** The command's arguments. */
  public static final ArgSpec SPEC =
      ArgSpec.newBuilder(
              "provenance sigstore sign-bundle [--in-toto] --identity-token TOKEN --bundle FILE"
                  + " [--trusted-root FILE] [--signing-config FILE] FILE")
          .flag("--in-toto")
          .single("--identity-token")
          .single("--identity-token-file")
          .single("--bundle")
          .single("--trusted-root")
          .single("--signing-config")
          .positionals(1, 1)
          .build();

  private static final int MAX_TOKEN_FILE_BYTES = IdentityToken.MAX_TOKEN_CHARS;

  private final Map<String, String> environment;

  /** Creates the command, reading the token from this process's environment if needed. */
  public SignBundleCommand() {
    this(System.getenv());
  }

  /**
   * Creates the command with a given environment.
   *
   * @param environment where {@code SIGSTORE_ID_TOKEN} is looked up
   */
  public SignBundleCommand(Map<String, String> environment) {
    this.environment = Objects.requireNonNull(environment, "environment");
  }

  @Override
  public int run(List<String> argv, PrintStream out, PrintStream err) {
    return Commands.execute(SPEC, argv, out, err, this::sign);
  }

  private int sign(Args args, Output output) throws ProvenanceException, UsageException, IOException {
    String bundlePath = args.required("--bundle");
    IdentityToken token = token(args);
    KeylessSigner.Builder builder =
        KeylessSigner.newBuilder().trustedRoot(VerifyBundleCommand.trustedRoot(args));
    if (args.value("--signing-config").isPresent()) {
      builder.signingConfig(
          SigningConfig.parse(
              InputFiles.read(
                  "--signing-config", args.required("--signing-config"), JsonLimits.MAX_INPUT_BYTES)));
    }
    KeylessSigner signer = builder.build();
    String file = args.positionals().get(0);
    SigstoreBundle bundle;
    if (args.has("--in-toto")) {
      bundle = signer.attest(token, InputFiles.read("FILE", file, JsonLimits.MAX_INPUT_BYTES));
    } else {
      Path artifact = InputFiles.existingFile("FILE", file);
      bundle = signer.signArtifactDigest(token, Digester.sha256().digest(artifact));
    }
    OutputFiles.write("--bundle", bundlePath, bundle.toJson(), OutputFiles.Mode.REPLACE);
    return report(output, bundlePath, bundle);
  }

  private IdentityToken token(Args args) throws UsageException, ProvenanceException {
    args.atMostOneOf("--identity-token", "--identity-token-file");
    if (args.value("--identity-token").isPresent()) {
      return IdentityToken.parse(args.required("--identity-token"));
    }
    if (args.value("--identity-token-file").isPresent()) {
      return IdentityToken.parse(
          new String(
              InputFiles.read(
                  "--identity-token-file", args.required("--identity-token-file"), MAX_TOKEN_FILE_BYTES),
              StandardCharsets.UTF_8));
    }
    return IdentityToken.fromEnvironment(environment)
        .orElseThrow(
            () -> new UsageException(
                "give --identity-token or --identity-token-file, or set "
                    + IdentityToken.ENVIRONMENT_VARIABLE));
  }

  private static int report(Output output, String bundlePath, SigstoreBundle bundle) {
    String identity = "";
    String issuer = "";
    try {
      X509Certificate leaf =
          (X509Certificate)
              CertificateFactory.getInstance("X.509")
                  .generateCertificate(
                      bundle.verificationMaterial().certificates().get(0).newInputStream());
      identity = CertificateIdentity.subjectAlternativeName(leaf).orElse("");
      issuer = CertificateIdentity.issuer(leaf).orElse("");
    } catch (CertificateException e) {
      // the bundle verified before it was written; its certificate parses
    }
    int entries = bundle.verificationMaterial().tlogEntries().size();
    int timestamps = bundle.verificationMaterial().rfc3161Timestamps().size();
    return output.success(
        JsonObject.newBuilder()
            .put("bundle", bundlePath)
            .put("certificateIdentity", identity)
            .put("certificateIssuer", issuer)
            .put("tlogEntries", JsonValue.of(entries))
            .put("rfc3161Timestamps", JsonValue.of(timestamps))
            .build(),
        List.of(
            "wrote " + bundlePath,
            "identity:    " + identity,
            "issuer:      " + issuer,
            "log entries: " + entries + ", timestamps: " + timestamps));
  }
}
