package org.nfpvnfm.dpdk.trace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PrefixTest {

  @Test
  void readsBackWhatItPrints() {
    for (String text :
        new String[] {
          "192.168.0.0/16",
          "172.16.0.0/12",
          "0.0.0.0/0",
          "198.51.100.7/32",
          "2001:db8::/32",
          "fd00:1::/48",
          "::/0",
          "2001:db8:0:1::5/128"
        }) {
      assertThat(Prefix.parse(text)).hasToString(text);
    }
    assertThat(Prefix.parse("10.1.2.3")).hasToString("10.1.2.3/32");
    assertThat(Prefix.parse("2001:DB8::1")).hasToString("2001:db8::1/128");
  }

  @Test
  void holdsTheNetworkBits() {
    Prefix p = Prefix.parse("172.16.0.0/12");
    assertThat(p.version()).isEqualTo(4);
    assertThat(p.low()).isEqualTo(0xac10_0000L);
    assertThat(p.lowMask()).isEqualTo(0xfff0_0000L);
    Prefix v6 = Prefix.parse("2001:db8::/32");
    assertThat(v6.high()).isEqualTo(0x2001_0db8_0000_0000L);
    assertThat(v6.highMask()).isEqualTo(0xffff_ffff_0000_0000L);
    assertThat(v6.lowMask()).isZero();
  }

  @Test
  void rejectsBadPrefixesNamingWhatIsWrong() {
    assertThatThrownBy(() -> Prefix.parse("10.1.0.0/8"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("host bits set (expected: 10.0.0.0/8)");
    assertThatThrownBy(() -> Prefix.parse("10.0.0.0/33")).hasMessageContaining("0 to 32");
    assertThatThrownBy(() -> Prefix.parse("10.1/16")).hasMessageContaining("is not an address");
    assertThatThrownBy(() -> Prefix.parse("300.0.0.0/8")).hasMessageContaining("not an address");
    assertThatThrownBy(() -> Prefix.parse("2001:db8::/129")).hasMessageContaining("0 to 128");
    assertThatThrownBy(() -> Prefix.parse("2001:zz::/32"))
        .hasMessageContaining("is not an IPv6 address");
    assertThatThrownBy(() -> Prefix.parse("::ffff:1.2.3.4/128"))
        .hasMessageContaining("is not an IPv6 address");
    assertThatThrownBy(() -> Prefix.parse("fe80::1%eth0/128"))
        .hasMessageContaining("is not an IPv6 address");
  }
}
