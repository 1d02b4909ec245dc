package dev.provenance.core.internal.chain;

import dev.provenance.api.signing.KeyId;
import dev.provenance.api.signing.SignerIdentity;
import dev.provenance.core.chain.ChainPolicy;
import dev.provenance.core.chain.Functionary;
import dev.provenance.core.chain.KeyFunctionary;
import dev.provenance.core.chain.SigstoreFunctionary;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Maps verified signers to the policy's functionaries, and functionaries to the principal (key or
 * identity) that counts once towards a threshold.
 *
 * <p>Immutable and thread-safe.
 */
public final class Trust {
  private final Map<KeyId, List<String>> byKey = new HashMap<>();
  private final Map<KeyId, Set<String>> keySets = new HashMap<>();
  private final Map<String, List<String>> byIdentity = new HashMap<>();
  private final Map<String, String> principal = new HashMap<>();
  private final Set<String> hints = new java.util.HashSet<>();

  /**
   * Creates the mapping.
   *
   * @param policy the policy
   * @param keyIds the key id (SHA-256 of the SubjectPublicKeyInfo) of every key functionary
   * @throws IllegalArgumentException if a key functionary has no key id
   */
  public Trust(ChainPolicy policy, Map<String, KeyId> keyIds) {
    for (Functionary f : policy.functionaries().values()) {
      if (f instanceof KeyFunctionary) {
        KeyId id = keyIds.get(f.id());
        if (id == null) {
          throw new IllegalArgumentException("no key id for functionary " + f.id());
        }
        byKey.computeIfAbsent(id, k -> new ArrayList<>()).add(f.id());
        principal.put(f.id(), "key:" + id.value());
        hints.add(id.value());
        ((KeyFunctionary) f).keyId().ifPresent(hints::add);
      } else {
        SigstoreFunctionary s = (SigstoreFunctionary) f;
        String p = "sigstore:" + s.identity() + "\n" + s.issuer();
        byIdentity.computeIfAbsent(p, k -> new ArrayList<>()).add(f.id());
        principal.put(f.id(), p);
      }
    }
    byKey.forEach((k, ids) -> keySets.put(k, Collections.unmodifiableSet(new LinkedHashSet<>(ids))));
  }

  /**
   * Returns the functionaries that one of the signers is.
   *
   * @param signers verified signers
   * @return functionary ids, in signer order; unmodifiable
   */
  public Set<String> functionaries(List<SignerIdentity> signers) {
    if (signers.size() == 1 && !isSigstore(signers.get(0))) {
      // one key signer, the common case: the set is made once per key
      return keySets.getOrDefault(signers.get(0).keyId(), Set.of());
    }
    Set<String> out = new LinkedHashSet<>();
    for (SignerIdentity s : signers) {
      if (isSigstore(s)) {
        List<String> ids =
            byIdentity.get(
                "sigstore:" + s.certificateIdentity().get() + "\n" + s.certificateIssuer().get());
        if (ids != null) {
          out.addAll(ids);
        }
      } else {
        List<String> ids = byKey.get(s.keyId());
        if (ids != null) {
          out.addAll(ids);
        }
      }
    }
    return Collections.unmodifiableSet(out);
  }

  private static boolean isSigstore(SignerIdentity s) {
    return s.certificateIdentity().isPresent() && s.certificateIssuer().isPresent();
  }

  /**
   * Returns what counts once towards a threshold for a functionary.
   *
   * @param functionary the functionary id
   * @return the principal
   */
  public String principal(String functionary) {
    return Objects.requireNonNull(principal.get(functionary), functionary);
  }

  /**
   * Returns whether a key id hint names a key of the policy (its SPKI key id or its declared
   * hint). Used only to choose between reporting a broken signature and an unknown signer.
   *
   * @param hint the unauthenticated key id hint
   * @return true if the policy knows it
   */
  public boolean knowsHint(String hint) {
    return !hint.isEmpty() && hints.contains(hint);
  }

  /**
   * Returns the first functionary a signer is, for messages.
   *
   * @param signer the signer
   * @return a functionary id, or empty
   */
  public Optional<String> describe(SignerIdentity signer) {
    Set<String> f = functionaries(List.of(signer));
    return f.isEmpty() ? Optional.empty() : Optional.of(f.iterator().next());
  }
}
