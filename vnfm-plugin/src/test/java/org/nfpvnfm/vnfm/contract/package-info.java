/**
 * Test support: the SOL003 contract (ETSI's OpenAPI documents) that API tests validate their
 * exchanges against.
 */
@NullMarked
package org.nfpvnfm.vnfm.contract;

import org.jspecify.annotations.NullMarked;
