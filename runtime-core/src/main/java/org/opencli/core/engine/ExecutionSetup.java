package org.opencli.core.engine;

import java.util.List;
import java.util.function.Function;
import org.opencli.core.audit.AuditExporter;
import org.opencli.core.audit.AuditSink;
import org.opencli.core.config.AuditConfig;
import org.opencli.core.execution.ExecutionSettings;
import org.opencli.core.execution.UpstreamClient;
import org.opencli.core.observe.EngineObserver;
import org.opencli.core.observe.HandOff;
import org.opencli.core.secrets.InteractiveAuthorizer;
import org.opencli.core.secrets.SecretResolver;

/**
 * What an engine executes with. A null {@code upstream} means the JDK client, a null {@code audit}
 * the durable audit store at the settings' audit path. {@code env} and {@code keychainArgv} are
 * seams for environment variables and the OS keychain command (tests pass a map / a different
 * command); {@code interactiveAuthorizer} (null = none) lets oauth2 authorizationCode secrets ask a
 * person. {@code auditExporters} builds extra push exporters of the default audit store from the
 * starting config's {@code audit} block (null when absent), added after the ones that block asks for
 * itself ({@code audit.syslog}); unused when {@code audit} is given. {@code observer} watches the
 * engine's steps for metrics and traces ({@link EngineObserver#NONE}: nobody); {@code handOff} carries
 * a request's log context to the engine's threads ({@link HandOff#NONE}: nothing).
 */
public record ExecutionSetup(
        UpstreamClient upstream,
        AuditSink audit,
        ExecutionSettings execution,
        Function<String, String> env,
        Function<String, List<String>> keychainArgv,
        InteractiveAuthorizer interactiveAuthorizer,
        Function<AuditConfig, List<AuditExporter>> auditExporters,
        EngineObserver observer,
        HandOff handOff) {

    public ExecutionSetup {
        if (observer == null) observer = EngineObserver.NONE;
        if (handOff == null) handOff = HandOff.NONE;
    }

    public ExecutionSetup(UpstreamClient upstream, AuditSink audit, ExecutionSettings execution, Function<String, String> env,
                          Function<String, List<String>> keychainArgv, InteractiveAuthorizer interactiveAuthorizer,
                          Function<AuditConfig, List<AuditExporter>> auditExporters) {
        this(upstream, audit, execution, env, keychainArgv, interactiveAuthorizer, auditExporters, EngineObserver.NONE, HandOff.NONE);
    }

    public ExecutionSetup(UpstreamClient upstream, AuditSink audit, ExecutionSettings execution, Function<String, String> env,
                          Function<String, List<String>> keychainArgv) {
        this(upstream, audit, execution, env, keychainArgv, null, config -> List.of());
    }

    public static ExecutionSetup defaults() {
        return new ExecutionSetup(null, null, ExecutionSettings.defaults(), System::getenv, SecretResolver.osKeychain(),
                null, config -> List.of());
    }

    /** Who can sign in interactively for oauth2 authorizationCode secrets (ocli embedded on a terminal); null = nobody. */
    public ExecutionSetup withInteractiveAuthorizer(InteractiveAuthorizer a) {
        return new ExecutionSetup(upstream, audit, execution, env, keychainArgv, a, auditExporters, observer, handOff);
    }

    public ExecutionSetup withUpstream(UpstreamClient u) {
        return new ExecutionSetup(u, audit, execution, env, keychainArgv, interactiveAuthorizer, auditExporters, observer, handOff);
    }

    public ExecutionSetup withAudit(AuditSink a) {
        return new ExecutionSetup(upstream, a, execution, env, keychainArgv, interactiveAuthorizer, auditExporters, observer, handOff);
    }

    public ExecutionSetup withExecution(ExecutionSettings s) {
        return new ExecutionSetup(upstream, audit, s, env, keychainArgv, interactiveAuthorizer, auditExporters, observer, handOff);
    }

    public ExecutionSetup withEnv(Function<String, String> e) {
        return new ExecutionSetup(upstream, audit, execution, e, keychainArgv, interactiveAuthorizer, auditExporters, observer, handOff);
    }

    public ExecutionSetup withKeychainArgv(Function<String, List<String>> k) {
        return new ExecutionSetup(upstream, audit, execution, env, k, interactiveAuthorizer, auditExporters, observer, handOff);
    }

    public ExecutionSetup withAuditExporters(Function<AuditConfig, List<AuditExporter>> e) {
        return new ExecutionSetup(upstream, audit, execution, env, keychainArgv, interactiveAuthorizer, e, observer, handOff);
    }

    public ExecutionSetup withObserver(EngineObserver o) {
        return new ExecutionSetup(upstream, audit, execution, env, keychainArgv, interactiveAuthorizer, auditExporters, o, handOff);
    }

    public ExecutionSetup withHandOff(HandOff h) {
        return new ExecutionSetup(upstream, audit, execution, env, keychainArgv, interactiveAuthorizer, auditExporters, observer, h);
    }
}
