package dev.provenance.core.internal.digest;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class NamesTest {
  /** HOSTILE.md H36 (non-canonical names) and H38 (non-portable names). */
  @ParameterizedTest
  @ValueSource(
      strings = {
        "", "dir/../foo", "./foo", "foo/.", "//foo", "foo//bar", "foo/", "..", ".", "/abs/x",
        "C:\\x", "C:x", "c:/x", "dir\\file", "nul\u0000byte", "line\nbreak", "tab\tname",
        "trailing.", "trailing ", "a/b:c", ".GIT/config", "x/.Git", "lone\uD800surrogate",
        "bad\uFFFDutf8"
      })
  void checkRelativeName_hostileName_isRejected(String name) {
    assertThat(Names.checkRelativeName(name)).isPresent();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"foo", "dir/foo", "a/b/c.txt", ".gitignore", "caf\u00e9", "\uD83D\uDE00.txt",
        "with space/x", ".hidden/.x"})
  void checkRelativeName_canonicalName_isAccepted(String name) {
    assertThat(Names.checkRelativeName(name)).isEmpty();
  }

  @Test
  void collisionKey_nfcNfdAndCaseVariants_collide() {
    String nfc = "caf\u00e9";
    String nfd = "cafe\u0301";
    assertThat(Names.collisionKey(nfc)).isEqualTo(Names.collisionKey(nfd));
    assertThat(Names.collisionKey("Foo")).isEqualTo(Names.collisionKey("foo"));
    assertThat(Names.collisionKey("\u212Aelvin")).isEqualTo(Names.collisionKey("kelvin"));
    assertThat(Names.collisionKey("foo")).isNotEqualTo(Names.collisionKey("fooo"));
  }

  @Test
  void checkEntryName_posixMode_allowsBackslashButNotInvalidUtf8OrGitVariants() {
    assertThat(Names.checkEntryName("a\\b", false, true)).isEmpty();
    assertThat(Names.checkEntryName("a\\b", true, true)).isPresent();
    assertThat(Names.checkEntryName("x\uFFFD", false, false)).isPresent();
    assertThat(Names.checkEntryName(".GIT", false, false)).isPresent();
    assertThat(Names.checkEntryName("a\nb", false, true)).isPresent();
    assertThat(Names.checkEntryName("a\nb", false, false)).isEmpty();
  }

  @Property
  void compareUtf8_anyStrings_matchesUnsignedByteOrder(@ForAll String a, @ForAll String b) {
    Assume.that(roundTrips(a) && roundTrips(b)); // lone surrogates have no UTF-8 form
    int expected = compareBytes(Names.utf8(a), Names.utf8(b));
    assertThat(Integer.signum(Names.compareUtf8(a, b))).isEqualTo(Integer.signum(expected));
  }

  private static boolean roundTrips(String s) {
    return new String(Names.utf8(s), StandardCharsets.UTF_8).equals(s);
  }

  private static int compareBytes(byte[] x, byte[] y) {
    for (int i = 0; i < Math.min(x.length, y.length); i++) {
      int c = Integer.compare(x[i] & 0xff, y[i] & 0xff);
      if (c != 0) {
        return c;
      }
    }
    return Integer.compare(x.length, y.length);
  }
}
