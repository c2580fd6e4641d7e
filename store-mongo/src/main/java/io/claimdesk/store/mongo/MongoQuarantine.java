package io.claimdesk.store.mongo;

import com.mongodb.client.MongoDatabase;
import com.mongodb.client.gridfs.GridFSBucket;
import com.mongodb.client.gridfs.GridFSBuckets;
import com.mongodb.client.gridfs.model.GridFSUploadOptions;
import io.claimdesk.core.mail.Quarantine;
import java.io.InputStream;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.bson.Document;
import org.bson.types.ObjectId;

/** The quarantine in GridFS (bucket {@code quarantine}): the raw mail as a file, the reason in its metadata. */
final class MongoQuarantine implements Quarantine {
  private final MongoDatabase db;
  private final GridFSBucket bucket;
  private final Clock clock;

  public MongoQuarantine(MongoDatabase db, Clock clock) {
    this.db = db;
    this.bucket = GridFSBuckets.create(db, "quarantine");
    this.clock = clock;
  }

  @Override
  public String keep(InputStream raw, String source, String error) {
    ObjectId id = bucket.uploadFromStream("quarantined.eml", raw, new GridFSUploadOptions().metadata(
        new Document("source", source).append("error", error).append("at", Docs.date(clock.instant()))));
    return id.toHexString();
  }

  @Override
  public long count() {
    return db.getCollection("quarantine.files").countDocuments();
  }

  @Override
  public List<Entry> recent(int limit) {
    List<Entry> entries = new ArrayList<>();
    bucket.find().sort(new Document("uploadDate", -1)).limit(limit).forEach(file -> {
      Document meta = file.getMetadata() == null ? new Document() : file.getMetadata();
      entries.add(new Entry(file.getObjectId().toHexString(), meta.getString("source"), meta.getString("error"),
          file.getLength(), file.getUploadDate().toInstant()));
    });
    return entries;
  }
}
