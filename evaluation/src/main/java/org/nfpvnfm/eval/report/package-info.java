/**
 * The report layer of {@code nfp bench}: an experiment's results as a {@link
 * org.nfpvnfm.eval.report.ResultTable} written as CSV, JSON and Markdown, its plots as PNG ({@link
 * org.nfpvnfm.eval.report.Charts}), each stamped with the {@link org.nfpvnfm.eval.report.Machine}
 * it was measured on.
 */
@NullMarked
package org.nfpvnfm.eval.report;

import org.jspecify.annotations.NullMarked;
