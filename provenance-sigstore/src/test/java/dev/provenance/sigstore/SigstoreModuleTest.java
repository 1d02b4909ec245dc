package dev.provenance.sigstore;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.module.ModuleDescriptor;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** The module's public surface and dependencies, so that widening either is a reviewed change. */
class SigstoreModuleTest {
  private static final ModuleDescriptor MODULE = SigstoreVerifier.class.getModule().getDescriptor();

  @Test
  void module_exportsOnlyThePublicPackages() {
    assertThat(MODULE).isNotNull();
    Set<String> exports = new TreeSet<>();
    for (ModuleDescriptor.Exports e : MODULE.exports()) {
      assertThat(e.isQualified()).as(e.source()).isFalse();
      exports.add(e.source());
    }
    assertThat(exports)
        .containsExactly("dev.provenance.sigstore", "dev.provenance.sigstore.slsa", "dev.provenance.sigstore.trust");
  }

  @Test
  void module_requiresCoreBouncyCastleAndTheJdkOnly() {
    Set<String> requires = new TreeSet<>();
    for (ModuleDescriptor.Requires r : MODULE.requires()) {
      requires.add(r.name());
    }
    // bcprov comes with core; pkix and util are the two jars this module adds
    assertThat(requires)
        .containsExactlyInAnyOrder(
            "java.base",
            "java.net.http",
            "dev.provenance.core",
            "org.bouncycastle.provider",
            "org.bouncycastle.pkix",
            "org.bouncycastle.util");
  }

  @Test
  void publicGoodRoot_isShippedAsAResourceOfTheTrustPackage() {
    assertThat(SigstoreVerifier.class.getModule().getPackages())
        .contains("dev.provenance.sigstore.internal.verify", "dev.provenance.sigstore.trust");
    assertThat(dev.provenance.sigstore.trust.TrustedRoot.publicGood().tlogs()).isNotEmpty();
  }
}
