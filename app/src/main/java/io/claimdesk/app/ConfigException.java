package io.claimdesk.app;

import java.util.List;

/** The environment is unusable; the message names every bad variable (never a secret's value). */
public final class ConfigException extends RuntimeException {
  private final List<String> problems;

  ConfigException(List<String> problems) {
    super("claimdesk cannot start, fix these environment variables:\n  - " + String.join("\n  - ", problems));
    this.problems = List.copyOf(problems);
  }

  public List<String> problems() {
    return problems;
  }
}
