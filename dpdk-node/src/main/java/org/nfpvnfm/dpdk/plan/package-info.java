/**
 * Execution plans and the plan chooser (docs/execution-plans.md). A compiled graph can run by
 * several correct plans: the parallel graph across cores (NFP), the sequential chain across cores
 * (a pipeline), either on one core (run to completion), or with its NFs placed by cost. Which is
 * fastest depends on the NFs' costs and on the machine: {@link Calibration} measures the machine's
 * costs (a ring hop between cores, copies, merges) at node start, {@link CostModel} predicts each
 * plan's latency and throughput from them and the NFs' measured costs, {@link PlanChooser} picks,
 * and {@link Replanner} re-plans a running graph when its NFs' costs drift.
 */
@NullMarked
package org.nfpvnfm.dpdk.plan;

import org.jspecify.annotations.NullMarked;
