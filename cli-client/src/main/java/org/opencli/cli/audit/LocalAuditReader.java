package org.opencli.cli.audit;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.opencli.cli.CliException;
import org.opencli.cli.ExitCodes;
import org.opencli.core.audit.AuditFilter;
import org.opencli.core.audit.AuditPage;
import org.opencli.core.audit.AuditQuery;
import org.opencli.core.audit.AuditRecord;
import org.opencli.core.json.Json;

/**
 * An instance's audit files read in place with the store's own query code (embedded mode): no
 * engine is started, so reading never opens, recovers or appends to the store.
 */
public final class LocalAuditReader implements AuditReader {
    /**
     * {@code tail -f} wakes when the directory reports a change (inotify on Linux); it also looks at
     * least this often, for file systems that report nothing (NFS).
     */
    private static final long FALLBACK_MILLIS = 1000;

    private final Path auditFile;
    private final AuditQuery query;

    public LocalAuditReader(Path auditFile) {
        this.auditFile = auditFile;
        this.query = AuditQuery.files(auditFile);
    }

    @Override
    public JsonNode page(AuditFilter filter, Map<String, String> ignored, Long cursor, Integer limit, boolean descending) {
        AuditPage page;
        try {
            page = query.page(filter, cursor, limit, descending);
        } catch (UncheckedIOException e) {
            throw new CliException(ExitCodes.INTERNAL, "audit_unreadable", "Audit trail unreadable",
                    "cannot read the audit files at " + auditFile + ": " + e.getCause().getMessage());
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("events", page.events());
        body.put("nextCursor", page.nextCursor());
        return Json.MAPPER.valueToTree(body);
    }

    @Override
    public void follow(AuditFilter filter, Map<String, String> ignored, long afterSeq, FollowListener listener) {
        Path dir = auditFile.toAbsolutePath().getParent();
        try (AppendWatch changes = AppendWatch.on(dir)) {
            long last = afterSeq;
            while (true) {
                AuditPage page = query.page(filter, last, AuditQuery.MAX_LIMIT, false);
                for (AuditRecord r : page.events()) {
                    last = r.seq();
                    if (!listener.record(Json.MAPPER.valueToTree(r))) return;
                }
                if (page.nextCursor() == null && !changes.await(FALLBACK_MILLIS)) return; // interrupted
            }
        } catch (IOException | UnsupportedOperationException e) {
            throw new CliException(ExitCodes.INTERNAL, "audit_unfollowable", "Cannot follow the audit trail",
                    "cannot watch " + dir + " for new audit records: " + e.getMessage());
        }
    }
}
