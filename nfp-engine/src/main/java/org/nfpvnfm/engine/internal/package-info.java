/**
 * The engine's passes, one class each: {@link org.nfpvnfm.engine.internal.GraphInput} (resolve the
 * graph's NFs, profiles and rules), {@link org.nfpvnfm.engine.internal.Steps} (NFs run together),
 * {@link org.nfpvnfm.engine.internal.Constraints} (order, assign, position), {@link
 * org.nfpvnfm.engine.internal.ReferenceChain} (the sequential chain to agree with), {@link
 * org.nfpvnfm.engine.internal.PairTable} (spec §4), {@link
 * org.nfpvnfm.engine.internal.SubgraphBuilder} (spec §5), {@link
 * org.nfpvnfm.engine.internal.TableEmitter} (copy plan, forwarding and merge tables), orchestrated
 * by {@link org.nfpvnfm.engine.internal.GraphCompiler}.
 */
@NullMarked
package org.nfpvnfm.engine.internal;

import org.jspecify.annotations.NullMarked;
