package org.nfpvnfm.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One example of each event type's data, with every optional property set where the type has one,
 * and the CloudEvent that carries it: what the schema tests, the consumer tests and the tail tests
 * publish and read back.
 */
public final class EventExamples {
  public static final String SOURCE = "/nfp-vnfm/vnfm-1";
  public static final String INSTANCE = "9f3c2d5e-8a41-4c1b-b2a7-0e6d3f1a7c55";
  public static final String PACKAGE = "5b1f0e2a-3c7d-4e9a-8f60-1d2c3b4a5e6f";
  public static final String OP_OCC = "c2e8a7d4-6b15-4f3e-9a0c-7d1e2f3a4b5c";
  public static final String BASE = "https://vnfm.example.net:9890/vnflcm/v2/";
  private static final ObjectMapper M = EventCodec.mapper();

  private EventExamples() {}

  /** The example data of {@code type}, for {@code instance} (lifecycle and telemetry types). */
  public static EventData data(EventType type, String instance) {
    return switch (type) {
      case PACKAGE_ONBOARDED ->
          new EventData.PackageOnboarded(
              PACKAGE, "vnfd-parallel-chain-1", "NFP Labs", "parallel-chain", "1.2.0", "1.0");
      case PACKAGE_ONBOARDING_FAILED ->
          new EventData.PackageOnboardingFailed(
              PACKAGE, "Definitions/vnfd.yaml:12:5: NFP012 the NF order rules form a cycle");
      case PACKAGE_ENABLED ->
          new EventData.PackageStateChanged(PACKAGE, "vnfd-parallel-chain-1", "ENABLED");
      case PACKAGE_DISABLED ->
          new EventData.PackageStateChanged(PACKAGE, "vnfd-parallel-chain-1", "DISABLED");
      case PACKAGE_DELETED -> new EventData.PackageDeleted(PACKAGE, "vnfd-parallel-chain-1");
      case VNF_INSTANCE_CREATED ->
          new EventData.VnfInstanceCreated(
              "e-created-1",
              "VnfIdentifierCreationNotification",
              "2026-11-24T10:00:00.123456Z",
              instance,
              links(Map.of("vnfInstance", BASE + "vnf_instances/" + instance)));
      case VNF_INSTANCE_DELETED ->
          new EventData.VnfInstanceDeleted(
              "e-deleted-1",
              "VnfIdentifierDeletionNotification",
              "2026-11-24T12:00:00Z",
              instance,
              links(Map.of("vnfInstance", BASE + "vnf_instances/" + instance)));
      case OPERATION_STATE_CHANGED ->
          new EventData.OperationStateChanged(
              "e-opocc-1",
              "VnfLcmOperationOccurrenceNotification",
              "2026-11-24T10:00:05.5Z",
              "RESULT",
              "FAILED_TEMP",
              instance,
              "INSTANTIATE",
              false,
              OP_OCC,
              json(
                  """
                  [{"id": "vnfc-1", "vduId": "VDU_FW", "changeType": "ADDED",
                    "computeResource": {"resourceId": "node-1/fw-0",
                                        "vimLevelResourceType": "nfp.nf_runtime"}}]
                  """),
              json(
                  """
                  [{"id": "vl-1", "vnfVirtualLinkDescId": "VL_INT", "changeType": "ADDED",
                    "networkResource": {"resourceId": "ring-0"}}]
                  """),
              json(
                  """
                  [{"id": "lp-1", "changeType": "ADDED", "extCpInstanceId": "cp-in",
                    "resourceHandle": {"resourceId": "port-0"}}]
                  """),
              json(
                  """
                  [{"id": "st-1", "virtualStorageDescId": "VS_LOG", "changeType": "ADDED",
                    "storageResource": {"resourceId": "hugepages-0"}}]
                  """),
              json("{\"vnfInstanceName\": \"edge-chain\"}"),
              json(
                  """
                  [{"id": "ext-vl-1", "resourceHandle": {"resourceId": "net-0"},
                    "currentVnfExtCpData": [{"cpdId": "cp-in"}]}]
                  """),
              json(
                  """
                  {"type": "urn:nfp-vnfm:problem:node-unreachable", "title": "Node unreachable",
                   "status": 503, "detail": "compute node node-1 did not answer within 30 s"}
                  """),
              links(
                  Map.of(
                      "vnfInstance",
                      BASE + "vnf_instances/" + instance,
                      "vnfLcmOpOcc",
                      BASE + "vnf_lcm_op_occs/" + OP_OCC)));
      case GRAPH_COMPILED ->
          new EventData.GraphCompiled(
              instance,
              OP_OCC,
              "edge",
              "VPN -> {Monitor | FW} -> LB",
              "PARALLEL",
              new EventData.Parallelism(4, 4, 3, 2, 1, 1, 0));
      case GRAPH_DEPLOYED ->
          new EventData.GraphDeployed(
              instance,
              OP_OCC,
              "edge",
              "dep-7",
              "node-1",
              "VPN -> {Monitor | FW} -> LB",
              List.of("VPN", "Monitor", "FW", "LB"),
              1);
      case GRAPH_UNDEPLOYED ->
          new EventData.GraphUndeployed(instance, OP_OCC, "edge", "dep-7", "node-1", "TERMINATE");
      case NF_RUNTIME_FAILED ->
          new EventData.NfRuntimeFailed(instance, "dep-7", "FW", "node-1", 12, "alarm-3");
      case NF_RUNTIME_HEALED ->
          new EventData.NfRuntimeHealed(instance, OP_OCC, "dep-7", "FW", "node-1");
      case MERGER_RECONFIGURED ->
          new EventData.MergerReconfigured(instance, OP_OCC, "dep-7", "node-1", 1, 2);
      case ALARM_RAISED ->
          new EventData.AlarmRaised(
              instance, "alarm-3", "MAJOR", "nf-runtime-failed", alarm(instance, false));
      case ALARM_CLEARED ->
          new EventData.AlarmCleared(
              instance, "alarm-3", "2026-11-24T10:20:00Z", alarm(instance, true));
      case GRAPH_TELEMETRY ->
          new EventData.GraphTelemetry(
              instance,
              "dep-7",
              "edge",
              "node-1",
              "2026-11-24T10:10:00Z",
              "2026-11-24T10:10:10Z",
              1_000_000,
              999_950,
              50,
              99_995.0,
              new EventData.Latency(999_950, 8_200, 21_500, 40_100, 95_000));
    };
  }

  /** The CloudEvent that carries {@code data} of {@code type}, keyed as the product keys it. */
  public static CloudEvent event(String id, EventType type, EventData data) {
    String key =
        switch (data) {
          case EventData.OfInstance i -> i.vnfInstanceId();
          case EventData.PackageOnboarded p -> p.vnfPkgId();
          case EventData.PackageOnboardingFailed p -> p.vnfPkgId();
          case EventData.PackageStateChanged p -> p.vnfPkgId();
          case EventData.PackageDeleted p -> p.vnfPkgId();
          case EventData.Unknown u -> id;
        };
    return new CloudEvent(
        id,
        SOURCE,
        type.type(),
        key,
        Instant.parse("2026-11-24T10:00:05.500123Z"),
        type.schemaId(),
        key,
        EventCodec.toJson(data));
  }

  /** The example event of {@code type} about {@code instance}. */
  public static CloudEvent event(String id, EventType type, String instance) {
    return event(id, type, data(type, instance));
  }

  private static JsonNode alarm(String instance, boolean cleared) {
    ObjectNode a =
        (ObjectNode)
            json(
                """
                {"id": "alarm-3", "managedObjectId": "%s",
                 "alarmRaisedTime": "2026-11-24T10:15:00Z", "ackState": "UNACKNOWLEDGED",
                 "perceivedSeverity": "MAJOR", "eventTime": "2026-11-24T10:14:59.5Z",
                 "eventType": "PROCESSING_ERROR_ALARM", "faultType": "NF runtime failure",
                 "probableCause": "nf-runtime-failed", "isRootCause": true,
                 "faultDetails": ["FW on node-1 threw on 12 packets"],
                 "_links": {"self": {"href": "https://vnfm.example.net:9890/vnffm/v1/alarms/alarm-3"},
                            "objectInstance": {"href": "%s"}}}
                """
                    .formatted(instance, BASE + "vnf_instances/" + instance));
    if (cleared) {
      a.put("perceivedSeverity", "CLEARED").put("alarmClearedTime", "2026-11-24T10:20:00Z");
    }
    return a;
  }

  private static JsonNode links(Map<String, String> hrefs) {
    ObjectNode links = M.createObjectNode();
    hrefs.entrySet().stream()
        .sorted(Map.Entry.comparingByKey())
        .forEach(e -> links.putObject(e.getKey()).put("href", e.getValue()));
    return links;
  }

  public static JsonNode json(String text) {
    try {
      return M.readTree(text);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }
}
