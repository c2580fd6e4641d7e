package io.claimdesk.web.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class TrustedProxiesTest {
  private final TrustedProxies proxies = TrustedProxies.parse("10.0.0.0/8, 127.0.0.1,::1");

  @Test
  void peerThatIsNoTrustedProxyShouldBeTheClientWhateverItForwards() {
    assertThat(proxies.client("203.0.113.7", List.of("198.51.100.1"))).isEqualTo("203.0.113.7");
    assertThat(TrustedProxies.none().client("127.0.0.1", List.of("198.51.100.1"))).isEqualTo("127.0.0.1");
  }

  @Test
  void trustedPeerShouldNameTheRightMostForwardedAddressThatIsNoTrustedProxy() {
    // the left-most entries are the client's own invention; the proxy appended the address it saw
    assertThat(proxies.client("127.0.0.1", List.of("1.2.3.4, 198.51.100.9"))).isEqualTo("198.51.100.9");
    assertThat(proxies.client("127.0.0.1", List.of("1.2.3.4, 198.51.100.9, 10.1.2.3"))).isEqualTo("198.51.100.9");
    assertThat(proxies.client("127.0.0.1", List.of("1.2.3.4", "198.51.100.9"))).isEqualTo("198.51.100.9");
    assertThat(proxies.client("::1", List.of("2001:db8::5"))).isEqualTo("2001:db8:0:0:0:0:0:5");
  }

  @Test
  void trustedPeerWithoutAUsableHeaderShouldBeTheClient() {
    assertThat(proxies.client("127.0.0.1", List.of())).isEqualTo("127.0.0.1");
    assertThat(proxies.client("127.0.0.1", List.of("10.0.0.5"))).isEqualTo("10.0.0.5");
    assertThat(proxies.client("127.0.0.1", List.of("198.51.100.9, not-an-address"))).isEqualTo("127.0.0.1");
    assertThat(proxies.client("127.0.0.1", List.of("evil.example.com"))).isEqualTo("127.0.0.1");
  }

  @Test
  void parseShouldRefuseWhatIsNeitherAnAddressNorABlock() {
    assertThat(TrustedProxies.parse(null).toString()).isEqualTo("none");
    assertThat(TrustedProxies.parse(" ").toString()).isEqualTo("none");
    assertThat(TrustedProxies.parse("192.168.0.0/16,fd00::/8").toString()).isEqualTo("192.168.0.0/16,fd00::/8");
    for (String bad : new String[] {"proxy.example.com", "10.0.0.0/33", "300.1.1.1", "10.0.0.1,,10.0.0.2", "::1/129"}) {
      assertThatThrownBy(() -> TrustedProxies.parse(bad)).as(bad).isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("is not an IP address or CIDR block");
    }
  }
}
