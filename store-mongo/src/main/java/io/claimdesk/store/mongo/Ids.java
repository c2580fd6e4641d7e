package io.claimdesk.store.mongo;

import java.util.Optional;
import org.bson.types.ObjectId;

/** Conversions between the hex ids the domain uses and MongoDB ObjectIds. */
final class Ids {
  private Ids() {}

  /** The ObjectId for a hex id, or empty when the text is not one. */
  static Optional<ObjectId> parse(String hex) {
    return hex != null && ObjectId.isValid(hex) ? Optional.of(new ObjectId(hex)) : Optional.empty();
  }

  static String hex(Object id) {
    return id == null ? null : id instanceof ObjectId objectId ? objectId.toHexString() : id.toString();
  }
}
