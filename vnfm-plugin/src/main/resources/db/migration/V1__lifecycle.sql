-- VNF instances and their lifecycle operation occurrences (SOL003 VnfInstance, VnfLcmOpOcc).
-- Each row keeps the resource's JSON document, with the attributes that are queried or locked
-- on as columns of their own.
CREATE TABLE vnf_instances (
  id VARCHAR(64) PRIMARY KEY,
  vnfd_id VARCHAR(255) NOT NULL,
  instantiation_state VARCHAR(32) NOT NULL,
  created_at TIMESTAMP WITH TIME ZONE NOT NULL,
  doc TEXT NOT NULL,
  -- Where the instance's graphs are deployed (node, deployment names, mergers): the VNFM's own
  -- record, not part of the SOL003 resource.
  placement TEXT
);
CREATE INDEX vnf_instances_vnfd ON vnf_instances (vnfd_id);

CREATE TABLE vnf_lcm_op_occs (
  id VARCHAR(64) PRIMARY KEY,
  vnf_instance_id VARCHAR(64) NOT NULL,
  operation VARCHAR(32) NOT NULL,
  operation_state VARCHAR(32) NOT NULL,
  start_time TIMESTAMP WITH TIME ZONE NOT NULL,
  doc TEXT NOT NULL
);
CREATE INDEX vnf_lcm_op_occs_instance ON vnf_lcm_op_occs (vnf_instance_id);
CREATE INDEX vnf_lcm_op_occs_state ON vnf_lcm_op_occs (operation_state);
