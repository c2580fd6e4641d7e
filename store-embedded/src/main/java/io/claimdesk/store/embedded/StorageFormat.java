package io.claimdesk.store.embedded;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The version of the embedded database's file format, and the upgrade from version 1 (claimdesk 0.1's files,
 * documents and keys in H2's Java serialization) to version 2 ({@link BsonDataType}). Each collection and index
 * map is copied into a new map and swapped in under its name in one commit, which also records it as done; a
 * crash in the middle leaves either the old map or the new one, and a half-made copy that the next start throws
 * away and makes again.
 */
final class StorageFormat {
  private static final Logger log = LoggerFactory.getLogger(StorageFormat.class);
  static final String MAP = "storage.format";
  static final int VERSION = 2;
  private static final String VERSION_KEY = "version";
  private static final String DONE_PREFIX = "upgraded:";
  private static final String COPY_PREFIX = "upgrade.";
  private static final int COMMIT_EVERY = 1_000;

  private StorageFormat() {}

  /** Brings the store to the current version; a new store just gets the version written. */
  static void upgrade(MVStore store) {
    MVMap<String, Object> format = store.openMap(MAP);
    Object version = format.get(VERSION_KEY);
    if (version instanceof Integer v && v >= VERSION) {
      if (v > VERSION) {
        throw new IllegalStateException("the embedded database was written by a newer claimdesk (format " + v
            + ", this one reads " + VERSION + ")");
      }
      return;
    }
    for (String name : List.copyOf(store.getMapNames())) {
      if (name.startsWith(COPY_PREFIX)) {
        store.removeMap(name); // a copy a crash interrupted
      }
    }
    List<String> maps = new ArrayList<>();
    for (String name : store.getMapNames()) {
      if (isMongoMap(name) && !format.containsKey(DONE_PREFIX + name)) {
        maps.add(name);
      }
    }
    if (!maps.isEmpty()) {
      log.info("upgrading the embedded database to format {}: {} maps", VERSION, maps.size());
    }
    for (String name : maps) {
      MVMap<Object, Object> old = store.openMap(name);
      MVMap<Object, Object> copy = EmbeddedDatabase.open(store, COPY_PREFIX + name);
      int copied = 0;
      for (Map.Entry<Object, Object> e : old.entrySet()) {
        copy.put(e.getKey(), e.getValue());
        if (++copied % COMMIT_EVERY == 0) {
          store.commit();
        }
      }
      if (copy.sizeAsLong() != old.sizeAsLong()) {
        log.warn("upgrading {}: {} entries became {} (keys equal in MongoDB's order of values)", name,
            old.sizeAsLong(), copy.sizeAsLong());
      }
      store.removeMap(old);
      store.renameMap(copy, name);
      format.put(DONE_PREFIX + name, Boolean.TRUE);
      store.commit();
    }
    for (String key : List.copyOf(format.keySet())) {
      if (key.startsWith(DONE_PREFIX)) {
        format.remove(key);
      }
    }
    format.put(VERSION_KEY, VERSION);
    store.commit();
  }

  private static boolean isMongoMap(String name) {
    return name.startsWith(EmbeddedDatabase.DATA_PREFIX) || name.startsWith(EmbeddedDatabase.META_PREFIX)
        || name.contains(EmbeddedDatabase.INDEX_INFIX);
  }
}
