package org.nfpvnfm.dpdk.packet;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.nfpvnfm.tosca.nfp.PacketField;

class FieldAccessRecorderTest {

  private static final class Log implements FieldAccessRecorder {
    final List<String> seen = new ArrayList<>();

    @Override
    public void read(PacketField field) {
      seen.add("r " + field);
    }

    @Override
    public void write(PacketField field) {
      seen.add("w " + field);
    }
  }

  @Test
  void reportsEveryFieldAccessThroughPacketFieldsOnARecordedPacket() {
    ParsedPacket p = new ParsedPacket();
    ParsedPacket q = new ParsedPacket();
    Log log = new Log();
    PacketParser.parse(MemorySegment.ofArray(Frames.ipv4UdpDns()), p);
    PacketParser.parse(MemorySegment.ofArray(Frames.ipv4UdpDns()), q);
    p.recordAccessesTo(log);
    q.recordAccessesTo(log);

    PacketFields.get(p, PacketField.SIP);
    PacketFields.set(p, PacketField.DSCP, 10);
    PacketFields.read(p, PacketField.PAYLOAD, MemorySegment.ofArray(new byte[64]), 0);
    PacketFields.copyField(PacketField.TTL, p, q);

    assertThat(log.seen).containsExactly("r SIP", "w DSCP", "r PAYLOAD", "r TTL", "w TTL");
  }

  @Test
  void aPacketWithoutARecorderReportsNothingAndKeepsItsRecorderAcrossParses() {
    ParsedPacket p = new ParsedPacket();
    Log log = new Log();
    p.recordAccessesTo(log);
    PacketParser.parse(MemorySegment.ofArray(Frames.ipv4UdpDns()), p);
    PacketFields.get(p, PacketField.DPORT);
    p.recordAccessesTo(null);
    PacketFields.get(p, PacketField.SPORT);
    assertThat(log.seen).containsExactly("r DPORT");
  }
}
