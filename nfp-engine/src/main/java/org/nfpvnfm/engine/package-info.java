/**
 * The NFP engine's public API: {@link org.nfpvnfm.engine.NfpCompiler} turns the NFP model of a
 * template into one {@link org.nfpvnfm.engine.ServiceGraph} per forwarding graph, with its
 * forwarding and merge tables (the dataplane's input) and diagnostics for contradictory rules.
 * Everything here is an immutable value; {@code ..internal..} is the implementation.
 */
@NullMarked
package org.nfpvnfm.engine;

import org.jspecify.annotations.NullMarked;
