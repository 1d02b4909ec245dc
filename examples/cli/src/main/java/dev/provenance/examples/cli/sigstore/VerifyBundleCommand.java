package dev.provenance.examples.cli.sigstore;

import dev.provenance.api.MalformedInputException;
import dev.provenance.api.ProvenanceException;
import dev.provenance.api.digest.DigestAlgorithm;
import dev.provenance.api.json.JsonArray;
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
import dev.provenance.examples.cli.UsageException;
import dev.provenance.sigstore.Artifact;
import dev.provenance.sigstore.BundleVersion;
import dev.provenance.sigstore.CertificateIdentity;
import dev.provenance.sigstore.FulcioExtension;
import dev.provenance.sigstore.SigstoreBundle;
import dev.provenance.sigstore.SigstoreVerifier;
import dev.provenance.sigstore.VerifiedBundle;
import dev.provenance.sigstore.trust.TrustedRoot;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code provenance sigstore verify-bundle --bundle FILE (--certificate-identity ID
 * --certificate-oidc-issuer URL | --key PUB.pem) [--trusted-root FILE] FILE_OR_DIGEST}: verifies a
 * Sigstore bundle offline, as the sigstore-conformance CLI protocol specifies ({@code
 * docs/cli_protocol.md}).
 *
 * <p>{@code FILE_OR_DIGEST} is a digest when it is {@code sha256:} followed by 64 hex digits and
 * names no file; otherwise it is the artifact's path. For a DSSE bundle the artifact is one of the
 * in-toto statement's subjects. Without {@code --trusted-root} the Sigstore public-good trusted
 * root shipped in the jar is used; no command makes a network call. The policy is the public-good
 * one: a keyless certificate needs an embedded SCT, every log entry in the bundle must verify, and
 * the signature needs at least one verified signing time (a log's signed entry timestamp or an RFC
 * 3161 timestamp), so a bundle with neither log entries nor timestamps is refused. Exit 0 when the bundle
 * verifies, 1 when it does not (the error code and location go to stderr), 2 for usage errors.
 *
 * <p>Optional flags beyond the conformance protocol, each one {@link SigstoreVerifier.Builder}
 * setting: {@code --certificate-identity-regexp RE} (instead of {@code --certificate-identity}; the
 * whole SAN must match), {@code --certificate-extension OID=VALUE} (repeatable; a Fulcio extension
 * that must hold exactly VALUE), {@code --tlog-threshold N}, {@code --sct-threshold N}, {@code
 * --timestamp-threshold N}, {@code --observer-timestamp-threshold N}, {@code --min-bundle-version
 * 0.1|0.2|0.3}, {@code --allow-v01-promise-only} and {@code --allow-rekor-v2-dsse}. {@code
 * FILE_OR_DIGEST} also takes {@code sha384:HEX} and {@code sha512:HEX}. Stateless and thread-safe.
 */
public final class VerifyBundleCommand implements Command {
  /** The command's arguments. */
  public static final ArgSpec SPEC =
      ArgSpec.newBuilder(
              "provenance sigstore verify-bundle --bundle FILE ((--certificate-identity ID |"
                  + " --certificate-identity-regexp RE) --certificate-oidc-issuer URL"
                  + " [--certificate-extension OID=VALUE]... | --key PUB.pem) [--trusted-root FILE]"
                  + " [--tlog-threshold N] [--sct-threshold N] [--timestamp-threshold N]"
                  + " [--observer-timestamp-threshold N] [--min-bundle-version 0.1|0.2|0.3]"
                  + " [--allow-v01-promise-only] [--allow-rekor-v2-dsse] FILE_OR_DIGEST")
          .single("--bundle")
          .single("--certificate-identity")
          .single("--certificate-identity-regexp")
          .repeated("--certificate-extension")
          .single("--tlog-threshold")
          .single("--sct-threshold")
          .single("--timestamp-threshold")
          .single("--observer-timestamp-threshold")
          .single("--min-bundle-version")
          .flag("--allow-v01-promise-only")
          .flag("--allow-rekor-v2-dsse")
          .single("--certificate-oidc-issuer")
          .single("--key")
          .single("--trusted-root")
          .positionals(1, 1)
          .build();

  /** Artifacts up to this size are read whole, so that any signature algorithm can be checked. */
  static final int MAX_IN_MEMORY_ARTIFACT = 64 * 1024 * 1024;

  private static final int MAX_KEY_BYTES = 1024 * 1024;

  @Override
  public int run(List<String> argv, PrintStream out, PrintStream err) {
    return Commands.execute(SPEC, argv, out, err, VerifyBundleCommand::verify);
  }

  private static int verify(Args args, Output output)
      throws ProvenanceException, UsageException, IOException {
    String bundlePath = args.required("--bundle");
    SigstoreVerifier.Builder builder = SigstoreVerifier.newBuilder();
    if (args.has("--key")) {
      for (String identityOption : IDENTITY_OPTIONS) {
        args.atMostOneOf("--key", identityOption);
      }
      builder.publicKeyPem(InputFiles.readText("--key", args.required("--key"), MAX_KEY_BYTES));
    } else {
      builder.addCertificateIdentity(identity(args));
    }
    builder.trustedRoot(trustedRoot(args));
    Artifact artifact = artifact(args.positionals().get(0));
    SigstoreBundle bundle =
        SigstoreBundle.parse(InputFiles.read("--bundle", bundlePath, JsonLimits.MAX_INPUT_BYTES));
    // the public-good policy: at least one log entry or signed timestamp; every entry verifies
    int tlogDefault = bundle.verificationMaterial().tlogEntries().isEmpty() ? 0 : 1;
    builder
        .transparencyLogThreshold(args.nonNegativeInt("--tlog-threshold", tlogDefault))
        .certificateTransparencyThreshold(args.nonNegativeInt("--sct-threshold", 1))
        .timestampThreshold(args.nonNegativeInt("--timestamp-threshold", 0))
        .observerTimestampThreshold(args.nonNegativeInt("--observer-timestamp-threshold", 1))
        .allowV01PromiseOnlyBundles(args.has("--allow-v01-promise-only"))
        .allowRekorV2DsseEntries(args.has("--allow-rekor-v2-dsse"));
    if (args.has("--min-bundle-version")) {
      builder.minimumBundleVersion(bundleVersion(args.required("--min-bundle-version")));
    }
    VerifiedBundle verified = builder.build().verify(bundle, artifact);
    return report(output, bundlePath, verified);
  }

  private static final List<String> IDENTITY_OPTIONS =
      List.of(
          "--certificate-identity",
          "--certificate-identity-regexp",
          "--certificate-oidc-issuer",
          "--certificate-extension");

  private static CertificateIdentity identity(Args args) throws UsageException {
    args.atMostOneOf("--certificate-identity", "--certificate-identity-regexp");
    if (!args.has("--certificate-identity") && !args.has("--certificate-identity-regexp")) {
      throw new UsageException(
          "give --certificate-identity (or --certificate-identity-regexp) and"
              + " --certificate-oidc-issuer, or --key");
    }
    CertificateIdentity.Builder id =
        CertificateIdentity.newBuilder().issuer(args.required("--certificate-oidc-issuer"));
    if (args.has("--certificate-identity")) {
      id.subjectAlternativeName(args.required("--certificate-identity"));
    } else {
      String regex = args.required("--certificate-identity-regexp");
      try {
        id.subjectAlternativeNameRegex(regex);
      } catch (IllegalArgumentException e) {
        throw new UsageException("--certificate-identity-regexp is not a regular expression: " + regex);
      }
    }
    for (String ext : args.values("--certificate-extension")) {
      int eq = ext.indexOf('=');
      FulcioExtension extension = eq < 0 ? null : extension(ext.substring(0, eq));
      if (extension == null) {
        throw new UsageException(
            "--certificate-extension takes OID=VALUE with a Fulcio extension OID"
                + " (1.3.6.1.4.1.57264.1.N), not '" + ext + "'");
      }
      id.extension(extension, ext.substring(eq + 1));
    }
    return id.build();
  }

  private static FulcioExtension extension(String oid) {
    for (FulcioExtension e : FulcioExtension.values()) {
      if (e.oid().equals(oid)) {
        return e;
      }
    }
    return null;
  }

  private static BundleVersion bundleVersion(String text) throws UsageException {
    switch (text) {
      case "0.1":
        return BundleVersion.V0_1;
      case "0.2":
        return BundleVersion.V0_2;
      case "0.3":
        return BundleVersion.V0_3;
      default:
        throw new UsageException("--min-bundle-version must be 0.1, 0.2 or 0.3, not '" + text + "'");
    }
  }

  /**
   * Reads {@code --trusted-root}, or returns the shipped public-good root.
   *
   * @param args the arguments
   * @return the trusted root
   * @throws UsageException if the file cannot be read
   * @throws MalformedInputException if it is not a trusted root
   */
  static TrustedRoot trustedRoot(Args args) throws UsageException, MalformedInputException {
    if (args.value("--trusted-root").isEmpty()) {
      return TrustedRoot.publicGood();
    }
    return TrustedRoot.parse(
        InputFiles.read("--trusted-root", args.required("--trusted-root"), JsonLimits.MAX_INPUT_BYTES));
  }

  /**
   * Interprets {@code FILE_OR_DIGEST} as the conformance protocol says: {@code sha256:} and 64 hex
   * digits naming no file on disk is a digest (as are {@code sha384:} and {@code sha512:} with 96
   * and 128 hex digits); anything else is a path.
   */
  static Artifact artifact(String fileOrDigest)
      throws UsageException, MalformedInputException, IOException {
    if (isDigest(fileOrDigest) && !Files.exists(Path.of(fileOrDigest))) {
      return Artifact.parseDigest(fileOrDigest);
    }
    Path file = InputFiles.existingFile("FILE_OR_DIGEST", fileOrDigest);
    if (Files.size(file) <= MAX_IN_MEMORY_ARTIFACT) {
      return Artifact.ofBytes(InputFiles.read("FILE_OR_DIGEST", fileOrDigest, MAX_IN_MEMORY_ARTIFACT));
    }
    // a large artifact is hashed as a stream: enough for ECDSA and DSSE bundles
    return Artifact.ofDigest(
        Digester.newBuilder()
            .algorithms(DigestAlgorithm.SHA256, DigestAlgorithm.SHA384, DigestAlgorithm.SHA512)
            .build()
            .digest(file));
  }

  /** {@code sha256:}, {@code sha384:} or {@code sha512:} followed by as many characters as hex. */
  private static boolean isDigest(String text) {
    return isDigest(text, "sha256:", 64) || isDigest(text, "sha384:", 96) || isDigest(text, "sha512:", 128);
  }

  private static boolean isDigest(String text, String prefix, int hexLength) {
    return text.startsWith(prefix) && text.length() == prefix.length() + hexLength;
  }

  private static int report(Output output, String bundlePath, VerifiedBundle verified) {
    List<String> text = new ArrayList<>();
    text.add("OK: " + bundlePath + " verified");
    JsonObject.Builder json =
        JsonObject.newBuilder()
            .put("bundle", bundlePath)
            .put("keyId", verified.signer().keyId().value());
    text.add("key id:      " + verified.signer().keyId().value());
    verified.signer().certificateIdentity().ifPresent(id -> {
      json.put("certificateIdentity", id);
      text.add("identity:    " + id);
    });
    verified.signer().certificateIssuer().ifPresent(iss -> {
      json.put("certificateIssuer", iss);
      text.add("issuer:      " + iss);
    });
    List<JsonValue> times = new ArrayList<>();
    for (Instant t : verified.signedTimes()) {
      times.add(JsonValue.of(t.toString()));
      text.add("signed at:   " + t);
    }
    json.put("signedTimes", new JsonArray(times));
    verified.attestation().ifPresent(a -> {
      json.put("predicateType", a.statement().predicateType());
      text.add("predicate:   " + a.statement().predicateType());
    });
    return output.success(json.build(), text);
  }
}
