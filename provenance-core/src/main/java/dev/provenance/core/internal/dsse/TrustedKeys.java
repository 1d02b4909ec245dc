package dev.provenance.core.internal.dsse;

import dev.provenance.api.ErrorCode;
import dev.provenance.api.VerificationException;
import dev.provenance.api.signing.KeyId;
import dev.provenance.api.signing.SignatureVerifier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A fixed set of trusted verifiers and the signature-set rule of DSSE's multi-signature
 * verification: a signature counts for the first trusted key it verifies with; a key counts once
 * however many signatures it made; failed signatures are skipped. Used for DSSE envelopes and
 * legacy in-toto metablocks alike.
 *
 * <p>Key id hints only order the attempts: the hinted key is tried first, then every other key not
 * yet counted, so a wrong or forged hint never decides a verdict. Uniqueness is by canonical {@link
 * KeyId}; verifiers sharing a key id (the same key under two algorithms) form one slot.
 *
 * <p>Immutable and thread-safe: per-call state lives on the stack. Not API.
 */
public final class TrustedKeys {
  private final SignatureVerifier[] verifiers;
  private final int[] slotOf; // verifier index -> distinct key slot
  private final int slots;
  private final Map<String, Integer> hints; // hint -> verifier index

  private TrustedKeys(
      SignatureVerifier[] verifiers, int[] slotOf, int slots, Map<String, Integer> hints) {
    this.verifiers = verifiers;
    this.slotOf = slotOf;
    this.slots = slots;
    this.hints = hints;
  }

  /**
   * Returns a builder.
   *
   * @return a new builder
   */
  public static Builder newBuilder() {
    return new Builder();
  }

  /**
   * Returns the number of distinct trusted keys.
   *
   * @return the count of distinct key ids
   */
  public int distinctKeys() {
    return slots;
  }

  /**
   * Returns a verifier by the index {@link #verify} reports.
   *
   * @param index the position in the order the verifiers were added
   * @return the verifier
   */
  public SignatureVerifier verifier(int index) {
    return verifiers[index];
  }

  /**
   * Verifies each signature over the same message and returns the verifiers that accepted one,
   * each distinct key at most once, in signature order.
   *
   * @param message the signed bytes (a PAE or canonical JSON)
   * @param keyHints the unauthenticated key id hint of each signature; empty string when unset
   * @param signatures the signature bytes, parallel to {@code keyHints}
   * @return indexes (see {@link #verifier(int)}) of the accepted verifiers; may be empty
   */
  public int[] verify(byte[] message, List<String> keyHints, List<byte[]> signatures) {
    return verify(message, keyHints, signatures, false);
  }

  /**
   * Verifies as {@link #verify(byte[], List, List)}, optionally binding hints: with {@code
   * bindHints}, a signature that carries a non-empty hint is tried only against the key registered
   * under that hint, and one whose hint names no key is skipped. This can only reject more.
   *
   * @param message the signed bytes
   * @param keyHints the hint of each signature; empty string when unset
   * @param signatures the signature bytes, parallel to {@code keyHints}
   * @param bindHints whether a set hint restricts the keys tried
   * @return indexes (see {@link #verifier(int)}) of the accepted verifiers; may be empty
   */
  public int[] verify(
      byte[] message, List<String> keyHints, List<byte[]> signatures, boolean bindHints) {
    int n = signatures.size();
    boolean[] used = new boolean[slots];
    int[] accepted = new int[Math.min(n, slots)];
    int count = 0;
    for (int i = 0; i < n && count < slots; i++) {
      byte[] sig = signatures.get(i);
      String hint = keyHints.get(i);
      Integer hinted = hints.get(hint);
      int h = hinted == null ? -1 : hinted;
      int found = -1;
      if (h >= 0 && !used[slotOf[h]] && verifies(verifiers[h], message, sig)) {
        found = h;
      } else if (!(bindHints && !hint.isEmpty())) {
        for (int k = 0; k < verifiers.length; k++) {
          if (k != h && !used[slotOf[k]] && verifies(verifiers[k], message, sig)) {
            found = k;
            break;
          }
        }
      }
      if (found >= 0) {
        used[slotOf[found]] = true;
        accepted[count++] = found;
      }
    }
    return count == accepted.length ? accepted : Arrays.copyOf(accepted, count);
  }

  /**
   * Turns the outcome of {@link #verify} into the verdict shared by DSSE envelopes and
   * metablocks: {@code SIGNATURE_INVALID} when no signature verified, {@code THRESHOLD_NOT_MET}
   * when fewer distinct keys than the threshold did.
   *
   * @param accepted the accepted verifier indexes
   * @param threshold the required number of distinct keys
   * @throws VerificationException if the threshold is not met
   */
  public static void requireThreshold(int[] accepted, int threshold) throws VerificationException {
    if (accepted.length == 0) {
      throw new VerificationException(
          ErrorCode.SIGNATURE_INVALID, "/signatures", "no signature verifies with a trusted key");
    }
    if (accepted.length < threshold) {
      throw new VerificationException(
          ErrorCode.THRESHOLD_NOT_MET,
          "/signatures",
          "signatures of "
              + accepted.length
              + " distinct trusted key(s) verified, the threshold is "
              + threshold);
    }
  }

  private static boolean verifies(SignatureVerifier v, byte[] message, byte[] sig) {
    try {
      v.verify(message, sig);
      return true;
    } catch (VerificationException e) {
      return false;
    } catch (RuntimeException e) {
      // A verifier that trips over hostile signature bytes has not verified them: fail closed.
      return false;
    }
  }

  /** Collects verifiers and hints. Not thread-safe. */
  public static final class Builder {
    private final List<SignatureVerifier> verifiers = new ArrayList<>();
    private final List<List<String>> aliases = new ArrayList<>();

    private Builder() {}

    /**
     * Adds a verifier, hinted by its canonical key id and by any extra aliases (for example a
     * legacy in-toto key id).
     *
     * @param verifier the verifier
     * @param extraHints further key id strings that name this key
     * @return this builder
     */
    public Builder add(SignatureVerifier verifier, List<String> extraHints) {
      verifiers.add(Objects.requireNonNull(verifier, "verifier"));
      aliases.add(List.copyOf(extraHints));
      return this;
    }

    /**
     * Builds the set for a threshold.
     *
     * @param threshold how many distinct keys must sign
     * @return the immutable set
     * @throws VerificationException with {@code CONFIGURATION_ERROR} if no key was added, one hint
     *     names two different keys, or the threshold is not between 1 and the number of distinct
     *     keys
     */
    public TrustedKeys build(int threshold) throws VerificationException {
      if (verifiers.isEmpty()) {
        throw configuration("at least one trusted key is required");
      }
      TrustedKeys keys;
      try {
        keys = build();
      } catch (IllegalArgumentException e) {
        throw configuration(e.getMessage());
      }
      if (threshold < 1 || threshold > keys.distinctKeys()) {
        throw configuration(
            "threshold "
                + threshold
                + " must be between 1 and the number of distinct trusted keys, "
                + keys.distinctKeys());
      }
      return keys;
    }

    private static VerificationException configuration(String message) {
      return new VerificationException(ErrorCode.CONFIGURATION_ERROR, "", message);
    }

    private TrustedKeys build() {
      SignatureVerifier[] vs = verifiers.toArray(new SignatureVerifier[0]);
      int[] slotOf = new int[vs.length];
      Map<KeyId, Integer> slotByKey = new LinkedHashMap<>();
      Map<String, Integer> hints = new HashMap<>();
      for (int i = 0; i < vs.length; i++) {
        KeyId id = Objects.requireNonNull(vs[i].keyId(), "keyId");
        Integer slot = slotByKey.get(id);
        if (slot == null) {
          slot = slotByKey.size();
          slotByKey.put(id, slot);
        }
        slotOf[i] = slot;
        hint(hints, id.value(), i, vs);
        for (String alias : aliases.get(i)) {
          hint(hints, alias, i, vs);
        }
      }
      return new TrustedKeys(vs, slotOf, slotByKey.size(), hints);
    }

    private static void hint(
        Map<String, Integer> hints, String hint, int index, SignatureVerifier[] vs) {
      if (hint.isEmpty()) {
        return;
      }
      Integer prior = hints.putIfAbsent(hint, index);
      if (prior != null && !vs[prior].keyId().equals(vs[index].keyId())) {
        throw new IllegalArgumentException("key id hint " + hint + " names two different keys");
      }
    }
  }
}
