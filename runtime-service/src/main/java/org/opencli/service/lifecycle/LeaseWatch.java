package org.opencli.service.lifecycle;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;
import org.opencli.core.config.ConfigException;

/**
 * Looks at the leases on its own timer thread (owner processes are looked up in {@code /proc}, the
 * config's files re-read: no event loop waits on that): ended leases are removed and audited as
 * {@code session_expiry}, and a managed daemon with {@code shutdown: when-owner-exits} stops once its
 * last lease has ended and no new one came within {@code heartbeatSeconds} — or when no session took
 * a first lease within {@code heartbeatSeconds × missedHeartbeatLimit} of its registry entry being
 * written (from then on clients can find it).
 */
@ApplicationScoped
public class LeaseWatch {
    private static final Logger LOG = Logger.getLogger(LeaseWatch.class);
    static final Duration TICK = Duration.ofMillis(250);
    /** How often the config's files are looked at for changed runtime.local settings. */
    static final Duration SETTINGS_CHECK = Duration.ofSeconds(5);

    @Inject
    LocalLifecycle lifecycle;

    @Inject
    LifecycleAudit audit;

    @Inject
    DaemonStop stop;

    private final Clock clock = Clock.systemUTC();
    private ScheduledExecutorService timer;
    private Instant idleSince;
    private Instant settingsCheckedAt;

    void start(@Observes StartupEvent event) {
        settingsCheckedAt = clock.instant();
        timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "ocli-lease-watch");
            t.setDaemon(true);
            return t;
        });
        timer.scheduleWithFixedDelay(this::tickSafely, TICK.toMillis(), TICK.toMillis(), TimeUnit.MILLISECONDS);
    }

    void stop(@Observes ShutdownEvent event) {
        if (timer != null) timer.shutdownNow();
    }

    private void tickSafely() {
        try {
            tick(clock.instant());
        } catch (RuntimeException e) {
            LOG.error("lease check failed; trying again on the next tick", e); // a dead timer would keep leases forever
        }
    }

    void tick(Instant now) {
        if (!now.isBefore(settingsCheckedAt.plus(SETTINGS_CHECK))) {
            settingsCheckedAt = now;
            try {
                lifecycle.fingerprintNow();
            } catch (ConfigException unreadable) {
                // the settings stay as last read; requests report the config's problems
            }
        }
        LocalSettings settings = lifecycle.settings();
        LeaseTable leases = lifecycle.leases();
        for (LeaseTable.Ended ended : leases.lapse(settings.leaseWindow())) audit.sessionExpiry(ended);
        if (!lifecycle.managed() || !settings.endsWithOwners()) return;
        if (leases.active() > 0) {
            idleSince = null;
        } else if (!leases.everHeld()) {
            Instant findable = lifecycle.publishedAt();
            if (findable != null && !now.isBefore(findable.plus(settings.leaseWindow()))) {
                stopBySelf("no_first_lease", "managed daemon: no session took a lease within "
                        + settings.leaseWindow().toSeconds() + "s of the start (runtime.local.shutdown: when-owner-exits)");
            }
        } else {
            if (idleSince == null) idleSince = now;
            if (!now.isBefore(idleSince.plus(settings.heartbeat()))) {
                stopBySelf("idle", "managed daemon: its last lease ended and none was taken within "
                        + settings.heartbeatSeconds() + "s (runtime.local.shutdown: when-owner-exits)");
            }
        }
    }

    /** The audit trail says why the daemon went away, then it stops as on SIGTERM (once). */
    private void stopBySelf(String reason, String detail) {
        if (stop.requested()) return;
        audit.runtimeStopBySelf(reason, detail);
        stop.stop(detail);
    }
}
