package dev.provenance.core;

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
      ModuleFinder.of(Path.of("target/classes")).find("dev.provenance.core").orElseThrow().descriptor();

  @Test
  void module_exportsExactlyThesePackages() {
    ModuleDescriptor d = MODULE;
    assertThat(d.name()).isEqualTo("dev.provenance.core");
    assertThat(
            d.exports().stream()
                .collect(
                    Collectors.toMap(
                        ModuleDescriptor.Exports::source, ModuleDescriptor.Exports::targets)))
        .containsExactlyInAnyOrderEntriesOf(
            Map.ofEntries(
                Map.entry("dev.provenance.core", Set.of()),
                Map.entry("dev.provenance.core.chain", Set.of()),
                Map.entry("dev.provenance.core.digest", Set.of()),
                Map.entry("dev.provenance.core.dsse", Set.of()),
                Map.entry("dev.provenance.core.intoto", Set.of()),
                Map.entry("dev.provenance.core.json", Set.of()),
                Map.entry("dev.provenance.core.keys", Set.of()),
                Map.entry("dev.provenance.core.policy", Set.of()),
                Map.entry("dev.provenance.core.internal.crypto", Set.of("dev.provenance.sigstore")),
                Map.entry("dev.provenance.core.internal.dsse", Set.of("dev.provenance.sigstore")),
                Map.entry("dev.provenance.core.internal.json", Set.of("dev.provenance.sigstore")),
                Map.entry("dev.provenance.core.internal.util", Set.of("dev.provenance.sigstore"))));
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
                "dev.provenance.api", Set.of(ModuleDescriptor.Requires.Modifier.TRANSITIVE),
                "com.fasterxml.jackson.core", Set.of(),
                "org.bouncycastle.provider", Set.of(),
                "com.google.crypto.tink", Set.of(ModuleDescriptor.Requires.Modifier.STATIC)));
  }
}
