package org.opencli.core.catalog.openapi;

/** An operation marked {@code x-cli-ignore}: no tool, but workflows binding to it must fail clearly. */
public record IgnoredOperation(String serviceId, String operationId, String method, String path) {
}
