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

  public static ApiException badRequest(String message) {
    return new ApiException(400, message);
  }
}
