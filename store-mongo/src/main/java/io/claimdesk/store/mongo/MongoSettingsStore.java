package io.claimdesk.store.mongo;

import static com.mongodb.client.model.Filters.eq;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.ReplaceOptions;
import io.claimdesk.core.assignment.AssignmentPolicy;
import io.claimdesk.core.assignment.SettingsStore;
import java.util.Optional;
import org.bson.Document;

/** The team's settings in {@code settings}: one document per kind, the assignment policy's {@code _id} is its name. */
final class MongoSettingsStore implements SettingsStore {
  private static final String POLICY = "assignment";
  private final MongoCollection<Document> settings;

  MongoSettingsStore(MongoDatabase db) {
    this.settings = db.getCollection("settings");
  }

  @Override
  public Optional<AssignmentPolicy> assignmentPolicy() {
    Document doc = settings.find(eq("_id", POLICY)).first();
    if (doc == null) {
      return Optional.empty();
    }
    doc.remove("_id");
    // a document another version wrote that this one cannot read counts as no policy: manual, nothing handed out
    return AssignmentPolicy.stored(doc);
  }

  @Override
  public void saveAssignmentPolicy(AssignmentPolicy policy) {
    Document doc = new Document("_id", POLICY);
    doc.putAll(policy.fields());
    settings.replaceOne(eq("_id", POLICY), doc, new ReplaceOptions().upsert(true));
  }
}
