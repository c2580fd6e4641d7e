package io.claimdesk.store.embedded;

import de.bwaldvogel.mongo.MongoCollection;
import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.backend.AbstractSynchronizedMongoDatabase;
import de.bwaldvogel.mongo.backend.CollectionOptions;
import de.bwaldvogel.mongo.backend.CursorRegistry;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.backend.h2.H2Collection;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.oplog.Oplog;
import java.util.List;
import org.h2.mvstore.FileStore;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;

/**
 * One database of the embedded server: mongo-java-server's {@code H2Database}, with every map opened with
 * {@link BsonDataType} for its keys and values. Map names are the same as H2Database's.
 */
final class EmbeddedDatabase extends AbstractSynchronizedMongoDatabase<Object> {
  static final String DATA_PREFIX = "databases.";
  static final String META_PREFIX = "meta.";
  static final String INDEX_INFIX = "._index_";

  private final MVStore store;

  EmbeddedDatabase(String databaseName, MVStore store, CursorRegistry cursorRegistry) {
    super(databaseName, cursorRegistry);
    this.store = store;
    initializeNamespacesAndIndexes();
  }

  static <K, V> MVMap<K, V> open(MVStore store, String name) {
    return store.openMap(name, new MVMap.Builder<K, V>().keyType(BsonDataType.INSTANCE)
        .valueType(BsonDataType.INSTANCE));
  }

  @Override
  protected Index<Object> openOrCreateUniqueIndex(String collectionName, String indexName, List<IndexKey> keys,
      boolean sparse) {
    MVMap<KeyValue, Object> map = open(store, indexMapName(collectionName, indexName));
    return new EmbeddedUniqueIndex(map, indexName, keys, sparse);
  }

  @Override
  protected void dropIndex(MongoCollection<Object> collection, String indexName) {
    super.dropIndex(collection, indexName);
    store.removeMap(indexMapName(collection.getCollectionName(), indexName));
  }

  private String indexMapName(String collectionName, String indexName) {
    return getFullCollectionNamespace(collectionName) + INDEX_INFIX + indexName;
  }

  @Override
  public void drop(Oplog oplog) {
    super.drop(oplog);
    for (String name : List.copyOf(store.getMapNames())) {
      if (name.startsWith(databaseName + ".") || name.startsWith(DATA_PREFIX + databaseName + ".")
          || name.startsWith(META_PREFIX + databaseName + ".")) {
        store.removeMap(name);
      }
    }
  }

  @Override
  protected MongoCollection<Object> openOrCreateCollection(String collectionName, CollectionOptions options) {
    String fullName = getFullCollectionNamespace(collectionName);
    MVMap<Object, Document> data = open(store, DATA_PREFIX + fullName);
    MVMap<String, Object> meta = open(store, META_PREFIX + fullName);
    return new H2Collection(this, collectionName, options, data, meta, cursorRegistry);
  }

  @Override
  protected long getStorageSize() {
    FileStore<?> fileStore = store.getFileStore();
    return fileStore == null ? 0 : fileStore.size();
  }

  @Override
  protected long getFileSize() {
    return getStorageSize();
  }

  @Override
  public void dropCollection(String collectionName, Oplog oplog) {
    super.dropCollection(collectionName, oplog);
    String fullName = getFullCollectionNamespace(collectionName);
    store.removeMap(DATA_PREFIX + fullName);
    store.removeMap(META_PREFIX + fullName);
  }

  @Override
  public void moveCollection(MongoDatabase oldDatabase, MongoCollection<?> collection, String newCollectionName) {
    super.moveCollection(oldDatabase, collection, newCollectionName);
    String fullName = collection.getFullName();
    String newFullName = getFullCollectionNamespace(newCollectionName);
    store.renameMap(open(store, DATA_PREFIX + fullName), DATA_PREFIX + newFullName);
    store.renameMap(open(store, META_PREFIX + fullName), META_PREFIX + newFullName);
  }
}
