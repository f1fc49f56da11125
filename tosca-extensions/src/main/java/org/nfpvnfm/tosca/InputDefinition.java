package org.nfpvnfm.tosca;

import org.jspecify.annotations.Nullable;

/** A topology input: its declared type, and the value in force (given, else the default). */
public record InputDefinition(
    String name,
    String type,
    @Nullable String description,
    boolean required,
    @Nullable Object value,
    SourceLocation location) {}
