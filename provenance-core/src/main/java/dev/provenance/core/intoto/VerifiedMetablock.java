package dev.provenance.core.intoto;

import dev.provenance.api.internal.Collections2;
import dev.provenance.api.json.JsonObject;
import java.util.List;
import java.util.Objects;

/**
 * A legacy in-toto metablock whose signatures met the threshold: the {@code signed} object (a
 * layout or link) and the distinct trusted keys whose signatures verified.
 *
 * @param signed the signed object, parsed from the verified document
 * @param signers the distinct keys whose signatures verified, in signature order; at least one
 */
public record VerifiedMetablock(JsonObject signed, List<InTotoKey> signers) {
  /**
   * Checks that no component is null and that there is a signer.
   *
   * @param signed the {@code signed} component
   * @param signers the {@code signers} component
   */
  public VerifiedMetablock {
    Objects.requireNonNull(signed, "signed");
    signers = Collections2.listCopy(signers, "signers");
    if (signers.isEmpty()) {
      throw new IllegalArgumentException("a verified metablock has at least one signer");
    }
  }
}
