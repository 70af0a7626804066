package org.opencli.core.engine;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import org.opencli.core.audit.AuditRecord;
import org.opencli.core.audit.AuditSink;
import org.opencli.core.auth.AuthorizationEnvelope;
import org.opencli.core.auth.Caller;
import org.opencli.core.auth.DelegationChain;
import org.opencli.core.auth.InsufficientScope;
import org.opencli.core.catalog.Tool;
import org.opencli.core.config.LoadedConfig;
import org.opencli.core.config.PolicyConfig;
import org.opencli.core.text.Strings;

/**
 * Applies the caller's authorization envelope inside the engine: filters catalog answers (auditing
 * {@code catalog_filtered} once per principal, client, scopes and config fingerprint, so polling
 * does not flood the audit log) and refuses tools outside it with {@code insufficient_scope}
 * (auditing {@code authz_denial}). A caller without scopes (auth off) passes untouched. With agents
 * acting for the caller, the envelope is the caller's intersected with each actor's.
 */
final class EnvelopeGuard {
    private static final int MAX_REPORTED = 10_000;

    private final AuditSink audit;
    private final Clock clock;
    private final Set<String> reportedFilters = ConcurrentHashMap.newKeySet();

    EnvelopeGuard(AuditSink audit, Clock clock) {
        this.audit = audit;
        this.clock = clock;
    }

    /** The caller's envelope over this selection; null when auth is off. */
    AuthorizationEnvelope envelope(RuntimeEngine.Selection selection, Caller caller) {
        if (caller == null || !caller.authEnforced()) return null;
        LoadedConfig config = selection.config();
        var agents = config.config().agents();
        Set<String> profiles = agents == null || agents.profiles() == null ? Set.of() : agents.profiles().keySet();
        List<String> deny = denyPatterns(config);
        var catalog = selection.build().catalog();
        AuthorizationEnvelope envelope = AuthorizationEnvelope.compute(caller.scopes(), catalog, profiles, deny);
        DelegationChain chain = caller.delegation();
        if (chain == null) return envelope;
        // an agent acting for the principal sees only what the principal and every actor may be granted
        if (chain.grants() == null) return new AuthorizationEnvelope(Set.of());
        for (Set<String> actorGrants : chain.grants()) {
            envelope = envelope.intersect(AuthorizationEnvelope.compute(actorGrants, catalog, profiles, deny));
        }
        return envelope;
    }

    /** The catalog answer the caller may see; audits the first filtered answer per caller and config. */
    CatalogResponse filter(RuntimeEngine.Selection selection, Caller caller, AuthorizationEnvelope envelope) {
        CatalogResponse full = selection.response();
        int hidden = EnvelopeFilter.hidden(full, envelope);
        if (hidden > 0) {
            String key = caller.principal() + "|" + caller.clientId() + "|" + new TreeSet<>(caller.scopes()) + "|"
                    + caller.actors() + "|" + selection.cacheKey();
            if (reportedFilters.size() > MAX_REPORTED) reportedFilters.clear();
            if (reportedFilters.add(key)) {
                audit.append(record(AuditRecord.CATALOG_FILTERED, caller).withDecision("allow", "envelope", null)
                        .withDetail(hidden + " of " + full.catalog().tools().size() + " tools hidden by the authorization envelope"));
            }
        }
        return EnvelopeFilter.filter(full, envelope);
    }

    /**
     * Refuses {@code tool} when it lies outside the caller's envelope; {@code where} prefixes the
     * detail (e.g. the workflow step). Nothing has been resolved or sent when this throws.
     */
    void require(RuntimeEngine.Selection selection, Caller caller, Tool tool, String agentProfile, String where) {
        AuthorizationEnvelope envelope = envelope(selection, caller);
        if (envelope == null || envelope.allows(tool.id())) return;
        String required = AuthorizationEnvelope.requiredScope(tool);
        audit.append(record(AuditRecord.AUTHZ_DENIAL, caller)
                .withTool(Strings.blankToNull(agentProfile), tool.id(), tool.serviceId())
                .withDecision("deny", InsufficientScope.CODE, InsufficientScope.CODE)
                .withDetail("requires " + required))
                // written before the refusal is answered (callers run this on a worker thread)
                .toCompletableFuture().exceptionally(e -> null).join();
        throw new InsufficientScope(required, where + "the token's scopes do not allow " + tool.id()
                + "; it needs " + required);
    }

    private AuditRecord record(String type, Caller caller) {
        return AuditRecord.event(clock.instant().toString(), type)
                .withCaller(caller.principal(), caller.clientId(), caller.sessionId(), caller.requestId())
                .withActors(caller.actors())
                .withIdentity(caller.subjectId(), caller.tenantId());
    }

    private static List<String> denyPatterns(LoadedConfig config) {
        List<String> out = new ArrayList<>();
        if (config.managedDeny() != null) out.addAll(config.managedDeny());
        PolicyConfig policy = config.config().policy();
        if (policy != null && policy.deny() != null) out.addAll(policy.deny());
        return out;
    }
}
