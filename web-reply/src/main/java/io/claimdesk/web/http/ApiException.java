package io.claimdesk.web.http;

/** A request the API refuses, with the status and the message the client sees as {@code {"error": ...}}. */
public final class ApiException extends RuntimeException {
  private final int status;

  public ApiException(int status, String message) {
    super(message);
    this.status = status;
  }

  public int status() {
    return status;
  }

  /** What a reply, its retry or its discard answer when no mail server is configured. */
  public static final String REPLIES_OFF = "Replies are not configured: set SMTP_HOST";

  public static ApiException repliesOff() {
    return new ApiException(503, REPLIES_OFF);
  }

  public static ApiException badRequest(String message) {
    return new ApiException(400, message);
  }
}
