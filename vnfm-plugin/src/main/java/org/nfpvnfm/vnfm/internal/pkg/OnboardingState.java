package org.nfpvnfm.vnfm.internal.pkg;

/**
 * SOL005's {@code PackageOnboardingStateType}: CREATED → UPLOADING → PROCESSING → ONBOARDED, or
 * ERROR when the content cannot be onboarded (the package is then deleted and created again).
 */
enum OnboardingState {
  CREATED,
  UPLOADING,
  PROCESSING,
  ONBOARDED,
  ERROR
}
