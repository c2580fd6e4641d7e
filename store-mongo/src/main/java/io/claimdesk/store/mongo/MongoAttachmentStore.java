package io.claimdesk.store.mongo;

import com.mongodb.MongoGridFSException;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.gridfs.GridFSBucket;
import com.mongodb.client.gridfs.GridFSBuckets;
import com.mongodb.client.gridfs.model.GridFSUploadOptions;
import io.claimdesk.core.mail.AttachmentStore;
import io.claimdesk.core.ticket.ThreadMessage;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;
import org.bson.Document;
import org.bson.types.ObjectId;

/** Attachments in GridFS (bucket {@code attachments}), 255 kB chunks, so a 25 MB file never sits in memory. */
final class MongoAttachmentStore implements AttachmentStore {
  private final GridFSBucket bucket;

  public MongoAttachmentStore(MongoDatabase db) {
    this.bucket = GridFSBuckets.create(db, "attachments");
  }

  @Override
  public ThreadMessage.Attachment store(String filename, String contentType, String contentId, InputStream content,
      long maxBytes) throws IOException {
    LimitedStream limited = new LimitedStream(content, maxBytes);
    try {
      ObjectId id = bucket.uploadFromStream(filename == null ? "attachment" : filename, limited,
          new GridFSUploadOptions().metadata(new Document("contentType", contentType)));
      return new ThreadMessage.Attachment(filename, contentType, limited.count, contentId, id.toHexString());
    } catch (MongoGridFSException e) {
      if (e.getCause() instanceof TooLarge) {
        // the upload was aborted and its chunks deleted; keep only the facts
        limited.drain();
        return new ThreadMessage.Attachment(filename, contentType, limited.count, contentId, null);
      }
      throw e;
    }
  }

  @Override
  public Optional<InputStream> open(String storageId) {
    Optional<ObjectId> id = Ids.parse(storageId);
    if (id.isEmpty()) {
      return Optional.empty();
    }
    try {
      return Optional.of(bucket.openDownloadStream(id.get()));
    } catch (MongoGridFSException e) {
      return Optional.empty();
    }
  }

  @Override
  public boolean delete(String storageId) {
    Optional<ObjectId> id = Ids.parse(storageId);
    if (id.isEmpty()) {
      return false;
    }
    try {
      bucket.delete(id.get()); // the file's document, then its chunks
      return true;
    } catch (MongoGridFSException e) {
      return false; // no such file
    }
  }

  private static final class TooLarge extends IOException {
    TooLarge() {
      super("attachment larger than the limit");
    }
  }

  /** Counts bytes and fails once more than {@code max} have been read. */
  private static final class LimitedStream extends FilterInputStream {
    private final long max;
    long count;

    LimitedStream(InputStream in, long max) {
      super(in);
      this.max = max;
    }

    @Override
    public int read() throws IOException {
      int b = super.read();
      if (b >= 0) {
        counted(1);
      }
      return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
      int n = super.read(buffer, offset, length);
      if (n > 0) {
        counted(n);
      }
      return n;
    }

    private void counted(int n) throws TooLarge {
      count += n;
      if (count > max) {
        throw new TooLarge();
      }
    }

    /** Reads the rest only to learn the full size. */
    void drain() throws IOException {
      byte[] buffer = new byte[64 * 1024];
      for (int n = in.read(buffer); n > 0; n = in.read(buffer)) {
        count += n;
      }
    }
  }
}
