package dev.provenance.examples.cli;

import dev.provenance.api.ProvenanceException;
import dev.provenance.api.MalformedInputException;
import dev.provenance.api.attestation.Predicate;
import dev.provenance.api.attestation.ResourceDescriptor;
import dev.provenance.api.attestation.Statement;
import dev.provenance.api.digest.DigestAlgorithm;
import dev.provenance.api.digest.DigestSet;
import dev.provenance.api.json.JsonObject;
import dev.provenance.api.json.JsonValue;
import dev.provenance.api.signing.Signer;
import dev.provenance.api.slsa.BuildDefinition;
import dev.provenance.api.slsa.BuildMetadata;
import dev.provenance.api.slsa.BuildPlatform;
import dev.provenance.api.slsa.RunDetails;
import dev.provenance.api.slsa.SlsaProvenance;
import dev.provenance.core.AttestationSigner;
import dev.provenance.core.digest.Digester;
import dev.provenance.core.json.JsonCodec;
import dev.provenance.core.json.JsonLimits;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code provenance attest --key KEY.pem --subject PATH... (--predicate-type URI --predicate FILE |
 * SLSA flags) --out FILE}: signs an in-toto Statement v1 about the given files (SHA-256) or
 * directories ({@code dirHash}, {@code gitTree}).
 *
 * <p>The predicate is either a JSON file with its type, or SLSA Provenance v1 built from flags:
 * {@code --builder-id URI} and {@code --build-type URI} (both required), {@code
 * --external-parameter NAME=VALUE} and {@code --internal-parameter NAME=VALUE} (string values,
 * repeatable), {@code --resolved-dependency URI=ALG:HEX[,ALG:HEX...]} (repeatable; the first one is
 * the source by convention), {@code --invocation-id ID}, {@code --started-on} and {@code
 * --finished-on} (RFC 3339 UTC times). The envelope goes to {@code --out}: appended as one line when
 * the name ends in {@code .jsonl}, otherwise written as one JSON document. Stateless and
 * thread-safe.
 */
public final class AttestCommand implements Command {
  static final ArgSpec SPEC =
      ArgSpec.newBuilder(
              "provenance attest --key KEY.pem [--key-algorithm ALG] --subject PATH..."
                  + " (--predicate-type URI --predicate FILE | --builder-id URI --build-type URI"
                  + " [--external-parameter NAME=VALUE]... [--internal-parameter NAME=VALUE]..."
                  + " [--resolved-dependency URI=ALG:HEX]... [--invocation-id ID]"
                  + " [--started-on TIME] [--finished-on TIME]) --out FILE")
          .single("--key")
          .single("--key-algorithm")
          .multi("--subject")
          .single("--predicate-type")
          .single("--predicate")
          .single("--builder-id")
          .single("--build-type")
          .multi("--external-parameter")
          .multi("--internal-parameter")
          .multi("--resolved-dependency")
          .single("--invocation-id")
          .single("--started-on")
          .single("--finished-on")
          .single("--out")
          .build();

  private static final List<String> SLSA_OPTIONS =
      List.of(
          "--builder-id",
          "--build-type",
          "--external-parameter",
          "--internal-parameter",
          "--resolved-dependency",
          "--invocation-id",
          "--started-on",
          "--finished-on");

  @Override
  public int run(List<String> argv, PrintStream out, PrintStream err) {
    return Commands.execute(SPEC, argv, out, err, this::execute);
  }

  private int execute(Args args, Output output)
      throws ProvenanceException, UsageException, IOException {
    String outFile = args.required("--out");
    List<String> subjectPaths = args.requiredValues("--subject");
    Predicate predicate;
    try {
      predicate = predicate(args);
    } catch (MalformedInputException e) {
      return output.failure(args.value("--predicate").orElse(""), e);
    }
    Signer signer =
        KeyOptions.signer("--key", args.required("--key"), KeyOptions.rsaAlgorithm(args));
    List<ResourceDescriptor> subjects = subjects(subjectPaths);
    Statement statement =
        Statement.newBuilder().subjects(subjects).predicate(predicate).build();
    byte[] envelope = AttestationSigner.of(signer).signToJson(statement);
    if (outFile.endsWith(".jsonl")) {
      byte[] line = new byte[envelope.length + 1];
      System.arraycopy(envelope, 0, line, 0, envelope.length);
      line[envelope.length] = '\n';
      OutputFiles.write("--out", outFile, line, OutputFiles.Mode.APPEND);
    } else {
      OutputFiles.write("--out", outFile, envelope, OutputFiles.Mode.REPLACE);
    }
    List<JsonValue> subjectJson = new ArrayList<>();
    List<String> text = new ArrayList<>();
    text.add("wrote: " + outFile);
    text.add("  predicateType: " + predicate.predicateType());
    for (ResourceDescriptor s : subjects) {
      subjectJson.add(JsonCodec.standard().writeResourceDescriptor(s));
      text.add("  subject: " + s.name().orElse("") + " " + s.digest());
    }
    text.add("  signed by: " + signer.keyId().value());
    return output.success(
        JsonObject.newBuilder()
            .put("out", outFile)
            .put("predicateType", predicate.predicateType())
            .put("subjects", JsonValue.of(subjectJson))
            .put("keyId", signer.keyId().value())
            .build(),
        text);
  }

  private static Predicate predicate(Args args) throws UsageException, MalformedInputException {
    Optional<String> type = args.value("--predicate-type");
    Optional<String> file = args.value("--predicate");
    boolean slsa = SLSA_OPTIONS.stream().anyMatch(args::has);
    if (type.isPresent() || file.isPresent()) {
      if (slsa) {
        throw new UsageException(
            "give either --predicate-type and --predicate, or the SLSA flags, not both");
      }
      if (type.isEmpty() || file.isEmpty()) {
        throw new UsageException("--predicate-type and --predicate go together");
      }
      JsonCodec codec = JsonCodec.standard();
      byte[] bytes = InputFiles.read("--predicate", file.get(), JsonLimits.MAX_INPUT_BYTES);
      return codec.parsePredicate(type.get(), codec.parseObject(bytes));
    }
    if (!slsa) {
      throw new UsageException(
          "give --predicate-type and --predicate, or --builder-id and --build-type for SLSA");
    }
    return slsaProvenance(args);
  }

  private static SlsaProvenance slsaProvenance(Args args) throws UsageException {
    BuildDefinition.Builder build =
        BuildDefinition.newBuilder().buildType(args.required("--build-type"));
    for (String p : args.values("--external-parameter")) {
      String[] kv = nameValue("--external-parameter", p);
      build.externalParameter(kv[0], JsonValue.of(kv[1]));
    }
    for (String p : args.values("--internal-parameter")) {
      String[] kv = nameValue("--internal-parameter", p);
      build.internalParameter(kv[0], JsonValue.of(kv[1]));
    }
    for (String d : args.values("--resolved-dependency")) {
      build.addResolvedDependency(resolvedDependency(d));
    }
    Optional<String> invocation = args.value("--invocation-id");
    Optional<Instant> started = time(args, "--started-on");
    Optional<Instant> finished = time(args, "--finished-on");
    RunDetails run;
    BuildPlatform builder = BuildPlatform.of(args.required("--builder-id"));
    if (invocation.isPresent() || started.isPresent() || finished.isPresent()) {
      run = RunDetails.of(builder, new BuildMetadata(invocation, started, finished));
    } else {
      run = RunDetails.of(builder);
    }
    return SlsaProvenance.newBuilder().buildDefinition(build.build()).runDetails(run).build();
  }

  private static String[] nameValue(String option, String text) throws UsageException {
    int eq = text.indexOf('=');
    if (eq <= 0) {
      throw new UsageException(option + " must look like NAME=VALUE, not '" + text + "'");
    }
    return new String[] {text.substring(0, eq), text.substring(eq + 1)};
  }

  /** Parses {@code URI=ALG:HEX[,ALG:HEX...]}; the URI may itself contain {@code =}. */
  private static ResourceDescriptor resolvedDependency(String text) throws UsageException {
    int eq = text.lastIndexOf('=');
    if (eq <= 0 || eq == text.length() - 1) {
      throw new UsageException(
          "--resolved-dependency must look like URI=ALG:HEX[,ALG:HEX...], not '" + text + "'");
    }
    DigestSet digests = DigestSet.empty();
    for (String d : text.substring(eq + 1).split(",", -1)) {
      int colon = d.indexOf(':');
      DigestAlgorithm alg = colon > 0 ? DigestAlgorithm.of(d.substring(0, colon)) : null;
      if (alg == null || !alg.isValidValue(d.substring(colon + 1))) {
        throw new UsageException("--resolved-dependency: not a valid ALG:HEX digest: '" + d + "'");
      }
      digests = digests.with(alg, d.substring(colon + 1));
    }
    return ResourceDescriptor.ofUri(text.substring(0, eq), digests);
  }

  private static Optional<Instant> time(Args args, String option) throws UsageException {
    Optional<String> v = args.value(option);
    if (v.isEmpty()) {
      return Optional.empty();
    }
    try {
      return Optional.of(Instant.parse(v.get()));
    } catch (DateTimeParseException e) {
      throw new UsageException(option + " must be an RFC 3339 UTC time such as 2026-01-01T10:00:00Z");
    }
  }

  private static List<ResourceDescriptor> subjects(List<String> paths)
      throws UsageException, MalformedInputException {
    List<ResourceDescriptor> out = new ArrayList<>();
    Digester digester = Digester.sha256();
    for (String p : paths) {
      Path path = Path.of(p);
      String name = path.normalize().toString().replace('\\', '/');
      DigestSet digest;
      if (Files.isDirectory(path)) {
        digest = digester.digestTree(path).digests();
      } else {
        InputFiles.existingFile("--subject", p);
        digest = digester.digest(path);
      }
      out.add(ResourceDescriptor.ofDigest(name, digest));
    }
    return out;
  }
}
