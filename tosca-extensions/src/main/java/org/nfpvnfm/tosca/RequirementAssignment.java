package org.nfpvnfm.tosca;

import org.jspecify.annotations.Nullable;

/** One requirement of a node template: which node, capability and relationship it names. */
public record RequirementAssignment(
    String name,
    @Nullable String node,
    @Nullable String capability,
    @Nullable String relationship,
    SourceLocation location) {}
