package io.claimdesk.web.dashboard;

import io.claimdesk.core.mail.AttachmentStore;
import io.claimdesk.core.ticket.ThreadMessage;
import io.claimdesk.web.http.ApiException;
import io.javalin.http.Context;
import io.javalin.http.UploadedFile;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The files attached to a reply in the web form. The server's parser writes each past a few kilobytes to a
 * temporary file (the request body is capped for this route); from there each is streamed into the attachment
 * store, reading no more than the per-file limit. A file over a limit refuses the reply before anything is stored.
 */
public final class ReplyUploads {
  /** Largest attached file. */
  public static final long MAX_FILE_BYTES = 10L * 1024 * 1024;
  /** Largest sum of the attached files of one reply. */
  public static final long MAX_TOTAL_BYTES = 25L * 1024 * 1024;
  /** Most files on one reply. */
  public static final int MAX_FILES = 10;
  /** Parts up to this size stay in memory while the form is parsed; larger ones go to a temporary file. */
  public static final int IN_MEMORY_KB = 64;
  /** The reply form's route, whose body may hold the files and the text besides. */
  static final String REPLY_FORM = "/dashboard/tickets/*/reply";
  public static final Map<String, Long> BODY_LIMITS = Map.of(REPLY_FORM, MAX_TOTAL_BYTES + 1024 * 1024);
  static final String TOO_LARGE = "Attachments are limited to " + MAX_FILE_BYTES / (1024 * 1024) + " MB each and "
      + MAX_TOTAL_BYTES / (1024 * 1024) + " MB in total";

  private ReplyUploads() {}

  /** The files of the form, checked against the limits: 413 for a file too large, 400 for too many. */
  static List<UploadedFile> chosen(Context ctx) {
    if (!ctx.isMultipartFormData()) {
      return List.of();
    }
    List<UploadedFile> files = new ArrayList<>();
    long total = 0;
    for (UploadedFile f : ctx.uploadedFiles("attachments")) {
      if (f.filename() == null || f.filename().isBlank()) {
        continue; // the file input left empty
      }
      if (f.size() > MAX_FILE_BYTES) {
        throw new ApiException(413, TOO_LARGE + ": " + f.filename() + " is " + megabytes(f.size()) + " MB");
      }
      total += f.size();
      files.add(f);
    }
    if (total > MAX_TOTAL_BYTES) {
      throw new ApiException(413, TOO_LARGE + ": these are " + megabytes(total) + " MB together");
    }
    if (files.size() > MAX_FILES) {
      throw ApiException.badRequest("At most " + MAX_FILES + " attachments on one reply");
    }
    return files;
  }

  /**
   * Streams the files into the store; their metadata with storage ids, in the order given. When one cannot be
   * stored, those stored before it are deleted again.
   */
  static List<ThreadMessage.Attachment> store(List<UploadedFile> files, AttachmentStore store) {
    List<ThreadMessage.Attachment> stored = new ArrayList<>();
    try {
      for (UploadedFile f : files) {
        try (InputStream in = f.content()) {
          ThreadMessage.Attachment a = store.store(name(f.filename()), f.contentType(), null, in, MAX_FILE_BYTES);
          if (a.storageId() == null) {
            throw new ApiException(413, TOO_LARGE + ": " + f.filename() + " is larger");
          }
          stored.add(a);
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }
    } catch (RuntimeException e) {
      forget(stored, store);
      throw e;
    }
    return stored;
  }

  /** Deletes the stored files of a reply that was not kept: nothing will ever point at them. */
  static void forget(List<ThreadMessage.Attachment> attachments, AttachmentStore store) {
    for (ThreadMessage.Attachment a : attachments) {
      store.delete(a.storageId());
    }
  }

  /** The file's own name: some browsers send the path it came from. */
  private static String name(String filename) {
    String name = filename.substring(Math.max(filename.lastIndexOf('/'), filename.lastIndexOf('\\')) + 1).strip();
    return name.length() > 200 ? name.substring(name.length() - 200) : name;
  }

  private static String megabytes(long bytes) {
    return String.format(java.util.Locale.ROOT, "%.1f", bytes / (1024.0 * 1024));
  }
}
