package org.nfpvnfm.nf.node;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.nfpvnfm.dpdk.nf.NetworkFunction;
import org.nfpvnfm.nf.NfConfig;
import org.nfpvnfm.nf.NfHarness;

/**
 * Tunnelled traffic for a decapsulating VPN at the head of a chain: the frames sealed by the real
 * VPN NF in encap mode (192.0.2.2 to 192.0.2.1, {@link RealNfs}'s SPI and key), with a few left in
 * clear, a few with a flipped ciphertext byte, and a few sent twice (replays), all of which the
 * decapsulating VPN drops.
 */
final class Esp {
  private Esp() {}

  static List<byte[]> tunnel(List<byte[]> inner, long seed) {
    List<byte[]> sealed = new ArrayList<>(inner.size());
    NetworkFunction encap =
        RealNfs.REGISTRY
            .find("vpn")
            .orElseThrow()
            .create(NfConfig.of("encap", RealNfs.vpn("encap", "192.0.2.2", "192.0.2.1")));
    try (NfHarness harness = new NfHarness()) {
      for (int from = 0; from < inner.size(); from += 200) {
        List<byte[]> chunk = inner.subList(from, Math.min(inner.size(), from + 200));
        List<NfHarness.Outcome> out = harness.run(encap, chunk);
        for (int i = 0; i < out.size(); i++) {
          NfHarness.Outcome o = out.get(i);
          if (o.malformed() || o.dropped()) {
            throw new IllegalStateException("frame " + (from + i) + " not sealed: " + o);
          }
          sealed.add(o.bytes());
        }
      }
    }
    SplittableRandom r = new SplittableRandom(seed);
    List<byte[]> out = new ArrayList<>(sealed.size() + sealed.size() / 40);
    for (int i = 0; i < sealed.size(); i++) {
      int roll = r.nextInt(100);
      if (roll < 4) {
        out.add(inner.get(i));
      } else if (roll < 6) {
        byte[] forged = sealed.get(i).clone();
        forged[forged.length - 20] ^= 0x5a;
        out.add(forged);
      } else {
        out.add(sealed.get(i));
        if (roll < 8 && i > 0) {
          out.add(sealed.get(r.nextInt(i)));
        }
      }
    }
    return out;
  }
}
