package org.nfpvnfm.vnfm.internal.pkg;

/** SOL005's {@code PackageOperationalStateType}: only an ONBOARDED package can be ENABLED. */
enum OperationalState {
  ENABLED,
  DISABLED
}
