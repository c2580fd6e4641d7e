package io.claimdesk.store.mongo;

import java.security.SecureRandom;

/** Ticket tags: 8 characters from an alphabet without look-alikes (no 0/O, 1/I), 40 random bits. */
final class Tags {
  private static final char[] ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789".toCharArray();
  private static final SecureRandom RANDOM = new SecureRandom();

  private Tags() {}

  static String next() {
    char[] tag = new char[8];
    for (int i = 0; i < tag.length; i++) {
      tag[i] = ALPHABET[RANDOM.nextInt(ALPHABET.length)];
    }
    return new String(tag);
  }
}
