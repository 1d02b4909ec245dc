package dev.provenance.sigstore.internal.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class VerifiedSignaturesTest {
  private static final byte[] KEY = bytes("key encoding");
  private static final byte[] DATA = bytes("signed bytes of some length");
  private static final byte[] SIGNATURE = bytes("signature");

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private static byte[] flipped(byte[] b, int bit) {
    byte[] copy = b.clone();
    copy[bit / 8] ^= (byte) (1 << (bit % 8));
    return copy;
  }

  private static VerifiedSignatures.Check check(int i) {
    return VerifiedSignatures.check("d", bytes("key"), bytes("data " + i), bytes("sig"));
  }

  @Test
  void contains_afterAdd_isTrueForEqualBytesInOtherArrays() {
    VerifiedSignatures cache = new VerifiedSignatures(8, 1024, 256);
    cache.add(VerifiedSignatures.check("d", KEY, DATA, SIGNATURE));

    assertThat(cache.contains(VerifiedSignatures.check("d", KEY.clone(), DATA.clone(), SIGNATURE.clone())))
        .isTrue();
  }

  @Test
  void contains_neverAdded_isFalse() {
    VerifiedSignatures cache = new VerifiedSignatures(8, 1024, 256);

    assertThat(cache.contains(VerifiedSignatures.check("d", KEY, DATA, SIGNATURE))).isFalse();
  }

  @Test
  void contains_anyOneBitChangeInAnyPart_isFalse() {
    VerifiedSignatures cache = new VerifiedSignatures(8, 1024, 256);
    cache.add(VerifiedSignatures.check("d", KEY, DATA, SIGNATURE));
    byte[][] parts = {KEY, DATA, SIGNATURE};

    for (int p = 0; p < parts.length; p++) {
      for (int bit = 0; bit < parts[p].length * 8; bit++) {
        byte[][] changed = parts.clone();
        changed[p] = flipped(parts[p], bit);
        assertThat(cache.contains(VerifiedSignatures.check("d", changed)))
            .as("part %d bit %d", p, bit)
            .isFalse();
      }
    }
  }

  @Test
  void contains_otherDomainOrSplitOrPrefix_isFalse() {
    VerifiedSignatures cache = new VerifiedSignatures(8, 1024, 256);
    cache.add(VerifiedSignatures.check("d", bytes("ab"), bytes("c")));

    assertThat(cache.contains(VerifiedSignatures.check("e", bytes("ab"), bytes("c")))).isFalse();
    assertThat(cache.contains(VerifiedSignatures.check("d", bytes("a"), bytes("bc")))).isFalse();
    assertThat(cache.contains(VerifiedSignatures.check("d", bytes("ab"), bytes("")))).isFalse();
    assertThat(cache.contains(VerifiedSignatures.check("d", bytes("ab"), bytes("c"), bytes(""))))
        .isFalse();
    assertThat(cache.contains(VerifiedSignatures.check("d", bytes("ab"), bytes("cc")))).isFalse();
  }

  @Test
  void contains_equalHashCodeButOtherBytes_isFalse() {
    VerifiedSignatures cache = new VerifiedSignatures(8, 1024, 256);
    byte[] a = {0, 31};
    byte[] b = {1, 0};
    assertThat(Arrays.hashCode(a)).isEqualTo(Arrays.hashCode(b));
    cache.add(VerifiedSignatures.check("d", KEY, a));

    assertThat(VerifiedSignatures.check("d", KEY, b).hashCode())
        .isEqualTo(VerifiedSignatures.check("d", KEY, a).hashCode());
    assertThat(cache.contains(VerifiedSignatures.check("d", KEY, b))).isFalse();
    assertThat(cache.contains(VerifiedSignatures.check("d", KEY, a))).isTrue();
  }

  @Test
  void add_callerChangesItsArrayAfterwards_entryKeepsTheAddedBytes() {
    VerifiedSignatures cache = new VerifiedSignatures(8, 1024, 256);
    byte[] data = DATA.clone();
    cache.add(VerifiedSignatures.check("d", KEY, data, SIGNATURE));

    data[0] ^= 1;

    assertThat(cache.contains(VerifiedSignatures.check("d", KEY, data, SIGNATURE))).isFalse();
    assertThat(cache.contains(VerifiedSignatures.check("d", KEY, DATA, SIGNATURE))).isTrue();
  }

  @Test
  void add_atEntryCapacity_evictsLeastRecentlyUsedWithoutGrowing() {
    VerifiedSignatures cache = new VerifiedSignatures(4, 1024, 256);
    for (int i = 0; i < 4; i++) {
      cache.add(check(i));
    }
    assertThat(cache.contains(check(0))).isTrue(); // 0 is now the most recently used

    for (int i = 4; i < 100; i++) {
      cache.add(check(i));
      assertThat(cache.size()).isLessThanOrEqualTo(4);
    }

    assertThat(cache.size()).isEqualTo(4);
    assertThat(cache.contains(check(0))).isFalse();
    assertThat(cache.contains(check(95))).isFalse();
    for (int i = 96; i < 100; i++) {
      assertThat(cache.contains(check(i))).isTrue();
    }
  }

  @Test
  void add_recentlyUsedEntry_survivesEviction() {
    VerifiedSignatures cache = new VerifiedSignatures(3, 1024, 256);
    cache.add(check(0));
    cache.add(check(1));
    cache.add(check(2));

    assertThat(cache.contains(check(0))).isTrue();
    cache.add(check(3));

    assertThat(cache.contains(check(0))).isTrue();
    assertThat(cache.contains(check(1))).isFalse();
  }

  @Test
  void add_atByteCapacity_evictsUntilWithinBytes() {
    VerifiedSignatures cache = new VerifiedSignatures(100, 100, 40);
    for (int i = 0; i < 50; i++) {
      cache.add(VerifiedSignatures.check("d", new byte[30], new byte[] {(byte) i}));
      assertThat(cache.bytes()).isLessThanOrEqualTo(100);
    }

    assertThat(cache.size()).isEqualTo(3);
    assertThat(cache.bytes()).isEqualTo(93);
  }

  @Test
  void add_checkLargerThanEntryBound_isNotRemembered() {
    VerifiedSignatures cache = new VerifiedSignatures(8, 1024, 16);
    VerifiedSignatures.Check big = VerifiedSignatures.check("d", new byte[10], new byte[7]);

    cache.add(big);

    assertThat(cache.contains(big)).isFalse();
    assertThat(cache.size()).isZero();
    assertThat(cache.bytes()).isZero();
  }

  @Test
  void add_sameCheckTwice_isOneEntry() {
    VerifiedSignatures cache = new VerifiedSignatures(8, 1024, 256);
    cache.add(check(1));
    cache.add(check(1));

    assertThat(cache.size()).isEqualTo(1);
    assertThat(cache.bytes()).isEqualTo(check(1).size());
  }

  @Test
  void clear_forgetsEverything() {
    VerifiedSignatures cache = new VerifiedSignatures(8, 1024, 256);
    cache.add(check(1));

    cache.clear();

    assertThat(cache.contains(check(1))).isFalse();
    assertThat(cache.size()).isZero();
    assertThat(cache.bytes()).isZero();
  }

  @Test
  void constructor_badBounds_throw() {
    assertThatThrownBy(() -> new VerifiedSignatures(0, 10, 10))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new VerifiedSignatures(1, 10, 0))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new VerifiedSignatures(1, 9, 10))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void shared_isBounded() {
    VerifiedSignatures shared = VerifiedSignatures.shared();

    assertThat(shared.size()).isLessThanOrEqualTo(VerifiedSignatures.SHARED_MAX_ENTRIES);
    assertThat(shared.bytes()).isLessThanOrEqualTo(VerifiedSignatures.SHARED_MAX_BYTES);
  }

  @Test
  void concurrentAddsAndLookups_stayBoundedAndNeverAnswerForUnaddedBytes() throws Exception {
    VerifiedSignatures cache = new VerifiedSignatures(16, 16 * 64, 64);
    int threads = 4;
    int perThread = 5_000;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    CountDownLatch start = new CountDownLatch(1);
    try {
      List<Future<Integer>> results = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        int thread = t;
        results.add(
            pool.submit(
                () -> {
                  start.await();
                  int falsePositives = 0;
                  for (int i = 0; i < perThread; i++) {
                    byte[] data = bytes("thread " + thread + " item " + i);
                    cache.add(VerifiedSignatures.check("d", data, SIGNATURE));
                    // added by no thread: a different last bit of the same bytes
                    if (cache.contains(
                        VerifiedSignatures.check("d", flipped(data, data.length * 8 - 1), SIGNATURE))) {
                      falsePositives++;
                    }
                    // an entry of another thread, whether or not still remembered, is only ever
                    // found with its own bytes
                    cache.contains(check(i % 32));
                    if (cache.size() > 16 || cache.bytes() > 16 * 64) {
                      falsePositives++;
                    }
                  }
                  return falsePositives;
                }));
      }
      start.countDown();
      for (Future<Integer> f : results) {
        assertThat(f.get(60, TimeUnit.SECONDS)).isZero();
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(cache.size()).isEqualTo(16);
    long recount = 0;
    for (int t = 0; t < threads; t++) {
      for (int i = perThread - 16; i < perThread; i++) {
        VerifiedSignatures.Check c =
            VerifiedSignatures.check("d", bytes("thread " + t + " item " + i), SIGNATURE);
        if (cache.contains(c)) {
          recount += c.size();
        }
      }
    }
    // every remaining entry is one of the last ones added, and the byte count matches them
    assertThat(recount).isEqualTo(cache.bytes());
  }
}
