package org.opencli.cli.audit;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import org.opencli.core.audit.AuditFilter;

/**
 * Reads an audit trail for {@code ocli audit list|tail}: a daemon's HTTP endpoints or an
 * instance's local files. Both answer pages in the runtime's {@code {events, nextCursor}} shape.
 */
public interface AuditReader {

    /**
     * One page. {@code filter} and {@code query} are the same filter (typed for local files, as
     * query parameters for the HTTP API).
     */
    JsonNode page(AuditFilter filter, Map<String, String> query, Long cursor, Integer limit, boolean descending);

    /**
     * Follows records committed after {@code afterSeq} until {@code listener} says stop (or forever),
     * surviving dropped connections by resuming after the last seq seen.
     */
    void follow(AuditFilter filter, Map<String, String> query, long afterSeq, FollowListener listener);

    /** What a follower is told. Returning false from {@link #record} or {@link #gap} stops following. */
    interface FollowListener {
        boolean record(JsonNode record);

        /** The runtime dropped matching records {@code fromSeq..toSeq} because this reader fell behind. */
        boolean gap(long fromSeq, long toSeq);

        /** The connection was lost; following resumes after {@code afterSeq}. */
        void reconnecting(String why, long afterSeq);
    }
}
