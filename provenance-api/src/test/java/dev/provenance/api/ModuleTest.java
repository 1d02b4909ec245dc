package dev.provenance.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleFinder;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Pins the module's API surface: widening it (a new exported package, a new qualified export) is a
 * deliberate change that must edit this test. Reads the compiled descriptor, not the source.
 */
class ModuleTest {
  /** The compiled descriptor, as the module path will see it. */
  private static final ModuleDescriptor MODULE =
      ModuleFinder.of(Path.of("target/classes")).find("dev.provenance.api").orElseThrow().descriptor();

  @Test
  void module_exportsExactlyTheApiPackages() {
    ModuleDescriptor d = MODULE;
    assertThat(d.name()).isEqualTo("dev.provenance.api");
    assertThat(
            d.exports().stream()
                .collect(
                    Collectors.toMap(
                        ModuleDescriptor.Exports::source, ModuleDescriptor.Exports::targets)))
        .containsExactlyInAnyOrderEntriesOf(
            Map.of(
                "dev.provenance.api", Set.of(),
                "dev.provenance.api.attestation", Set.of(),
                "dev.provenance.api.chain", Set.of(),
                "dev.provenance.api.digest", Set.of(),
                "dev.provenance.api.dsse", Set.of(),
                "dev.provenance.api.json", Set.of(),
                "dev.provenance.api.policy", Set.of(),
                "dev.provenance.api.signing", Set.of(),
                "dev.provenance.api.slsa", Set.of(),
                "dev.provenance.api.internal",
                    Set.of("dev.provenance.core", "dev.provenance.sigstore")));
    assertThat(d.opens()).isEmpty();
    assertThat(d.uses()).isEmpty();
    assertThat(d.provides()).isEmpty();
  }

  @Test
  void module_requiresNothingButJavaBase() {
    assertThat(MODULE.requires())
        .extracting(ModuleDescriptor.Requires::name)
        .containsExactly("java.base");
  }
}
