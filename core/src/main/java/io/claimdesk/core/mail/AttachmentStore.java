package io.claimdesk.core.mail;

import io.claimdesk.core.ticket.ThreadMessage;
import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;

/** Stores attachment bytes outside the message documents, streaming, so that size does not cost heap. */
public interface AttachmentStore {

  /**
   * Streams {@code content} into storage. Returns the attachment's metadata with its storage id, or, when the
   * content is longer than {@code maxBytes}, metadata without a storage id (nothing kept) and the size seen so far.
   */
  ThreadMessage.Attachment store(String filename, String contentType, String contentId, InputStream content,
      long maxBytes) throws IOException;

  /** The stored bytes, if this id exists. */
  Optional<InputStream> open(String storageId);

  /**
   * Removes stored bytes that nothing will point at (a reply refused after its files were stored). True when they
   * were there; an unknown or malformed id is no error.
   */
  boolean delete(String storageId);
}
