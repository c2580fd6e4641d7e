package io.claimdesk.store.mongo;

import static org.assertj.core.api.Assertions.assertThat;

import io.claimdesk.core.contact.Contact;
import io.claimdesk.core.voice.CallLog;
import io.claimdesk.core.voice.CallLogStore;
import io.claimdesk.core.voice.CallQuery;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What a {@link CallLogStore} must do: every write safe to repeat, the first answer winning, lists filtered. */
interface CallLogStoreContract extends StoreFixture {

  private CallLogStore calls() {
    return stores().callLogs();
  }

  @Test
  default void startingACallTwiceShouldKeepTheFirstRecord() {
    calls().start("CA1", "+14155550101", "+14155550100", "c1", T0);
    CallLog again = calls().start("CA1", "+14155550199", "+14155550100", "c2", T0.plusSeconds(5));
    assertThat(again.from()).isEqualTo("+14155550101");
    assertThat(again.contactId()).isEqualTo("c1");
    assertThat(again.startedAt()).isEqualTo(T0);
    assertThat(again.status()).isEqualTo("ringing");
    assertThat(calls().find("CA404")).isEmpty();
  }

  @Test
  default void aCallShouldStartWithItsFirstStepInOneWrite() {
    CallLog call = calls().start("CA1", "+14155550101", "+14155550100", null, T0, List.of("m1", "m2"));
    assertThat(call.steps()).containsExactly(List.of("m1", "m2"));
    CallLog retried = calls().start("CA1", "+14155550101", "+14155550100", null, T0, List.of("m3"));
    assertThat(retried.steps()).containsExactly(List.of("m1", "m2"));
    assertThat(calls().addStep("CA1", 0, List.of("m3"))).isFalse();
    assertThat(calls().addStep("CA1", 1, List.of("m3"))).isTrue();
    assertThat(calls().find("CA1").orElseThrow().rung()).containsExactly("m1", "m2", "m3");
  }

  @Test
  default void aStepShouldBeRecordedOnceAtItsIndex() {
    calls().start("CA1", "+14155550101", "+14155550100", null, T0);
    assertThat(calls().addStep("CA1", 0, List.of("m1", "m2"))).isTrue();
    assertThat(calls().addStep("CA1", 0, List.of("m1", "m2"))).isFalse();
    assertThat(calls().addStep("CA1", 2, List.of("m3"))).isFalse();
    assertThat(calls().addStep("CA1", 1, List.of("m3"))).isTrue();
    assertThat(calls().addStep("CA404", 0, List.of("m3"))).isFalse();
    CallLog call = calls().find("CA1").orElseThrow();
    assertThat(call.steps()).containsExactly(List.of("m1", "m2"), List.of("m3"));
    assertThat(call.rung()).containsExactly("m1", "m2", "m3");
  }

  @Test
  default void theFirstAnswerShouldWinAndBeRememberedForTheMember() {
    calls().start("CA1", "+14155550101", "+14155550100", null, T0);
    assertThat(calls().answered("CA1", "m1", T0.plusSeconds(3))).isTrue();
    assertThat(calls().answered("CA1", "m2", T0.plusSeconds(4))).isFalse();
    assertThat(calls().answered("CA1", "m1", T0.plusSeconds(5))).isFalse();
    CallLog call = calls().find("CA1").orElseThrow();
    assertThat(call.answeredBy()).isEqualTo("m1");
    assertThat(call.answeredAt()).isEqualTo(T0.plusSeconds(3));
    assertThat(calls().lastAnswered(List.of("m1", "m2"))).containsOnlyKeys("m1")
        .containsEntry("m1", T0.plusSeconds(3));
  }

  @Test
  default void statusRecordingAndNotesShouldBeKept() {
    calls().start("CA1", "+14155550101", "+14155550100", null, T0);
    calls().status("CA1", "completed", 42, T0.plusSeconds(50));
    calls().status("CA1", "completed", null, T0.plusSeconds(90));
    assertThat(calls().recording("CA1", "https://api.twilio.com/rec/RE1", 17, "c9")).isTrue();
    assertThat(calls().recording("CA1", "https://api.twilio.com/rec/RE2", 18, "c9")).isFalse();
    calls().linkTicket("CA1", "0123456789abcdef01234567");
    CallLog.Note note = new CallLog.Note("m1", "Ana", "Wants a refund", T0.plusSeconds(60));
    assertThat(calls().addNote("CA1", note)).isPresent();
    assertThat(calls().addNote("CA404", note)).isEmpty();
    CallLog call = calls().find("CA1").orElseThrow();
    assertThat(call.duration()).isEqualTo(42);
    assertThat(call.endedAt()).isEqualTo(T0.plusSeconds(50));
    assertThat(call.recordingUrl()).isEqualTo("https://api.twilio.com/rec/RE1");
    assertThat(call.recordingDuration()).isEqualTo(17);
    assertThat(call.contactId()).isEqualTo("c9");
    assertThat(call.notes()).containsExactly(note);
    assertThat(call.threadId()).isEqualTo("0123456789abcdef01234567");
  }

  @Test
  default void listsShouldFilterByMemberContactAndTimeNewestFirst() {
    for (int i = 0; i < 4; i++) {
      calls().start("CA" + i, "+1415555010" + i, "+14155550100", i % 2 == 0 ? "even" : "odd",
          T0.plus(Duration.ofMinutes(i)));
      calls().addStep("CA" + i, 0, List.of(i < 2 ? "early" : "late"));
    }
    assertThat(calls().list(new CallQuery(null, null, null, null, 10))).extracting(CallLog::callSid)
        .containsExactly("CA3", "CA2", "CA1", "CA0");
    assertThat(calls().list(new CallQuery("late", null, null, null, 10))).extracting(CallLog::callSid)
        .containsExactly("CA3", "CA2");
    assertThat(calls().list(new CallQuery(null, "even", null, null, 10))).extracting(CallLog::callSid)
        .containsExactly("CA2", "CA0");
    assertThat(calls().list(new CallQuery(null, null, T0.plus(Duration.ofMinutes(1)), T0.plus(Duration.ofMinutes(3)),
        10))).extracting(CallLog::callSid).containsExactly("CA2", "CA1");
    assertThat(calls().list(new CallQuery(null, null, null, null, 1))).extracting(CallLog::callSid)
        .containsExactly("CA3");
    assertThat(calls().forContact("odd", 10)).extracting(CallLog::callSid).containsExactly("CA3", "CA1");
  }

  @Test
  default void aNewCallerShouldBecomeOneContactWithNotes() {
    Contact first = stores().contacts().recordCaller("+14155550123");
    Contact again = stores().contacts().recordCaller("+14155550123");
    assertThat(again.id()).isEqualTo(first.id());
    assertThat(first.phones()).containsExactly("+14155550123");
    assertThat(stores().contacts().findByPhone("+14155550123")).map(Contact::id).contains(first.id());
    assertThat(stores().contacts().appendNote(first.id(), "one")).isTrue();
    assertThat(stores().contacts().appendNote(first.id(), "two")).isTrue();
    assertThat(stores().contacts().appendNote("0123456789abcdef01234567", "x")).isFalse();
    assertThat(stores().contacts().findByPhone("+14155550123").orElseThrow().notes()).isEqualTo("one\ntwo");
  }
}
