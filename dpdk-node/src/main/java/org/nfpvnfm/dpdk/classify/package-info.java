/**
 * The dataplane's classifier (spec §6): which deployed service graph takes a parsed packet. {@link
 * org.nfpvnfm.dpdk.classify.FlowClassifier} is built off the fast path from the graphs' {@link
 * org.nfpvnfm.tosca.nfp.Classifier}s (Tacker ACL criteria, SOL001 NfpRule policies) and classifies
 * without allocating; docs/classifier.md gives the semantics and the measured cost.
 */
@NullMarked
package org.nfpvnfm.dpdk.classify;

import org.jspecify.annotations.NullMarked;
