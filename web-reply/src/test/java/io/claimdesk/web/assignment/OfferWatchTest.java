package io.claimdesk.web.assignment;

import static org.assertj.core.api.Assertions.assertThat;

import io.claimdesk.core.assignment.Offer;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Which members' banners change between two looks at the open offers. */
class OfferWatchTest {
  private static final Instant T = Instant.parse("2026-12-01T10:00:00Z");

  private static Offer offer(String id, String thread, String member) {
    return new Offer(id, thread, member, Offer.Status.OPEN, T, T.plusSeconds(300), null);
  }

  @Test
  void membersWhoseOpenOffersChangedShouldBeSignalled() {
    Map<String, Set<String>> before = OfferWatch.byMember(List.of(offer("o1", "t1", "ana"), offer("o2", "t2", "bo"),
        offer("o3", "t3", "cy")));
    // Ana's offer answered, Bo's unchanged, Cy's replaced by another offer, Di offered one
    Map<String, Set<String>> after = OfferWatch.byMember(List.of(offer("o2", "t2", "bo"), offer("o4", "t3", "cy"),
        offer("o5", "t5", "di")));

    assertThat(OfferWatch.changedMembers(before, after)).containsExactly("ana", "cy", "di");
    assertThat(OfferWatch.changedMembers(after, after)).isEmpty();
    assertThat(before).containsEntry("ana", Set.of("o1"));
  }
}
