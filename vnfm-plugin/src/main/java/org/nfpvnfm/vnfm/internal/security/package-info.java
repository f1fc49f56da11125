/**
 * Internal: OAuth2 on the VNFM's API. The built-in issuer (client credentials, signed JWTs, its
 * public key as a JWK set), and the bearer-token filter that checks every API call's token against
 * the built-in or an external issuer.
 */
@NullMarked
package org.nfpvnfm.vnfm.internal.security;

import org.jspecify.annotations.NullMarked;
