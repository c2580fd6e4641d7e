package io.claimdesk.store.mongo;

import static com.mongodb.client.model.Filters.in;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoBulkWriteException;
import com.mongodb.MongoCommandException;
import com.mongodb.bulk.BulkWriteError;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.InsertManyOptions;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import org.bson.Document;

/** Creating collections up front, so that no two first writes race to create one; inserting what is not there yet. */
final class Collections {
  private static final int NAMESPACE_EXISTS = 48;

  private Collections() {}

  static void ensure(MongoDatabase db, String... names) {
    Set<String> existing = db.listCollectionNames().into(new HashSet<>());
    for (String name : names) {
      if (existing.contains(name)) {
        continue;
      }
      try {
        db.createCollection(name);
      } catch (MongoCommandException e) {
        if (e.getErrorCode() != NAMESPACE_EXISTS) { // another instance created it meanwhile
          throw e;
        }
      }
    }
  }

  /**
   * Inserts each of {@code docs} whose {@code _id} is free, in one command; the positions in {@code docs} of those
   * whose {@code _id} was taken. Any other error is thrown.
   */
  static Set<Integer> insertWhereFree(MongoCollection<Document> collection, List<Document> docs) {
    if (docs.isEmpty()) {
      return Set.of();
    }
    try {
      collection.insertMany(docs, new InsertManyOptions().ordered(false));
      return Set.of();
    } catch (MongoBulkWriteException e) {
      Set<Integer> taken = new HashSet<>();
      for (BulkWriteError error : e.getWriteErrors()) {
        if (error.getCategory() != ErrorCategory.DUPLICATE_KEY) {
          throw e;
        }
        taken.add(error.getIndex());
      }
      return taken;
    }
  }

  /**
   * Ids per {@code $in} in {@link #findByIds}. The embedded server checks each document an index finds against the
   * whole {@code $in} list, normalizing every value of it: a lookup of n ids costs n² comparisons there, so a long
   * list is asked in parts.
   */
  private static final int IDS_PER_QUERY = 32;

  /** Calls {@code each} with every document whose {@code _id} is one of {@code ids}, in a few finds. */
  static void findByIds(MongoCollection<Document> collection, List<?> ids, Consumer<Document> each) {
    for (int from = 0; from < ids.size(); from += IDS_PER_QUERY) {
      collection.find(in("_id", ids.subList(from, Math.min(ids.size(), from + IDS_PER_QUERY)))).forEach(each);
    }
  }
}
