package org.opencli.core.catalog.openapi;

/**
 * An operation that has no tool — marked {@code x-cli-ignore}, or an MCP tool in its source's
 * {@code disabledTools} — that workflows binding to it must fail on clearly; {@code why} says which.
 */
public record IgnoredOperation(String serviceId, String operationId, String method, String path, String why) {

    public static final String MARKED_IGNORED = "is marked x-cli-ignore";

    public IgnoredOperation(String serviceId, String operationId, String method, String path) {
        this(serviceId, operationId, method, path, MARKED_IGNORED);
    }
}
