package io.claimdesk.core;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The ids of tickets, members, events and messages: 24 hex digits, the text form of a MongoDB ObjectId (four bytes
 * of seconds since 1970, five random bytes fixed for the process, a three-byte counter). Ids made later sort
 * later, so new documents are written at the end of a database's indexes instead of anywhere in them.
 */
public final class Ids {
  private static final HexFormat HEX = HexFormat.of();
  private static final byte[] PROCESS = new byte[5];
  private static final AtomicInteger COUNTER;

  static {
    SecureRandom random = new SecureRandom();
    random.nextBytes(PROCESS);
    COUNTER = new AtomicInteger(random.nextInt());
  }

  private Ids() {}

  /** A new id, unique within the process and, with overwhelming likelihood, across processes. */
  public static String next() {
    byte[] id = new byte[12];
    int seconds = (int) (System.currentTimeMillis() / 1000);
    int count = COUNTER.getAndIncrement();
    id[0] = (byte) (seconds >>> 24);
    id[1] = (byte) (seconds >>> 16);
    id[2] = (byte) (seconds >>> 8);
    id[3] = (byte) seconds;
    System.arraycopy(PROCESS, 0, id, 4, 5);
    id[9] = (byte) (count >>> 16);
    id[10] = (byte) (count >>> 8);
    id[11] = (byte) count;
    return HEX.formatHex(id);
  }

  /** True when {@code text} has the form of an id: 24 hex digits. */
  public static boolean isValid(String text) {
    if (text == null || text.length() != 24) {
      return false;
    }
    for (int i = 0; i < text.length(); i++) {
      if (Character.digit(text.charAt(i), 16) < 0) {
        return false;
      }
    }
    return true;
  }
}
