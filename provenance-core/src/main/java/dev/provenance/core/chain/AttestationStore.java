package dev.provenance.core.chain;

import dev.provenance.api.Bytes;
import dev.provenance.api.digest.DigestAlgorithm;
import dev.provenance.api.digest.DigestSet;
import dev.provenance.api.dsse.Envelope;
import dev.provenance.core.internal.chain.StoredReader;
import dev.provenance.core.internal.chain.UnverifiedSubjects;
import dev.provenance.core.json.JsonCodec;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A directory of attestations stored as in-toto JSON Lines: one file {@code <step>.intoto.jsonl}
 * per step, one DSSE envelope a line (<a
 * href="https://github.com/in-toto/attestation/blob/main/spec/v1/bundle.md">in-toto bundle</a>),
 * with an index from subject digest to the attestations that claim it.
 *
 * <pre>{@code
 * AttestationStore store = AttestationStore.open(Path.of("attestations"));
 * StoredAttestation line = store.append("build", envelope);
 * List<StoredAttestation> candidates = store.find(artifactDigest);  // then verify them
 * }</pre>
 *
 * <p>The index is built from what attestations <em>claim</em>, before any signature is checked:
 * it only narrows a lookup, and whatever it returns must still be verified ({@link
 * ChainVerifier} verifies every attestation itself and does not use this index). Instances are
 * thread-safe; several processes must not append to one store at the same time.
 */
public final class AttestationStore {
  /** The suffix of the JSON Lines files a store writes. */
  public static final String SUFFIX = ".intoto.jsonl";

  private static final Pattern STEP_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");

  private final Path directory;
  private final JsonCodec codec;
  private final Map<String, List<StoredAttestation>> bySubject = new HashMap<>();
  private final Map<Path, Integer> lines = new HashMap<>();

  private AttestationStore(Path directory, JsonCodec codec) {
    this.directory = directory;
    this.codec = codec;
  }

  /**
   * Opens a store, creating the directory if needed, and indexes what it holds.
   *
   * @param directory the directory
   * @return the store
   * @throws IOException if the directory cannot be created or read
   */
  public static AttestationStore open(Path directory) throws IOException {
    return open(directory, JsonCodec.standard());
  }

  /**
   * Opens a store with a codec whose limits bound each line.
   *
   * @param directory the directory
   * @param codec the codec
   * @return the store
   * @throws IOException if the directory cannot be created or read
   */
  public static AttestationStore open(Path directory, JsonCodec codec) throws IOException {
    Files.createDirectories(directory);
    AttestationStore store = new AttestationStore(directory, Objects.requireNonNull(codec, "codec"));
    synchronized (store) {
      for (Path file : StoredReader.files(directory)) {
        if (!file.getFileName().toString().endsWith(SUFFIX)) {
          continue;
        }
        int[] count = {0};
        new StoredReader(codec.limits().maxInputBytes())
            .read(
                List.of(file),
                (location, bytes, oversized) -> {
                  count[0] = Integer.parseInt(location.substring(location.lastIndexOf(':') + 1));
                  if (!oversized) {
                    store.index(new StoredAttestation(file, location, Bytes.of(bytes)));
                  }
                  return true;
                });
        store.lines.put(file, count[0]);
      }
    }
    return store;
  }

  /**
   * Returns the directory.
   *
   * @return the directory
   */
  public Path directory() {
    return directory;
  }

  /**
   * Appends an envelope to the step's file as one line.
   *
   * @param step the step name: letters, digits, {@code .}, {@code _} and {@code -}
   * @param envelope the envelope
   * @return the stored attestation: file, location and the exact bytes written
   * @throws IOException if the file cannot be written
   * @throws IllegalArgumentException if the step name is not a safe file name
   */
  public synchronized StoredAttestation append(String step, Envelope envelope)
      throws IOException {
    if (!STEP_NAME.matcher(step).matches()) {
      throw new IllegalArgumentException("step name is not a safe file name: " + step);
    }
    byte[] bytes = codec.writeEnvelope(envelope);
    Path file = directory.resolve(step + SUFFIX);
    try (OutputStream out =
        Files.newOutputStream(file, StandardOpenOption.CREATE, StandardOpenOption.APPEND)) {
      out.write(bytes);
      out.write('\n');
    }
    int line = lines.merge(file, 1, Integer::sum);
    StoredAttestation stored =
        new StoredAttestation(file, file.getFileName() + ":" + line, Bytes.of(bytes));
    index(stored);
    return stored;
  }

  /**
   * Returns the stored attestations that claim a subject matching the digests, in file and line
   * order. The claims are unverified: verify what this returns.
   *
   * @param digest the subject's digests
   * @return the candidates
   */
  public synchronized List<StoredAttestation> find(DigestSet digest) {
    Set<StoredAttestation> out = new LinkedHashSet<>();
    for (Map.Entry<DigestAlgorithm, String> e : digest.digests().entrySet()) {
      List<StoredAttestation> l = bySubject.get(e.getKey().name() + ":" + e.getValue());
      if (l != null) {
        out.addAll(l);
      }
    }
    return new ArrayList<>(out);
  }

  /**
   * Returns every stored file of the store, in name order.
   *
   * @return the {@code .intoto.jsonl} files
   * @throws IOException if the directory cannot be listed
   */
  public List<Path> files() throws IOException {
    List<Path> out = new ArrayList<>();
    for (Path p : StoredReader.files(directory)) {
      if (p.getFileName().toString().endsWith(SUFFIX)) {
        out.add(p);
      }
    }
    return out;
  }

  private void index(StoredAttestation stored) {
    for (DigestSet d : UnverifiedSubjects.of(codec, stored.bytes().toByteArray())) {
      for (Map.Entry<DigestAlgorithm, String> e : d.digests().entrySet()) {
        bySubject
            .computeIfAbsent(e.getKey().name() + ":" + e.getValue(), k -> new ArrayList<>(1))
            .add(stored);
      }
    }
  }
}
