package io.claimdesk.web.http;

import java.util.concurrent.TimeoutException;
import org.eclipse.jetty.http.BadMessageException;
import org.eclipse.jetty.io.EofException;

/**
 * A failure to read the request that is the client's doing, found in an exception's causes: a body over its
 * limit (413), too slow (408), badly encoded (400) or cut off (400). It is answered as such, not as a 500.
 */
record RequestProblem(int status, String message) {

  /** The client's problem behind {@code e}, or null when it is not one. */
  static RequestProblem of(Throwable e) {
    for (Throwable cause = e; cause != null; cause = cause.getCause()) {
      if (cause instanceof BadMessageException bad) {
        return new RequestProblem(bad.getCode(), bad.getReason() == null ? "Bad request" : bad.getReason());
      }
      if (cause instanceof TimeoutException) {
        return new RequestProblem(408, "Request body arrived too slowly");
      }
      if (cause instanceof EofException) {
        return new RequestProblem(400, "Request body ended early");
      }
    }
    return null;
  }
}
