/**
 * The engine's {@code nfp} subcommands, found through {@link org.nfpvnfm.cli.NfpSubcommand}: {@code
 * nfp compile} (a compiled service graph as a report, JSON, Graphviz DOT or SVG) and {@code nfp
 * explain} (why two NFs are parallel, copy-parallel or sequential). They use only the engine's
 * public API, never its {@code internal} package, so what they print is what any other client of
 * the engine can see.
 */
@NullMarked
package org.nfpvnfm.engine.cli;

import org.jspecify.annotations.NullMarked;
