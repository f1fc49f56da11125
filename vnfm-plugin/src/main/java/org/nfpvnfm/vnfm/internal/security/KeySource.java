package org.nfpvnfm.vnfm.internal.security;

import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKMatcher;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.jwk.JWKSet;
import java.util.List;

/** The public keys a token's signature may be checked with. */
interface KeySource {

  /**
   * The keys that fit {@code header}: its {@code kid}, or every key of its algorithm's type when it
   * names none. Empty when no key fits.
   */
  List<JWK> candidates(JWSHeader header) throws TokenException;

  /** The built-in issuer's one key. */
  static KeySource of(JWKSet keys) {
    return header -> select(keys, header);
  }

  static List<JWK> select(JWKSet keys, JWSHeader header) {
    return new JWKSelector(JWKMatcher.forJWSHeader(header)).select(keys);
  }
}
