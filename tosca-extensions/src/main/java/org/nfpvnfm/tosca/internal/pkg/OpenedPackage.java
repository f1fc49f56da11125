package org.nfpvnfm.tosca.internal.pkg;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * A package that could be opened: its files, the path of its entry definitions (the main service
 * template), the metadata and whether it has a {@code TOSCA-Metadata/TOSCA.meta} file.
 *
 * <p>{@code metadata} holds the first block of TOSCA.meta, or for a package without TOSCA.meta the
 * root YAML file's {@code metadata} section, values as text. Keys are looked up ignoring case
 * ({@code Created-by} and {@code Created-By} are both in use).
 */
public record OpenedPackage(
    PackageSource source,
    String entryDefinitions,
    Map<String, String> metadata,
    boolean hasToscaMeta) {

  public OpenedPackage {
    TreeMap<String, String> copy = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    copy.putAll(metadata);
    metadata = Collections.unmodifiableMap(copy);
  }
}
