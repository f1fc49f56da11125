package org.nfpvnfm.vnfm.internal.lcm;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A VNF instance as stored and served (SOL003 §5.5.2.2 VnfInstance, without {@code _links}, which
 * the resource adds for the caller's base URI).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record VnfInstance(
    String id,
    @Nullable String vnfInstanceName,
    @Nullable String vnfInstanceDescription,
    String vnfdId,
    String vnfProvider,
    String vnfProductName,
    String vnfSoftwareVersion,
    String vnfdVersion,
    @Nullable String vnfPkgId,
    @Nullable JsonNode vnfConfigurableProperties,
    @Nullable JsonNode vimConnectionInfo,
    String instantiationState,
    @Nullable InstantiatedVnfInfo instantiatedVnfInfo,
    @Nullable JsonNode metadata,
    @Nullable JsonNode extensions) {

  public static final String NOT_INSTANTIATED = "NOT_INSTANTIATED";
  public static final String INSTANTIATED = "INSTANTIATED";

  /**
   * What an instantiated VNF is made of: each NF runtime of its deployed graphs is a VNFC, and the
   * one scaling aspect, {@link Lifecycle#MERGER_ASPECT}, is the merger instances per block.
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record InstantiatedVnfInfo(
      String flavourId,
      String vnfState,
      List<ScaleInfo> scaleStatus,
      List<ScaleInfo> maxScaleLevels,
      @Nullable JsonNode extVirtualLinkInfo,
      List<VnfcResourceInfo> vnfcResourceInfo,
      @Nullable String localizationLanguage) {}

  /** The scale level of one aspect. */
  public record ScaleInfo(String aspectId, int scaleLevel) {}

  /** One NF runtime on a compute node. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record VnfcResourceInfo(String id, String vduId, ResourceHandle computeResource) {}

  /** Where a VNFC runs: the node's name, and the NF's task on it. */
  public record ResourceHandle(
      String resourceProviderId, String resourceId, String vimLevelResourceType) {}

  VnfInstance withState(String state, @Nullable InstantiatedVnfInfo info) {
    return new VnfInstance(
        id,
        vnfInstanceName,
        vnfInstanceDescription,
        vnfdId,
        vnfProvider,
        vnfProductName,
        vnfSoftwareVersion,
        vnfdVersion,
        vnfPkgId,
        vnfConfigurableProperties,
        vimConnectionInfo,
        state,
        info,
        metadata,
        extensions);
  }
}
