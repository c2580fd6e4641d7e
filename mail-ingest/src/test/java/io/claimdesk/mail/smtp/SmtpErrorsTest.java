package io.claimdesk.mail.smtp;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.mail.MessagingException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import org.eclipse.angus.mail.util.MailConnectException;
import org.eclipse.angus.mail.util.SocketConnectException;
import org.junit.jupiter.api.Test;

/** Each kind of SMTP failure in one sentence, without Jakarta Mail's repeated "nested exception" chain. */
class SmtpErrorsTest {
  @Test
  void aConnectTimeoutShouldSayTheServerDidNotAnswer() {
    MailConnectException e = new MailConnectException(new SocketConnectException("timed out",
        new SocketTimeoutException("Connect timed out"), "mail.example.com", 587, 60_000));

    String sentence = SmtpErrors.sentence(e, "mail.example.com", 587);

    assertThat(sentence).isEqualTo("The mail server mail.example.com:587 could not be reached (it did not answer in "
        + "time). Check SMTP_HOST and SMTP_PORT, or try again later.");
    assertThat(e.getMessage()).startsWith("Couldn't connect to host, port: mail.example.com, 587; timeout 60000");
  }

  @Test
  void anUnknownHostShouldSaySo() {
    MessagingException e = new MessagingException("Unknown SMTP host: nowhere.invalid",
        new UnknownHostException("nowhere.invalid"));

    assertThat(SmtpErrors.sentence(e, "nowhere.invalid", 587))
        .isEqualTo("The mail server nowhere.invalid:587 could not be reached: no such host. Check SMTP_HOST.");
  }

  @Test
  void aTimeoutAfterConnectingShouldSayTheServerStoppedAnswering() {
    MessagingException e = new MessagingException("Exception reading response", new SocketTimeoutException("Read timed out"));

    assertThat(SmtpErrors.sentence(e, "127.0.0.1", 25))
        .isEqualTo("The mail server 127.0.0.1:25 stopped answering while the reply was being sent.");
  }

  @Test
  void theLogDetailShouldNameTheInnermostCauseOnce() {
    MailConnectException e = new MailConnectException(new SocketConnectException("Connection refused",
        new java.net.ConnectException("Connection refused"), "127.0.0.1", 3025, 60_000));

    String detail = SmtpErrors.detail(e);

    assertThat(detail).isEqualTo("MailConnectException caused by java.net.ConnectException: Connection refused");
  }
}
