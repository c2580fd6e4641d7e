package io.claimdesk.core.mongo;

import com.mongodb.MongoCommandException;
import com.mongodb.client.MongoDatabase;
import java.util.HashSet;
import java.util.Set;

/** Creating collections up front, so that no two first writes race to create one. */
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
}
