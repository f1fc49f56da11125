package org.nfpvnfm.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class EventCodecTest {

  private static ObjectNode example() {
    return EventCodec.toJson(EventExamples.event("e-1", EventType.GRAPH_DEPLOYED, "vnf-1"));
  }

  private static byte[] bytes(ObjectNode n) {
    return n.toString().getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void refusesDataThatLacksAPropertyItsTypeRequires() {
    ObjectNode n = example();
    ((ObjectNode) n.get("data")).remove("vnfInstanceId");
    CloudEvent e = EventCodec.decode(bytes(n));
    assertThatThrownBy(() -> EventCodec.data(e))
        .isInstanceOf(MalformedEventException.class)
        .hasMessage(
            "event e-1 of type org.nfpvnfm.graph.deployed.v1 has data that does not fit its"
                + " schema: vnfInstanceId is required");
  }

  @Test
  void writesTheJsonEventFormatWithEveryAttributeTheProductSets() {
    ObjectNode n = example();
    assertThat(n.path("specversion").asText()).isEqualTo("1.0");
    assertThat(n.path("id").asText()).isEqualTo("e-1");
    assertThat(n.path("source").asText()).isEqualTo(EventExamples.SOURCE);
    assertThat(n.path("type").asText()).isEqualTo("org.nfpvnfm.graph.deployed.v1");
    assertThat(n.path("subject").asText()).isEqualTo("vnf-1");
    assertThat(n.path("time").asText()).isEqualTo("2026-11-24T10:00:05.500123Z");
    assertThat(n.path("datacontenttype").asText()).isEqualTo("application/json");
    assertThat(n.path("dataschema").asText())
        .isEqualTo("urn:nfp-vnfm:events:schema:graph.deployed.v1");
    assertThat(n.path("partitionkey").asText()).isEqualTo("vnf-1");
    assertThat(n.path("data").path("node").asText()).isEqualTo("node-1");
  }

  @Test
  void decodesWhatItEncodesToTheSameEventAndTheSameRecord() {
    CloudEvent e = EventExamples.event("e-1", EventType.GRAPH_COMPILED, "vnf-1");
    CloudEvent read = EventCodec.decode(EventCodec.encode(e));
    assertThat(read).isEqualTo(e);
    assertThat(EventCodec.data(read))
        .isEqualTo(EventExamples.data(EventType.GRAPH_COMPILED, "vnf-1"));
  }

  @Test
  void leavesOutTheOptionalAttributesThatAreNotSet() {
    CloudEvent e =
        new CloudEvent(
            "e-2",
            "/s",
            EventType.PACKAGE_DELETED.type(),
            null,
            java.time.Instant.parse("2026-11-24T10:00:00Z"),
            null,
            "pkg-1",
            EventCodec.toJson(new EventData.PackageDeleted("pkg-1", null)));
    ObjectNode n = EventCodec.toJson(e);
    assertThat(n.has("subject")).isFalse();
    assertThat(n.has("dataschema")).isFalse();
    assertThat(n.path("data").has("vnfdId")).isFalse();
    assertThat(EventCodec.decode(EventCodec.encode(e))).isEqualTo(e);
  }

  @Test
  void takesTheIdAsKeyWhenThereIsNoPartitionKey() {
    ObjectNode n = example();
    n.remove("partitionkey");
    assertThat(EventCodec.decode(bytes(n)).partitionkey()).isEqualTo("e-1");
  }

  @Test
  void rejectsBytesThatAreNotJson() {
    assertThatThrownBy(() -> EventCodec.decode(new byte[] {(byte) 0xff, 0x00, 0x13}))
        .isInstanceOf(MalformedEventException.class)
        .hasMessageStartingWith("not JSON: ");
  }

  @Test
  void rejectsJsonThatIsNotAnObject() {
    assertThatThrownBy(() -> EventCodec.decode("[1, 2]".getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(MalformedEventException.class)
        .hasMessage("not a JSON object");
  }

  @Test
  void rejectsAnotherSpecVersion() {
    ObjectNode n = example().put("specversion", "0.3");
    assertThatThrownBy(() -> EventCodec.decode(bytes(n)))
        .isInstanceOf(MalformedEventException.class)
        .hasMessage("specversion is 0.3 (expected: 1.0)");
  }

  @Test
  void rejectsAnObjectWithoutSpecVersion() {
    assertThatThrownBy(() -> EventCodec.decode("{\"hello\": 1}".getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(MalformedEventException.class)
        .hasMessage("specversion is null (expected: 1.0)");
  }

  @ParameterizedTest
  @CsvSource({
    "id, an event has no id",
    "source, event e-1 has no source",
    "type, event e-1 has no type",
    "time, event e-1 has no time",
    "data, event e-1 has no data",
  })
  void rejectsAnEventWithoutARequiredAttribute(String attribute, String message) {
    ObjectNode n = example();
    n.remove(attribute);
    assertThatThrownBy(() -> EventCodec.decode(bytes(n)))
        .isInstanceOf(MalformedEventException.class)
        .hasMessage(message);
  }

  @Test
  void rejectsATimeThatIsNotAnInstant() {
    ObjectNode n = example().put("time", "yesterday");
    assertThatThrownBy(() -> EventCodec.decode(bytes(n)))
        .isInstanceOf(MalformedEventException.class)
        .hasMessage("event e-1 has an invalid time: yesterday");
  }

  @Test
  void rejectsDataThatIsNotJson() {
    ObjectNode n = example().put("datacontenttype", "application/xml");
    assertThatThrownBy(() -> EventCodec.decode(bytes(n)))
        .isInstanceOf(MalformedEventException.class)
        .hasMessage("event e-1 has datacontenttype application/xml (expected: application/json)");
  }

  @Test
  void rejectsDataThatDoesNotFitItsType() {
    ObjectNode n = example();
    ((ObjectNode) n.get("data")).put("mergers", "many");
    CloudEvent e = EventCodec.decode(bytes(n));
    assertThatThrownBy(() -> EventCodec.data(e))
        .isInstanceOf(MalformedEventException.class)
        .hasMessageStartingWith(
            "event e-1 of type org.nfpvnfm.graph.deployed.v1 has data that does not fit its"
                + " schema: ");
  }

  @Test
  void readsTheDataOfATypeItDoesNotKnowAsUnknown() {
    ObjectNode n = example().put("type", "org.nfpvnfm.graph.resized.v1");
    CloudEvent e = EventCodec.decode(bytes(n));
    assertThat(e.knownType()).isEmpty();
    assertThat(EventCodec.data(e)).isEqualTo(new EventData.Unknown(n.get("data")));
  }

  @Test
  void carriesTheEventInStructuredModeKeyedByItsPartitionKey() {
    CloudEvent e = EventExamples.event("e-1", EventType.GRAPH_DEPLOYED, "vnf-1");
    ProducerRecord<String, byte[]> r = EventCodec.toRecord(Topics.LIFECYCLE, e);
    assertThat(r.topic()).isEqualTo(Topics.LIFECYCLE);
    assertThat(r.key()).isEqualTo("vnf-1");
    assertThat(r.value()).isEqualTo(EventCodec.encode(e));
    assertThat(new String(r.headers().lastHeader("content-type").value(), StandardCharsets.UTF_8))
        .isEqualTo("application/cloudevents+json; charset=UTF-8");
    assertThat(EventCodec.isStructured(r.headers())).isTrue();
  }

  @Test
  void readsRecordsWithoutContentTypeAsStructuredAndOthersAsNot() {
    assertThat(EventCodec.isStructured(new RecordHeaders())).isTrue();
    RecordHeaders binary = new RecordHeaders();
    binary.add("content-type", "application/json".getBytes(StandardCharsets.UTF_8));
    assertThat(EventCodec.isStructured(binary)).isFalse();
    RecordHeaders upper = new RecordHeaders();
    upper.add("content-type", "Application/CloudEvents+JSON".getBytes(StandardCharsets.UTF_8));
    assertThat(EventCodec.isStructured(upper)).isTrue();
  }
}
