package dev.provenance.sigstore.testing;

import dev.provenance.api.Bytes;
import dev.provenance.sigstore.InclusionProof;
import dev.provenance.sigstore.TransparencyLogEntry;
import dev.provenance.sigstore.trust.TransparencyLogInfo;
import dev.provenance.sigstore.trust.ValidityPeriod;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.Signature;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * A transparency log for tests, written from RFC 6962, the Rekor SET payload and the C2SP
 * checkpoint format (independently of the code under test): it appends leaves, signs entry
 * timestamps and checkpoints, and produces inclusion proofs. Rekor v1 flavour: P-256 key, origin
 * {@code host - treeID}; Rekor v2 flavour: Ed25519 key, origin = host, C2SP key id as log id.
 */
public final class TestRekor {
  public final KeyPair key;
  public final boolean v2;
  public final String host;
  public final String origin;
  private final byte[] logId;
  private final List<byte[]> leaves = new ArrayList<>();

  private TestRekor(KeyPair key, boolean v2, String host) {
    this.key = key;
    this.v2 = v2;
    this.host = host;
    this.origin = v2 ? host : host + " - 4242424242";
    byte[] spki = key.getPublic().getEncoded();
    if (v2) {
      byte[] raw = Arrays.copyOfRange(spki, spki.length - 32, spki.length);
      this.logId = sha256(concat(host.getBytes(StandardCharsets.UTF_8), new byte[] {'\n', 1}, raw));
    } else {
      this.logId = sha256(spki);
    }
  }

  /** A Rekor v1 style log with a P-256 key. */
  public static TestRekor v1(String host) {
    return new TestRekor(TestPki.generate("secp256r1"), false, host);
  }

  /** A Rekor v2 style log with an Ed25519 key. */
  public static TestRekor v2(String host) {
    try {
      return new TestRekor(KeyPairGenerator.getInstance("Ed25519").generateKeyPair(), true, host);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  public byte[] logId() {
    return logId.clone();
  }

  public String baseUrl() {
    return "https://" + host;
  }

  /** The trusted-root entry: valid from long before {@link TestPki#NOW}, open-ended. */
  public TransparencyLogInfo trusted() {
    return trusted(ValidityPeriod.from(TestPki.NOW.minus(Duration.ofDays(3650))));
  }

  /** The trusted-root entry with a validity window. */
  public TransparencyLogInfo trusted(ValidityPeriod validity) {
    return new TransparencyLogInfo(
        baseUrl(),
        "SHA2_256",
        Bytes.of(key.getPublic().getEncoded()),
        v2 ? "PKIX_ED25519" : "PKIX_ECDSA_P256_SHA_256",
        validity,
        Bytes.of(logId),
        Optional.empty(),
        Optional.of("test-operator:" + host));
  }

  /** Appends a leaf; returns its index. */
  public long append(byte[] body) {
    leaves.add(body.clone());
    return leaves.size() - 1;
  }

  /** Appends filler leaves so proofs have some depth. */
  public void fill(int n) {
    for (int i = 0; i < n; i++) {
      append(("filler-" + leaves.size()).getBytes(StandardCharsets.UTF_8));
    }
  }

  public int size() {
    return leaves.size();
  }

  /** What to put into an entry; every field defaults to a valid entry. */
  public final class EntryBuilder {
    private final long index;
    private String kind;
    private String version;
    private long integratedTime = TestPki.NOW.getEpochSecond();
    private boolean promise = !v2;
    private boolean proof = true;
    private boolean checkpoint = true;
    private Long setIntegratedTime;
    private Long setLogIndex;
    private long globalOffset;

    EntryBuilder(long index, String kind, String version) {
      this.index = index;
      this.kind = kind;
      this.version = version;
    }

    public EntryBuilder integratedTime(long t) {
      this.integratedTime = t;
      return this;
    }

    public EntryBuilder promise(boolean b) {
      this.promise = b;
      return this;
    }

    public EntryBuilder proof(boolean b) {
      this.proof = b;
      return this;
    }

    public EntryBuilder checkpoint(boolean b) {
      this.checkpoint = b;
      return this;
    }

    /** Signs the SET over these values instead of the entry's (a SET for another entry). */
    public EntryBuilder setOver(long integratedTime, long logIndex) {
      this.setIntegratedTime = integratedTime;
      this.setLogIndex = logIndex;
      return this;
    }

    /** Makes the entry's global index exceed its tree index, as in a sharded log. */
    public EntryBuilder shardOffset(long offset) {
      this.globalOffset = offset;
      return this;
    }

    public EntryBuilder kindVersion(String kind, String version) {
      this.kind = kind;
      this.version = version;
      return this;
    }

    public TransparencyLogEntry build() {
      byte[] body = leaves.get((int) index);
      long logIndex = index + globalOffset;
      Optional<Bytes> set = Optional.empty();
      if (promise) {
        set =
            Optional.of(
                Bytes.of(
                    sign(
                        setPayload(
                            body,
                            setIntegratedTime != null ? setIntegratedTime : integratedTime,
                            setLogIndex != null ? setLogIndex : logIndex))));
      }
      Optional<InclusionProof> p = Optional.empty();
      if (proof) {
        long size = leaves.size();
        byte[] root = root();
        List<Bytes> hashes = new ArrayList<>();
        for (byte[] h : path((int) index, 0, leaves.size())) {
          hashes.add(Bytes.of(h));
        }
        p =
            Optional.of(
                new InclusionProof(
                    index,
                    Bytes.of(root),
                    size,
                    hashes,
                    checkpoint ? Optional.of(TestRekor.this.checkpoint(size, root)) : Optional.empty()));
      }
      return new TransparencyLogEntry(
          logIndex,
          Bytes.of(logId),
          kind,
          version,
          v2 ? 0 : integratedTime,
          set,
          p,
          Bytes.of(body));
    }
  }

  /** Starts an entry for the leaf at {@code index}, against the current tree. */
  public EntryBuilder entry(long index, String kind, String version) {
    return new EntryBuilder(index, kind, version);
  }

  /** The canonical SET payload (RFC 8785 key order). */
  public byte[] setPayload(byte[] body, long integratedTime, long logIndex) {
    String json =
        "{\"body\":\""
            + Base64.getEncoder().encodeToString(body)
            + "\",\"integratedTime\":"
            + integratedTime
            + ",\"logID\":\""
            + HexFormat.of().formatHex(logId)
            + "\",\"logIndex\":"
            + logIndex
            + "}";
    return json.getBytes(StandardCharsets.UTF_8);
  }

  /** A checkpoint for a tree, signed by this log under its origin's key name. */
  public String checkpoint(long size, byte[] root) {
    String text = origin + "\n" + size + "\n" + Base64.getEncoder().encodeToString(root) + "\n";
    if (!v2) {
      text += "Timestamp: 1700000000000000000\n";
    }
    return signNote(text, v2 ? origin : host, logId, key);
  }

  /** Signs a note text as C2SP signed-note line {@code — name base64(hint || signature)}. */
  public static String signNote(String text, String name, byte[] keyId, KeyPair key) {
    byte[] sig = sign(key, text.getBytes(StandardCharsets.UTF_8));
    byte[] blob = concat(Arrays.copyOf(keyId, 4), sig);
    return text + "\n\u2014 " + name + " " + Base64.getEncoder().encodeToString(blob) + "\n";
  }

  public byte[] sign(byte[] data) {
    return sign(key, data);
  }

  public static byte[] sign(KeyPair key, byte[] data) {
    try {
      Signature s =
          Signature.getInstance(
              key.getPrivate().getAlgorithm().equals("EC") ? "SHA256withECDSA" : "Ed25519");
      s.initSign(key.getPrivate());
      s.update(data);
      return s.sign();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  public byte[] root() {
    return mth(0, leaves.size());
  }

  private byte[] mth(int from, int to) {
    if (to - from == 1) {
      return sha256(concat(new byte[] {0}, leaves.get(from)));
    }
    int k = split(to - from);
    return sha256(concat(new byte[] {1}, mth(from, from + k), mth(from + k, to)));
  }

  private List<byte[]> path(int m, int from, int to) {
    List<byte[]> out = new ArrayList<>();
    if (to - from == 1) {
      return out;
    }
    int k = split(to - from);
    if (m < k) {
      out.addAll(path(m, from, from + k));
      out.add(mth(from + k, to));
    } else {
      out.addAll(path(m - k, from + k, to));
      out.add(mth(from, from + k));
    }
    return out;
  }

  private static int split(int n) {
    int k = 1;
    while (k * 2 < n) {
      k *= 2;
    }
    return k;
  }

  static byte[] sha256(byte[] data) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(data);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  static byte[] concat(byte[]... parts) {
    int n = 0;
    for (byte[] p : parts) {
      n += p.length;
    }
    byte[] out = new byte[n];
    int o = 0;
    for (byte[] p : parts) {
      System.arraycopy(p, 0, out, o, p.length);
      o += p.length;
    }
    return out;
  }
}
