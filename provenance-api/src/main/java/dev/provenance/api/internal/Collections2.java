package dev.provenance.api.internal;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
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
