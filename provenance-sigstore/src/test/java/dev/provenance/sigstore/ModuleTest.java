package dev.provenance.sigstore;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleFinder;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Pins the module's API surface: widening it (a new exported package, a new qualified export) is a
 * deliberate change that must edit this test. Reads the compiled descriptor, not the source.
 */
class ModuleTest {
  /** The compiled descriptor, as the module path will see it. */
  private static final ModuleDescriptor MODULE =
      ModuleFinder.of(Path.of("target/classes")).find("dev.provenance.sigstore").orElseThrow().descriptor();

  @Test
  void module_exportsExactlyThesePackages() {
    ModuleDescriptor d = MODULE;
    assertThat(d.name()).isEqualTo("dev.provenance.sigstore");
    assertThat(
            d.exports().stream()
                .collect(
                    Collectors.toMap(
                        ModuleDescriptor.Exports::source, ModuleDescriptor.Exports::targets)))
        .containsExactlyInAnyOrderEntriesOf(
            Map.ofEntries(
                Map.entry("dev.provenance.sigstore", Set.of()),
                Map.entry("dev.provenance.sigstore.slsa", Set.of()),
                Map.entry("dev.provenance.sigstore.trust", Set.of())));
    assertThat(d.opens()).isEmpty();
    assertThat(d.uses()).isEmpty();
    assertThat(d.provides()).isEmpty();
  }

  @Test
  void module_requiresOnlyTheAllowedModules() {
    Map<String, Set<ModuleDescriptor.Requires.Modifier>> requires = new TreeMap<>();
    MODULE.requires().forEach(r -> requires.put(r.name(), r.modifiers()));
    assertThat(requires)
        .containsExactlyInAnyOrderEntriesOf(
            Map.of(
                "java.base", Set.of(ModuleDescriptor.Requires.Modifier.MANDATED),
                "dev.provenance.core", Set.of(ModuleDescriptor.Requires.Modifier.TRANSITIVE),
                "org.bouncycastle.provider", Set.of(),
                "org.bouncycastle.pkix", Set.of(),
                "org.bouncycastle.util", Set.of(),
                "java.net.http", Set.of()));
  }
}
