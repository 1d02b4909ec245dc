package dev.provenance.api.internal;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Arrays;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.RandomAccess;
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
      copy.put(nonNull(e.getKey(), name, " key"), nonNull(e.getValue(), name, " value"));
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

  /**
   * Takes ownership of a naturally ordered map built by the caller and never changed or shared
   * afterwards: returns an unmodifiable view of it that {@link #isAdopted} recognises, so a record
   * that receives it can keep it without copying it again.
   *
   * @param map a map without null values, sorted by natural key order, that the caller drops
   *     after this call
   * @param <K> key type
   * @param <V> value type
   * @return the unmodifiable view
   * @throws IllegalArgumentException if the map has a comparator
   */
  public static <K, V> SortedMap<K, V> adoptSorted(TreeMap<K, V> map) {
    if (map.comparator() != null) {
      throw new IllegalArgumentException("only naturally ordered maps can be adopted");
    }
    return new FrozenSorted<>(map);
  }

  /**
   * Returns whether a map came from {@link #adopt} or {@link #adoptSorted}: unmodifiable, and
   * referred to by nothing but the view.
   *
   * @param map the map
   * @return true for an adopted map
   */
  public static boolean isAdopted(Map<?, ?> map) {
    return map instanceof Frozen || map instanceof FrozenSorted;
  }

  /** An unmodifiable view of a map only the view refers to. */
  private static final class Frozen<K, V> extends AbstractMap<K, V> {
    private final LinkedHashMap<K, V> map;
    private Map<K, V> view; // made on first iteration: most parsed objects are only looked up

    Frozen(LinkedHashMap<K, V> map) {
      this.map = map;
    }

    @Override
    public Set<Map.Entry<K, V>> entrySet() {
      Map<K, V> v = view;
      if (v == null) {
        v = Collections.unmodifiableMap(map);
        view = v;
      }
      return v.entrySet();
    }

    @Override
    public V get(Object key) {
      return map.get(key);
    }

    @Override
    public boolean containsKey(Object key) {
      return map.containsKey(key);
    }

    @Override
    public int size() {
      return map.size();
    }

    @Override
    public boolean isEmpty() {
      return map.isEmpty();
    }
  }

  /**
   * An immutable sorted map held in two arrays, keys in natural order: much smaller than a {@link
   * TreeMap} for the one or two entries a digest set usually has, and looked up by binary search.
   */
  private static final class FrozenSorted<K, V> extends AbstractMap<K, V>
      implements SortedMap<K, V> {
    private final Object[] keys;
    private final Object[] values;

    FrozenSorted(TreeMap<K, V> map) {
      int n = map.size();
      this.keys = new Object[n];
      this.values = new Object[n];
      int i = 0;
      for (Map.Entry<K, V> e : map.entrySet()) {
        keys[i] = e.getKey();
        values[i] = e.getValue();
        i++;
      }
    }

    @SuppressWarnings("unchecked")
    private K key(int i) {
      return (K) keys[i];
    }

    @SuppressWarnings("unchecked")
    private V value(int i) {
      return (V) values[i];
    }

    private int indexOf(Object key) {
      Objects.requireNonNull(key, "key");
      return keys.length == 0 ? -1 : Arrays.binarySearch(keys, key);
    }

    @Override
    public Set<Map.Entry<K, V>> entrySet() {
      return new AbstractSet<>() {
        @Override
        public Iterator<Map.Entry<K, V>> iterator() {
          return new Iterator<>() {
            private int next;

            @Override
            public boolean hasNext() {
              return next < keys.length;
            }

            @Override
            public Map.Entry<K, V> next() {
              if (next >= keys.length) {
                throw new NoSuchElementException();
              }
              int i = next++;
              return new AbstractMap.SimpleImmutableEntry<>(key(i), value(i));
            }
          };
        }

        @Override
        public int size() {
          return keys.length;
        }
      };
    }

    @Override
    public V get(Object key) {
      int i = indexOf(key);
      return i < 0 ? null : value(i);
    }

    @Override
    public boolean containsKey(Object key) {
      return indexOf(key) >= 0;
    }

    @Override
    public int size() {
      return keys.length;
    }

    @Override
    public boolean isEmpty() {
      return keys.length == 0;
    }

    @Override
    public java.util.Comparator<? super K> comparator() {
      return null;
    }

    /** The same entries as an unmodifiable tree, for the rarely used range views. */
    private SortedMap<K, V> tree() {
      TreeMap<K, V> t = new TreeMap<>();
      for (int i = 0; i < keys.length; i++) {
        t.put(key(i), value(i));
      }
      return Collections.unmodifiableSortedMap(t);
    }

    @Override
    public SortedMap<K, V> subMap(K fromKey, K toKey) {
      return tree().subMap(fromKey, toKey);
    }

    @Override
    public SortedMap<K, V> headMap(K toKey) {
      return tree().headMap(toKey);
    }

    @Override
    public SortedMap<K, V> tailMap(K fromKey) {
      return tree().tailMap(fromKey);
    }

    @Override
    public K firstKey() {
      if (keys.length == 0) {
        throw new NoSuchElementException();
      }
      return key(0);
    }

    @Override
    public K lastKey() {
      if (keys.length == 0) {
        throw new NoSuchElementException();
      }
      return key(keys.length - 1);
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
      copy.put(nonNull(e.getKey(), name, " key"), nonNull(e.getValue(), name, " value"));
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
    if (list instanceof RandomAccess) {
      for (int i = 0, n = list.size(); i < n; i++) {
        nonNull(list.get(i), name, " element");
      }
    } else {
      for (T t : list) {
        nonNull(t, name, " element");
      }
    }
    return List.copyOf(list);
  }

  /** {@code Objects.requireNonNull} whose message is built only when it fails. */
  private static <T> T nonNull(T value, String name, String what) {
    if (value == null) {
      throw new NullPointerException(name + what);
    }
    return value;
  }
}
