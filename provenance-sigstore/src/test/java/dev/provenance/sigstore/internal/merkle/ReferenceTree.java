package dev.provenance.sigstore.internal.merkle;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** RFC 6962 section 2.1 tree hash and audit path, written from the recursive definitions. */
final class ReferenceTree {
  private final List<byte[]> leaves;

  ReferenceTree(int size) {
    leaves = new ArrayList<>();
    for (int i = 0; i < size; i++) {
      leaves.add(("leaf-" + i).getBytes(StandardCharsets.UTF_8));
    }
  }

  byte[] leaf(int index) {
    return leaves.get(index);
  }

  byte[] root() {
    return mth(0, leaves.size());
  }

  List<byte[]> path(int index) {
    return path(index, 0, leaves.size());
  }

  private byte[] mth(int from, int to) {
    int n = to - from;
    if (n == 1) {
      return MerkleProofs.leafHash(leaves.get(from));
    }
    int k = largestPowerOfTwoBelow(n);
    return MerkleProofs.nodeHash(mth(from, from + k), mth(from + k, to));
  }

  private List<byte[]> path(int m, int from, int to) {
    int n = to - from;
    List<byte[]> out = new ArrayList<>();
    if (n == 1) {
      return out;
    }
    int k = largestPowerOfTwoBelow(n);
    if (m < k) {
      out.addAll(path(m, from, from + k));
      out.add(mth(from + k, to));
    } else {
      out.addAll(path(m - k, from + k, to));
      out.add(mth(from, from + k));
    }
    return out;
  }

  private static int largestPowerOfTwoBelow(int n) {
    int k = 1;
    while (k * 2 < n) {
      k *= 2;
    }
    return k;
  }
}
