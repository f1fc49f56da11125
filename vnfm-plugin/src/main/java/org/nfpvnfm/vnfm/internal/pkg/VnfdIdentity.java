package org.nfpvnfm.vnfm.internal.pkg;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.nfpvnfm.tosca.NodeTemplate;
import org.nfpvnfm.tosca.ServiceTemplate;

/**
 * What identifies the VNFD of a package: the attributes of {@code VnfPkgInfo} that the lifecycle
 * and subscription filters select on. Read from the loaded template, in this order:
 *
 * <ol>
 *   <li>the template's {@code metadata} when it names a {@code descriptor_id} (a package-wide id,
 *       for templates with several VNFs);
 *   <li>the template's one {@code tosca.nodes.nfv.VNF} node, as Tacker reads a SOL001 VNFD: its
 *       {@code descriptor_id}, {@code provider}, {@code product_name}, {@code software_version} and
 *       {@code descriptor_version} properties (type defaults included);
 *   <li>the template's {@code metadata} {@code template_name} (TOSCA's CSAR metadata), with {@code
 *       template_author} as the provider and {@code template_version} as both versions.
 * </ol>
 *
 * An attribute missing from the chosen source is taken from the metadata's equivalent, else empty.
 */
record VnfdIdentity(
    String vnfdId,
    String vnfProvider,
    String vnfProductName,
    String vnfSoftwareVersion,
    String vnfdVersion) {

  static final String VNF_TYPE = "tosca.nodes.nfv.VNF";

  /** The identity of {@code template}, or empty when nothing in it names the VNFD. */
  static Optional<VnfdIdentity> of(ServiceTemplate template) {
    Map<String, String> meta = template.metadata();
    String explicit = nonEmpty(meta.get("descriptor_id"));
    if (explicit != null) {
      return Optional.of(fromMetadata(explicit, meta));
    }
    List<NodeTemplate> vnfs = template.nodesOfType(VNF_TYPE);
    if (vnfs.size() == 1) {
      NodeTemplate vnf = vnfs.getFirst();
      String id = text(vnf.property("descriptor_id"));
      if (id != null) {
        return Optional.of(
            new VnfdIdentity(
                id,
                first(text(vnf.property("provider")), metaProvider(meta)),
                first(text(vnf.property("product_name")), metaProduct(meta)),
                first(text(vnf.property("software_version")), metaVersion(meta, true)),
                first(text(vnf.property("descriptor_version")), metaVersion(meta, false))));
      }
    }
    String name = nonEmpty(meta.get("template_name"));
    return name == null ? Optional.empty() : Optional.of(fromMetadata(name, meta));
  }

  /** Why {@link #of} found nothing, for the onboarding failure's detail. */
  static String missing(ServiceTemplate template) {
    int vnfs = template.nodesOfType(VNF_TYPE).size();
    return "the package does not say which VNFD it is: the VNFD needs a descriptor_id on its one "
        + VNF_TYPE
        + " node (it has "
        + vnfs
        + " such nodes), or a descriptor_id or template_name in the metadata of "
        + template.file();
  }

  private static VnfdIdentity fromMetadata(String id, Map<String, String> meta) {
    return new VnfdIdentity(
        id,
        first(null, metaProvider(meta)),
        first(null, metaProduct(meta)),
        first(null, metaVersion(meta, true)),
        first(null, metaVersion(meta, false)));
  }

  private static @Nullable String metaProvider(Map<String, String> meta) {
    return first2(meta.get("provider"), meta.get("template_author"));
  }

  private static @Nullable String metaProduct(Map<String, String> meta) {
    return first2(meta.get("product_name"), meta.get("template_name"));
  }

  private static @Nullable String metaVersion(Map<String, String> meta, boolean software) {
    return first2(
        meta.get(software ? "software_version" : "descriptor_version"),
        meta.get("template_version"));
  }

  private static @Nullable String first2(@Nullable String a, @Nullable String b) {
    String x = nonEmpty(a);
    return x != null ? x : nonEmpty(b);
  }

  private static String first(@Nullable String a, @Nullable String b) {
    String x = first2(a, b);
    return x == null ? "" : x;
  }

  private static @Nullable String text(@Nullable Object value) {
    return value instanceof String || value instanceof Number || value instanceof Boolean
        ? nonEmpty(value.toString())
        : null;
  }

  private static @Nullable String nonEmpty(@Nullable String s) {
    return s == null || s.isBlank() ? null : s.strip();
  }
}
