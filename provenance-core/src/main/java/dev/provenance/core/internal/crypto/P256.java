package dev.provenance.core.internal.crypto;

import dev.provenance.api.internal.ProvenanceBugException;
import java.math.BigInteger;
import java.util.Arrays;
import org.bouncycastle.math.ec.ECPoint;
import org.bouncycastle.math.ec.custom.sec.SecP256R1Field;
import org.bouncycastle.math.raw.Nat256;
import org.bouncycastle.util.BigIntegers;

/**
 * ECDSA verification on P-256 (FIPS 186-5 section 6.4.2) over Bouncy Castle's field arithmetic
 * ({@link SecP256R1Field}, fully reduced 8-limb values), with working storage owned by the call
 * instead of a new object per field operation.
 *
 * <p>{@code u1·G + u2·Q} is computed with a fixed-base comb for both points (width 6, 43 columns):
 * per column one doubling and at most two mixed additions of precomputed affine points. The table
 * for {@code G} is built once; the table for a key is built by {@link Table#of} and kept by the
 * verifier that owns the key. Every addition handles its exceptional cases (equal points, opposite
 * points, the point at infinity), so the result is exact for every input; the inputs are public,
 * so timing does not depend on secrets.
 *
 * <p>Stateless and thread-safe; {@link Table} instances are immutable.
 */
final class P256 {
  static final int WIDTH = 6;
  static final int COLUMNS = (256 + WIDTH - 1) / WIDTH; // 43
  static final BigInteger N =
      new BigInteger("ffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551", 16);
  static final BigInteger P =
      new BigInteger("ffffffff00000001000000000000000000000000ffffffffffffffffffffffff", 16);
  private static final int[] B =
      SecP256R1Field.fromBigInteger(
          new BigInteger("5ac635d8aa3a93e7b3ebbd55769886bc651d06b0cc53b0f63bce3c3e27d2604b", 16));
  private static final Table G =
      Table.of(
          new BigInteger("6b17d1f2e12c4247f8bce6e563a440f277037d812deb33a0f4a13945d898c296", 16),
          new BigInteger("4fe342e2fe1a7f9b8ee7eb4a7c0f9e162bce33576b315ececbb6406837bf51f5", 16));

  private P256() {}

  /**
   * Returns whether {@code (r, s)} is a valid signature over {@code hash} for the key whose table
   * is {@code q}. {@code r} and {@code s} must already be in {@code [1, n-1]}.
   */
  static boolean verify(Table q, byte[] hash, BigInteger r, BigInteger s) {
    BigInteger e = truncate(hash);
    BigInteger w = BigIntegers.modOddInverseVar(N, s);
    BigInteger u1 = e.multiply(w).mod(N);
    BigInteger u2 = r.multiply(w).mod(N);
    Point acc = multiplyAdd(q, u1, u2);
    if (acc.infinity) {
      return false;
    }
    // x(R) = X / Z^2; accept when x(R) mod n == r, i.e. X == r·Z^2 or, when r + n < p, X == (r+n)·Z^2
    int[] zz = new int[8];
    int[] t = new int[8];
    int[] tt = new int[16];
    SecP256R1Field.square(acc.z, zz, tt);
    SecP256R1Field.multiply(SecP256R1Field.fromBigInteger(r), zz, t, tt);
    if (Nat256.eq(t, acc.x)) {
      return true;
    }
    BigInteger r2 = r.add(N);
    if (r2.compareTo(P) >= 0) {
      return false;
    }
    SecP256R1Field.multiply(SecP256R1Field.fromBigInteger(r2), zz, t, tt);
    return Nat256.eq(t, acc.x);
  }

  /** Returns {@code u1·G + u2·Q} for scalars in {@code [0, n-1]}, {@code q} being Q's table. */
  static Point multiplyAdd(Table q, BigInteger u1, BigInteger u2) {
    Point acc = new Point();
    int[] k1 = Nat256.fromBigInteger(u1);
    int[] k2 = Nat256.fromBigInteger(u2);
    for (int column = COLUMNS - 1; column >= 0; column--) {
      acc.twice();
      int i1 = index(k1, column);
      if (i1 != 0) {
        acc.add(G.xs[i1], G.ys[i1]);
      }
      int i2 = index(k2, column);
      if (i2 != 0) {
        acc.add(q.xs[i2], q.ys[i2]);
      }
    }
    return acc;
  }

  /** The leftmost 256 bits of the hash, as an integer (FIPS 186-5 section 6.4.1 step 3). */
  private static BigInteger truncate(byte[] hash) {
    BigInteger e = new BigInteger(1, hash);
    int excess = hash.length * 8 - 256;
    return excess > 0 ? e.shiftRight(excess) : e;
  }

  /** The comb index of a column: bit {@code t} is scalar bit {@code column + t·COLUMNS}. */
  private static int index(int[] k, int column) {
    int index = 0;
    for (int t = WIDTH - 1; t >= 0; t--) {
      int bit = column + t * COLUMNS;
      index <<= 1;
      if (bit < 256) {
        index |= (k[bit >>> 5] >>> (bit & 31)) & 1;
      }
    }
    return index;
  }

  /**
   * Affine multiples of a point for the comb: entry {@code i} (1..63) is {@code sum over set bits t
   * of i of 2^(t·43)·P}. None of them is the point at infinity: each is a multiple of the point by a
   * positive integer below 2^258 that is not a multiple of the prime group order.
   */
  static final class Table {
    final int[][] xs;
    final int[][] ys;

    private Table(int[][] xs, int[][] ys) {
      this.xs = xs;
      this.ys = ys;
    }

    /** The table of a decoded key point (already checked to be on the curve). */
    static Table of(ECPoint point) {
      ECPoint a = point.normalize();
      if (a.isInfinity()) {
        throw new ProvenanceBugException("a P-256 key point is never the point at infinity");
      }
      return of(a.getAffineXCoord().toBigInteger(), a.getAffineYCoord().toBigInteger());
    }

    static Table of(BigInteger x, BigInteger y) {
      int[] px = SecP256R1Field.fromBigInteger(x);
      int[] py = SecP256R1Field.fromBigInteger(y);
      if (!onCurve(px, py)) {
        throw new ProvenanceBugException("a P-256 key point is on the curve");
      }
      int size = 1 << WIDTH;
      Point[] jac = new Point[size];
      Point base = Point.affine(px, py);
      for (int t = 0; t < WIDTH; t++) {
        jac[1 << t] = base.copy();
        for (int d = 0; d < COLUMNS; d++) {
          base.twice();
        }
      }
      for (int i = 1; i < size; i++) {
        int low = Integer.lowestOneBit(i);
        if (i != low) {
          Point sum = jac[i - low].copy();
          sum.addJacobian(jac[low]);
          jac[i] = sum;
        }
      }
      // one inversion for all: prefix products of Z, then walk back (Montgomery's trick)
      int[][] prefix = new int[size][];
      int[] tt = new int[16];
      int[] run = new int[8];
      run[0] = 1;
      for (int i = 1; i < size; i++) {
        if (jac[i].infinity) {
          throw new ProvenanceBugException("a comb entry of a P-256 point is never the point at infinity");
        }
        int[] next = new int[8];
        SecP256R1Field.multiply(run, jac[i].z, next, tt);
        prefix[i] = next;
        run = next;
      }
      int[] inv = new int[8];
      SecP256R1Field.inv(run, inv);
      int[][] xs = new int[size][];
      int[][] ys = new int[size][];
      int[] zInv = new int[8];
      int[] zInv2 = new int[8];
      int[] zInv3 = new int[8];
      for (int i = size - 1; i >= 1; i--) {
        if (i > 1) {
          SecP256R1Field.multiply(inv, prefix[i - 1], zInv, tt);
          SecP256R1Field.multiply(inv, jac[i].z, inv, tt);
        } else {
          Nat256.copy(inv, zInv);
        }
        SecP256R1Field.square(zInv, zInv2, tt);
        SecP256R1Field.multiply(zInv2, zInv, zInv3, tt);
        xs[i] = new int[8];
        ys[i] = new int[8];
        SecP256R1Field.multiply(jac[i].x, zInv2, xs[i], tt);
        SecP256R1Field.multiply(jac[i].y, zInv3, ys[i], tt);
      }
      return new Table(xs, ys);
    }
  }

  /** Whether {@code y^2 == x^3 - 3x + b}. */
  static boolean onCurve(int[] x, int[] y) {
    int[] tt = new int[16];
    int[] lhs = new int[8];
    int[] rhs = new int[8];
    int[] t = new int[8];
    SecP256R1Field.square(y, lhs, tt);
    SecP256R1Field.square(x, rhs, tt);
    SecP256R1Field.multiply(rhs, x, rhs, tt);
    SecP256R1Field.twice(x, t);
    SecP256R1Field.add(t, x, t);
    SecP256R1Field.subtract(rhs, t, rhs);
    SecP256R1Field.add(rhs, B, rhs);
    return Nat256.eq(lhs, rhs);
  }

  /**
   * A mutable point in Jacobian coordinates {@code (X/Z^2, Y/Z^3)}, with its own scratch space. Not
   * thread-safe; each use is confined to one call.
   */
  static final class Point {
    final int[] x = new int[8];
    final int[] y = new int[8];
    final int[] z = new int[8];
    boolean infinity = true;
    private final int[] tt = new int[16];
    private final int[] t1 = new int[8];
    private final int[] t2 = new int[8];
    private final int[] t3 = new int[8];
    private final int[] t4 = new int[8];
    private final int[] t5 = new int[8];

    static Point affine(int[] ax, int[] ay) {
      Point p = new Point();
      Nat256.copy(ax, p.x);
      Nat256.copy(ay, p.y);
      p.z[0] = 1;
      p.infinity = false;
      return p;
    }

    Point copy() {
      Point p = new Point();
      Nat256.copy(x, p.x);
      Nat256.copy(y, p.y);
      Nat256.copy(z, p.z);
      p.infinity = infinity;
      return p;
    }

    /** this = 2·this (dbl-2001-b, a = -3). */
    void twice() {
      if (infinity) {
        return;
      }
      if (Nat256.isZero(y)) {
        infinity = true;
        return;
      }
      int[] delta = t1;
      int[] gamma = t2;
      int[] beta = t3;
      int[] alpha = t4;
      int[] u = t5;
      SecP256R1Field.square(z, delta, tt);
      SecP256R1Field.square(y, gamma, tt);
      SecP256R1Field.multiply(x, gamma, beta, tt);
      // alpha = 3 (x - delta)(x + delta)
      SecP256R1Field.subtract(x, delta, alpha);
      SecP256R1Field.add(x, delta, u);
      SecP256R1Field.multiply(alpha, u, alpha, tt);
      SecP256R1Field.twice(alpha, u);
      SecP256R1Field.add(alpha, u, alpha);
      // z3 = (y + z)^2 - gamma - delta
      SecP256R1Field.add(y, z, z);
      SecP256R1Field.square(z, z, tt);
      SecP256R1Field.subtract(z, gamma, z);
      SecP256R1Field.subtract(z, delta, z);
      // x3 = alpha^2 - 8 beta
      SecP256R1Field.twice(beta, beta); // 2 beta
      SecP256R1Field.twice(beta, beta); // 4 beta
      SecP256R1Field.square(alpha, x, tt);
      SecP256R1Field.twice(beta, u); // 8 beta
      SecP256R1Field.subtract(x, u, x);
      // y3 = alpha (4 beta - x3) - 8 gamma^2
      SecP256R1Field.subtract(beta, x, beta);
      SecP256R1Field.multiply(alpha, beta, y, tt);
      SecP256R1Field.square(gamma, gamma, tt);
      SecP256R1Field.twice(gamma, gamma);
      SecP256R1Field.twice(gamma, gamma);
      SecP256R1Field.twice(gamma, gamma);
      SecP256R1Field.subtract(y, gamma, y);
    }

    /** this = this + (ax, ay), an affine point that is not the point at infinity. */
    void add(int[] ax, int[] ay) {
      if (infinity) {
        Nat256.copy(ax, x);
        Nat256.copy(ay, y);
        Arrays.fill(z, 0);
        z[0] = 1;
        infinity = false;
        return;
      }
      int[] zz = t1;
      int[] u2 = t2;
      int[] s2 = t3;
      SecP256R1Field.square(z, zz, tt);
      SecP256R1Field.multiply(ax, zz, u2, tt);
      SecP256R1Field.multiply(z, zz, s2, tt);
      SecP256R1Field.multiply(ay, s2, s2, tt);
      combine(u2, s2, null);
    }

    /** this = this + other, both in Jacobian coordinates. */
    void addJacobian(Point other) {
      if (other.infinity) {
        return;
      }
      if (infinity) {
        Nat256.copy(other.x, x);
        Nat256.copy(other.y, y);
        Nat256.copy(other.z, z);
        infinity = false;
        return;
      }
      // bring this to other's Z: U1 = X1 Z2^2, S1 = Y1 Z2^3, then add other as (U2, S2) = (X2 Z1^2, Y2 Z1^3)
      int[] zz = t1;
      int[] u2 = t2;
      int[] s2 = t3;
      int[] o = t4;
      SecP256R1Field.square(other.z, o, tt);
      SecP256R1Field.multiply(x, o, x, tt);
      SecP256R1Field.multiply(o, other.z, o, tt);
      SecP256R1Field.multiply(y, o, y, tt);
      SecP256R1Field.square(z, zz, tt);
      SecP256R1Field.multiply(other.x, zz, u2, tt);
      SecP256R1Field.multiply(z, zz, s2, tt);
      SecP256R1Field.multiply(other.y, s2, s2, tt);
      combine(u2, s2, other.z);
    }

    /**
     * Finishes an addition given {@code U2 = x2·Z1^2} and {@code S2 = y2·Z1^3} (this holding
     * {@code X1, Y1, Z1}); {@code z2} multiplies the new Z when the other point was Jacobian.
     */
    private void combine(int[] u2, int[] s2, int[] z2) {
      int[] h = t4;
      int[] r = t5;
      SecP256R1Field.subtract(u2, x, h);
      SecP256R1Field.subtract(s2, y, r);
      if (Nat256.isZero(h)) {
        if (Nat256.isZero(r)) {
          // the same point: (U1, S1, Z1·Z2) represents this point too; double it
          if (z2 != null) {
            SecP256R1Field.multiply(z, z2, z, tt);
          }
          twice();
        } else {
          infinity = true; // opposite points
        }
        return;
      }
      int[] hh = t1;
      int[] hhh = t2;
      int[] v = t3;
      SecP256R1Field.square(h, hh, tt);
      SecP256R1Field.multiply(h, hh, hhh, tt);
      SecP256R1Field.multiply(x, hh, v, tt);
      // z3 = z1 h (z2)
      SecP256R1Field.multiply(z, h, z, tt);
      if (z2 != null) {
        SecP256R1Field.multiply(z, z2, z, tt);
      }
      // x3 = r^2 - hhh - 2v
      SecP256R1Field.square(r, x, tt);
      SecP256R1Field.subtract(x, hhh, x);
      SecP256R1Field.subtract(x, v, x);
      SecP256R1Field.subtract(x, v, x);
      // y3 = r (v - x3) - y1 hhh
      SecP256R1Field.subtract(v, x, v);
      SecP256R1Field.multiply(y, hhh, y, tt);
      SecP256R1Field.multiply(r, v, v, tt);
      SecP256R1Field.subtract(v, y, y);
    }
  }
}
