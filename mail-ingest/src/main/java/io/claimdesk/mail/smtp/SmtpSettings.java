package io.claimdesk.mail.smtp;

import java.time.Duration;

/** The SMTP server replies go through; {@code tls} is {@code starttls}, {@code ssl} or {@code none}. */
public record SmtpSettings(String host, int port, String user, String password, String tls, Duration timeout) {

  @Override
  public String toString() {
    return "SmtpSettings[" + host + ":" + port + ", tls=" + tls + ", user=" + user + "]"; // never the password
  }
}
