package org.opencli.fleet.fuzz;

import java.util.Map;

/** One generated request: method, path with query, extra headers, body (null: none). */
public record FuzzRequest(String method, String target, Map<String, String> headers, String body) {
    /** A one-line description for the transcript: never the body (it can be large), only its size. */
    public String describe() {
        String shown = target.length() > 160 ? target.substring(0, 160) + "…(" + target.length() + ")" : target;
        return method + " " + shown + " headers=" + headers.keySet()
                + (body == null ? "" : " body=" + body.length() + " chars");
    }
}
