/**
 * A reference interpreter for compiled service graphs: the oracle that checks the
 * result-correctness principle (spec §1) independently of how the engine builds its tables.
 *
 * <p>Packets are abstract: one {@code long} per header field, one for the payload, and a stack of
 * outer headers. NFs are {@link org.nfpvnfm.engine.reference.NfModel}s that read and write exactly
 * what their action profile says. {@link org.nfpvnfm.engine.reference.ReferenceInterpreter} runs
 * either the reference chain, step by step, or the compiled graph from its forwarding and merge
 * tables with packet versions interleaved at random; {@link
 * org.nfpvnfm.engine.reference.Differential} runs both over the same packets and reports the first
 * difference in an output packet, a drop, or what an NF saw.
 */
@NullMarked
package org.nfpvnfm.engine.reference;

import org.jspecify.annotations.NullMarked;
