package org.opencli.cli.runtime;

import java.nio.file.Path;

/**
 * Where the chosen runtime's audit trail is read from. {@code remote}: through the runtime's HTTP
 * API ({@code url}); otherwise the local files at {@code localAuditPath} (embedded mode). {@code
 * localAuditPath} is also what {@code ocli audit verify} checks by default: a live local daemon's
 * {@code auditPath} from the registry, else the instance's default audit path.
 */
public record AuditLocation(boolean remote, String url, Path localAuditPath, String instanceId) {
}
