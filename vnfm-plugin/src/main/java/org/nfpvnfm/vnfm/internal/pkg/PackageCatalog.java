package org.nfpvnfm.vnfm.internal.pkg;

import java.nio.file.Path;
import java.util.Optional;

/**
 * The VNF packages the lifecycle can instantiate from: packages onboarded on this VNFM (Tacker's
 * standalone {@code /vnfpkgm/v1}) and, when an NFVO is configured, packages onboarded there and
 * fetched from its {@code /vnfpkgm/v2/onboarded_vnf_packages}.
 */
public interface PackageCatalog {

  /**
   * An onboarded package, as the lifecycle needs it.
   *
   * @param vnfPkgId the package's id on this VNFM (or the NFVO's, for a fetched one)
   * @param vnfdId the VNFD's id
   * @param vnfProvider the VNFD's provider
   * @param vnfProductName the VNFD's product name
   * @param vnfSoftwareVersion the VNFD's software version
   * @param vnfdVersion the VNFD's version
   * @param enabled whether its operational state is ENABLED (a disabled package instantiates
   *     nothing new)
   * @param content what the TOSCA front end loads: the package's folder, zip or YAML file
   */
  record OnboardedPackage(
      String vnfPkgId,
      String vnfdId,
      String vnfProvider,
      String vnfProductName,
      String vnfSoftwareVersion,
      String vnfdVersion,
      boolean enabled,
      Path content) {}

  /**
   * The onboarded package of {@code vnfdId}: this VNFM's own, else the NFVO's (fetched and kept),
   * else empty. Throws {@link org.nfpvnfm.vnfm.internal.rest.ApiException} (502/504) when the NFVO
   * cannot be asked.
   */
  Optional<OnboardedPackage> byVnfdId(String vnfdId);
}
