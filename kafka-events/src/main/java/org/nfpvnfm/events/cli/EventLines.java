package org.nfpvnfm.events.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import org.jspecify.annotations.Nullable;
import org.nfpvnfm.events.CloudEvent;
import org.nfpvnfm.events.Event;
import org.nfpvnfm.events.EventData;
import org.nfpvnfm.events.EventType;

/**
 * One readable line per event: its time (UTC, to the millisecond, so the columns line up), its type
 * without the product's prefix, its subject, and what happened in a few words.
 */
final class EventLines {
  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'", Locale.ROOT)
          .withZone(ZoneOffset.UTC);

  /** The longest short name ({@code vnf.operation.state_changed.v1}): the type column's width. */
  private static final int TYPE_WIDTH = 30;

  private static final int UNKNOWN_DATA_WIDTH = 120;

  private EventLines() {}

  static String line(Event e) {
    CloudEvent ce = e.cloudEvent();
    String type = e.type().map(EventType::shortName).orElse(ce.type());
    String subject = ce.subject() != null ? ce.subject() : ce.partitionkey();
    String summary = summary(e.data());
    String line =
        TIME.format(ce.time())
            + "  "
            + String.format(Locale.ROOT, "%-" + TYPE_WIDTH + "s", type)
            + "  "
            + subject
            + (summary.isEmpty() ? "" : "  " + summary);
    return line.strip();
  }

  /** What the event says, in a few words; the type and subject are on the line already. */
  static String summary(EventData data) {
    return switch (data) {
      case EventData.PackageOnboarded p ->
          "vnfd "
              + p.vnfdId()
              + " "
              + p.vnfProvider()
              + " "
              + p.vnfProductName()
              + " "
              + p.vnfSoftwareVersion();
      case EventData.PackageOnboardingFailed f -> f.detail();
      case EventData.PackageStateChanged s ->
          s.operationalState() + (s.vnfdId() == null ? "" : " vnfd " + s.vnfdId());
      case EventData.PackageDeleted d -> d.vnfdId() == null ? "" : "vnfd " + d.vnfdId();
      case EventData.VnfInstanceCreated c -> href(c.links(), "vnfInstance");
      case EventData.VnfInstanceDeleted d -> href(d.links(), "vnfInstance");
      case EventData.OperationStateChanged o ->
          o.operation()
              + " "
              + o.operationState()
              + " occurrence "
              + o.vnfLcmOpOccId()
              + (o.isAutomaticInvocation() ? " (automatic)" : "")
              + problem(o.error());
      case EventData.GraphCompiled g ->
          "graph " + g.graph() + " " + g.plan().toLowerCase(Locale.ROOT) + ": " + g.shape();
      case EventData.GraphDeployed d ->
          "graph "
              + d.graph()
              + " on node "
              + d.node()
              + ": "
              + d.nfs().size()
              + " NFs, "
              + d.mergers()
              + (d.mergers() == 1 ? " merger" : " mergers")
              + ", deployment "
              + d.deployment();
      case EventData.GraphUndeployed u ->
          "graph " + u.graph() + " from node " + u.node() + ": " + u.reason();
      case EventData.NfRuntimeFailed f ->
          "nf "
              + f.nf()
              + " on node "
              + f.node()
              + ": "
              + f.failed()
              + " packets failed, alarm "
              + f.alarmId();
      case EventData.NfRuntimeHealed h -> "nf " + h.nf() + " on node " + h.node() + " replaced";
      case EventData.MergerReconfigured m ->
          "mergers " + m.mergersBefore() + " -> " + m.mergers() + " on node " + m.node();
      case EventData.AlarmRaised a ->
          a.perceivedSeverity() + " " + a.probableCause() + " (alarm " + a.alarmId() + ")";
      case EventData.AlarmCleared c -> "alarm " + c.alarmId() + " cleared";
      case EventData.GraphTelemetry t -> telemetry(t);
      case EventData.Unknown u -> "(unknown type) " + clip(u.data().toString());
    };
  }

  /** The link's URI, where an operator can look the resource up. */
  private static String href(JsonNode links, String name) {
    JsonNode href = links.path(name).path("href");
    return href.isTextual() ? href.asText() : "";
  }

  private static String problem(@Nullable JsonNode error) {
    if (error == null || !error.isObject()) {
      return "";
    }
    JsonNode detail = error.get("detail");
    return detail == null || !detail.isTextual() ? "" : ": " + detail.asText();
  }

  private static String telemetry(EventData.GraphTelemetry t) {
    StringBuilder s =
        new StringBuilder()
            .append("graph ")
            .append(t.graph())
            .append(" on node ")
            .append(t.node())
            .append(": ")
            .append(t.delivered())
            .append(" delivered, ")
            .append(t.dropped())
            .append(" dropped, ")
            .append(String.format(Locale.ROOT, "%.0f", t.deliveredPerSecond()))
            .append(" pkt/s");
    EventData.Latency l = t.latency();
    if (l != null) {
      s.append(String.format(Locale.ROOT, ", p99 %.1f us", l.p99Ns() / 1000.0));
    }
    return s.toString();
  }

  private static String clip(String s) {
    return s.length() <= UNKNOWN_DATA_WIDTH ? s : s.substring(0, UNKNOWN_DATA_WIDTH - 3) + "...";
  }
}
