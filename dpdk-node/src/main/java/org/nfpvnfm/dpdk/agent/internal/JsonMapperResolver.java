package org.nfpvnfm.dpdk.agent.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import jakarta.ws.rs.ext.ContextResolver;
import jakarta.ws.rs.ext.Provider;

/**
 * The mapper Jersey's Jackson provider writes the agent's documents with. Records need no module
 * (Jackson 2.12 and later reads their components); maps are written sorted by key, because {@code
 * NodeStats} copies its maps with {@code Map.copyOf}, whose order changes from run to run.
 */
@Provider
public final class JsonMapperResolver implements ContextResolver<ObjectMapper> {
  private final ObjectMapper mapper =
      JsonMapper.builder()
          .enable(SerializationFeature.INDENT_OUTPUT)
          .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
          .build();

  @Override
  public ObjectMapper getContext(Class<?> type) {
    return mapper;
  }
}
