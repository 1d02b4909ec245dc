package dev.provenance.api.digest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.provenance.api.internal.Collections2;
import java.util.List;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class DigestSetTest {
  private static final String SHA256 = "a".repeat(64);
  private static final String SHA1 = "b".repeat(40);

  @Test
  void of_twoAlgorithms_sortedUnmodifiableAndEqualToCopiedSet() {
    DigestSet set = DigestSet.of(DigestAlgorithm.SHA256, SHA256).with(DigestAlgorithm.SHA1, SHA1);
    TreeMap<DigestAlgorithm, String> m = new TreeMap<>();
    m.put(DigestAlgorithm.SHA1, SHA1);
    m.put(DigestAlgorithm.SHA256, SHA256);
    DigestSet copied = new DigestSet(m);

    assertThat(set).isEqualTo(copied).hasSameHashCodeAs(copied);
    assertThat(List.copyOf(set.digests().keySet())).isEqualTo(List.copyOf(m.keySet()));
    assertThat(set.toString()).isEqualTo(copied.toString());
    assertThatThrownBy(() -> set.digests().put(DigestAlgorithm.SHA512, "c".repeat(128)))
        .isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void digests_adoptedMap_behavesAsSortedMap() {
    TreeMap<DigestAlgorithm, String> m = new TreeMap<>();
    m.put(DigestAlgorithm.SHA256, SHA256);
    m.put(DigestAlgorithm.SHA1, SHA1);
    m.put(DigestAlgorithm.SHA512, "c".repeat(128));
    DigestSet set = DigestSet.of(m);
    java.util.SortedMap<DigestAlgorithm, String> d = set.digests();

    assertThat(d).isEqualTo(m).hasSameHashCodeAs(m);
    assertThat(m).isEqualTo(d);
    assertThat(List.copyOf(d.entrySet())).isEqualTo(List.copyOf(m.entrySet()));
    assertThat(d.firstKey()).isEqualTo(m.firstKey());
    assertThat(d.lastKey()).isEqualTo(m.lastKey());
    assertThat(d.headMap(m.lastKey())).isEqualTo(m.headMap(m.lastKey()));
    assertThat(d.tailMap(m.lastKey())).isEqualTo(m.tailMap(m.lastKey()));
    assertThat(d.subMap(m.firstKey(), m.lastKey())).isEqualTo(m.subMap(m.firstKey(), m.lastKey()));
    assertThat(d.get(DigestAlgorithm.SHA1)).isEqualTo(SHA1);
    assertThat(d.get(DigestAlgorithm.GIT_COMMIT)).isNull();
    assertThat(d.containsKey(DigestAlgorithm.SHA512)).isTrue();
    assertThat(d.containsKey(DigestAlgorithm.SHA384)).isFalse();
    assertThat(d.comparator()).isNull();
    assertThat(set.get(DigestAlgorithm.SHA256)).contains(SHA256);
    assertThatThrownBy(() -> d.entrySet().iterator().next().setValue("x"))
        .isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> d.keySet().remove(DigestAlgorithm.SHA1))
        .isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void new_callerKeepsAndChangesItsMap_setUnchanged() {
    TreeMap<DigestAlgorithm, String> m = new TreeMap<>();
    m.put(DigestAlgorithm.SHA256, SHA256);
    DigestSet set = new DigestSet(m);
    m.put(DigestAlgorithm.SHA1, SHA1);
    assertThat(set.digests()).containsOnlyKeys(DigestAlgorithm.SHA256);
  }

  @Test
  void new_adoptedMapWithInvalidValue_throwsIllegalArgument() {
    TreeMap<DigestAlgorithm, String> m = new TreeMap<>();
    m.put(DigestAlgorithm.SHA256, "not hex");
    assertThatThrownBy(() -> new DigestSet(Collections2.adoptSorted(m)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void with_addsToCopy_originalUnchanged() {
    DigestSet one = DigestSet.of(DigestAlgorithm.SHA256, SHA256);
    DigestSet two = one.with(DigestAlgorithm.SHA1, SHA1);
    assertThat(one.digests()).hasSize(1);
    assertThat(two.digests()).hasSize(2);
    TreeMap<DigestAlgorithm, String> expected = new TreeMap<>(two.digests());
    assertThat(two.digests().firstKey()).isEqualTo(expected.firstKey());
    assertThat(two.digests().tailMap(expected.lastKey())).containsOnlyKeys(expected.lastKey());
  }
}
