package io.claimdesk.core.mongo;

import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.lt;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import io.claimdesk.core.mail.WebhookTokens;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.bson.Document;

/**
 * {@code webhook_tokens}: one document per used token with its payload's fingerprint, the token as {@code _id}.
 * Tokens older than a day are pruned now and then (webhooks refuse timestamps over five minutes old anyway).
 */
public final class MongoWebhookTokens implements WebhookTokens {
  private static final Duration KEEP = Duration.ofDays(1);
  private static final int PRUNE_EVERY = 500;

  private final MongoCollection<Document> tokens;
  private final Clock clock;
  private final AtomicInteger uses = new AtomicInteger();

  public MongoWebhookTokens(MongoDatabase db, Clock clock) {
    this.tokens = db.getCollection("webhook_tokens");
    this.clock = clock;
  }

  @Override
  public boolean accept(String token, String payloadFingerprint) {
    if (uses.incrementAndGet() % PRUNE_EVERY == 0) {
      tokens.deleteMany(lt("at", Docs.date(clock.instant().minus(KEEP))));
    }
    try {
      tokens.insertOne(new Document("_id", token).append("payload", payloadFingerprint)
          .append("at", Docs.date(clock.instant())));
      return true;
    } catch (MongoWriteException e) {
      if (e.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) {
        throw e;
      }
      Document used = tokens.find(eq("_id", token)).first();
      return used != null && payloadFingerprint.equals(used.getString("payload"));
    }
  }
}
