/**
 * Internal: VNF fault management ({@code /vnffm/v1}, SOL003 §7): alarms raised and cleared by a
 * watcher over the compute nodes' counters (an NF runtime that fails, a merger that times out),
 * stored, listed, read and acknowledged.
 */
@NullMarked
package org.nfpvnfm.vnfm.internal.fm;

import org.jspecify.annotations.NullMarked;
