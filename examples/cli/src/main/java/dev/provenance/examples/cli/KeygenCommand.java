package dev.provenance.examples.cli;

import dev.provenance.api.ProvenanceException;
import dev.provenance.api.json.JsonObject;
import dev.provenance.api.signing.KeyId;
import dev.provenance.api.signing.SignatureAlgorithm;
import dev.provenance.core.keys.JcaKeys;
import dev.provenance.core.keys.PemKeys;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.List;

/**
 * {@code provenance keygen --algorithm ed25519|ecdsa-p256|ecdsa-p384|rsa-pss-3072 --out PREFIX}:
 * writes a new private key to {@code PREFIX.key.pem} (unencrypted PKCS#8, readable only by its
 * owner) and its public key to {@code PREFIX.pub.pem} (SubjectPublicKeyInfo). Existing files are
 * never overwritten. Stateless and thread-safe.
 */
public final class KeygenCommand implements Command {
  static final ArgSpec SPEC =
      ArgSpec.newBuilder(
              "provenance keygen --algorithm ed25519|ecdsa-p256|ecdsa-p384|rsa-pss-3072 --out PREFIX")
          .single("--algorithm")
          .single("--out")
          .build();

  @Override
  public int run(List<String> argv, PrintStream out, PrintStream err) {
    return Commands.execute(SPEC, argv, out, err, this::execute);
  }

  private int execute(Args args, Output output)
      throws ProvenanceException, UsageException, IOException {
    String name = args.required("--algorithm");
    SignatureAlgorithm algorithm = algorithm(name);
    String prefix = args.required("--out");
    KeyPair pair = JcaKeys.generate(algorithm);
    String privatePem = PemKeys.privateKeyPem(pair.getPrivate());
    String publicPem = PemKeys.publicKeyPem(pair.getPublic());
    KeyId keyId = JcaKeys.keyId(pair.getPublic());
    String privatePath = prefix + ".key.pem";
    String publicPath = prefix + ".pub.pem";
    if (Files.exists(Path.of(publicPath))) {
      throw new UsageException("--out: " + publicPath + " exists; not overwriting it");
    }
    OutputFiles.write(
        "--out",
        privatePath,
        privatePem.getBytes(StandardCharsets.US_ASCII),
        OutputFiles.Mode.CREATE_SECRET);
    OutputFiles.write(
        "--out",
        publicPath,
        publicPem.getBytes(StandardCharsets.US_ASCII),
        OutputFiles.Mode.CREATE_NEW);
    return output.success(
        JsonObject.newBuilder()
            .put("algorithm", name)
            .put("keyId", keyId.value())
            .put("privateKey", privatePath)
            .put("publicKey", publicPath)
            .build(),
        List.of(
            "private key: " + privatePath,
            "public key:  " + publicPath,
            "key id:      " + keyId.value() + " (" + name + ")"));
  }

  static SignatureAlgorithm algorithm(String name) throws UsageException {
    switch (name) {
      case "ed25519":
        return SignatureAlgorithm.ED25519;
      case "ecdsa-p256":
        return SignatureAlgorithm.ECDSA_P256_SHA256;
      case "ecdsa-p384":
        return SignatureAlgorithm.ECDSA_P384_SHA384;
      case "rsa-pss-3072":
        return SignatureAlgorithm.RSA_PSS_SHA256;
      default:
        throw new UsageException(
            "--algorithm must be ed25519, ecdsa-p256, ecdsa-p384 or rsa-pss-3072, not '"
                + name
                + "'");
    }
  }
}
