package dev.provenance.examples.cli.slsa;

import dev.provenance.api.MalformedInputException;
import dev.provenance.api.ProvenanceException;
import dev.provenance.api.digest.DigestAlgorithm;
import dev.provenance.api.digest.DigestSet;
import dev.provenance.api.json.JsonObject;
import dev.provenance.core.digest.Digester;
import dev.provenance.core.json.JsonCodec;
import dev.provenance.core.json.JsonLimits;
import dev.provenance.examples.cli.ArgSpec;
import dev.provenance.examples.cli.Args;
import dev.provenance.examples.cli.Command;
import dev.provenance.examples.cli.Commands;
import dev.provenance.examples.cli.InputFiles;
import dev.provenance.examples.cli.Output;
import dev.provenance.examples.cli.UsageException;
import dev.provenance.sigstore.Artifact;
import dev.provenance.sigstore.slsa.NpmAttestations;
import dev.provenance.sigstore.slsa.NpmPackageVerifier;
import dev.provenance.sigstore.slsa.VerifiedNpmPackage;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * {@code provenance slsa verify-npm-package --attestations-path FILE --source-uri URI [--builder-id
 * ID] --npm-publish-key FILE [--package-name NAME] [--package-version VERSION] [--trusted-root
 * FILE] [--allow-v01-promise-only] (TARBALL | --digest sha512:HEX)}: verifies an npm package
 * tarball against the attestations the registry serves for it, as slsa-verifier's command of the
 * same name does, offline, with {@link NpmPackageVerifier}.
 *
 * <p>The tarball is hashed with SHA-512; {@code --digest} names it by digest instead. {@code
 * --npm-publish-key} is the registry's attestation key in PEM: none is shipped, so it is required.
 * {@code --trusted-root} takes a trusted root in JSON or JSON Lines; without it the public-good
 * root in the jar is used. {@code --builder-id} is optional on the command line but, as in
 * slsa-verifier, verification fails without it ({@code CONFIGURATION_ERROR}, exit 1). {@code
 * --allow-v01-promise-only} accepts older documents whose v0.1
 * bundles carry a signed entry timestamp but no inclusion proof. Exit status 0 when the package
 * verified, 1 when it did not, 2 for usage errors. Stateless and thread-safe.
 */
public final class SlsaVerifyNpmPackageCommand implements Command {
  /** The command's options. */
  public static final ArgSpec SPEC =
      ArgSpec.newBuilder(
              "provenance slsa verify-npm-package --attestations-path FILE --source-uri URI"
                  + " [--builder-id ID] --npm-publish-key FILE [--package-name NAME]"
                  + " [--package-version VERSION] [--trusted-root FILE] [--allow-v01-promise-only]"
                  + " (TARBALL | --digest sha512:HEX)")
          .single("--attestations-path")
          .single("--source-uri")
          .single("--builder-id")
          .single("--npm-publish-key")
          .single("--package-name")
          .single("--package-version")
          .single("--trusted-root")
          .single("--digest")
          .flag("--allow-v01-promise-only")
          .positionals(0, 1)
          .build();

  /** Largest publish key file read. */
  private static final int MAX_KEY_BYTES = 64 * 1024;

  /** Creates the command. */
  public SlsaVerifyNpmPackageCommand() {}

  @Override
  public int run(List<String> argv, PrintStream out, PrintStream err) {
    return Commands.execute(SPEC, argv, out, err, SlsaVerifyNpmPackageCommand::execute);
  }

  private static int execute(Args args, Output output)
      throws ProvenanceException, UsageException, IOException {
    String attestationsPath = args.required("--attestations-path");
    String keyPath = args.required("--npm-publish-key");
    NpmPackageVerifier.Builder builder =
        NpmPackageVerifier.newBuilder()
            .allowV01PromiseOnlyBundles(args.has("--allow-v01-promise-only"));
    // As in slsa-verifier, a missing builder id is a verification failure, not a usage error.
    args.value("--builder-id").ifPresent(builder::builderId);
    try {
      builder.sourceUri(args.required("--source-uri"));
    } catch (IllegalArgumentException e) {
      throw new UsageException(e.getMessage());
    }
    args.value("--package-name").ifPresent(builder::packageName);
    args.value("--package-version").ifPresent(builder::packageVersion);
    String name = "";
    DigestSet tarball;
    Optional<String> digest = args.value("--digest");
    if (digest.isPresent()) {
      if (!args.positionals().isEmpty()) {
        throw new UsageException("give the TARBALL or --digest, not both");
      }
      name = digest.get();
      tarball = sha512(digest.get());
    } else if (args.positionals().size() == 1) {
      name = args.positionals().get(0);
      InputFiles.existingFile("TARBALL", name);
      tarball =
          Digester.newBuilder().algorithms(DigestAlgorithm.SHA512).build().digest(Path.of(name));
    } else {
      throw new UsageException("name the TARBALL or give --digest sha512:HEX");
    }
    byte[] key = InputFiles.read("--npm-publish-key", keyPath, MAX_KEY_BYTES);
    builder.publishKeyPem(new String(key, StandardCharsets.UTF_8));
    if (args.has("--trusted-root")) {
      builder.trustedRoot(SlsaVerifyArtifactCommand.trustedRoot(args.required("--trusted-root")));
    }
    NpmPackageVerifier verifier = builder.build();
    byte[] attestations =
        InputFiles.read("--attestations-path", attestationsPath, JsonLimits.MAX_INPUT_BYTES);
    VerifiedNpmPackage verified = verifier.verify(attestations, tarball);
    return report(name, verified, output);
  }

  private static DigestSet sha512(String text) throws UsageException {
    Optional<String> hex;
    try {
      hex = Artifact.parseDigest(text).digest(DigestAlgorithm.SHA512);
    } catch (MalformedInputException e) {
      hex = Optional.empty();
    }
    if (hex.isEmpty() || !text.startsWith("sha512:")) {
      throw new UsageException("--digest must be sha512:HEX, not " + text);
    }
    return DigestSet.of(DigestAlgorithm.SHA512, hex.get());
  }

  private static int report(String name, VerifiedNpmPackage v, Output output) {
    NpmAttestations a = v.attestations();
    String pkg = a.packageName() + "@" + a.packageVersion();
    List<String> text =
        List.of(
            "Verified package " + pkg + " (" + name + ") built by " + v.builderId() + " from "
                + v.source(),
            "PASSED: SLSA verification passed");
    JsonObject json =
        JsonObject.newBuilder()
            .put("tarball", name)
            .put("digest", JsonCodec.standard().writeDigestSet(a.tarball()))
            .put("packageName", a.packageName())
            .put("packageVersion", a.packageVersion())
            .put("builderId", v.builderId())
            .put("source", v.source())
            .put("provenancePredicateType", a.provenance().statement().predicateType())
            .build();
    return output.success(json, text);
  }
}
