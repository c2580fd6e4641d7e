package io.claimdesk.web;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.claimdesk.core.team.Role;
import io.claimdesk.web.ApiFixture.Member;
import io.claimdesk.web.ApiFixture.WebSession;
import io.claimdesk.web.dashboard.LiveEvents;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** A browser tab that closes is an everyday event: said at debug by the live stream, never warned about. */
class ClosedTabLogTest {
  private ApiFixture fixture;
  private final ListAppender<ILoggingEvent> logged = new ListAppender<>();
  private final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
  private final Logger live = (Logger) LoggerFactory.getLogger(LiveEvents.class);
  private final Logger javalin = (Logger) LoggerFactory.getLogger("io.javalin");
  private Level liveLevel;
  private Level javalinLevel;

  @BeforeEach
  void listen() {
    fixture = new ApiFixture();
    liveLevel = live.getLevel();
    javalinLevel = javalin.getLevel();
    live.setLevel(Level.DEBUG);
    javalin.setLevel(Level.INFO); // Javalin's own warning included
    logged.start();
    root.addAppender(logged);
  }

  @AfterEach
  void close() {
    root.detachAppender(logged);
    live.setLevel(liveLevel);
    javalin.setLevel(javalinLevel);
    fixture.close();
  }

  @Test
  void aClosedTabShouldBeLoggedAtDebugAndNeverWarned() throws Exception {
    Member ana = fixture.member("Ana", Role.AGENT);
    WebSession session = fixture.login(ana);
    URI base = URI.create(fixture.request("/", null).build().uri().toString());
    try (Socket tab = new Socket(base.getHost(), base.getPort())) {
      OutputStream out = tab.getOutputStream();
      out.write(("GET /dashboard/events HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: text/event-stream\r\nCookie: "
          + ApiFixture.SESSION_COOKIE + "=" + session.cookie() + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
      out.flush();
      BufferedReader in = new BufferedReader(new InputStreamReader(tab.getInputStream(), StandardCharsets.UTF_8));
      String line;
      do {
        line = in.readLine();
      } while (line != null && !line.startsWith("event: hello"));
      assertThat(line).isEqualTo("event: hello");
    } // the tab closes

    // every change of a member writes to each open stream: the closed one is found gone and dropped
    for (int i = 0; i < 20 && departures().isEmpty(); i++) {
      fixture.send("PUT", "/api/team/me/availability", ana.token(),
          "{\"availability\":\"" + (i % 2 == 0 ? "away" : "online") + "\"}");
      Thread.sleep(100);
    }
    for (int i = 0; i < 5; i++) { // and more writes after it left
      fixture.send("PUT", "/api/team/me/availability", ana.token(), "{\"availability\":\"online\"}");
    }

    List<String> warnings = logged.list.stream().filter(e -> e.getLevel().isGreaterOrEqual(Level.WARN))
        .map(ILoggingEvent::getFormattedMessage).toList();
    System.out.println("departures: " + departures() + "; warnings: " + warnings);
    assertThat(departures()).hasSize(1);
    assertThat(warnings).noneMatch(w -> w.contains("terminated") || w.contains("SseClient"));
  }

  private List<String> departures() {
    return logged.list.stream().filter(e -> e.getLoggerName().equals(LiveEvents.class.getName()))
        .filter(e -> e.getLevel() == Level.DEBUG).map(ILoggingEvent::getFormattedMessage).toList();
  }
}
