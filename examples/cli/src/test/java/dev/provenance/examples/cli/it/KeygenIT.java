package dev.provenance.examples.cli.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.provenance.api.json.JsonString;
import dev.provenance.api.signing.SignatureAlgorithm;
import dev.provenance.core.keys.PemKeys;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class KeygenIT {
  @TempDir Path dir;

  @ParameterizedTest
  @ValueSource(strings = {"ed25519", "ecdsa-p256", "ecdsa-p384", "rsa-pss-3072"})
  void keygen_eachAlgorithm_writesLoadableKeyPair(String algorithm) throws Exception {
    Cli.Result r =
        new Cli(dir).run("keygen", "--algorithm", algorithm, "--out", "k", "--format", "json").exits(0);

    Path priv = dir.resolve("k.key.pem");
    Path pub = dir.resolve("k.pub.pem");
    String keyId = PemKeys.keyId(Files.readString(pub)).value();
    assertThat(r.json().get("keyId")).contains(new JsonString(keyId));
    assertThat(r.json().get("algorithm")).contains(new JsonString(algorithm));
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(priv)))
        .isEqualTo("rw-------");
    if (algorithm.startsWith("rsa")) {
      assertThat(PemKeys.signer(Files.readString(priv), SignatureAlgorithm.RSA_PSS_SHA256).keyId().value())
          .isEqualTo(keyId);
    } else {
      assertThat(PemKeys.signer(Files.readString(priv)).keyId().value()).isEqualTo(keyId);
    }
  }

  @Test
  void keygen_existingFiles_exits2AndKeepsThem() throws Exception {
    Cli cli = new Cli(dir);
    cli.run("keygen", "--algorithm", "ed25519", "--out", "k").exits(0);
    String before = Files.readString(dir.resolve("k.pub.pem"));
    cli.run("keygen", "--algorithm", "ed25519", "--out", "k").exits(2);
    assertThat(Files.readString(dir.resolve("k.pub.pem"))).isEqualTo(before);
  }

  @Test
  void keygen_text_printsKeyId() {
    Cli.Result r = new Cli(dir).run("keygen", "--algorithm", "ecdsa-p256", "--out", "k").exits(0);
    assertThat(r.out()).contains("key id:");
  }
}
