package io.claimdesk.app;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a {@code host:port} to listen on, for EMBEDDED_MONGO_ADDRESS. A port alone means 127.0.0.1. The host is
 * {@code localhost} or an IP address written out ({@code 0.0.0.0}, {@code [::1]}): a host name is refused, since it
 * could resolve to an interface other machines reach without anyone having written that address down.
 */
final class ListenAddress {
  private static final Pattern FORM = Pattern.compile("^(?:(\\[[0-9A-Fa-f:.]+]|[^:\\[\\]]+)?:)?(\\d{1,5})$");
  private static final Pattern IPV4 = Pattern.compile("^(25[0-5]|2[0-4]\\d|1?\\d?\\d)(\\.(25[0-5]|2[0-4]\\d|1?\\d?\\d)){3}$");
  private static final Pattern IPV6 = Pattern.compile("^[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*$");

  private ListenAddress() {}

  /** The address; throws IllegalArgumentException with what is wrong. */
  static InetSocketAddress parse(String value) {
    Matcher m = FORM.matcher(value);
    if (!m.matches()) {
      throw new IllegalArgumentException("must be host:port, e.g. 127.0.0.1:27017 (got '" + value + "')");
    }
    int port = Integer.parseInt(m.group(2));
    if (port < 1 || port > 65535) {
      throw new IllegalArgumentException("the port must be from 1 to 65535 (got '" + value + "')");
    }
    String host = m.group(1) == null || m.group(1).equals("localhost") ? "127.0.0.1" : m.group(1);
    if (host.startsWith("[")) {
      host = host.substring(1, host.length() - 1);
    }
    if (!ipLiteral(host)) {
      throw new IllegalArgumentException("the host must be localhost or an IP address, not a name that could"
          + " resolve to another interface (got '" + value + "')");
    }
    try {
      return new InetSocketAddress(InetAddress.getByName(host), port); // a literal: no name is looked up
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException("the host must be localhost or an IP address (got '" + value + "')");
    }
  }

  /** An IPv4 or IPv6 address written out: a host name would need a lookup, and could name several. */
  static boolean ipLiteral(String host) {
    if (!IPV4.matcher(host).matches() && !IPV6.matcher(host).matches()) {
      return false;
    }
    try {
      InetAddress.getByName(host); // a literal: parsed, never looked up
      return true;
    } catch (UnknownHostException e) {
      return false;
    }
  }
}
