package dev.provenance.sigstore;

import dev.provenance.api.Bytes;
import dev.provenance.api.MalformedInputException;
import dev.provenance.api.SigningException;
import dev.provenance.api.VerificationException;
import dev.provenance.api.dsse.PayloadTypes;
import dev.provenance.api.internal.ProvenanceBugException;
import dev.provenance.core.json.JsonCodec;
import dev.provenance.sigstore.internal.client.FulcioClient;
import dev.provenance.sigstore.internal.client.HttpTransport;
import dev.provenance.sigstore.internal.client.RekorClient;
import dev.provenance.sigstore.internal.client.TimestampClient;
import dev.provenance.sigstore.internal.client.Witnessing;
import dev.provenance.sigstore.trust.SigningConfig;
import java.io.IOException;
import java.io.InputStream;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * What {@link KeylessSigner} and {@link KeyedBundleSigner} share: the clients, the shipped
 * public-good signing config, statement checks and the final verification of every bundle they
 * produce. Stateless and thread-safe.
 */
final class SigningSupport {
  private static final String PUBLIC_GOOD_CONFIG = "internal/client/public-good.signing_config.json";

  private SigningSupport() {}

  /** Default deadline of each request to a service. */
  static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);

  /**
   * Checks a request deadline.
   *
   * @param timeout the deadline
   * @return the deadline
   * @throws IllegalArgumentException unless it is positive
   */
  static Duration positive(Duration timeout) {
    Objects.requireNonNull(timeout, "timeout");
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("timeout must be positive");
    }
    return timeout;
  }

  /** The clients of one signer. */
  static final class Clients {
    final FulcioClient fulcio;
    final Witnessing witnessing;
    final SecureRandom random;

    Clients(Duration timeout) {
      HttpTransport transport = HttpTransport.create(timeout);
      this.random = new SecureRandom();
      this.fulcio = new FulcioClient(transport);
      this.witnessing =
          new Witnessing(new RekorClient(transport), new TimestampClient(transport, random));
    }
  }

  /**
   * Returns the Sigstore public-good signing config shipped in this jar.
   *
   * @return the config
   */
  static SigningConfig publicGoodSigningConfig() {
    return PublicGood.CONFIG;
  }

  /** Lazily loads the shipped config on first use. */
  private static final class PublicGood {
    static final SigningConfig CONFIG = load();

    private static SigningConfig load() {
      try (InputStream in = SigningSupport.class.getResourceAsStream(PUBLIC_GOOD_CONFIG)) {
        if (in == null) {
          throw new ProvenanceBugException("the public-good signing config is missing from the jar");
        }
        return SigningConfig.parse(in.readAllBytes());
      } catch (IOException | MalformedInputException e) {
        throw new ProvenanceBugException("the shipped public-good signing config does not load", e);
      }
    }
  }

  /**
   * Checks that bytes are an in-toto statement, so that only attestations are signed as DSSE
   * bundles (verifiers require the in-toto payload type and a statement).
   *
   * @param statementJson the statement
   * @return the bytes, unchanged
   * @throws SigningException {@code MALFORMED_INPUT} (with the statement's JSON Pointer) if they
   *     are not a statement
   */
  static Bytes statement(byte[] statementJson) throws SigningException {
    try {
      JsonCodec.standard().parseStatement(statementJson);
    } catch (MalformedInputException e) {
      throw new SigningException(
          e.code(), e.location().orElse(""), "not an in-toto statement: " + e.getMessage(), e);
    }
    return Bytes.of(statementJson);
  }

  /** The payload type of every attestation signed here. */
  static final String PAYLOAD_TYPE = PayloadTypes.IN_TOTO;

  /**
   * Verifies a bundle just produced, as any verifier will, and fails the signing if it does not
   * verify: a certificate from an untrusted CA, a log or timestamp authority missing from the
   * trusted root, or evidence bound to something else is caught before the bundle is handed out.
   *
   * @param verifier the verifier, configured for exactly this signer
   * @param bundle the bundle
   * @param artifact the artifact of a message signature; empty for a DSSE bundle, whose statement
   *     is verified without one
   * @return the bundle
   * @throws SigningException with the verification's code and location
   */
  static SigstoreBundle checked(
      SigstoreVerifier.Builder verifier, SigstoreBundle bundle, Optional<Artifact> artifact)
      throws SigningException {
    try {
      SigstoreVerifier v = verifier.build();
      byte[] json = bundle.toJson();
      if (artifact.isPresent()) {
        v.verify(json, artifact.get());
      } else {
        v.verifyAttestation(json);
      }
      return bundle;
    } catch (VerificationException e) {
      throw new SigningException(
          e.code(),
          e.location().orElse(""),
          "the bundle just made does not verify against the trusted root: " + e.getMessage(),
          e);
    }
  }
}
