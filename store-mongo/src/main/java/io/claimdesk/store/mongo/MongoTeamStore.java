package io.claimdesk.store.mongo;

import static com.mongodb.client.model.Filters.eq;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoCommandException;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.Updates;
import io.claimdesk.core.team.Availability;
import io.claimdesk.core.team.MemberUpdate;
import io.claimdesk.core.team.NewMember;
import io.claimdesk.core.team.Role;
import io.claimdesk.core.team.TeamMember;
import io.claimdesk.core.team.TeamStore;
import io.claimdesk.core.team.VoiceMode;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.bson.types.ObjectId;

/**
 * Members in {@code team_members}. Optional unique fields are left out rather than set to null: a sparse unique
 * index skips documents without the field on both MongoDB and the embedded server, but not explicit nulls on the
 * latter.
 */
final class MongoTeamStore implements TeamStore {
  private static final FindOneAndUpdateOptions AFTER =
      new FindOneAndUpdateOptions().returnDocument(ReturnDocument.AFTER);
  private final MongoCollection<Document> members;
  /**
   * The members, written unjournaled: for the seen times, a hint for the away sweep written on the path of clicks
   * and requests; a crash loses at most the last 100 ms of them, and the member's next action writes again.
   */
  private final MongoCollection<Document> seenTimes;
  private final Clock clock;

  public MongoTeamStore(MongoDatabase db, Clock clock) {
    this.members = db.getCollection("team_members");
    this.seenTimes = members.withWriteConcern(members.getWriteConcern().withJournal(false));
    this.clock = clock;
  }

  void createIndexes() {
    members.createIndex(Indexes.ascending("email"), new IndexOptions().unique(true).name("email"));
    // the index of earlier versions' apiTokenHash is left in place: the field is moved out at start (api_tokens)
    for (String field : List.of("slackUserId", "discordUserId")) {
      members.createIndex(Indexes.ascending(field), new IndexOptions().unique(true).sparse(true).name(field));
    }
  }

  @Override
  public Optional<TeamMember> find(String memberId) {
    return Ids.parse(memberId).map(id -> members.find(eq("_id", id)).first()).map(MongoTeamStore::member);
  }

  @Override
  public Optional<TeamMember> findByEmail(String email) {
    return email == null
        ? Optional.empty()
        : Optional.ofNullable(members.find(eq("email", email.trim().toLowerCase(Locale.ROOT))).first())
            .map(MongoTeamStore::member);
  }

  @Override
  public Optional<TeamMember> findBySlackUserId(String slackUserId) {
    return slackUserId == null || slackUserId.isBlank()
        ? Optional.empty()
        : Optional.ofNullable(members.find(eq("slackUserId", slackUserId)).first()).map(MongoTeamStore::member);
  }

  @Override
  public boolean linkSlackUser(String memberId, String slackUserId) {
    Optional<ObjectId> id = Ids.parse(memberId);
    if (id.isEmpty() || slackUserId == null || slackUserId.isBlank()) {
      return false;
    }
    try {
      return members.updateOne(new Document("_id", id.get()).append("slackUserId", new Document("$exists", false)),
          Updates.set("slackUserId", slackUserId)).getModifiedCount() == 1;
    } catch (MongoWriteException e) {
      if (e.getError().getCategory() == ErrorCategory.DUPLICATE_KEY) {
        return false;
      }
      throw e;
    }
  }

  @Override
  public Optional<TeamMember> findByDiscordUserId(String discordUserId) {
    return discordUserId == null || discordUserId.isBlank()
        ? Optional.empty()
        : Optional.ofNullable(members.find(eq("discordUserId", discordUserId)).first()).map(MongoTeamStore::member);
  }

  @Override
  public boolean linkDiscordUser(String memberId, String discordUserId) {
    if (discordUserId == null || discordUserId.isBlank()) {
      return false;
    }
    return update(memberId, MemberUpdate.none().withDiscordUserId(discordUserId)) instanceof UpdateOutcome.Updated;
  }

  @Override
  public UpdateOutcome update(String memberId, MemberUpdate update) {
    Optional<ObjectId> id = Ids.parse(memberId);
    if (id.isEmpty()) {
      return new UpdateOutcome.NotFound();
    }
    List<Bson> changes = new ArrayList<>();
    update.role().ifPresent(role -> changes.add(Updates.set("role", role.value())));
    update.active().ifPresent(active -> changes.add(Updates.set("active", active)));
    update.slackUserId().ifPresent(value -> changes.add(setOrUnset("slackUserId", value)));
    update.discordUserId().ifPresent(value -> changes.add(setOrUnset("discordUserId", value)));
    update.phone().ifPresent(value -> changes.add(setOrUnset("phone", value)));
    update.capacity().ifPresent(value -> changes.add(
        value == MemberUpdate.UNLIMITED ? Updates.unset("capacity") : Updates.set("capacity", value)));
    update.voice().ifPresent(voice -> changes.add(Updates.set("voice", voice.value())));
    try {
      Document doc = changes.isEmpty()
          ? members.find(eq("_id", id.get())).first()
          : members.findOneAndUpdate(eq("_id", id.get()), Updates.combine(changes), AFTER);
      return doc == null ? new UpdateOutcome.NotFound() : new UpdateOutcome.Updated(member(doc));
    } catch (MongoWriteException e) {
      if (e.getError().getCategory() == ErrorCategory.DUPLICATE_KEY) {
        return new UpdateOutcome.Taken(e.getError().getMessage().contains("discordUserId") ? "discordUserId"
            : "slackUserId");
      }
      throw e;
    } catch (MongoCommandException e) {
      // findAndModify reports a duplicate key as a command error
      if (e.getErrorCode() == 11000) {
        return new UpdateOutcome.Taken(e.getErrorMessage().contains("discordUserId") ? "discordUserId"
            : "slackUserId");
      }
      throw e;
    }
  }

  /** Unique optional fields are removed rather than set to null (see the class comment). */
  private static Bson setOrUnset(String field, String value) {
    return value == null || value.isBlank() ? Updates.unset(field) : Updates.set(field, value.trim());
  }

  @Override
  public Optional<TeamMember> setAvailability(String memberId, Availability availability) {
    return Ids.parse(memberId)
        .map(id -> members.findOneAndUpdate(eq("_id", id), Updates.combine(
            Updates.set("availability", availability.value()),
            // set by hand or by the away sweep: counts as seen, so a member set online is not swept away at once
            Updates.set("availabilitySetAt", Docs.date(clock.instant()))), AFTER))
        .map(MongoTeamStore::member);
  }

  @Override
  public void markSeen(String memberId, Instant at) {
    Ids.parse(memberId).ifPresent(id -> seenTimes.updateOne(eq("_id", id), Updates.max("lastSeenAt",
        Docs.date(at))));
  }

  @Override
  public Map<String, Instant> lastSeen() {
    Map<String, Instant> result = new HashMap<>();
    members.find().projection(new Document("lastSeenAt", 1).append("availabilitySetAt", 1).append("createdAt", 1))
        .forEach(doc -> {
          Instant latest = null;
          for (String field : List.of("lastSeenAt", "availabilitySetAt", "createdAt")) {
            Date date = doc.getDate(field);
            if (date != null && (latest == null || date.toInstant().isAfter(latest))) {
              latest = date.toInstant();
            }
          }
          if (latest != null) {
            result.put(Ids.hex(doc.get("_id")), latest);
          }
        });
    return result;
  }

  @Override
  public Optional<String> passwordHash(String memberId) {
    return Ids.parse(memberId)
        .map(id -> members.find(eq("_id", id)).first())
        .map(doc -> doc.getString("passwordHash"));
  }

  @Override
  public Optional<TeamMember> insert(NewMember member, String passwordHash) {
    Document doc = new Document("_id", new ObjectId())
        .append("name", member.name())
        .append("email", member.email())
        .append("role", member.role().value())
        .append("active", true)
        .append("createdAt", Docs.date(clock.instant()));
    putIfPresent(doc, "slackUserId", member.slackUserId());
    putIfPresent(doc, "discordUserId", member.discordUserId());
    putIfPresent(doc, "phone", member.phone());
    putIfPresent(doc, "passwordHash", passwordHash);
    try {
      members.insertOne(doc);
    } catch (MongoWriteException e) {
      if (e.getError().getCategory() == ErrorCategory.DUPLICATE_KEY) {
        return Optional.empty();
      }
      throw e;
    }
    return Optional.of(member(doc));
  }

  private static void putIfPresent(Document doc, String key, String value) {
    if (value != null && !value.isBlank()) {
      doc.put(key, value);
    }
  }

  @Override
  public boolean setPasswordHash(String memberId, String passwordHash) {
    return Ids.parse(memberId)
        .map(id -> members.updateOne(eq("_id", id), Updates.set("passwordHash", passwordHash)).getMatchedCount() == 1)
        .orElse(false);
  }

  @Override
  public List<TeamMember> all() {
    List<TeamMember> result = new ArrayList<>();
    members.find().sort(Sorts.ascending("name", "email")).forEach(doc -> result.add(member(doc)));
    return result;
  }

  @Override
  public long count() {
    return members.countDocuments();
  }

  private static TeamMember member(Document doc) {
    return new TeamMember(
        Ids.hex(doc.get("_id")),
        doc.getString("name"),
        doc.getString("email"),
        Role.parse(doc.getString("role")).orElse(Role.AGENT),
        doc.getString("slackUserId"),
        doc.getString("discordUserId"),
        doc.getString("phone"),
        !Boolean.FALSE.equals(doc.getBoolean("active")),
        Availability.parse(doc.getString("availability")).orElse(Availability.ONLINE),
        doc.getInteger("capacity"),
        VoiceMode.parse(doc.getString("voice")).orElse(VoiceMode.CLIENT));
  }
}
