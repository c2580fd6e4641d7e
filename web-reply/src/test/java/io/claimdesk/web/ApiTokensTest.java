package io.claimdesk.web;

import static io.claimdesk.web.ApiFixture.password;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.claimdesk.core.team.Role;
import io.claimdesk.web.ApiFixture.Member;
import io.claimdesk.web.ApiFixture.Response;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.bson.Document;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Several named API tokens per member, listed without secrets, revoked at once, expiring; admins revoke anyone's. */
class ApiTokensTest {
  private static final String MINE = "/api/emails/tickets/mine";

  private ApiFixture fixture;
  private Member ana;
  private Member bo;
  private Member admin;

  @BeforeEach
  void setUp() {
    fixture = new ApiFixture();
    ana = fixture.member("Ana", Role.AGENT);
    bo = fixture.member("Bo", Role.AGENT);
    admin = fixture.member("Admin", Role.ADMIN);
  }

  @AfterEach
  void tearDown() {
    fixture.close();
  }

  private Response issue(Member m, String extraFields) {
    return fixture.post("/api/auth/token", null, "{\"email\":\"" + m.email() + "\",\"password\":\"" + password(m)
        + "\"" + extraFields + "}");
  }

  private static List<String> names(Response list) {
    List<String> names = new ArrayList<>();
    list.json().path("tokens").forEach(t -> names.add(t.path("name").asText()));
    return names;
  }

  @Test
  void twoTokensOfOneMemberShouldBothWorkAndBeListedWithoutSecrets() {
    Response laptop = issue(ana, ",\"name\":\"laptop\",\"expiresInDays\":7");
    assertThat(laptop.status()).isEqualTo(200);
    JsonNode issued = laptop.json();
    assertThat(issued.path("memberId").asText()).isEqualTo(ana.id());
    assertThat(issued.path("name").asText()).isEqualTo("laptop");
    assertThat(Duration.between(Instant.parse(issued.path("createdAt").asText()),
        Instant.parse(issued.path("expiresAt").asText()))).isEqualTo(Duration.ofDays(7));
    String token = issued.path("token").asText();

    assertThat(fixture.get(MINE, token).status()).isEqualTo(200);
    assertThat(fixture.get(MINE, ana.token()).status()).isEqualTo(200);

    Response list = fixture.get("/api/auth/tokens", token);
    assertThat(list.status()).isEqualTo(200);
    assertThat(names(list)).containsExactly("API token", "laptop");
    JsonNode first = list.json().path("tokens").get(0);
    assertThat(first.path("expiresAt").asText()).isEqualTo(
        Instant.parse(first.path("createdAt").asText()).plus(Duration.ofDays(90)).toString());
    assertThat(list.json().path("tokens").get(1).path("id").asText()).isEqualTo(issued.path("id").asText());
    assertThat(list.body()).doesNotContain(token).doesNotContain(ana.token()).doesNotContain("hash");
    String stored = fixture.db.database().getCollection("api_tokens").find().into(new ArrayList<>()).toString();
    assertThat(stored).doesNotContain(token).doesNotContain(ana.token());
    assertThat(names(fixture.get("/api/auth/tokens", bo.token()))).containsExactly("API token");
  }

  @Test
  void badNameOrExpiryShouldBe400AndIssueNothing() {
    Response tooLong = issue(ana, ",\"expiresInDays\":366");
    assertThat(tooLong.status()).isEqualTo(400);
    assertThat(tooLong.error()).isEqualTo("Expiry must be from 1 to 365 days");
    assertThat(issue(ana, ",\"expiresInDays\":0").status()).isEqualTo(400);
    Response text = issue(ana, ",\"expiresInDays\":\"7\"");
    assertThat(text.error()).isEqualTo("Field expiresInDays must be a whole number from 1 to 365");
    Response longName = issue(ana, ",\"name\":\"" + "n".repeat(101) + "\"");
    assertThat(longName.error()).isEqualTo("Token name must be at most 100 characters");
    assertThat(names(fixture.get("/api/auth/tokens", ana.token()))).containsExactly("API token");
  }

  @Test
  void aRevokedTokenShouldBe401AtOnceWhileTheOtherStillWorks() {
    String second = issue(ana, ",\"name\":\"ci\"").json().path("token").asText();
    String firstId = fixture.get("/api/auth/tokens", ana.token()).json().path("tokens").get(0).path("id").asText();
    assertThat(fixture.get(MINE, ana.token()).status()).isEqualTo(200); // used just before: no cache may keep it

    Response revoked = fixture.delete("/api/auth/tokens/" + firstId, second);

    assertThat(revoked.status()).isEqualTo(200);
    Response refused = fixture.get(MINE, ana.token());
    assertThat(refused.status()).isEqualTo(401);
    assertThat(refused.error()).isEqualTo("Invalid or expired token");
    assertThat(fixture.get(MINE, second).status()).isEqualTo(200);
    assertThat(names(fixture.get("/api/auth/tokens", second))).containsExactly("ci");
    assertThat(fixture.delete("/api/auth/tokens/" + firstId, second).status()).isEqualTo(404);
  }

  @Test
  void anExpiredTokenShouldBe401() {
    String week = issue(ana, ",\"expiresInDays\":7").json().path("token").asText();
    fixture.tokenClock.advance(Duration.ofDays(7).minusSeconds(1));
    assertThat(fixture.get(MINE, week).status()).isEqualTo(200);

    fixture.tokenClock.advance(Duration.ofSeconds(1));

    Response expired = fixture.get(MINE, week);
    assertThat(expired.status()).isEqualTo(401);
    assertThat(expired.error()).isEqualTo("Invalid or expired token");
    assertThat(fixture.get(MINE, ana.token()).status()).isEqualTo(200); // 90 days
    fixture.tokenClock.advance(Duration.ofDays(83));
    assertThat(fixture.get(MINE, ana.token()).status()).isEqualTo(401);
  }

  @Test
  void lastUseShouldBeRecordedAtMostOnceAMinute() {
    assertThat(fixture.get("/api/auth/tokens", ana.token()).json().path("tokens").get(0).path("lastUsedAt").isNull())
        .isFalse(); // the listing request itself used the token
    Instant first = fixture.tokenClock.instant();
    fixture.tokenClock.advance(Duration.ofSeconds(59));
    assertThat(lastUsed(ana.token())).isEqualTo(first);
    fixture.tokenClock.advance(Duration.ofSeconds(2));
    assertThat(lastUsed(ana.token())).isEqualTo(first.plusSeconds(61));
  }

  private Instant lastUsed(String token) {
    return Instant.parse(fixture.get("/api/auth/tokens", token).json().path("tokens").get(0).path("lastUsedAt")
        .asText());
  }

  @Test
  void anotherMembersTokenIdShouldBe404() {
    String bosId = fixture.get("/api/auth/tokens", bo.token()).json().path("tokens").get(0).path("id").asText();

    Response response = fixture.delete("/api/auth/tokens/" + bosId, ana.token());

    assertThat(response.status()).isEqualTo(404);
    assertThat(response.error()).isEqualTo("Token not found");
    assertThat(fixture.delete("/api/auth/tokens/not-an-id", ana.token()).status()).isEqualTo(404);
    assertThat(fixture.get(MINE, bo.token()).status()).isEqualTo(200);
  }

  @Test
  void anAdminShouldListAndRevokeAMembersTokenAndNoOneElse() {
    Response list = fixture.get("/api/team/" + ana.id() + "/tokens", admin.token());
    assertThat(names(list)).containsExactly("API token");
    String anasId = list.json().path("tokens").get(0).path("id").asText();
    Response byAgent = fixture.delete("/api/team/" + ana.id() + "/tokens/" + anasId, bo.token());
    assertThat(byAgent.status()).isEqualTo(403);
    assertThat(byAgent.error()).isEqualTo("Only admins can manage other members' tokens");
    assertThat(fixture.get("/api/team/" + ana.id() + "/tokens", bo.token()).status()).isEqualTo(403);
    assertThat(fixture.delete("/api/team/" + bo.id() + "/tokens/" + anasId, admin.token()).status())
        .isEqualTo(404);
    assertThat(fixture.get("/api/team/" + new ObjectId().toHexString() + "/tokens", admin.token()).error())
        .isEqualTo("Team member not found");

    assertThat(fixture.delete("/api/team/" + ana.id() + "/tokens/" + anasId, admin.token()).status())
        .isEqualTo(200);

    assertThat(fixture.get(MINE, ana.token()).status()).isEqualTo(401);
    assertThat(fixture.get(MINE, bo.token()).status()).isEqualTo(200);
  }

  @Test
  void aDeactivatedMembersTokenShouldBe401() {
    assertThat(fixture.get(MINE, ana.token()).status()).isEqualTo(200);
    fixture.db.database().getCollection("team_members").updateOne(new Document("_id", new ObjectId(ana.id())),
        new Document("$set", new Document("active", false)));

    assertThat(fixture.get(MINE, ana.token()).status()).isEqualTo(401);
    assertThat(fixture.get(MINE, bo.token()).status()).isEqualTo(200);
  }

  @Test
  void anAdminsPasswordResetShouldRevokeTheMembersTokensButTheirOwnChangeShouldNot() {
    String second = issue(ana, ",\"name\":\"ci\"").json().path("token").asText();
    Response own = fixture.post("/api/team/me/password", ana.token(),
        "{\"currentPassword\":\"" + password(ana) + "\",\"newPassword\":\"a-brand-new-password\"}");
    assertThat(own.status()).isEqualTo(200);
    assertThat(fixture.get(MINE, ana.token()).status()).isEqualTo(200);
    assertThat(fixture.get(MINE, second).status()).isEqualTo(200);

    Response reset = fixture.post("/api/team/" + ana.id() + "/password", admin.token(),
        "{\"newPassword\":\"another-new-password\"}");

    assertThat(reset.status()).isEqualTo(200);
    assertThat(fixture.get(MINE, ana.token()).status()).isEqualTo(401);
    assertThat(fixture.get(MINE, second).status()).isEqualTo(401);
    assertThat(fixture.get("/api/team/" + ana.id() + "/tokens", admin.token()).json().path("tokens").size())
        .isZero();
    assertThat(fixture.get(MINE, bo.token()).status()).isEqualTo(200);
  }
}
