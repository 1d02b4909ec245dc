package dev.provenance.examples.cli.chain;

import dev.provenance.api.MalformedInputException;
import dev.provenance.api.ProvenanceException;
import dev.provenance.api.attestation.Statement;
import dev.provenance.api.chain.VerifiedChain;
import dev.provenance.api.digest.DigestAlgorithm;
import dev.provenance.api.digest.DigestSet;
import dev.provenance.api.dsse.Envelope;
import dev.provenance.api.dsse.PayloadTypes;
import dev.provenance.api.json.JsonObject;
import dev.provenance.api.signing.Signer;
import dev.provenance.core.chain.ChainPolicy;
import dev.provenance.core.chain.ChainReports;
import dev.provenance.core.chain.ChainVerifier;
import dev.provenance.core.chain.ChainVsa;
import dev.provenance.core.digest.Digester;
import dev.provenance.core.dsse.DsseSigner;
import dev.provenance.core.json.JsonCodec;
import dev.provenance.examples.cli.ArgSpec;
import dev.provenance.examples.cli.Args;
import dev.provenance.examples.cli.Command;
import dev.provenance.examples.cli.Commands;
import dev.provenance.examples.cli.InputFiles;
import dev.provenance.examples.cli.KeyOptions;
import dev.provenance.examples.cli.Output;
import dev.provenance.examples.cli.OutputFiles;
import dev.provenance.examples.cli.UsageException;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code provenance chain verify --policy FILE --attestations DIR|FILE... (--artifact PATH |
 * --digest ALG:HEX)}: verifies an artifact's provenance chain back to its source commit against a
 * chain policy, prints the chain as a tree (or JSON with {@code --format json}) and exits 0; on any
 * finding prints each code and location to standard error and exits 1. With {@code --vsa-key} and
 * {@code --vsa-out} it also writes a signed SLSA verification summary; with {@code --policy-key}
 * the policy must be a DSSE envelope signed by those keys. Stateless and thread-safe.
 */
public final class ChainVerifyCommand implements Command {
  /** The options this command accepts. */
  public static final ArgSpec SPEC =
      ArgSpec.newBuilder(
              "provenance chain verify --policy FILE --attestations DIR|FILE..."
                  + " (--artifact PATH | --digest ALG:HEX) [--policy-key PUB.pem...]"
                  + " [--vsa-key KEY.pem --vsa-out FILE [--key-algorithm ALG]"
                  + " [--verifier-id URI] [--resource-uri URI]]")
          .single("--policy")
          .multi("--attestations")
          .single("--artifact")
          .single("--digest")
          .multi("--policy-key")
          .single("--vsa-key")
          .single("--vsa-out")
          .single("--key-algorithm")
          .single("--verifier-id")
          .single("--resource-uri")
          .build();

  /** The {@code verifier.id} written into summaries when {@code --verifier-id} is not given. */
  public static final String DEFAULT_VERIFIER_ID = "https://provenance.dev/cli/chain-verify";

  /** The largest policy file read. */
  static final int MAX_POLICY_BYTES = 4 * 1024 * 1024;

  @Override
  public int run(List<String> argv, PrintStream out, PrintStream err) {
    return Commands.execute(SPEC, argv, out, err, ChainVerifyCommand::verify);
  }

  private static int verify(Args args, Output output)
      throws ProvenanceException, UsageException, IOException {
    args.atMostOneOf("--artifact", "--digest");
    if (!args.has("--artifact") && !args.has("--digest")) {
      throw new UsageException("give --artifact PATH or --digest ALG:HEX");
    }
    if (args.has("--vsa-key") != args.has("--vsa-out")) {
      throw new UsageException("--vsa-key and --vsa-out go together");
    }
    String policyPath = args.required("--policy");
    byte[] policyBytes = InputFiles.read("--policy", policyPath, MAX_POLICY_BYTES);
    ChainPolicy policy = readPolicy(args, policyBytes);
    List<Path> attestations = new ArrayList<>();
    for (String a : args.requiredValues("--attestations")) {
      Path p = Path.of(a);
      if (!Files.exists(p)) {
        throw new UsageException("--attestations: no such file or directory: " + a);
      }
      attestations.add(p);
    }
    DigestSet artifact = artifact(args);
    ChainVerifier verifier = ChainVerifier.newBuilder().policy(policy).build();
    VerifiedChain chain = verifier.verify(artifact, attestations);

    List<String> text = new ArrayList<>(ChainReports.text(chain));
    JsonObject.Builder json = JsonObject.newBuilder();
    ChainReports.json(chain).members().forEach(json::put);
    if (args.has("--vsa-key")) {
      String vsaOut = args.required("--vsa-out");
      Signer signer =
          KeyOptions.signer("--vsa-key", args.required("--vsa-key"), KeyOptions.rsaAlgorithm(args));
      String resource = args.value("--resource-uri").orElse("");
      if (resource.isEmpty()) {
        resource = args.has("--artifact") ? args.required("--artifact") : args.required("--digest");
      }
      Statement vsa =
          ChainVsa.newBuilder()
              .verifierId(args.value("--verifier-id").orElse(DEFAULT_VERIFIER_ID))
              .resourceUri(resource)
              .policy(Path.of(policyPath).getFileName().toString(), sha256(policyBytes))
              .build()
              .statement(chain);
      JsonCodec codec = JsonCodec.standard();
      Envelope env = DsseSigner.of(signer).sign(PayloadTypes.IN_TOTO, codec.writeStatement(vsa));
      byte[] line = codec.writeEnvelope(env);
      byte[] withNewline = new byte[line.length + 1];
      System.arraycopy(line, 0, withNewline, 0, line.length);
      withNewline[line.length] = '\n';
      OutputFiles.write("--vsa-out", vsaOut, withNewline, OutputFiles.Mode.REPLACE);
      text.add("verification summary (SLSA VSA v1) written to " + vsaOut);
      json.put("vsa", vsaOut);
    }
    return output.success(json.build(), text);
  }

  private static ChainPolicy readPolicy(Args args, byte[] bytes)
      throws ProvenanceException, UsageException {
    if (args.has("--policy-key")) {
      return ChainPolicy.verifySigned(
          bytes,
          KeyOptions.verifiers("--policy-key", args.values("--policy-key"), KeyOptions.rsaAlgorithm(args)),
          1);
    }
    JsonObject doc = JsonCodec.standard().parseObject(bytes);
    if (doc.get("payloadType").isPresent()) {
      throw new UsageException("--policy is a signed envelope; give the owners' keys with --policy-key");
    }
    return ChainPolicy.parse(doc);
  }

  /**
   * Reads the artifact's digests: SHA-256 of {@code --artifact}, or {@code --digest ALG:HEX}.
   *
   * @param args the parsed arguments
   * @return the digests
   * @throws UsageException for a missing file or a malformed digest
   * @throws MalformedInputException if the file cannot be digested
   */
  static DigestSet artifact(Args args) throws UsageException, MalformedInputException {
    Optional<String> file = args.value("--artifact");
    if (file.isPresent()) {
      return Digester.sha256().digest(InputFiles.existingFile("--artifact", file.get()));
    }
    String d = args.required("--digest");
    int colon = d.indexOf(':');
    if (colon <= 0 || colon == d.length() - 1) {
      throw new UsageException("--digest must be ALG:HEX, for example sha256:" + "0".repeat(64));
    }
    DigestAlgorithm alg = DigestAlgorithm.of(d.substring(0, colon));
    String value = d.substring(colon + 1);
    if (!alg.isKnown() || !alg.isValidValue(value)) {
      throw new UsageException("--digest: not a valid " + alg + " digest: " + d);
    }
    return DigestSet.of(alg, value);
  }

  static DigestSet sha256(byte[] bytes) {
    return Digester.sha256().digest(bytes);
  }
}
