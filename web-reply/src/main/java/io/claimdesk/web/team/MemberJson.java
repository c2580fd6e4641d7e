package io.claimdesk.web.team;

import io.claimdesk.core.team.TeamMember;
import java.util.LinkedHashMap;
import java.util.Map;

/** A team member as the API shows it (credentials never). */
final class MemberJson {
  private MemberJson() {}

  static Map<String, Object> of(TeamMember m) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("_id", m.id());
    json.put("name", m.name());
    json.put("email", m.email());
    json.put("role", m.role().value());
    json.put("slackUserId", m.slackUserId());
    json.put("discordUserId", m.discordUserId());
    json.put("phone", m.phone());
    json.put("active", m.active());
    json.put("availability", m.availability().value());
    json.put("capacity", m.capacity());
    json.put("voice", m.voice().value());
    return json;
  }
}
