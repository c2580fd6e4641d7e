package io.claimdesk.store.mongo;

import com.mongodb.client.MongoDatabase;
import io.claimdesk.core.mail.WebhookTokens;
import java.time.Clock;
import org.bson.Document;

/**
 * {@code webhook_tokens}: one document per used token with its payload's fingerprint, kept for a day (webhooks
 * refuse timestamps over five minutes old anyway).
 */
final class MongoWebhookTokens implements WebhookTokens {
  private final OnceKeys tokens;

  public MongoWebhookTokens(MongoDatabase db, Clock clock) {
    this.tokens = new OnceKeys(db.getCollection("webhook_tokens"), clock);
  }

  @Override
  public boolean accept(String token, String payloadFingerprint) {
    if (tokens.take(token, new Document("payload", payloadFingerprint))) {
      return true;
    }
    Document used = tokens.fields(token);
    return used != null && payloadFingerprint.equals(used.getString("payload"));
  }
}
