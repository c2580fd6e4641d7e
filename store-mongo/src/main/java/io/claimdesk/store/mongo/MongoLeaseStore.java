package io.claimdesk.store.mongo;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.lte;
import static com.mongodb.client.model.Filters.or;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.Updates;
import io.claimdesk.core.lease.Lease;
import io.claimdesk.core.lease.LeaseStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import org.bson.Document;

/**
 * {@code leases}: one document per lease, {@code _id} its name, with {@code holder}, {@code epoch} and
 * {@code expiresAt}. A lease is taken by one {@code findOneAndUpdate} whose filter says it is free, expired or the
 * caller's; the document is never deleted, so its epoch only grows. Expiry compares this instance's clock with the
 * one that wrote {@code expiresAt}: instances must keep their clocks in step (NTP) to well under the TTL.
 */
final class MongoLeaseStore implements LeaseStore {
  private static final FindOneAndUpdateOptions AFTER = new FindOneAndUpdateOptions()
      .returnDocument(ReturnDocument.AFTER);

  private final MongoCollection<Document> leases;
  private final Clock clock;

  MongoLeaseStore(MongoDatabase db, Clock clock) {
    this.leases = db.getCollection("leases");
    this.clock = clock;
  }

  @Override
  public Optional<Lease> tryAcquire(String name, String holder, Duration ttl) {
    Instant now = now();
    Document taken = leases.findOneAndUpdate(
        and(eq("_id", name), or(eq("holder", null), lte("expiresAt", Docs.date(now)), eq("holder", holder))),
        Updates.combine(Updates.set("holder", holder), Updates.set("expiresAt", Docs.date(now.plus(ttl))),
            Updates.set("acquiredAt", Docs.date(now)), Updates.inc("epoch", 1L)),
        AFTER);
    if (taken != null) {
      return Optional.of(lease(taken));
    }
    // never taken yet, or held by another: the first insert of the name wins it at epoch 1
    Document first = new Document("_id", name).append("holder", holder).append("epoch", 1L)
        .append("expiresAt", Docs.date(now.plus(ttl))).append("acquiredAt", Docs.date(now));
    try {
      leases.insertOne(first);
      return Optional.of(lease(first));
    } catch (MongoWriteException e) {
      if (e.getError().getCategory() == ErrorCategory.DUPLICATE_KEY) {
        return Optional.empty();
      }
      throw e;
    }
  }

  @Override
  public Optional<Lease> renew(String name, String holder, long epoch, Duration ttl) {
    // the epoch proves nobody took it since, even if it expired meanwhile
    Document renewed = leases.findOneAndUpdate(and(eq("_id", name), eq("holder", holder), eq("epoch", epoch)),
        Updates.set("expiresAt", Docs.date(now().plus(ttl))), AFTER);
    return Optional.ofNullable(renewed).map(MongoLeaseStore::lease);
  }

  @Override
  public boolean release(String name, String holder, long epoch) {
    return leases.updateOne(and(eq("_id", name), eq("holder", holder), eq("epoch", epoch)),
        Updates.combine(Updates.set("holder", null), Updates.set("expiresAt", Docs.date(now()))))
        .getModifiedCount() == 1;
  }

  @Override
  public Optional<Lease> find(String name) {
    return Optional.ofNullable(leases.find(eq("_id", name)).first()).map(MongoLeaseStore::lease);
  }

  /** Milliseconds, as the database keeps them. */
  private Instant now() {
    return clock.instant().truncatedTo(ChronoUnit.MILLIS);
  }

  private static Lease lease(Document doc) {
    return new Lease(doc.getString("_id"), doc.getString("holder"), Docs.longValue(doc, "epoch"),
        Docs.instant(doc, "expiresAt"));
  }
}
