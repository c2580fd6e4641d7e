package io.claimdesk.web.http;

import io.javalin.http.Context;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.eclipse.jetty.util.InetAddressSet;

/**
 * The proxies whose {@code X-Forwarded-For} is believed ({@code TRUSTED_PROXIES}: IPs or CIDRs), and the client
 * address of a request: the direct peer, or, when that peer is a trusted proxy, the right-most forwarded address
 * that is not one. A header from any other peer is the client's own invention and is ignored.
 */
public final class TrustedProxies {
  private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
  private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*");

  private final InetAddressSet set = new InetAddressSet();
  private final List<String> entries;

  private TrustedProxies(List<String> entries) {
    this.entries = List.copyOf(entries);
    entries.forEach(set::add);
  }

  /** Nobody's forwarding header is believed. */
  public static TrustedProxies none() {
    return new TrustedProxies(List.of());
  }

  /**
   * Comma-separated IPs and CIDRs ({@code 10.0.0.0/8}, {@code 127.0.0.1}, {@code ::1}); null or blank for none.
   * Throws {@link IllegalArgumentException} naming the first entry that is neither.
   */
  public static TrustedProxies parse(String list) {
    List<String> entries = new ArrayList<>();
    if (list != null && !list.isBlank()) {
      for (String raw : list.split(",")) {
        String entry = raw.trim();
        if (!validEntry(entry)) {
          throw new IllegalArgumentException("'" + entry + "' is not an IP address or CIDR block");
        }
        entries.add(entry);
      }
    }
    return new TrustedProxies(entries);
  }

  /** The client address of this request. */
  public String client(Context ctx) {
    return client(ctx.req().getRemoteAddr(), Collections.list(ctx.req().getHeaders("X-Forwarded-For")));
  }

  /** The client address behind {@code peer}, given the request's {@code X-Forwarded-For} headers, in order. */
  public String client(String peer, List<String> forwardedFor) {
    Optional<InetAddress> direct = address(peer);
    if (direct.isEmpty()) {
      return peer == null ? "" : peer;
    }
    InetAddress hop = direct.get();
    if (entries.isEmpty() || !set.test(hop)) {
      return hop.getHostAddress();
    }
    List<String> hops = new ArrayList<>();
    forwardedFor.forEach(header -> hops.addAll(List.of(header.split(","))));
    for (int i = hops.size() - 1; i >= 0; i--) {
      Optional<InetAddress> forwarded = address(hops.get(i).trim());
      if (forwarded.isEmpty()) {
        break; // what lies beyond an unreadable entry cannot be trusted: the last proxy is the client
      }
      hop = forwarded.get();
      if (!set.test(hop)) {
        break;
      }
    }
    return hop.getHostAddress();
  }

  @Override
  public String toString() {
    return entries.isEmpty() ? "none" : String.join(",", entries);
  }

  private static boolean validEntry(String entry) {
    int slash = entry.indexOf('/');
    String ip = slash < 0 ? entry : entry.substring(0, slash);
    Optional<InetAddress> address = address(ip);
    if (address.isEmpty()) {
      return false;
    }
    if (slash < 0) {
      return true;
    }
    String bits = entry.substring(slash + 1);
    int max = address.get().getAddress().length * 8;
    return bits.matches("\\d{1,3}") && Integer.parseInt(bits) <= max;
  }

  /** An IP literal, never a name to look up (no DNS on the request path). */
  private static Optional<InetAddress> address(String text) {
    if (text == null) {
      return Optional.empty();
    }
    String literal = text.startsWith("[") && text.endsWith("]") ? text.substring(1, text.length() - 1) : text;
    boolean v4 = IPV4.matcher(literal).matches();
    if (!v4 && !IPV6.matcher(literal).matches()) {
      return Optional.empty();
    }
    if (v4) {
      for (String part : literal.split("\\.")) {
        if (Integer.parseInt(part) > 255) {
          return Optional.empty();
        }
      }
    }
    try {
      return Optional.of(InetAddress.getByName(literal));
    } catch (UnknownHostException e) {
      return Optional.empty();
    }
  }
}
