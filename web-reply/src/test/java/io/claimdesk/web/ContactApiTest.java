package io.claimdesk.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.claimdesk.core.team.Role;
import io.claimdesk.web.ApiFixture.Member;
import io.claimdesk.web.ApiFixture.Response;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The contacts API: create, search, phone lookup, change, and the 400s and 409s. */
class ContactApiTest {
  private ApiFixture fixture;
  private Member ana;

  @BeforeEach
  void setUp() {
    fixture = new ApiFixture();
    ana = fixture.member("Ana", Role.AGENT);
  }

  @AfterEach
  void tearDown() {
    fixture.close();
  }

  private Response create(String json) {
    return fixture.post("/api/contacts", ana.token(), json);
  }

  private Response patch(String id, String json) {
    return fixture.send("PATCH", "/api/contacts/" + id, ana.token(), json);
  }

  private List<String> names(String query) {
    List<String> names = new ArrayList<>();
    for (JsonNode c : fixture.get("/api/contacts?" + query, ana.token()).json().path("contacts")) {
      names.add(c.path("name").asText());
    }
    return names;
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }

  @Test
  void createShouldNormalisePhonesAndEmails() {
    Response created = create("{\"name\":\"Carla Diaz\",\"emails\":[\" Carla@Example.ORG \"],"
        + "\"phones\":[\"+1 (415) 555-0101\",\"+44 20 7946 0958\"],\"notes\":\"prefers mornings\"}");

    assertThat(created.status()).isEqualTo(201);
    JsonNode json = created.json();
    assertThat(json.path("_id").asText()).hasSize(24);
    assertThat(json.path("emails").toString()).isEqualTo("[\"carla@example.org\"]");
    assertThat(json.path("phones").toString()).isEqualTo("[\"+14155550101\",\"+442079460958\"]");
    assertThat(fixture.get("/api/contacts/" + json.path("_id").asText(), ana.token()).json()).isEqualTo(json);
    assertThat(fixture.stores.contacts().findByPhone("+442079460958").orElseThrow().name()).isEqualTo("Carla Diaz");
  }

  @Test
  void searchAndPhoneLookupShouldFindTheRightContacts() {
    create("{\"name\":\"Carla Diaz\",\"emails\":[\"carla@example.org\"],\"phones\":[\"+14155550101\"]}");
    create("{\"name\":\"Ed\",\"emails\":[\"ed@diaz.example\"]}");
    create("{\"name\":\"Dot (Ltd)\",\"emails\":[\"info@dot.example\"],\"phones\":[\"+14155550102\"]}");

    assertThat(names("q=DIAZ")).containsExactly("Carla Diaz", "Ed");
    assertThat(names("q=" + encode("(Ltd)"))).containsExactly("Dot (Ltd)");
    assertThat(names("q=" + encode(".*"))).isEmpty();
    assertThat(names("phone=" + encode("+1 415-555-0102"))).containsExactly("Dot (Ltd)");
    assertThat(names("phone=" + encode("+14155550199"))).isEmpty();
    Response badPhone = fixture.get("/api/contacts?phone=12345", ana.token());
    assertThat(badPhone.status()).isEqualTo(400);
    assertThat(badPhone.error()).isEqualTo("Invalid phone number: 12345");
  }

  @Test
  void patchShouldChangeFieldsAndMoveTheIndexes() {
    String id = create("{\"name\":\"Carla\",\"emails\":[\"carla@example.org\"],\"phones\":[\"+14155550101\"]}")
        .json().path("_id").asText();

    Response changed = patch(id, "{\"name\":\"Carla Diaz\",\"phones\":[\"+1 415 555 0103\"],\"notes\":\"VIP\"}");

    assertThat(changed.status()).isEqualTo(200);
    assertThat(changed.json().path("name").asText()).isEqualTo("Carla Diaz");
    assertThat(changed.json().path("emails").toString()).isEqualTo("[\"carla@example.org\"]");
    assertThat(changed.json().path("phones").toString()).isEqualTo("[\"+14155550103\"]");
    assertThat(changed.json().path("notes").asText()).isEqualTo("VIP");
    assertThat(names("phone=" + encode("+14155550101"))).isEmpty();
    assertThat(names("phone=" + encode("+14155550103"))).containsExactly("Carla Diaz");
  }

  @Test
  void anAddressOrNumberAnotherContactHoldsShouldBeAConflict() {
    create("{\"name\":\"Carla\",\"emails\":[\"carla@example.org\"],\"phones\":[\"+14155550101\"]}");
    String edId = create("{\"name\":\"Ed\",\"emails\":[\"ed@example.org\"]}").json().path("_id").asText();

    Response sameEmail = create("{\"name\":\"Other\",\"emails\":[\"CARLA@example.org\"]}");
    Response samePhone = patch(edId, "{\"phones\":[\"+1 415 555 0101\"]}");

    assertThat(sameEmail.status()).isEqualTo(409);
    assertThat(sameEmail.error()).isEqualTo("carla@example.org belongs to another contact");
    assertThat(samePhone.status()).isEqualTo(409);
    assertThat(samePhone.error()).isEqualTo("+14155550101 belongs to another contact");
    assertThat(fixture.stores.contacts().find(edId).orElseThrow().phones()).isEmpty();
    assertThat(fixture.stores.contacts().count()).isEqualTo(2);
  }

  @Test
  void badInputShouldBeA400WithTheMessage() {
    Response phone = create("{\"name\":\"X\",\"phones\":[\"+1 555 123 4567\"]}");
    Response email = create("{\"name\":\"X\",\"emails\":[\"not-an-address\"]}");
    Response nothing = create("{\"name\":\"X\"}");
    Response unknown = create("{\"name\":\"X\",\"emails\":[\"x@example.org\"],\"company\":\"Y\"}");
    Response wrongType = create("{\"emails\":\"x@example.org\"}");
    Response missing = fixture.get("/api/contacts/0123456789abcdef01234567", ana.token());
    Response patchMissing = patch("0123456789abcdef01234567", "{\"notes\":\"x\"}");
    Response anonymous = fixture.get("/api/contacts", null);
    Response longName = create("{\"name\":\"" + "n".repeat(201) + "\",\"emails\":[\"x@example.org\"]}");

    assertThat(phone.status()).isEqualTo(400);
    assertThat(phone.error()).isEqualTo("Invalid phone number: +1 555 123 4567");
    assertThat(email.error()).isEqualTo("Invalid email address: not-an-address");
    assertThat(nothing.error()).isEqualTo("A contact needs at least one email address or phone number");
    assertThat(unknown.error()).isEqualTo("Unknown field: company");
    assertThat(wrongType.error()).isEqualTo("Field emails must be a list of strings");
    assertThat(missing.status()).isEqualTo(404);
    assertThat(missing.error()).isEqualTo("Contact not found");
    assertThat(patchMissing.status()).isEqualTo(404);
    assertThat(anonymous.status()).isEqualTo(401);
    assertThat(longName.error()).isEqualTo("Name must be at most 200 characters");
    assertThat(fixture.stores.contacts().count()).isZero();
  }
}
