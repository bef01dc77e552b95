package org.cpansec.advisory.compact;

import java.util.AbstractMap;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * The module→distribution map of the compact form, decoded on first lookup: 8,336 pairs that most
 * commands never consult. Its size is known without decoding.
 */
final class LazyModuleMap extends AbstractMap<String, String> {
  private final byte[] buf;
  private final int at;
  private final int size;
  private volatile Map<String, String> map;

  LazyModuleMap(byte[] buf, int at) {
    this.buf = buf;
    this.at = at;
    this.size = new Section(buf, at).varint();
  }

  private Map<String, String> map() {
    Map<String, String> m = map;
    if (m == null) {
      synchronized (this) {
        if (map == null) {
          Section s = new Section(buf, at);
          int n = s.varint();
          Map<String, String> decoded = new HashMap<>(n * 2);
          for (int i = 0; i < n; i++) {
            decoded.put(s.literal(), s.literal());
          }
          map = decoded;
        }
        m = map;
      }
    }
    return m;
  }

  @Override
  public int size() {
    return size;
  }

  @Override
  public String get(Object key) {
    return map().get(key);
  }

  @Override
  public boolean containsKey(Object key) {
    return map().containsKey(key);
  }

  @Override
  public Set<Map.Entry<String, String>> entrySet() {
    return map().entrySet();
  }
}
