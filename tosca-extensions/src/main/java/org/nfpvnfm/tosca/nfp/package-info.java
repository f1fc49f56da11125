/**
 * The NFP model read from TOSCA descriptors: the network functions with their action profiles, the
 * forwarding graphs and the policy rules of the NFP policy language. Immutable; the input of the
 * NFP engine. {@code docs/nfp-extension.md} describes the TOSCA types these values come from.
 */
@NullMarked
package org.nfpvnfm.tosca.nfp;

import org.jspecify.annotations.NullMarked;
