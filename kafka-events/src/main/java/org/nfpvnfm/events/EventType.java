package org.nfpvnfm.events;

import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Every event type this product publishes: its CloudEvents {@code type}, topic, the record its data
 * decodes to and its JSON Schema. Types carry a version suffix; a change a consumer could trip on
 * gets a new type rather than changing this one.
 */
public enum EventType {
  PACKAGE_ONBOARDED("package.onboarded.v1", Topics.PACKAGES, EventData.PackageOnboarded.class),
  PACKAGE_ONBOARDING_FAILED(
      "package.onboarding_failed.v1", Topics.PACKAGES, EventData.PackageOnboardingFailed.class),
  PACKAGE_ENABLED("package.enabled.v1", Topics.PACKAGES, EventData.PackageStateChanged.class),
  PACKAGE_DISABLED("package.disabled.v1", Topics.PACKAGES, EventData.PackageStateChanged.class),
  PACKAGE_DELETED("package.deleted.v1", Topics.PACKAGES, EventData.PackageDeleted.class),
  VNF_INSTANCE_CREATED(
      "vnf.instance.created.v1", Topics.LIFECYCLE, EventData.VnfInstanceCreated.class),
  VNF_INSTANCE_DELETED(
      "vnf.instance.deleted.v1", Topics.LIFECYCLE, EventData.VnfInstanceDeleted.class),
  OPERATION_STATE_CHANGED(
      "vnf.operation.state_changed.v1", Topics.LIFECYCLE, EventData.OperationStateChanged.class),
  GRAPH_COMPILED("graph.compiled.v1", Topics.LIFECYCLE, EventData.GraphCompiled.class),
  GRAPH_DEPLOYED("graph.deployed.v1", Topics.LIFECYCLE, EventData.GraphDeployed.class),
  GRAPH_UNDEPLOYED("graph.undeployed.v1", Topics.LIFECYCLE, EventData.GraphUndeployed.class),
  NF_RUNTIME_FAILED("nf_runtime.failed.v1", Topics.LIFECYCLE, EventData.NfRuntimeFailed.class),
  NF_RUNTIME_HEALED("nf_runtime.healed.v1", Topics.LIFECYCLE, EventData.NfRuntimeHealed.class),
  MERGER_RECONFIGURED(
      "merger.reconfigured.v1", Topics.LIFECYCLE, EventData.MergerReconfigured.class),
  ALARM_RAISED("alarm.raised.v1", Topics.LIFECYCLE, EventData.AlarmRaised.class),
  ALARM_CLEARED("alarm.cleared.v1", Topics.LIFECYCLE, EventData.AlarmCleared.class),
  GRAPH_TELEMETRY("graph.telemetry.v1", Topics.TELEMETRY, EventData.GraphTelemetry.class);

  /** The prefix of every type this product publishes (reverse DNS, as CloudEvents suggests). */
  public static final String PREFIX = "org.nfpvnfm.";

  private static final Map<String, EventType> BY_TYPE =
      Arrays.stream(values()).collect(Collectors.toMap(EventType::type, Function.identity()));

  private final String name;
  private final String topic;
  private final Class<? extends EventData> dataClass;

  EventType(String name, String topic, Class<? extends EventData> dataClass) {
    this.name = name;
    this.topic = topic;
    this.dataClass = dataClass;
  }

  /** The CloudEvents {@code type}, e.g. {@code org.nfpvnfm.vnf.instance.created.v1}. */
  public String type() {
    return PREFIX + name;
  }

  /** The type without the prefix, as {@code nfp events tail --type} accepts it. */
  public String shortName() {
    return name;
  }

  public String topic() {
    return topic;
  }

  public Class<? extends EventData> dataClass() {
    return dataClass;
  }

  /** The {@code $id} of the type's JSON Schema, which events carry as {@code dataschema}. */
  public String schemaId() {
    return "urn:nfp-vnfm:events:schema:" + name;
  }

  /** Where the type's JSON Schema is on the class path (and in this module's sources). */
  public String schemaResource() {
    return "/org/nfpvnfm/events/schemas/" + name + ".json";
  }

  /** The type whose {@link #type()} (or {@link #shortName()}) is {@code type}. */
  public static Optional<EventType> byType(String type) {
    EventType t = BY_TYPE.get(type);
    if (t == null && !type.startsWith(PREFIX)) {
      t = BY_TYPE.get(PREFIX + type);
    }
    return Optional.ofNullable(t);
  }
}
