-- VNF packages onboarded on this VNFM (SOL005 VnfPkgInfo, Tacker's /vnfpkgm/v1) and packages
-- fetched from the NFVO's /vnfpkgm/v2/onboarded_vnf_packages. Each row keeps the resource's JSON
-- document; the uploaded zip lives in the packages folder, never in the database.
CREATE TABLE vnf_packages (
  id VARCHAR(64) PRIMARY KEY,
  onboarding_state VARCHAR(32) NOT NULL,
  operational_state VARCHAR(32) NOT NULL,
  -- Set only while the package is ONBOARDED: at most one onboarded package per VNFD.
  vnfd_id VARCHAR(255) UNIQUE,
  created_at TIMESTAMP WITH TIME ZONE NOT NULL,
  doc TEXT NOT NULL,
  -- Where the VNFD, the manifest and the artifacts are in the zip (JSON), once onboarded.
  layout TEXT
);
CREATE INDEX vnf_packages_onboarding ON vnf_packages (onboarding_state);

CREATE TABLE nfvo_vnf_packages (
  vnfd_id VARCHAR(255) PRIMARY KEY,
  vnf_pkg_id VARCHAR(255) NOT NULL,
  folder VARCHAR(64) NOT NULL,
  fetched_at TIMESTAMP WITH TIME ZONE NOT NULL,
  doc TEXT NOT NULL
);
