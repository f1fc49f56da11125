package org.nfpvnfm.tosca.nfp;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.nfpvnfm.tosca.SourceLocation;

/**
 * The implementation an action profile names for its NFs ({@code function}) and the properties it
 * gives that implementation ({@code config}), as the descriptor has them: YAML scalars, lists and
 * maps. Whether the function exists and accepts the config is for the NF SDK to say (NFP010,
 * NFP011); the front end only reads them.
 *
 * @param location the policy's, for diagnostics
 */
public record NfImplementation(
    String function, Map<String, Object> config, SourceLocation location) {

  public NfImplementation {
    // LinkedHashMap, not Map.copyOf: a YAML value may be null (key: ~), and order reads better.
    config = Collections.unmodifiableMap(new LinkedHashMap<>(config));
  }
}
