/** Lifecycle events as CloudEvents on Apache Kafka: the event model, its codec and the consumer. */
@NullMarked
package org.nfpvnfm.events;

import org.jspecify.annotations.NullMarked;
