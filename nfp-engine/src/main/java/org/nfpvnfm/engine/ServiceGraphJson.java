package org.nfpvnfm.engine;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;

/**
 * The service-graph format on the wire: JSON, as {@code docs/service-graph-format.md} describes. A
 * reader refuses a document whose {@code formatVersion} it does not know rather than guess.
 */
public final class ServiceGraphJson {

  private static final ObjectMapper MAPPER =
      JsonMapper.builder()
          .enable(SerializationFeature.INDENT_OUTPUT)
          .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
          .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .build();

  private ServiceGraphJson() {}

  /** The mapper, configured as this format needs, for callers that embed graphs in documents. */
  public static ObjectMapper mapper() {
    return MAPPER.copy();
  }

  public static String write(ServiceGraph graph) {
    try {
      return MAPPER.writeValueAsString(graph);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(
          "a service graph is always serialisable: " + e.getMessage(), e);
    }
  }

  /**
   * Reads a service graph.
   *
   * @throws IllegalArgumentException when the text is not a service graph of a known format version
   *     (the message says what is wrong)
   */
  public static ServiceGraph read(String json) {
    int version;
    try {
      var tree = MAPPER.readTree(json);
      if (tree == null || !tree.has("formatVersion")) {
        throw new IllegalArgumentException("not a service graph: no formatVersion");
      }
      version = tree.get("formatVersion").asInt(-1);
      if (version != ServiceGraph.FORMAT_VERSION) {
        throw new IllegalArgumentException(
            "service graph formatVersion %d is not supported (expected: %d)"
                .formatted(version, ServiceGraph.FORMAT_VERSION));
      }
      return MAPPER.treeToValue(tree, ServiceGraph.class);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("not a valid service graph: " + e.getOriginalMessage(), e);
    }
  }
}
