package org.opencli.core.engine;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import org.opencli.core.catalog.CatalogBuild;
import org.opencli.core.catalog.CatalogBuilder;
import org.opencli.core.catalog.CatalogSource;
import org.opencli.core.catalog.Fetch;
import org.opencli.core.config.LoadedConfig;
import org.opencli.core.config.SourceConfig;
import org.opencli.core.discovery.FetchOutcome;
import org.opencli.core.error.ErrorKind;
import org.opencli.core.error.OcliException;

/**
 * An explicit refresh: rebuilds the catalog with the chosen sources' remote documents revalidated
 * (manual-only ones included) and reports every source's outcome, {@code forced} saying which were
 * chosen, each as soon as it is read (progress). When the build fails (a source unreadable with
 * nothing cached), the sources read before keep their outcome, the unreadable one is reported from
 * its failure (its publisher is not asked twice), each chosen one not reached is read alone to say
 * whether it failed too, and the catalog already served stays served.
 */
final class RefreshFlow {
    private static final Pattern SOURCE_ID = Pattern.compile("[A-Za-z0-9._-]{1," + RefreshQuery.MAX_SOURCE_ID_CHARS + "}");
    // Most telling first: a source's outcome is the first of these any of its documents had.
    private static final List<FetchOutcome> PRECEDENCE = List.of(FetchOutcome.FAILED, FetchOutcome.STALE_HIT,
            FetchOutcome.REFRESHED, FetchOutcome.MISS, FetchOutcome.REVALIDATED_HIT, FetchOutcome.FRESH_HIT);

    private final CatalogBuilder builder;
    private final CatalogCache catalogs;
    private final Clock clock;

    RefreshFlow(CatalogBuilder builder, CatalogCache catalogs, Clock clock) {
        this.builder = builder;
        this.catalogs = catalogs;
        this.clock = clock;
    }

    /**
     * Rebuilds with {@code chosen} forced ({@link #chosen} checked them) and reports; {@code progress}
     * hears each source's outcome as soon as it is known, in config order, on this thread.
     */
    RefreshReport refresh(LoadedConfig config, String cacheKey, Map<String, SourceConfig> chosen,
                          Consumer<RefreshReport.SourceRefresh> listener) {
        Consumer<RefreshReport.SourceRefresh> progress = r -> {
            try {
                listener.accept(r);
            } catch (RuntimeException e) {
                // a listener that fails (its client went away) must not leave the refresh halfway
            }
        };
        String at = clock.instant().toString();
        Map<String, RefreshReport.SourceRefresh> heard = new LinkedHashMap<>();
        Consumer<CatalogSource> sourceRead = source -> {
            RefreshReport.SourceRefresh r = report(source, chosen.containsKey(source.id()));
            heard.put(source.id(), r);
            progress.accept(r);
        };
        Map<String, OcliException> unreadable = new LinkedHashMap<>();
        try {
            CatalogBuild build = catalogs.replace(cacheKey,
                    () -> builder.build(config, chosen::containsKey, sourceRead, unreadable::put));
            List<RefreshReport.SourceRefresh> out = new ArrayList<>();
            // every source of the new catalog: the chosen ones were forced, the others read as usual
            for (CatalogSource source : build.catalog().sources()) {
                RefreshReport.SourceRefresh r = heard.get(source.id());
                out.add(r != null ? r : report(source, chosen.containsKey(source.id())));
            }
            return new RefreshReport(at, true, out);
        } catch (OcliException buildFailed) {
            // the sources read before the failure keep what this refresh did to them, the one whose
            // documents could not be read is reported from that failure (its publisher is not asked
            // twice: a timeout would double the wait), and the chosen ones not reached are read alone,
            // to say which failed
            List<RefreshReport.SourceRefresh> out = new ArrayList<>(heard.values());
            for (var e : chosen.entrySet()) {
                if (heard.containsKey(e.getKey())) continue;
                RefreshReport.SourceRefresh r;
                OcliException failedInBuild = unreadable.get(e.getKey());
                if (failedInBuild != null) {
                    r = failed(e.getKey(), e.getValue(), failedInBuild);
                } else {
                    try {
                        r = report(builder.readSource(config, e.getKey()), true);
                    } catch (OcliException failed) {
                        r = failed(e.getKey(), e.getValue(), failed);
                    }
                }
                out.add(r);
                progress.accept(r);
            }
            return new RefreshReport(at, false, out);
        }
    }

    /** The enabled sources to refresh, in config order; a bad or unknown id is refused before anything is fetched. */
    static Map<String, SourceConfig> chosen(LoadedConfig config, String sourceId) {
        Map<String, SourceConfig> all = config.config().sources() == null ? Map.of() : config.config().sources();
        if (sourceId == null) {
            Map<String, SourceConfig> enabled = new LinkedHashMap<>();
            all.forEach((id, s) -> {
                if (s.isEnabled()) enabled.put(id, s);
            });
            return enabled;
        }
        if (!SOURCE_ID.matcher(sourceId).matches()) {
            throw new OcliException(ErrorKind.BAD_REQUEST, "invalid_source", "Invalid source id",
                    "source must be 1-" + RefreshQuery.MAX_SOURCE_ID_CHARS + " letters, digits, '.', '_' or '-'");
        }
        SourceConfig source = all.get(sourceId);
        if (source == null) {
            throw new OcliException(ErrorKind.NOT_FOUND, "unknown_source", "Unknown source",
                    "the config has no source " + sourceId + " (sources." + sourceId + ")");
        }
        if (!source.isEnabled()) {
            throw new OcliException(ErrorKind.BAD_REQUEST, "source_disabled", "Source disabled",
                    "sources." + sourceId + ".enabled is false: it is not part of the catalog");
        }
        Map<String, SourceConfig> one = new LinkedHashMap<>();
        one.put(sourceId, source);
        return one;
    }

    private static RefreshReport.SourceRefresh report(CatalogSource source, boolean forced) {
        List<RefreshReport.DocumentRefresh> docs = new ArrayList<>();
        List<Fetch> fetches = source.provenance() == null || source.provenance().fetches() == null ? List.of()
                : source.provenance().fetches();
        for (Fetch f : fetches) {
            if (f.cacheOutcome() == null) continue; // local files and MCP listings: not cached documents
            docs.add(new RefreshReport.DocumentRefresh(f.url(), f.cacheOutcome(), f.statusCode(),
                    Boolean.TRUE.equals(f.stale()), f.staleReason(), f.cacheControl(), f.expiresAt()));
        }
        RefreshReport.DocumentRefresh telling = null;
        for (FetchOutcome o : PRECEDENCE) {
            telling = docs.stream().filter(d -> o.wireName().equals(d.cacheOutcome())).findFirst().orElse(null);
            if (telling != null) break;
        }
        boolean stale = docs.stream().anyMatch(RefreshReport.DocumentRefresh::stale);
        return new RefreshReport.SourceRefresh(source.id(), source.type(), source.uri(),
                telling == null ? null : telling.cacheOutcome(), telling == null ? null : telling.statusCode(), stale,
                forced, telling == null ? null : telling.reason(), null, docs);
    }

    private static RefreshReport.SourceRefresh failed(String id, SourceConfig source, OcliException failure) {
        return new RefreshReport.SourceRefresh(id, type(source), source.uri(), FetchOutcome.FAILED.wireName(), null, false,
                true, failure.code(), failure.getMessage(), List.of());
    }

    private static String type(SourceConfig s) {
        return s.type() == null ? "openapi" : s.type();
    }
}
