/**
 * The {@code nfp} commands of this module: {@code nfp events tail}, which prints the events as they
 * are published, and {@code nfp kafka}, which runs the embedded broker as a process of its own.
 */
@NullMarked
package org.nfpvnfm.events.cli;

import org.jspecify.annotations.NullMarked;
