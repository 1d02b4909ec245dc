package dev.provenance.sigstore.internal.merkle;

import dev.provenance.api.ErrorCode;
import dev.provenance.api.VerificationException;
import dev.provenance.api.internal.ProvenanceBugException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;

/**
 * Merkle tree hashes of RFC 6962 section 2.1 (SHA-256) and the inclusion proof check of RFC 9162
 * section 2.1.3.2.
 *
 * <p>Work is bounded: a proof longer than {@link #MAX_PROOF_HASHES} or a hash of the wrong length
 * is rejected before any hashing. Stateless and thread-safe.
 */
public final class MerkleProofs {
  /** Length of every node hash (SHA-256). */
  public static final int HASH_LENGTH = 32;

  /** A tree of at most 2^63 leaves has inclusion paths of at most 63 hashes; 64 gives headroom. */
  public static final int MAX_PROOF_HASHES = 64;

  private static final byte LEAF_PREFIX = 0x00;
  private static final byte NODE_PREFIX = 0x01;

  private MerkleProofs() {}

  /**
   * Returns the leaf hash {@code SHA-256(0x00 || leaf)}.
   *
   * @param leaf the leaf bytes, for Rekor the canonicalized entry body
   * @return the 32-byte hash
   */
  public static byte[] leafHash(byte[] leaf) {
    MessageDigest sha = sha256();
    sha.update(LEAF_PREFIX);
    sha.update(leaf);
    return sha.digest();
  }

  /**
   * Returns the interior node hash {@code SHA-256(0x01 || left || right)}.
   *
   * @param left the left child hash
   * @param right the right child hash
   * @return the 32-byte hash
   */
  public static byte[] nodeHash(byte[] left, byte[] right) {
    MessageDigest sha = sha256();
    sha.update(NODE_PREFIX);
    sha.update(left);
    sha.update(right);
    return sha.digest();
  }

  /**
   * Checks that a leaf is at {@code index} of the tree of {@code treeSize} leaves whose root is
   * {@code expectedRoot}.
   *
   * @param index the leaf index in the tree the proof is for
   * @param treeSize the number of leaves of that tree
   * @param leafHash the leaf hash, see {@link #leafHash(byte[])}
   * @param path the audit path, leaf to root
   * @param expectedRoot the root hash the proof must reproduce
   * @param location where the proof sits in the document, for error reports
   * @throws VerificationException {@code TRANSPARENCY_LOG_INVALID} if the proof is malformed for
   *     this index and size or does not lead to {@code expectedRoot}
   */
  public static void verifyInclusion(
      long index,
      long treeSize,
      byte[] leafHash,
      List<byte[]> path,
      byte[] expectedRoot,
      String location)
      throws VerificationException {
    byte[] root = rootFromInclusionProof(index, treeSize, leafHash, path, location);
    if (!MessageDigest.isEqual(root, expectedRoot)) {
      throw invalid(location, "inclusion proof does not lead to the expected root hash");
    }
  }

  /**
   * Computes the root hash an inclusion proof leads to.
   *
   * @param index the leaf index
   * @param treeSize the number of leaves
   * @param leafHash the leaf hash
   * @param path the audit path, leaf to root
   * @param location where the proof sits in the document, for error reports
   * @return the root hash
   * @throws VerificationException {@code TRANSPARENCY_LOG_INVALID} if the index, size, path length
   *     or a hash length is inconsistent
   */
  public static byte[] rootFromInclusionProof(
      long index, long treeSize, byte[] leafHash, List<byte[]> path, String location)
      throws VerificationException {
    if (treeSize < 1) {
      throw invalid(location, "tree size must be at least 1, got " + treeSize);
    }
    if (index < 0 || index >= treeSize) {
      throw invalid(location, "leaf index " + index + " is outside a tree of size " + treeSize);
    }
    if (path.size() > MAX_PROOF_HASHES) {
      throw invalid(location, "inclusion proof has " + path.size() + " hashes, more than allowed");
    }
    int expectedLength = pathLength(index, treeSize);
    if (path.size() != expectedLength) {
      throw invalid(
          location,
          "inclusion proof for leaf "
              + index
              + " of "
              + treeSize
              + " needs "
              + expectedLength
              + " hashes, got "
              + path.size());
    }
    checkLength(leafHash, location + "/leaf");
    for (int i = 0; i < path.size(); i++) {
      checkLength(path.get(i), location + "/hashes/" + i);
    }
    long fn = index;
    long sn = treeSize - 1;
    byte[] r = leafHash;
    for (byte[] p : path) {
      if (sn == 0) {
        throw invalid(location, "inclusion proof is longer than the path to the root");
      }
      if ((fn & 1) == 1 || fn == sn) {
        r = nodeHash(p, r);
        while ((fn & 1) == 0 && fn != 0) {
          fn >>>= 1;
          sn >>>= 1;
        }
      } else {
        r = nodeHash(r, p);
      }
      fn >>>= 1;
      sn >>>= 1;
    }
    if (sn != 0) {
      throw invalid(location, "inclusion proof is shorter than the path to the root");
    }
    return r;
  }

  /** Number of hashes in the audit path of leaf {@code index} in a tree of {@code size} leaves. */
  static int pathLength(long index, long size) {
    // RFC 9162 2.1.3.1: the inner part is the bits below the highest bit where index and the last
    // index differ; the border part is the ones above it in index.
    long last = size - 1;
    int inner = 64 - Long.numberOfLeadingZeros(index ^ last);
    int border = Long.bitCount(index >>> inner);
    return inner + border;
  }

  private static void checkLength(byte[] hash, String location) throws VerificationException {
    if (hash.length != HASH_LENGTH) {
      throw invalid(location, "hash must be " + HASH_LENGTH + " bytes, got " + hash.length);
    }
  }

  private static VerificationException invalid(String location, String message) {
    return new VerificationException(ErrorCode.TRANSPARENCY_LOG_INVALID, location, message);
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new ProvenanceBugException("SHA-256 is required on every Java platform", e);
    }
  }
}
