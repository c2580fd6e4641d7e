package io.claimdesk.store.mongo;

import static org.assertj.core.api.Assertions.assertThat;

import io.claimdesk.core.mail.AttachmentStore;
import io.claimdesk.core.ticket.ThreadMessage;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * What an {@link AttachmentStore} must do: give the bytes back under the id it returned, keep nothing of a file over
 * the limit, and delete a file for good, once.
 */
interface AttachmentStoreContract extends StoreFixture {

  @Test
  default void storedBytesShouldComeBackUntilDeleted() throws Exception {
    AttachmentStore store = stores().attachments();
    byte[] bytes = new byte[600 * 1024]; // more than two GridFS chunks
    new Random(3).nextBytes(bytes);
    ThreadMessage.Attachment kept = store.store("report.pdf", "application/pdf", null,
        new ByteArrayInputStream(bytes), bytes.length);
    ThreadMessage.Attachment other = store.store("b.txt", "text/plain", null,
        new ByteArrayInputStream(new byte[] {1, 2}), 10);
    assertThat(kept.size()).isEqualTo(bytes.length);
    try (InputStream in = store.open(kept.storageId()).orElseThrow()) {
      assertThat(in.readAllBytes()).isEqualTo(bytes);
    }

    assertThat(store.delete(kept.storageId())).isTrue();
    assertThat(store.open(kept.storageId())).isEmpty();
    assertThat(store.delete(kept.storageId())).isFalse();
    assertThat(store.delete("not-an-id")).isFalse();
    assertThat(database().getCollection("attachments.files").countDocuments()).isEqualTo(1);
    assertThat(database().getCollection("attachments.chunks").countDocuments()).isEqualTo(1);
    try (InputStream in = store.open(other.storageId()).orElseThrow()) {
      assertThat(in.readAllBytes()).containsExactly(1, 2);
    }
  }

  @Test
  default void aFileOverTheLimitShouldLeaveNothingStored() throws Exception {
    AttachmentStore store = stores().attachments();
    ThreadMessage.Attachment refused = store.store("big.bin", "application/octet-stream", null,
        new ByteArrayInputStream(new byte[300 * 1024]), 100 * 1024);
    assertThat(refused.storageId()).isNull();
    assertThat(refused.size()).isEqualTo(300 * 1024);
    assertThat(database().getCollection("attachments.files").countDocuments()).isZero();
    assertThat(database().getCollection("attachments.chunks").countDocuments()).isZero();
  }
}
