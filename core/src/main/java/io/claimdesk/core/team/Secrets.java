package io.claimdesk.core.team;

import at.favre.lib.crypto.bcrypt.BCrypt;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/**
 * Password hashing (bcrypt) and API tokens. Tokens carry 256 random bits, so a plain SHA-256 of them is a safe
 * lookup key; passwords are low-entropy and get bcrypt.
 */
public final class Secrets {
  /** The most bytes (UTF-8) of a password bcrypt takes into account. */
  public static final int MAX_PASSWORD_BYTES = 72;
  /** Why a longer password is refused, in the words users see. */
  public static final String TOO_LONG = "Password must be at most " + MAX_PASSWORD_BYTES + " bytes";
  private static final SecureRandom RANDOM = new SecureRandom();
  private final int bcryptCost;
  private final String dummyHash;

  /** {@code bcryptCost} 12 in production; tests use the minimum, 4, to stay fast. */
  public Secrets(int bcryptCost) {
    this.bcryptCost = bcryptCost;
    this.dummyHash = hashPassword("not a real password");
  }

  /** Hashes a password; one over {@link #MAX_PASSWORD_BYTES} is refused (callers check {@link #fits} first). */
  public String hashPassword(String password) {
    if (!fits(password)) {
      throw new IllegalArgumentException(TOO_LONG);
    }
    return BCrypt.withDefaults().hashToString(bcryptCost, password.toCharArray());
  }

  /**
   * Checks a password; with a null hash it still spends the time of a check, so unknown emails are not revealed.
   * A password no hash can hold (none, empty, over 72 bytes) is simply wrong.
   */
  public boolean verifyPassword(String password, String hash) {
    if (password == null || password.isEmpty() || !fits(password)) {
      return false;
    }
    boolean verified = BCrypt.verifyer().verify(password.toCharArray(), hash == null ? dummyHash : hash).verified;
    return hash != null && verified;
  }

  /** True when bcrypt can hold the whole password: it reads 72 bytes of UTF-8 and no more. */
  public static boolean fits(String password) {
    return password.getBytes(StandardCharsets.UTF_8).length <= MAX_PASSWORD_BYTES;
  }

  public static String newApiToken() {
    return "cd_" + randomToken();
  }

  /** 256 random bits, URL-safe Base64: API tokens, session cookies, CSRF and form tokens. */
  public static String randomToken() {
    byte[] bytes = new byte[32];
    RANDOM.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  public static String hashToken(String token) {
    try {
      MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
      return HexFormat.of().formatHex(sha256.digest(token.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }
}
