/**
 * Lifecycle events on Kafka: the outbox every part writes its events to in the transaction of the
 * change, and the relay that publishes them with an idempotent producer ({@code docs/events.md}).
 */
@NullMarked
package org.nfpvnfm.vnfm.internal.events;

import org.jspecify.annotations.NullMarked;
