/**
 * A real Kafka broker in this JVM (KRaft: one node as broker and controller), which the product
 * starts when no external cluster is configured, and which the tests run against.
 */
@NullMarked
package org.nfpvnfm.events.broker;

import org.jspecify.annotations.NullMarked;
