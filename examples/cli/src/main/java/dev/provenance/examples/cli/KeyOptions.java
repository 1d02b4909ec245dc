package dev.provenance.examples.cli;

import dev.provenance.api.ErrorCode;
import dev.provenance.api.KeyMaterialException;
import dev.provenance.api.MalformedInputException;
import dev.provenance.api.signing.SignatureAlgorithm;
import dev.provenance.api.signing.SignatureVerifier;
import dev.provenance.api.signing.Signer;
import dev.provenance.core.dsse.DsseVerifier;
import dev.provenance.core.keys.PemKeys;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Loads the keys named by {@code --key} and {@code --key-algorithm}. EC and Ed25519 keys fix their
 * algorithm; RSA keys need {@code --key-algorithm rsa-pss-sha256|rsa-pkcs1-sha256}, which applies
 * to every RSA key given and to no other key. Stateless and thread-safe.
 */
public final class KeyOptions {
  /** The largest PEM file read. */
  public static final int MAX_PEM_BYTES = 1024 * 1024;

  private static final String RSA_HINT =
      "use --key-algorithm rsa-pss-sha256|rsa-pkcs1-sha256 for RSA keys";

  private KeyOptions() {}

  /**
   * Returns the algorithm named by {@code --key-algorithm}, if given.
   *
   * @param args the parsed arguments
   * @return the RSA algorithm, or empty
   * @throws UsageException for an unknown name
   */
  public static Optional<SignatureAlgorithm> rsaAlgorithm(Args args) throws UsageException {
    Optional<String> name = args.value("--key-algorithm");
    if (name.isEmpty()) {
      return Optional.empty();
    }
    switch (name.get()) {
      case "rsa-pss-sha256":
        return Optional.of(SignatureAlgorithm.RSA_PSS_SHA256);
      case "rsa-pkcs1-sha256":
        return Optional.of(SignatureAlgorithm.RSA_PKCS1_SHA256);
      default:
        throw new UsageException(
            "--key-algorithm must be rsa-pss-sha256 or rsa-pkcs1-sha256, not '" + name.get() + "'");
    }
  }

  /**
   * Loads one verifier per public key file.
   *
   * @param option the option naming the files, for messages
   * @param paths the PEM public key or certificate files
   * @param rsa the algorithm for RSA keys, if given
   * @return the verifiers, in order
   * @throws UsageException if a file cannot be read
   * @throws KeyMaterialException if a key is malformed or refused; {@code CONFIGURATION_ERROR}
   *     for an RSA key without an algorithm
   * @throws MalformedInputException if a file is too large
   */
  public static List<SignatureVerifier> verifiers(
      String option, List<String> paths, Optional<SignatureAlgorithm> rsa)
      throws UsageException, KeyMaterialException, MalformedInputException {
    List<SignatureVerifier> verifiers = new ArrayList<>();
    for (String path : paths) {
      String pem = InputFiles.readText(option, path, MAX_PEM_BYTES);
      try {
        verifiers.add(PemKeys.verifier(pem));
      } catch (KeyMaterialException e) {
        if (e.code() != ErrorCode.CONFIGURATION_ERROR || rsa.isEmpty()) {
          throw located(path, e, rsa);
        }
        try {
          verifiers.add(PemKeys.verifier(pem, rsa.get()));
        } catch (KeyMaterialException again) {
          throw located(path, again, rsa);
        }
      }
    }
    return verifiers;
  }

  /**
   * Starts a DSSE verifier with the keys of {@code --key}, {@code --key-algorithm} and {@code
   * --threshold} (default 1, at most the number of keys).
   *
   * @param args the parsed arguments
   * @return a builder holding the keys and the threshold
   * @throws UsageException for missing keys, unreadable files, or a threshold above the key count
   * @throws KeyMaterialException if a key is malformed or refused
   * @throws MalformedInputException if a key file is too large
   */
  public static DsseVerifier.Builder dsseVerifier(Args args)
      throws UsageException, KeyMaterialException, MalformedInputException {
    List<String> keys = args.requiredValues("--key");
    int threshold = args.positiveInt("--threshold", 1);
    if (threshold > keys.size()) {
      throw new UsageException(
          "--threshold " + threshold + " is more than the " + keys.size() + " key(s) given");
    }
    return DsseVerifier.newBuilder()
        .addVerifiers(verifiers("--key", keys, rsaAlgorithm(args)))
        .threshold(threshold);
  }

  /**
   * Loads the signer for a private key file.
   *
   * @param option the option naming the file, for messages
   * @param path the PEM private key file (PKCS#8, SEC1 or PKCS#1; unencrypted)
   * @param rsa the algorithm for an RSA key, if given
   * @return the signer
   * @throws UsageException if the file cannot be read
   * @throws KeyMaterialException if the key is malformed, encrypted or refused
   * @throws MalformedInputException if the file is too large
   */
  public static Signer signer(String option, String path, Optional<SignatureAlgorithm> rsa)
      throws UsageException, KeyMaterialException, MalformedInputException {
    String pem = InputFiles.readText(option, path, MAX_PEM_BYTES);
    try {
      return PemKeys.signer(pem);
    } catch (KeyMaterialException e) {
      if (e.code() != ErrorCode.CONFIGURATION_ERROR || rsa.isEmpty()) {
        throw located(path, e, rsa);
      }
      try {
        return PemKeys.signer(pem, rsa.get());
      } catch (KeyMaterialException again) {
        throw located(path, again, rsa);
      }
    }
  }

  /**
   * Names the file in the location, so that stderr says which key failed, and reminds of {@code
   * --key-algorithm} when the key's algorithm could not be decided.
   */
  private static KeyMaterialException located(
      String path, KeyMaterialException e, Optional<SignatureAlgorithm> rsa) {
    String where = path + e.location().map(l -> "#" + l).orElse("");
    String message = Output.bareMessage(e.getMessage(), e.location().orElse(""));
    if (e.code() == ErrorCode.CONFIGURATION_ERROR && rsa.isEmpty()) {
      message += " (" + RSA_HINT + ")";
    }
    return new KeyMaterialException(e.code(), where, message, e);
  }
}
