package dev.provenance.api.internal;

import java.util.AbstractMap;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

/** Ordered immutable copies for record components. Not API. */
public final class Collections2 {
  private Collections2() {}

  /**
   * Returns an unmodifiable copy that keeps the iteration order of {@code map}; rejects null keys
   * and values.
   *
   * @param map the map to copy
   * @param name the component name, for error messages
   * @param <K> key type
   * @param <V> value type
   * @return the copy
   */
  public static <K, V> Map<K, V> orderedCopy(Map<K, V> map, String name) {
    Objects.requireNonNull(map, name);
    if (map instanceof Frozen) {
      return map; // already an unmodifiable ordered map nobody else can change
    }
    if (map.isEmpty()) {
      return Map.of();
    }
    LinkedHashMap<K, V> copy = new LinkedHashMap<>(Math.max(16, map.size() * 4 / 3 + 1));
    for (Map.Entry<K, V> e : map.entrySet()) {
      copy.put(
          Objects.requireNonNull(e.getKey(), name + " key"),
          Objects.requireNonNull(e.getValue(), name + " value"));
    }
    return Collections.unmodifiableMap(copy);
  }

  /**
   * Takes ownership of a map built by the caller (a parser, say) and never changed or shared
   * afterwards: returns an unmodifiable view of it that {@link #orderedCopy} hands back as is, so the
   * record that receives it does not copy it again.
   *
   * @param map a map without null keys or values that the caller drops after this call
   * @param <K> key type
   * @param <V> value type
   * @return the unmodifiable view
   */
  public static <K, V> Map<K, V> adopt(LinkedHashMap<K, V> map) {
    return new Frozen<>(map);
  }

  /** An unmodifiable view of a map only the view refers to. */
  private static final class Frozen<K, V> extends AbstractMap<K, V> {
    private final Map<K, V> view;

    Frozen(LinkedHashMap<K, V> map) {
      this.view = Collections.unmodifiableMap(map);
    }

    @Override
    public Set<Map.Entry<K, V>> entrySet() {
      return view.entrySet();
    }

    @Override
    public V get(Object key) {
      return view.get(key);
    }

    @Override
    public boolean containsKey(Object key) {
      return view.containsKey(key);
    }

    @Override
    public int size() {
      return view.size();
    }
  }

  /**
   * Returns an unmodifiable copy sorted by natural key order; rejects null keys and values.
   *
   * @param map the map to copy
   * @param name the component name, for error messages
   * @param <K> key type
   * @param <V> value type
   * @return the copy
   */
  public static <K extends Comparable<K>, V> SortedMap<K, V> sortedCopy(
      Map<K, V> map, String name) {
    Objects.requireNonNull(map, name);
    TreeMap<K, V> copy = new TreeMap<>();
    for (Map.Entry<K, V> e : map.entrySet()) {
      copy.put(
          Objects.requireNonNull(e.getKey(), name + " key"),
          Objects.requireNonNull(e.getValue(), name + " value"));
    }
    return Collections.unmodifiableSortedMap(copy);
  }

  /**
   * Returns {@code List.copyOf(list)} with a named null check.
   *
   * @param list the list to copy
   * @param name the component name, for error messages
   * @param <T> element type
   * @return the copy
   */
  public static <T> List<T> listCopy(List<T> list, String name) {
    Objects.requireNonNull(list, name);
    for (T t : list) {
      Objects.requireNonNull(t, name + " element");
    }
    return List.copyOf(list);
  }
}
