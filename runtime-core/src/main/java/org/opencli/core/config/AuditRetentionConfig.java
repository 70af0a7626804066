package org.opencli.core.config;

import com.fasterxml.jackson.annotation.JsonInclude;

/** {@code audit.retention}: keep at most {@code keepFiles} rotated files and none older than {@code keepDays}. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AuditRetentionConfig(Integer keepFiles, Integer keepDays) {
}
