package org.nfpvnfm.engine.reference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.nfpvnfm.tosca.nfp.Access.READ;
import static org.nfpvnfm.tosca.nfp.Access.READ_WRITE;
import static org.nfpvnfm.tosca.nfp.Access.WRITE;
import static org.nfpvnfm.tosca.nfp.PacketField.DIP;
import static org.nfpvnfm.tosca.nfp.PacketField.PAYLOAD;
import static org.nfpvnfm.tosca.nfp.PacketField.SIP;
import static org.nfpvnfm.tosca.nfp.PacketField.TTL;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nfpvnfm.tosca.nfp.ActionProfile;
import org.nfpvnfm.tosca.nfp.PacketField;

class DeterministicNfTest {

  private static final Packet BASE = Policies.packets(1).getFirst();

  private static DeterministicNf nf(ActionProfile p) {
    return new DeterministicNf(7, p, DeterministicNf.seedFor(7));
  }

  private static ActionProfile profile(Map<PacketField, org.nfpvnfm.tosca.nfp.Access> fields) {
    return new ActionProfile("p", fields, false, false);
  }

  @Test
  void observesAndDependsOnlyOnWhatItReads() {
    ActionProfile p = profile(Map.of(SIP, READ, DIP, WRITE));
    Packet other = BASE.with(DIP, 77).with(TTL, 78).with(PAYLOAD, 79);
    PacketBuffer a = PacketBuffer.of(BASE);
    PacketBuffer b = PacketBuffer.of(other);

    nf(p).process(a);
    DeterministicNf second = nf(p);
    second.process(b);

    assertThat(second.observed())
        .containsExactly(new Observation(Map.of(SIP, BASE.get(SIP)), List.of()));
    assertThat(b.get(DIP)).as("dip written from sip and state alone").isEqualTo(a.get(DIP));
    assertThat(b.get(TTL)).as("ttl is not written").isEqualTo(78);
    assertThat(b.get(PAYLOAD)).as("payload is not written").isEqualTo(79);
  }

  @Test
  void readersAndWritersSeeTheHeaderStackButAHeaderOnlyNfDoesNot() {
    Packet pushed = new Packet(BASE.headers(), BASE.payload(), List.of(42L));
    for (ActionProfile p :
        List.of(profile(Map.of(SIP, READ, DIP, WRITE)), profile(Map.of(DIP, WRITE)))) {
      PacketBuffer a = PacketBuffer.of(BASE);
      PacketBuffer b = PacketBuffer.of(pushed);
      nf(p).process(a);
      nf(p).process(b);
      assertThat(a.get(DIP))
          .as("%s: where a write lands depends on the headers before it", PlanText.profile(p))
          .isNotEqualTo(b.get(DIP));
    }

    ActionProfile encap = new ActionProfile("encap", Map.of(), true, false);
    DeterministicNf plain = nf(encap);
    DeterministicNf stacked = nf(encap);
    assertThat(plain.process(PacketBuffer.of(BASE)))
        .as("adding a header does not depend on the headers already there")
        .isEqualTo(stacked.process(PacketBuffer.of(pushed)));
    assertThat(plain.observed()).containsExactly(new Observation(Map.of(), null));
  }

  @Test
  void stateChangesOnEveryPacketEvenWhenItReadsNothing() {
    DeterministicNf writer = nf(profile(Map.of(TTL, WRITE)));
    PacketBuffer first = PacketBuffer.of(BASE);
    PacketBuffer second = PacketBuffer.of(BASE);
    writer.process(first);
    writer.process(second);
    assertThat(second.get(TTL))
        .as("same packet twice, but the second time the NF has seen one packet more")
        .isNotEqualTo(first.get(TTL));
    assertThat(writer.observed()).hasSize(2);
  }

  @Test
  void touchesNothingBeyondItsProfile() {
    DeterministicNf nat = nf(profile(Map.of(SIP, READ_WRITE, PAYLOAD, READ)));
    PacketBuffer b = PacketBuffer.of(BASE);
    NfModel.Effect e = nat.process(b);
    Packet out = b.snapshot();
    for (PacketField f : PacketField.values()) {
      if (f != SIP) {
        assertThat(out.get(f)).as(f.key()).isEqualTo(BASE.get(f));
      }
    }
    assertThat(out.get(SIP)).isNotEqualTo(BASE.get(SIP));
    assertThat(out.stack()).isEqualTo(BASE.stack());
    assertThat(e).isEqualTo(new NfModel.Effect(false, HeaderChange.NONE));
  }

  @Test
  void dropsAboutOneInFourOnlyWhenItMayDrop() {
    DeterministicNf fw = nf(new ActionProfile("fw", Map.of(SIP, READ), false, true));
    DeterministicNf monitor = nf(new ActionProfile("m", Map.of(SIP, READ), false, false));
    int drops = 0;
    int monitorDrops = 0;
    for (Packet p : Policies.packets(400)) {
      drops += fw.process(PacketBuffer.of(p)).dropped() ? 1 : 0;
      monitorDrops += monitor.process(PacketBuffer.of(p)).dropped() ? 1 : 0;
    }
    assertThat(drops).as("drops out of 400").isBetween(60, 140);
    assertThat(monitorDrops).isZero();
  }

  @Test
  void pushesAndPopsHeadersAndPopOnEmptyStackDoesNothing() {
    DeterministicNf vpn = nf(new ActionProfile("vpn", Map.of(), true, false));
    int pushes = 0;
    int pops = 0;
    for (int i = 0; i < 200; i++) {
      PacketBuffer b = PacketBuffer.of(BASE);
      HeaderChange h = vpn.process(b).header();
      if (h.kind() == HeaderChange.Kind.PUSH) {
        pushes++;
        assertThat(b.stack()).containsExactly(h.header());
      } else {
        assertThat(h.kind()).isEqualTo(HeaderChange.Kind.POP);
        pops++;
        assertThat(b.stack()).as("pop on an empty stack").isEmpty();
      }
    }
    assertThat(pushes).isBetween(60, 140);
    assertThat(pops).isBetween(60, 140);
  }

  @Test
  void sameSeedSameInputsSameResults() {
    ActionProfile p = new ActionProfile("x", Map.of(SIP, READ, DIP, WRITE), true, true);
    DeterministicNf a = nf(p);
    DeterministicNf b = nf(p);
    for (Packet packet : Policies.packets(20)) {
      PacketBuffer x = PacketBuffer.of(packet);
      PacketBuffer y = PacketBuffer.of(packet);
      assertThat(a.process(x)).isEqualTo(b.process(y));
      assertThat(x.snapshot()).isEqualTo(y.snapshot());
    }
    assertThat(a.observed()).isEqualTo(b.observed());
  }

  @Test
  void headerCopySharesOnlyThePayload() {
    PacketBuffer source = PacketBuffer.of(BASE);
    PacketBuffer header = source.headerCopy();
    PacketBuffer full = source.fullCopy();
    header.set(PAYLOAD, 1);
    header.set(SIP, 2);
    header.push(3);
    assertThat(source.get(PAYLOAD)).as("payload cell shared").isEqualTo(1);
    assertThat(source.get(SIP)).isEqualTo(BASE.get(SIP));
    assertThat(source.stack()).isEqualTo(BASE.stack());
    assertThat(full.get(PAYLOAD)).as("a full copy is independent").isEqualTo(BASE.payload());
    assertThat(header.sharesPayloadWith(source)).isTrue();
    assertThat(full.sharesPayloadWith(source)).isFalse();
  }
}
