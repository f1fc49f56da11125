/**
 * The action-profile tool: runs an NF over sample traffic, measures every field it reads and
 * writes, whether it adds or removes headers and whether it drops, and compares that with the
 * profile the NF declares ({@code nfp profile}).
 */
@NullMarked
package org.nfpvnfm.nf.profile;

import org.jspecify.annotations.NullMarked;
