package io.claimdesk.store.embedded;

import java.util.List;

/**
 * A 1,024-bit summary of the pairs of adjacent characters a text holds (each pair hashed to one bit). A word whose
 * pairs' bits are not all set in a text's summary does not occur in it; when they are, it may (the text is then
 * read). A word of one character has no pair and may occur anywhere.
 */
final class CharPairs {
  private static final int WORDS = 16;

  private CharPairs() {}

  static long[] of(String text) {
    return with(new long[WORDS], text, false);
  }

  /** A copy of {@code pairs} with those of {@code text} added. */
  static long[] with(long[] pairs, String text) {
    return with(pairs, text, true);
  }

  private static long[] with(long[] pairs, String text, boolean copy) {
    long[] result = copy ? pairs.clone() : pairs;
    for (int i = 1; i < text.length(); i++) {
      int bit = bit(text.charAt(i - 1), text.charAt(i));
      result[bit >>> 6] |= 1L << (bit & 63);
    }
    return result;
  }

  /** False when some word surely does not occur in the text these pairs summarise. */
  static boolean mayHoldAll(long[] text, List<long[]> words) {
    for (long[] word : words) {
      for (int i = 0; i < WORDS; i++) {
        if ((text[i] & word[i]) != word[i]) {
          return false;
        }
      }
    }
    return true;
  }

  private static int bit(char first, char second) {
    int h = first * 0x9E3779B1 + second * 0x85EBCA6B;
    return (h ^ (h >>> 15)) & (WORDS * 64 - 1);
  }
}
