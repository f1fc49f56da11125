package org.nfpvnfm.vnfm.internal.pkg;

import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The catalog the lifecycle reads: this VNFM's onboarded package of a VNFD first, else the NFVO's
 * when one is configured.
 */
final class LocalFirstCatalog implements PackageCatalog {
  private final VnfPackageService local;
  private final @Nullable NfvoPackages nfvo;

  LocalFirstCatalog(VnfPackageService local, @Nullable NfvoPackages nfvo) {
    this.local = local;
    this.nfvo = nfvo;
  }

  @Override
  public Optional<OnboardedPackage> byVnfdId(String vnfdId) {
    Optional<OnboardedPackage> own = local.byVnfdId(vnfdId);
    if (own.isPresent() || nfvo == null) {
      return own;
    }
    return nfvo.byVnfdId(vnfdId);
  }
}
