package org.opencli.core.observe;

/** The kinds of engine work that are measured and traced; each is a metric family and a span name. */
public enum StepKind {
    EXECUTION, CATALOG_BUILD, DOCUMENT_FETCH, POLICY_DECISION, UPSTREAM_CALL, MCP_CALL
}
