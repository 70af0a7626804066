package org.opencli.service.rest;

import jakarta.ws.rs.core.StreamingOutput;
import java.io.IOException;
import java.io.OutputStream;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jboss.logging.Logger;
import org.opencli.core.engine.RefreshReport;
import org.opencli.core.engine.RefreshRun;
import org.opencli.core.error.OcliException;
import org.opencli.core.error.Problem;
import org.opencli.core.json.Json;

/**
 * The NDJSON form of {@code /v1/refresh} ({@code Accept: application/x-ndjson}): one line {@code
 * {"event":"source","source":{…}}} per source as soon as it is read, then {@code
 * {"event":"report","report":{…}}} (the JSON answer's body). A failure after the answer began is a
 * last line {@code {"event":"problem","problem":{…}}}. Written on the worker the resource method
 * runs on (it is {@code @Blocking}); each line is flushed so the client sees it when it happens.
 */
final class RefreshStream implements StreamingOutput {
    static final String NDJSON = "application/x-ndjson";
    private static final Logger LOG = Logger.getLogger(RefreshStream.class);

    private final RefreshRun run;
    private boolean clientGone;

    RefreshStream(RefreshRun run) {
        this.run = run;
    }

    @Override
    public void write(OutputStream out) throws IOException {
        RefreshReport report;
        try {
            report = run.run(source -> line(out, "source", source));
        } catch (OcliException e) {
            line(out, "problem", Problem.of(e));
            return;
        } catch (RuntimeException e) {
            LOG.error("refresh failed unexpectedly", e);
            line(out, "problem", Problem.internal("the runtime failed unexpectedly; see its log"));
            return;
        }
        line(out, "report", report);
    }

    /** One event line, flushed; once the client is gone, the refresh goes on without writing. */
    private void line(OutputStream out, String event, Object value) {
        if (clientGone) return;
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("event", event);
        line.put(event, value);
        try {
            out.write(Json.writeBytes(line));
            out.write('\n');
            out.flush();
        } catch (IOException e) {
            clientGone = true;
        }
    }
}
