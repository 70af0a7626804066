package org.opencli.service.lifecycle;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.opencli.core.instance.ProcessIdentity;

/**
 * The sessions holding this daemon, by session id. A lease lives while its owner process runs (same
 * pid and start instant), else until a window ({@code heartbeatSeconds × missedHeartbeatLimit})
 * after its last heartbeat or renewal. An owner that is not running when the lease is taken (another
 * machine's pid, an already ended process) is not kept. Thread-safe: requests renew on event loops while one timer thread lapses leases.
 */
public final class LeaseTable {
    /** One session's hold on the daemon. {@code owner} null: held by heartbeats alone. */
    public record Lease(String sessionId, ProcessIdentity owner, Instant lastSeen) {
        public Instant expiresAt(Duration window) {
            return lastSeen.plus(window);
        }
    }

    /** A lease that {@link #lapse} removed, and why: {@code owner_exited} or {@code missed_heartbeats}. */
    public record Ended(String sessionId, String reason, String detail) {
        public static final String OWNER_EXITED = "owner_exited";
        public static final String MISSED_HEARTBEATS = "missed_heartbeats";
    }

    /** More sessions than any workstation has: a bound, so no caller can grow the table without end. */
    public static final int MAX_LEASES = 10_000;

    /** A new session was refused: {@link #MAX_LEASES} are held. */
    public static final class Full extends IllegalStateException {
        Full() {
            super("already " + MAX_LEASES + " sessions hold a lease");
        }
    }

    private final InstantSource clock;
    private final int maxLeases;
    private final Map<String, Lease> leases = new ConcurrentHashMap<>();
    private volatile boolean everHeld;

    public LeaseTable(InstantSource clock) {
        this(clock, MAX_LEASES);
    }

    LeaseTable(InstantSource clock, int maxLeases) {
        this.clock = clock;
        this.maxLeases = maxLeases;
    }

    /**
     * Takes or renews {@code sessionId}'s lease. The owner is kept only when it runs now (a pid from
     * another machine or an already ended process cannot hold a lease open); a renewal keeps the
     * owner the lease was taken with unless a new running one is named.
     *
     * @throws Full when the session is new and the table is full (known sessions always renew)
     */
    public Lease heartbeat(String sessionId, ProcessIdentity owner) {
        ProcessIdentity running = owner != null && owner.alive() ? owner : null;
        Instant now = clock.instant();
        if (leases.size() >= maxLeases && !leases.containsKey(sessionId)) throw new Full();
        everHeld = true;
        return leases.merge(sessionId, new Lease(sessionId, running, now),
                (old, fresh) -> new Lease(sessionId, fresh.owner() != null ? fresh.owner() : old.owner(), now));
    }

    /** Renews a known lease (a request carrying its session id); false when there is none. */
    public boolean renew(String sessionId) {
        Instant now = clock.instant();
        return leases.computeIfPresent(sessionId, (id, lease) -> new Lease(id, lease.owner(), now)) != null;
    }

    /** Ends the lease; false when there was none. */
    public boolean close(String sessionId) {
        return leases.remove(sessionId) != null;
    }

    /** Removes and returns the leases that ended: owner gone, or no owner and {@code window} since they were last seen. */
    public List<Ended> lapse(Duration window) {
        List<Ended> ended = new ArrayList<>();
        for (String id : List.copyOf(leases.keySet())) {
            leases.computeIfPresent(id, (key, lease) -> {
                Ended why = why(lease, window);
                if (why == null) return lease;
                ended.add(why);
                return null;
            });
        }
        return ended;
    }

    /** Null while the lease holds: its owner runs, or it was seen within {@code window}. */
    private Ended why(Lease lease, Duration window) {
        if (lease.owner() != null && lease.owner().alive()) return null;
        if (clock.instant().isBefore(lease.expiresAt(window))) return null;
        return lease.owner() != null
                ? new Ended(lease.sessionId(), Ended.OWNER_EXITED, "the session's owner process " + lease.owner().pid()
                        + " ended and no heartbeat came for " + window.toSeconds() + "s")
                : new Ended(lease.sessionId(), Ended.MISSED_HEARTBEATS, "no heartbeat or request for " + window.toSeconds() + "s");
    }

    /** The session's lease, if it holds one. */
    public java.util.Optional<Lease> lease(String sessionId) {
        return java.util.Optional.ofNullable(leases.get(sessionId));
    }

    public int active() {
        return leases.size();
    }

    /** Whether any session ever took a lease. */
    public boolean everHeld() {
        return everHeld;
    }
}
