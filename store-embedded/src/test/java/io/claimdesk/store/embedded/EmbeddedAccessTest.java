package io.claimdesk.store.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.mongodb.ConnectionString;
import com.mongodb.MongoException;
import com.mongodb.MongoSecurityException;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.bson.BsonDocument;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Another local user can reach the embedded server's loopback port; without this process's password it must get
 * nothing: no read of the team's hashes, no write of a token hash or a session.
 */
class EmbeddedAccessTest {

  @Test
  void aDriverClientWithoutThePasswordShouldNeitherReadNorWrite(@TempDir Path dataDir) {
    try (EmbeddedMongo mongo = EmbeddedMongo.start(dataDir);
        MongoClient owner = MongoClients.create(mongo.connectionString())) {
      MongoDatabase db = owner.getDatabase("claimdesk");
      db.getCollection("team_members").insertOne(admin());
      String hostAndPort = new ConnectionString(mongo.connectionString()).getHosts().get(0);

      List<Throwable> refused = new ArrayList<>();
      try (MongoClient stranger = MongoClients.create(
          "mongodb://" + hostAndPort + "/?serverSelectionTimeoutMS=3000&connectTimeoutMS=3000")) {
        MongoDatabase theirs = stranger.getDatabase("claimdesk");
        refused.add(catchThrowable(() -> theirs.getCollection("team_members").find().into(new ArrayList<>())));
        refused.add(catchThrowable(() -> theirs.getCollection("team_members").updateOne(
            Filters.eq("_id", "m1"), Updates.set("tokenHash", "attacker-hash"))));
        refused.add(catchThrowable(() -> theirs.getCollection("web_sessions").insertOne(
            new Document("_id", "attacker-session").append("memberId", "m1"))));
      }

      String tokenHash = db.getCollection("team_members").find(Filters.eq("_id", "m1")).first()
          .getString("tokenHash");
      long sessions = db.getCollection("web_sessions").countDocuments();
      System.out.println("stranger's find, update, insert: " + refused + "; afterwards tokenHash=" + tokenHash
          + ", web_sessions=" + sessions);
      assertThat(refused).hasSize(3).allSatisfy(t -> assertThat(t).isInstanceOf(MongoException.class));
      assertThat(tokenHash).isEqualTo("owner-hash");
      assertThat(sessions).isZero();
      assertThat(db.getCollection("team_members").countDocuments()).isEqualTo(1);
    }
  }

  @Test
  void aDriverClientWithAWrongPasswordShouldBeRefused(@TempDir Path dataDir) {
    try (EmbeddedMongo mongo = EmbeddedMongo.start(dataDir);
        MongoClient owner = MongoClients.create(mongo.connectionString())) {
      owner.getDatabase("claimdesk").getCollection("team_members").insertOne(admin());
      String hostAndPort = new ConnectionString(mongo.connectionString()).getHosts().get(0);

      try (MongoClient guesser = MongoClients.create("mongodb://claimdesk:guessed@" + hostAndPort
          + "/?authMechanism=PLAIN&authSource=%24external&serverSelectionTimeoutMS=3000")) {
        Throwable refused = catchThrowable(() -> guesser.getDatabase("claimdesk").getCollection("team_members")
            .find().into(new ArrayList<>()));

        System.out.println("wrong password: " + refused);
        assertThat(refused).isInstanceOf(MongoSecurityException.class);
      }
    }
  }

  @Test
  void rawWireCommandsBeforeAnyHandshakeShouldBeRefused(@TempDir Path dataDir) throws Exception {
    try (EmbeddedMongo mongo = EmbeddedMongo.start(dataDir);
        MongoClient owner = MongoClients.create(mongo.connectionString())) {
      owner.getDatabase("claimdesk").getCollection("team_members").insertOne(admin());
      String[] hostAndPort = new ConnectionString(mongo.connectionString()).getHosts().get(0).split(":");
      int port = Integer.parseInt(hostAndPort[1]);

      BsonDocument find = WireProbe.command(port, BsonDocument.parse(
          "{find: 'team_members', filter: {}, $db: 'claimdesk'}"));
      List<BsonDocument> legacy = WireProbe.legacyQuery(port, "claimdesk.team_members");

      System.out.println("raw OP_MSG find: " + find + "; raw OP_QUERY on the collection: " + legacy);
      assertThat(find).isNotNull();
      assertThat(find.getNumber("ok").intValue()).isZero();
      assertThat(find.getInt32("code").getValue()).isEqualTo(13);
      assertThat(find.toJson()).doesNotContain("owner-hash");
      assertThat(legacy).noneSatisfy(d -> assertThat(d.toJson()).contains("owner-hash"));
    }
  }

  private static Document admin() {
    return new Document("_id", "m1").append("email", "admin@example.com").append("role", "admin")
        .append("passwordHash", "owner-password-hash").append("tokenHash", "owner-hash");
  }
}
