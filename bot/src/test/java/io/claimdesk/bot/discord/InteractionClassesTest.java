package io.claimdesk.bot.discord;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class InteractionClassesTest {

  @Test
  void everyClassNamedForPreloadingExistsInThisJda() {
    assertThat(InteractionClasses.preload()).as("names JDA no longer has").isEmpty();
    assertThat(InteractionClasses.NAMES).hasSize(23);
  }
}
