package io.claimdesk.store.mongo;

import com.mongodb.client.MongoDatabase;
import io.claimdesk.core.chat.DeliveryLog;
import java.time.Clock;
import org.bson.Document;

/** {@code chat_deliveries}: one document per handled delivery, kept for a day. */
final class MongoDeliveryLog implements DeliveryLog {
  private final OnceKeys deliveries;

  public MongoDeliveryLog(MongoDatabase db, Clock clock) {
    this.deliveries = new OnceKeys(db.getCollection("chat_deliveries"), clock);
  }

  @Override
  public boolean firstDelivery(String key) {
    return deliveries.take(key, new Document());
  }
}
