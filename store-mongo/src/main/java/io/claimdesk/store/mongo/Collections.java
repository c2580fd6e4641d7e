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

}
