package org.opencli.core.audit;

import java.util.List;

/** One page of a query; {@code nextCursor} (an opaque string, today the last seq) is null on the last page. */
public record AuditPage(List<AuditRecord> events, String nextCursor) {
}
