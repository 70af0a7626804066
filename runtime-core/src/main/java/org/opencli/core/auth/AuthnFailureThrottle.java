package org.opencli.core.auth;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.opencli.core.audit.AuditRecord;

/**
 * Keeps a flood of unauthenticated requests from becoming a flood of durable audit writes, which
 * would fill the disk (and, with retention, push older records out). Per source address and window,
 * the first {@code perSource} authentication failures each get their own {@code authn_failure}
 * record; the rest are counted by reason and reported together in one {@code authn_failure} record
 * (reasonCode {@value #REPEATED}) once the window is over. {@code perSource} 0 records every failure.
 * At most {@code maxSources} addresses are tracked at once; failures from further addresses share
 * one bucket ({@value #OTHER_SOURCES}), so memory stays bounded however many addresses there are.
 * Thread-safe; the caller appends what {@link #due} and {@link #pending} return.
 */
public final class AuthnFailureThrottle {
    public static final String REPEATED = "repeated_failures";
    public static final String OTHER_SOURCES = "other sources";
    public static final String UNKNOWN_SOURCE = "unknown source";
    public static final int DEFAULT_MAX_SOURCES = 10_000;

    private final int perSource;
    private final Duration window;
    private final int maxSources;
    private final Map<String, Window> open = new HashMap<>(); // guarded by this
    private final List<Window> ended = new ArrayList<>(); // windows over with failures to report; guarded by this

    /** One source's current window: failures seen, and those counted instead of recorded (by reason). */
    private static final class Window {
        final String source;
        final Instant start;
        int failures;
        int counted;
        Instant firstCounted;
        Instant lastCounted;
        final Map<String, Integer> countedByReason = new TreeMap<>();

        Window(String source, Instant start) {
            this.source = source;
            this.start = start;
        }
    }

    public AuthnFailureThrottle(int perSource, int windowSeconds, int maxSources) {
        if (perSource < 0) throw new IllegalArgumentException("perSource must be >= 0, got " + perSource);
        if (windowSeconds < 1) throw new IllegalArgumentException("windowSeconds must be >= 1, got " + windowSeconds);
        if (maxSources < 1) throw new IllegalArgumentException("maxSources must be >= 1, got " + maxSources);
        this.perSource = perSource;
        this.window = Duration.ofSeconds(windowSeconds);
        this.maxSources = maxSources;
    }

    public int perSource() {
        return perSource;
    }

    public int windowSeconds() {
        return (int) window.toSeconds();
    }

    /**
     * A failure from {@code source} (an address; null when unknown) for {@code reason}: true when it
     * gets its own record, false when it was counted for the window's summary instead.
     */
    public synchronized boolean admit(String source, String reason, Instant now) {
        if (perSource == 0) return true;
        String key = source == null || source.isBlank() ? UNKNOWN_SOURCE : source;
        Window w = open.get(key);
        if (w != null && over(w, now)) {
            open.remove(key);
            if (w.counted > 0) ended.add(w);
            w = null;
        }
        if (w == null) {
            if (open.size() >= maxSources) {
                key = OTHER_SOURCES;
                w = open.get(key);
                if (w != null && over(w, now)) {
                    open.remove(key);
                    if (w.counted > 0) ended.add(w);
                    w = null;
                }
            }
            if (w == null) {
                w = new Window(key, now);
                open.put(key, w);
            }
        }
        w.failures++;
        if (w.failures <= perSource) return true;
        w.counted++;
        if (w.firstCounted == null) w.firstCounted = now;
        w.lastCounted = now;
        w.countedByReason.merge(reason == null ? "unknown" : reason, 1, Integer::sum);
        return false;
    }

    /** Summary records of the windows over by {@code now} that counted failures; they are reported once. */
    public synchronized List<AuditRecord> due(Instant now) {
        List<AuditRecord> out = new ArrayList<>();
        for (Window w : ended) out.add(summary(w, now));
        ended.clear();
        for (Iterator<Window> it = open.values().iterator(); it.hasNext();) {
            Window w = it.next();
            if (!over(w, now)) continue;
            it.remove();
            if (w.counted > 0) out.add(summary(w, now));
        }
        return out;
    }

    /** Summary records of every window that counted failures, over or not (at shutdown: nothing counted is lost). */
    public synchronized List<AuditRecord> pending(Instant now) {
        List<AuditRecord> out = new ArrayList<>();
        for (Window w : ended) out.add(summary(w, now));
        ended.clear();
        for (Window w : open.values()) {
            if (w.counted > 0) out.add(summary(w, now));
        }
        open.clear();
        return out;
    }

    private boolean over(Window w, Instant now) {
        return !now.isBefore(w.start.plus(window));
    }

    private AuditRecord summary(Window w, Instant now) {
        StringBuilder reasons = new StringBuilder();
        w.countedByReason.forEach((reason, n) -> reasons.append(reasons.length() == 0 ? "" : ", ").append(reason).append(' ').append(n));
        String detail = w.counted + " further authentication failure" + (w.counted == 1 ? "" : "s") + " from " + w.source
                + " between " + w.firstCounted + " and " + w.lastCounted + " were counted, not recorded one by one (limit "
                + perSource + " records per source per " + window.toSeconds() + " s): " + reasons;
        return AuditRecord.event(now.toString(), AuditRecord.AUTHN_FAILURE)
                .withDecision("deny", REPEATED, TokenRejected.CODE)
                .withDetail(detail);
    }
}
