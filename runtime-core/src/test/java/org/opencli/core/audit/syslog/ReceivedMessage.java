package org.opencli.core.audit.syslog;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** One RFC 5424 message as rsyslog received it, split back into its parts for assertions. */
record ReceivedMessage(int pri, String version, String timestamp, String hostname, String appName, String procId,
        String msgId, String structuredData, Map<String, String> params, String msg) {

    private static final Pattern MESSAGE = Pattern.compile(
            "<(\\d+)>(\\d) (\\S+) (\\S+) (\\S+) (\\S+) (\\S+) (\\[(?:[^\\]\\\\]|\\\\.)*\\])(?: (.*))?");
    private static final Pattern PARAM = Pattern.compile("(\\w+)=\"((?:[^\"\\\\]|\\\\.)*)\"");

    static ReceivedMessage parse(String raw) {
        Matcher m = MESSAGE.matcher(raw);
        if (!m.matches()) throw new AssertionError("not an RFC 5424 message with one SD element: " + raw);
        String sd = m.group(8);
        Map<String, String> params = new LinkedHashMap<>();
        Matcher p = PARAM.matcher(sd);
        while (p.find()) params.put(p.group(1), p.group(2).replaceAll("\\\\(.)", "$1"));
        return new ReceivedMessage(Integer.parseInt(m.group(1)), m.group(2), m.group(3), m.group(4), m.group(5),
                m.group(6), m.group(7), sd, params, m.group(9));
    }

    long seq() {
        return Long.parseLong(params.get("seq"));
    }
}
