package org.nfpvnfm.vnfm.internal.rest;

import org.glassfish.jersey.server.ResourceConfig;

/**
 * A part of the VNFM's API (LCM, packages, subscriptions, FM, PM, security): registers its
 * resources and providers, and runs its background work (delivery, polling) between {@link #start}
 * and {@link #close}.
 */
public interface ApiPart extends AutoCloseable {

  /** Adds this part's resources and providers, with the services they need bound. */
  void register(ResourceConfig config);

  /** Starts background work, once the API is listening. */
  default void start() {}

  /** Stops background work; work in flight is left to be resumed after a restart. */
  @Override
  default void close() {}
}
