-- Fault and performance management (SOL003 VNF FM and PM): alarms, PM jobs with their reports,
-- and thresholds. Each row keeps the resource's JSON document; the columns beside it are what is
-- queried, or what the VNFM keeps for itself and never serves.

-- An alarm, active until cleared. condition_key names what raised it (VNF instance, kind, NF
-- runtime or merger), so that one condition has at most one active alarm; last_count and
-- last_rise_at are the counter's last value and when it last rose, for the quiet period.
CREATE TABLE vnf_alarms (
  id VARCHAR(64) PRIMARY KEY,
  managed_object_id VARCHAR(64) NOT NULL,
  condition_key VARCHAR(1024) NOT NULL,
  active BOOLEAN NOT NULL,
  raised_at TIMESTAMP WITH TIME ZONE NOT NULL,
  cleared_at TIMESTAMP WITH TIME ZONE,
  last_count BIGINT NOT NULL,
  last_rise_at TIMESTAMP WITH TIME ZONE NOT NULL,
  doc TEXT NOT NULL
);
CREATE INDEX vnf_alarms_active ON vnf_alarms (active);
CREATE INDEX vnf_alarms_object ON vnf_alarms (managed_object_id);

-- A PM job. auth holds the callback's credentials (SOL003 SubscriptionAuthentication), which are
-- never served back.
CREATE TABLE pm_jobs (
  id VARCHAR(64) PRIMARY KEY,
  created_at TIMESTAMP WITH TIME ZONE NOT NULL,
  doc TEXT NOT NULL,
  auth TEXT
);

-- A PM job's report (SOL003 PerformanceReport); the oldest are deleted beyond a fixed number.
CREATE TABLE pm_reports (
  id VARCHAR(64) PRIMARY KEY,
  pm_job_id VARCHAR(64) NOT NULL,
  ready_at TIMESTAMP WITH TIME ZONE NOT NULL,
  doc TEXT NOT NULL
);
CREATE INDEX pm_reports_job ON pm_reports (pm_job_id, ready_at);

-- A threshold. state is the VNFM's own: on which side of the threshold each measured object
-- was last seen, and the crossings recorded so far.
CREATE TABLE pm_thresholds (
  id VARCHAR(64) PRIMARY KEY,
  created_at TIMESTAMP WITH TIME ZONE NOT NULL,
  doc TEXT NOT NULL,
  auth TEXT,
  state TEXT NOT NULL
);
