package org.nfpvnfm.events.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.nfpvnfm.events.CloudEvent;
import org.nfpvnfm.events.Event;
import org.nfpvnfm.events.EventCodec;
import org.nfpvnfm.events.EventData;
import org.nfpvnfm.events.EventExamples;
import org.nfpvnfm.events.EventType;

class EventLinesTest {

  private static Event event(EventType type) {
    CloudEvent e = EventExamples.event("e-1", type, "vnf-1");
    return new Event(e, EventCodec.data(e), type.topic(), 0, 0);
  }

  @Test
  void putsTimeTypeSubjectAndSummaryInColumns() {
    assertThat(EventLines.line(event(EventType.GRAPH_COMPILED)))
        .isEqualTo(
            "2026-11-24T10:00:05.500Z  graph.compiled.v1               vnf-1  graph edge"
                + " parallel: VPN -> {Monitor | FW} -> LB");
  }

  @Test
  void summarisesAnOperationByOperationStateAndError() {
    assertThat(EventLines.summary(EventExamples.data(EventType.OPERATION_STATE_CHANGED, "v")))
        .isEqualTo(
            "INSTANTIATE FAILED_TEMP occurrence "
                + EventExamples.OP_OCC
                + ": compute node node-1 did not answer within 30 s");
  }

  @Test
  void summarisesADeploymentByItsNode() {
    assertThat(EventLines.summary(EventExamples.data(EventType.GRAPH_DEPLOYED, "v")))
        .isEqualTo("graph edge on node node-1: 4 NFs, 1 merger, deployment dep-7");
  }

  @Test
  void summarisesAnAlarmBySeverityAndCause() {
    assertThat(EventLines.summary(EventExamples.data(EventType.ALARM_RAISED, "v")))
        .isEqualTo("MAJOR nf-runtime-failed (alarm alarm-3)");
  }

  @Test
  void summarisesTelemetryWithThroughputAndLatency() {
    assertThat(EventLines.summary(EventExamples.data(EventType.GRAPH_TELEMETRY, "v")))
        .isEqualTo(
            "graph edge on node node-1: 999950 delivered, 50 dropped, 99995 pkt/s, p99 21.5 us");
  }

  @ParameterizedTest
  @EnumSource(EventType.class)
  void summarisesEveryTypeOnOneLine(EventType type) {
    String line = EventLines.line(event(type));
    assertThat(line).doesNotContain("\n").startsWith("2026-11-24T10:00:05.500Z  ");
    assertThat(line).contains(type.shortName());
    Set<EventType> packages =
        EnumSet.of(
            EventType.PACKAGE_DELETED,
            EventType.PACKAGE_ENABLED,
            EventType.PACKAGE_DISABLED,
            EventType.PACKAGE_ONBOARDED,
            EventType.PACKAGE_ONBOARDING_FAILED);
    assertThat(line).contains(packages.contains(type) ? EventExamples.PACKAGE : "vnf-1");
    assertThat(EventLines.summary(event(type).data())).isNotBlank();
  }

  @Test
  void showsAnUnknownTypeInFullWithItsDataClipped() {
    CloudEvent e =
        new CloudEvent(
            "e-9",
            "/s",
            "org.nfpvnfm.graph.resized.v1",
            "vnf-1",
            java.time.Instant.parse("2026-11-24T10:00:00Z"),
            null,
            "vnf-1",
            EventExamples.json("{\"note\": \"" + "x".repeat(300) + "\"}"));
    String line = EventLines.line(new Event(e, EventCodec.data(e), "t", 0, 0));
    assertThat(line)
        .startsWith(
            "2026-11-24T10:00:00.000Z  org.nfpvnfm.graph.resized.v1    vnf-1  (unknown type)"
                + " {\"note\":\"xxx")
        .endsWith("...");
    assertThat(EventCodec.data(e)).isInstanceOf(EventData.Unknown.class);
  }
}
