package dev.provenance.core.chain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.provenance.api.ErrorCode;
import dev.provenance.api.VerificationException;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The chain limits: 10,000 links verify in a 256 MiB heap; more are refused. */
class LongChainTest {
  @Test
  void verify_tenThousandLinks_verifiesInA256MiBHeap() throws Exception {
    List<String> cp = new ArrayList<>();
    for (String prop : List.of("jdk.module.path", "java.class.path")) {
      String v = System.getProperty(prop, "");
      if (!v.isEmpty()) {
        cp.add(v);
      }
    }
    List<String> cmd =
        List.of(
            Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-Xmx256m",
            "-cp",
            String.join(File.pathSeparator, cp),
            LongChain.class.getName(),
            "10000");
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    byte[] out;
    try (var in = p.getInputStream()) {
      out = in.readAllBytes();
    }
    assertThat(p.waitFor(300, TimeUnit.SECONDS)).isTrue();
    String text = new String(out, StandardCharsets.UTF_8);
    assertThat(p.exitValue()).as(text).isZero();
    assertThat(text).contains("verified 10000 maxHeapMiB ");
    long heap = Long.parseLong(text.substring(text.indexOf("maxHeapMiB ") + 11).strip());
    assertThat(heap).isLessThanOrEqualTo(256);
  }

  @Test
  void verify_moreLinksThanTheLimit_reportsResourceLimitExceeded() throws Exception {
    LongChain c = new LongChain(12);
    ChainVerifier v = ChainVerifier.newBuilder().policy(c.policy).maxAttestations(10).build();
    VerificationException e = catchThrowableOfType(VerificationException.class, () -> v.verify(c.last, c.lines));
    assertThat(e.code()).isEqualTo(ErrorCode.RESOURCE_LIMIT_EXCEEDED);
    assertThat(new LongChain(12).verify().steps()).hasSize(12);
  }
}
