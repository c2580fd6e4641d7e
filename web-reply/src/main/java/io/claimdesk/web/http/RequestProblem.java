package io.claimdesk.web.http;

import java.io.IOException;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.UnsupportedCharsetException;
import java.util.concurrent.TimeoutException;
import org.eclipse.jetty.http.BadMessageException;
import org.eclipse.jetty.io.EofException;

/**
 * A failure to read the request that is the client's doing, found in an exception's causes: a body over its
 * limit (413), too slow (408), cut off or badly encoded (400), a charset that does not exist (400). It is
 * answered as such, not as a 500.
 */
record RequestProblem(int status, String message) {

  /**
   * The client's problem behind {@code e}, or null when it is not one; {@code multipart} says the request is
   * {@code multipart/form-data}, whose parser reports a malformed body as a plain {@code IOException}.
   */
  static RequestProblem of(Throwable e, boolean multipart) {
    for (Throwable cause = e; cause != null; cause = cause.getCause()) {
      if (cause instanceof BadMessageException bad) {
        return new RequestProblem(bad.getCode(), bad.getReason() == null ? "Bad request" : bad.getReason());
      }
      if (cause instanceof TimeoutException) {
        return new RequestProblem(408, "Request body arrived too slowly");
      }
      if (cause instanceof EofException) {
        return new RequestProblem(400, "Request body ended early or was badly encoded");
      }
      if (cause instanceof UnsupportedCharsetException || cause instanceof IllegalCharsetNameException) {
        return new RequestProblem(400, "Unknown charset in Content-Type");
      }
    }
    if (multipart && e instanceof IOException) {
      return new RequestProblem(400, "Malformed multipart/form-data body");
    }
    return null;
  }
}
