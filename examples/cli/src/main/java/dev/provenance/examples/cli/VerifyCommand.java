package dev.provenance.examples.cli;

import dev.provenance.api.MalformedInputException;
import dev.provenance.api.ProvenanceException;
import dev.provenance.api.VerificationException;
import dev.provenance.api.attestation.ResourceDescriptor;
import dev.provenance.api.attestation.VerifiedAttestation;
import dev.provenance.api.digest.DigestAlgorithm;
import dev.provenance.api.digest.DigestSet;
import dev.provenance.api.json.JsonObject;
import dev.provenance.api.json.JsonValue;
import dev.provenance.api.signing.SignerIdentity;
import dev.provenance.core.AttestationVerifier;
import dev.provenance.core.digest.Digester;
import dev.provenance.core.json.JsonCodec;
import dev.provenance.core.json.JsonLimits;
import dev.provenance.core.policy.SlsaPolicy;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code provenance verify --attestation FILE --key PUB.pem... [--key-algorithm ALG] [--threshold
 * N] [--artifact PATH | --digest ALG:HEX] [--predicate-type URI] [--builder-id URI] [--source-uri
 * URI]}: verifies a signed in-toto attestation, given as one DSSE envelope (JSON) or as an in-toto
 * JSON Lines bundle (a file whose name ends in {@code .jsonl}, every line of which must verify).
 *
 * <p>{@code --artifact} hashes the file (SHA-256, SHA-384 and SHA-512) and requires a subject to
 * match; {@code --digest} gives the digest directly. {@code --builder-id} and {@code --source-uri}
 * apply the SLSA Provenance v1 policy of {@link SlsaPolicy} (exact builder id; source repository
 * from the first resolved dependency or the workflow repository); {@code --source-uri} needs
 * {@code --builder-id}, since SLSA verifiers must accept only named builders. Stateless and
 * thread-safe.
 */
public final class VerifyCommand implements Command {
  static final ArgSpec SPEC =
      ArgSpec.newBuilder(
              "provenance verify --attestation FILE --key PUB.pem... [--key-algorithm ALG]"
                  + " [--threshold N] [--artifact PATH | --digest ALG:HEX] [--predicate-type URI]"
                  + " [--builder-id URI] [--source-uri URI]")
          .single("--attestation")
          .multi("--key")
          .single("--key-algorithm")
          .single("--threshold")
          .single("--artifact")
          .single("--digest")
          .single("--predicate-type")
          .single("--builder-id")
          .single("--source-uri")
          .build();

  /** The algorithms an artifact given by path is hashed with: the common subject digests. */
  private static final List<DigestAlgorithm> ARTIFACT_ALGORITHMS =
      List.of(DigestAlgorithm.SHA256, DigestAlgorithm.SHA384, DigestAlgorithm.SHA512);

  @Override
  public int run(List<String> argv, PrintStream out, PrintStream err) {
    return Commands.execute(SPEC, argv, out, err, this::execute);
  }

  private int execute(Args args, Output output)
      throws ProvenanceException, UsageException, IOException {
    String file = args.required("--attestation");
    args.atMostOneOf("--artifact", "--digest");
    AttestationVerifier verifier = verifier(args);
    Optional<DigestSet> artifact = artifact(args);
    byte[] bytes = InputFiles.read("--attestation", file, JsonLimits.MAX_INPUT_BYTES);
    List<VerifiedAttestation> verified;
    try {
      if (file.endsWith(".jsonl")) {
        verified =
            artifact.isPresent()
                ? verifier.verifyBundle(bytes, artifact.get())
                : verifier.verifyBundle(bytes);
      } else {
        verified =
            List.of(
                artifact.isPresent()
                    ? verifier.verify(bytes, artifact.get())
                    : verifier.verify(bytes));
      }
    } catch (VerificationException e) {
      return output.failure(file, e);
    }
    return report(file, verified, output);
  }

  private static AttestationVerifier verifier(Args args)
      throws UsageException, ProvenanceException {
    AttestationVerifier.Builder b =
        AttestationVerifier.newBuilder().dsse(KeyOptions.dsseVerifier(args).build());
    args.value("--predicate-type").ifPresent(b::requirePredicateType);
    Optional<String> builderId = args.value("--builder-id");
    Optional<String> sourceUri = args.value("--source-uri");
    if (sourceUri.isPresent() && builderId.isEmpty()) {
      throw new UsageException("--source-uri needs --builder-id: name the builder you trust");
    }
    if (builderId.isPresent()) {
      SlsaPolicy.Builder slsa = SlsaPolicy.newBuilder().requireBuilderId(builderId.get());
      sourceUri.ifPresent(slsa::requireSourceRepository);
      b.policy(slsa.build());
    }
    return b.build();
  }

  private static Optional<DigestSet> artifact(Args args)
      throws UsageException, MalformedInputException {
    Optional<String> path = args.value("--artifact");
    if (path.isPresent()) {
      InputFiles.existingFile("--artifact", path.get());
      return Optional.of(
          Digester.newBuilder().algorithms(ARTIFACT_ALGORITHMS).build().digest(Path.of(path.get())));
    }
    Optional<String> digest = args.value("--digest");
    if (digest.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(parseDigest("--digest", digest.get()));
  }

  /**
   * Parses {@code ALG:HEX}, for an algorithm that verification accepts.
   *
   * @param option the option, for messages
   * @param text the digest, for example {@code sha256:5891b5...}
   * @return the digest set
   * @throws UsageException if malformed, or if the algorithm is not acceptable for binding
   */
  static DigestSet parseDigest(String option, String text) throws UsageException {
    int colon = text.indexOf(':');
    if (colon <= 0) {
      throw new UsageException(option + " must look like ALG:HEX, for example sha256:5891b5...");
    }
    DigestAlgorithm alg = DigestAlgorithm.of(text.substring(0, colon));
    if (!DigestAlgorithm.defaultAcceptable().contains(alg)) {
      throw new UsageException(
          option + ": " + alg + " is not an acceptable digest algorithm for verification");
    }
    String hex = text.substring(colon + 1);
    if (!alg.isValidValue(hex)) {
      throw new UsageException(option + ": not a valid " + alg + " value: " + hex);
    }
    return DigestSet.of(alg, hex);
  }

  private static int report(String file, List<VerifiedAttestation> verified, Output output)
      throws MalformedInputException {
    List<String> text = new ArrayList<>();
    List<JsonValue> json = new ArrayList<>();
    int n = 0;
    for (VerifiedAttestation a : verified) {
      n++;
      String source = verified.size() > 1 || file.endsWith(".jsonl") ? file + ":" + n : file;
      List<String> signers = new ArrayList<>();
      for (SignerIdentity s : a.envelope().signers()) {
        signers.add(s.keyId().value());
      }
      List<JsonValue> subjects = new ArrayList<>();
      text.add("verified: " + source);
      text.add("  predicateType: " + a.statement().predicateType());
      for (ResourceDescriptor s : a.matchedSubjects()) {
        subjects.add(JsonCodec.standard().writeResourceDescriptor(s));
        text.add("  subject: " + s.name().orElse(s.uri().orElse("")) + " " + s.digest());
      }
      text.add("  signed by: " + String.join(", ", signers));
      json.add(
          JsonObject.newBuilder()
              .put("source", source)
              .put("predicateType", a.statement().predicateType())
              .put("subjects", JsonValue.of(subjects))
              .put("signers", Output.jsonStrings(signers))
              .put("statement", JsonCodec.standard().parseValue(a.envelope().payload().toByteArray()))
              .build());
    }
    return output.success(
        JsonObject.newBuilder().put("attestations", JsonValue.of(json)).build(), text);
  }
}
