package io.claimdesk.web.assignment;

import io.claimdesk.web.page.Chrome;
import java.util.Map;

/**
 * The model of the assignment settings page: the values shown in the form (what is saved, or what was just typed
 * when it was refused) and the refusal, if any.
 */
public record SettingsView(Chrome chrome, Map<String, String> values, String error) {
  public String value(String field) {
    String v = values.get(field);
    return v == null ? "" : v;
  }

  public boolean is(String field, String option) {
    return option.equals(values.get(field));
  }
}
