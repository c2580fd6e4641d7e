package io.claimdesk.store.mongo;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.lte;
import static com.mongodb.client.model.Filters.ne;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.Updates;
import io.claimdesk.core.assignment.Offer;
import io.claimdesk.core.assignment.OfferStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.bson.Document;
import org.bson.conversions.Bson;

/**
 * Offers. An open offer is stored in {@code offers} under its ticket's id, so the unique {@code _id} lets exactly
 * one of several racing instances open an offer for a ticket (the embedded server has no partial indexes). Closing
 * is a compare-and-set of its status there, then a copy into {@code offer_history} under its own id, then the
 * deletion: at every moment one of the two collections answers for the offer, so a reader on another instance never
 * finds it missing while it is being closed.
 */
final class MongoOfferStore implements OfferStore {
  private static final Bson STILL_OPEN = eq("status", Offer.Status.OPEN.value());

  private final MongoCollection<Document> open;
  private final MongoCollection<Document> history;

  MongoOfferStore(MongoDatabase db) {
    this.open = db.getCollection("offers");
    this.history = db.getCollection("offer_history");
  }

  void createIndexes() {
    open.createIndex(Indexes.ascending("offerId"), new IndexOptions().unique(true).name("offer_id"));
  }

  @Override
  public boolean open(Offer offer) {
    try {
      open.insertOne(doc(offer).append("_id", offer.threadId()).append("offerId", offer.id()));
      return true;
    } catch (MongoWriteException e) {
      if (e.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) {
        throw e;
      }
    }
    // a closed offer left behind by a closer that stopped before its deletion does not block the ticket
    Bson leftClosed = and(eq("_id", offer.threadId()), ne("status", Offer.Status.OPEN.value()));
    if (open.deleteOne(leftClosed).getDeletedCount() == 0) {
      return false;
    }
    return open(offer);
  }

  @Override
  public Optional<Offer> close(String offerId, Offer.Status status, Instant at) {
    Document taken = open.findOneAndUpdate(and(eq("offerId", offerId), STILL_OPEN),
        Updates.combine(Updates.set("status", status.value()), Updates.set("closedAt", Docs.date(at))));
    if (taken == null) {
      return Optional.empty();
    }
    Offer closed = offer(taken, offerId).closed(status, at);
    // the compare-and-set decided who closed it; replacing by id makes a repeated copy harmless
    history.replaceOne(eq("_id", closed.id()), doc(closed), new ReplaceOptions().upsert(true));
    open.deleteOne(eq("offerId", offerId));
    return Optional.of(closed);
  }

  @Override
  public void withdraw(String offerId) {
    open.deleteOne(eq("offerId", offerId));
  }

  @Override
  public Optional<Offer> find(String offerId) {
    Document doc = open.find(eq("offerId", offerId)).first();
    if (doc != null) {
      return Optional.of(offer(doc, offerId));
    }
    return Optional.ofNullable(history.find(eq("_id", offerId)).first()).map(d -> offer(d, offerId));
  }

  @Override
  public Optional<Offer> openFor(String threadId) {
    return Optional.ofNullable(open.find(and(eq("_id", threadId), STILL_OPEN)).first())
        .map(d -> offer(d, d.getString("offerId")));
  }

  @Override
  public List<Offer> allOpen() {
    return openWhere(STILL_OPEN);
  }

  @Override
  public List<Offer> due(Instant now) {
    return openWhere(and(STILL_OPEN, lte("expiresAt", Docs.date(now))));
  }

  @Override
  public Optional<Offer> lastClosed(String threadId) {
    return Optional.ofNullable(history.find(and(eq("threadId", threadId)))
        .sort(Sorts.descending("closedAt", "_id")).first()).map(d -> offer(d, d.getString("_id")));
  }

  private List<Offer> openWhere(Bson filter) {
    List<Offer> result = new ArrayList<>();
    open.find(filter).sort(Sorts.ascending("createdAt", "offerId"))
        .forEach(d -> result.add(offer(d, d.getString("offerId"))));
    return result;
  }

  private static Document doc(Offer offer) {
    return new Document("_id", offer.id())
        .append("threadId", offer.threadId())
        .append("memberId", offer.memberId())
        .append("status", offer.status().value())
        .append("createdAt", Docs.date(offer.createdAt()))
        .append("expiresAt", Docs.date(offer.expiresAt()))
        .append("closedAt", offer.closedAt() == null ? null : Docs.date(offer.closedAt()));
  }

  private static Offer offer(Document doc, String id) {
    return new Offer(id, doc.getString("threadId"), doc.getString("memberId"), Offer.Status.of(doc.getString("status")),
        Docs.instant(doc, "createdAt"), Docs.instant(doc, "expiresAt"),
        doc.get("closedAt") == null ? null : Docs.instant(doc, "closedAt"));
  }
}
