package io.claimdesk.bench;

import io.claimdesk.core.mail.AttachmentStore;
import io.claimdesk.core.ticket.ThreadMessage;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Optional;

/** An attachment store that reads each attachment to its end and keeps nothing: the ingest baseline's. */
final class DiscardedAttachments implements AttachmentStore {

  @Override
  public ThreadMessage.Attachment store(String filename, String contentType, String contentId, InputStream in,
      long max) throws IOException {
    return new ThreadMessage.Attachment(filename, contentType, in.transferTo(OutputStream.nullOutputStream()),
        contentId, null);
  }

  @Override
  public Optional<InputStream> open(String storageId) {
    return Optional.empty();
  }

  @Override
  public boolean delete(String storageId) {
    return false;
  }
}
