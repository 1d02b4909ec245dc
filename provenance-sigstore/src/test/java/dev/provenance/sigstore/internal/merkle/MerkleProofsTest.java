package dev.provenance.sigstore.internal.merkle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.provenance.api.ErrorCode;
import dev.provenance.api.VerificationException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class MerkleProofsTest {
  private static final String AT = "/proof";

  static Stream<Arguments> everyLeaf() {
    return IntStream.of(1, 2, 3, 5, 8, 13)
        .boxed()
        .flatMap(size -> IntStream.range(0, size).mapToObj(i -> Arguments.of(size, i)));
  }

  @ParameterizedTest(name = "size {0} index {1}")
  @MethodSource("everyLeaf")
  void verifyInclusion_everyIndexOfReferenceTree_accepts(int size, int index) {
    ReferenceTree tree = new ReferenceTree(size);
    List<byte[]> path = tree.path(index);
    assertThat(path).hasSize(MerkleProofs.pathLength(index, size));
    assertThatCode(
            () ->
                MerkleProofs.verifyInclusion(
                    index, size, MerkleProofs.leafHash(tree.leaf(index)), path, tree.root(), AT))
        .doesNotThrowAnyException();
  }

  @ParameterizedTest(name = "size {0} index {1}")
  @MethodSource("everyLeaf")
  void verifyInclusion_anyBitFlippedInPath_throwsTransparencyLogInvalid(int size, int index) {
    ReferenceTree tree = new ReferenceTree(size);
    List<byte[]> path = tree.path(index);
    for (int h = 0; h < path.size(); h++) {
      for (int bit : new int[] {0, 7, 100, 255}) {
        List<byte[]> flipped = copy(path);
        flipped.get(h)[bit / 8] ^= (byte) (1 << (bit % 8));
        assertCode(
            () ->
                MerkleProofs.verifyInclusion(
                    index, size, MerkleProofs.leafHash(tree.leaf(index)), flipped, tree.root(), AT));
      }
    }
  }

  @ParameterizedTest(name = "size {0} index {1}")
  @MethodSource("everyLeaf")
  void verifyInclusion_otherLeafOrIndex_throwsTransparencyLogInvalid(int size, int index) {
    ReferenceTree tree = new ReferenceTree(size);
    List<byte[]> path = tree.path(index);
    byte[] leafHash = MerkleProofs.leafHash(tree.leaf(index));
    // the leaf hash computed over the base64 text of the body instead of its bytes
    byte[] overText =
        MerkleProofs.leafHash(
            Base64.getEncoder().encodeToString(tree.leaf(index)).getBytes(StandardCharsets.UTF_8));
    assertCode(() -> MerkleProofs.verifyInclusion(index, size, overText, path, tree.root(), AT));
    // the leaf itself used as if it were a leaf hash (missing 0x00 prefix domain separation)
    byte[] noPrefix = sha256(tree.leaf(index));
    assertCode(() -> MerkleProofs.verifyInclusion(index, size, noPrefix, path, tree.root(), AT));
    for (int other = 0; other < size; other++) {
      if (other != index) {
        int o = other;
        assertCode(
            () -> MerkleProofs.verifyInclusion(o, size, leafHash, path, tree.root(), AT));
      }
    }
  }

  @Test
  void verifyInclusion_indexEqualToOrAboveTreeSize_throwsTransparencyLogInvalid() {
    ReferenceTree tree = new ReferenceTree(5);
    byte[] leaf = MerkleProofs.leafHash(tree.leaf(4));
    assertCode(() -> MerkleProofs.verifyInclusion(5, 5, leaf, tree.path(4), tree.root(), AT));
    assertCode(() -> MerkleProofs.verifyInclusion(-1, 5, leaf, tree.path(4), tree.root(), AT));
    assertCode(
        () -> MerkleProofs.verifyInclusion(Long.MAX_VALUE, 5, leaf, tree.path(4), tree.root(), AT));
    assertCode(() -> MerkleProofs.verifyInclusion(0, 0, leaf, List.of(), tree.root(), AT));
  }

  @Test
  void verifyInclusion_proofForOlderTree_throwsTransparencyLogInvalid() {
    ReferenceTree older = new ReferenceTree(12);
    ReferenceTree newer = new ReferenceTree(13);
    byte[] leaf = MerkleProofs.leafHash(older.leaf(3));
    // a proof valid for the older tree, presented with the newer tree's size and root
    assertCode(() -> MerkleProofs.verifyInclusion(3, 13, leaf, older.path(3), newer.root(), AT));
    assertCode(() -> MerkleProofs.verifyInclusion(3, 12, leaf, older.path(3), newer.root(), AT));
  }

  @Test
  void verifyInclusion_hashOf31Or33Bytes_throwsTransparencyLogInvalid() {
    ReferenceTree tree = new ReferenceTree(8);
    byte[] leaf = MerkleProofs.leafHash(tree.leaf(2));
    for (int len : new int[] {0, 31, 33, 64}) {
      List<byte[]> path = copy(tree.path(2));
      path.set(1, new byte[len]);
      assertCode(() -> MerkleProofs.verifyInclusion(2, 8, leaf, path, tree.root(), AT));
    }
    assertCode(() -> MerkleProofs.verifyInclusion(2, 8, new byte[31], tree.path(2), tree.root(), AT));
  }

  @Test
  void verifyInclusion_tooManyOrTooFewHashes_throwsTransparencyLogInvalid() {
    ReferenceTree tree = new ReferenceTree(13);
    byte[] leaf = MerkleProofs.leafHash(tree.leaf(6));
    List<byte[]> longer = copy(tree.path(6));
    longer.add(new byte[32]);
    assertCode(() -> MerkleProofs.verifyInclusion(6, 13, leaf, longer, tree.root(), AT));
    List<byte[]> shorter = copy(tree.path(6));
    shorter.remove(shorter.size() - 1);
    assertCode(() -> MerkleProofs.verifyInclusion(6, 13, leaf, shorter, tree.root(), AT));
    List<byte[]> huge = new ArrayList<>();
    for (int i = 0; i < 65; i++) {
      huge.add(new byte[32]);
    }
    assertCode(() -> MerkleProofs.verifyInclusion(6, Long.MAX_VALUE, leaf, huge, tree.root(), AT));
  }

  @Test
  void verifyInclusion_largeTreeSizes_boundedPathLength() {
    assertThat(MerkleProofs.pathLength(0, Long.MAX_VALUE)).isEqualTo(63);
    assertThat(MerkleProofs.pathLength(Long.MAX_VALUE - 1, Long.MAX_VALUE)).isLessThanOrEqualTo(63);
    assertThat(MerkleProofs.pathLength(0, 1)).isZero();
  }

  @Test
  void verifyInclusion_singleLeafTree_rootIsLeafHash() throws VerificationException {
    byte[] leaf = MerkleProofs.leafHash(new byte[] {1, 2, 3});
    assertThat(MerkleProofs.rootFromInclusionProof(0, 1, leaf, List.of(), AT)).isEqualTo(leaf);
  }

  private static byte[] sha256(byte[] data) {
    try {
      return java.security.MessageDigest.getInstance("SHA-256").digest(data);
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new AssertionError(e);
    }
  }

  private static List<byte[]> copy(List<byte[]> path) {
    List<byte[]> out = new ArrayList<>();
    for (byte[] p : path) {
      out.add(p.clone());
    }
    return out;
  }

  private static void assertCode(org.assertj.core.api.ThrowableAssert.ThrowingCallable call) {
    assertThatThrownBy(call)
        .isInstanceOf(VerificationException.class)
        .extracting(e -> ((VerificationException) e).code())
        .isEqualTo(ErrorCode.TRANSPARENCY_LOG_INVALID);
  }
}
