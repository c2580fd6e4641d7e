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
    boolean ipv6 = host.startsWith("[");
    if (!ipv6 && !IPV4.matcher(host).matches()) {
      throw new IllegalArgumentException("the host must be localhost or an IP address, not a name that could"
          + " resolve to another interface (got '" + value + "')");
    }
    try {
      // a literal address: no name is looked up
      return new InetSocketAddress(InetAddress.getByName(ipv6 ? host.substring(1, host.length() - 1) : host), port);
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException("the host must be localhost or an IP address (got '" + value + "')");
    }
  }
}
