package org.nfpvnfm.vnfm;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A test that runs once on each database the VNFM supports: its first parameter is the {@link
 * TestDatabase} to use (see there). It is an integration test: it uses a real PostgreSQL server.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@ParameterizedTest(name = "on {0}")
@EnumSource(TestDatabase.class)
@Tag("integration")
public @interface OnEachDatabase {}
