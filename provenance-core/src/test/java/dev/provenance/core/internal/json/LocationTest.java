package dev.provenance.core.internal.json;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LocationTest {
  @Test
  void toString_nestedMembersAndIndexes_equalsPointersBuiltEagerly() {
    String eager = Pointers.child(Pointers.child(Pointers.child("/subject", 3), "digest"), "a/b~c");
    Location lazy = Location.of("/subject").child(3).child("digest").child("a/b~c");
    assertThat(lazy.toString()).isEqualTo(eager).isEqualTo("/subject/3/digest/a~1b~0c");
  }

  @Test
  void toString_fromDocumentRoot_startsWithSlash() {
    assertThat(Location.of("").child("buildDefinition").child("resolvedDependencies").child(0).toString())
        .isEqualTo("/buildDefinition/resolvedDependencies/0");
    assertThat(Location.of("").toString()).isEmpty();
  }

  @Test
  void toString_emptyMemberName_keepsEmptyToken() {
    assertThat(Location.of("/digest").child("").toString()).isEqualTo("/digest/");
  }
}
