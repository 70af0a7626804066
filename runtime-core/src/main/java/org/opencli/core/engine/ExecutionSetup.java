package org.opencli.core.engine;

import java.util.List;
import java.util.function.Function;
import org.opencli.core.audit.AuditSink;
import org.opencli.core.execution.ExecutionSettings;
import org.opencli.core.execution.UpstreamClient;
import org.opencli.core.secrets.InteractiveAuthorizer;
import org.opencli.core.secrets.SecretResolver;

/**
 * What an engine executes with. A null {@code upstream} means the JDK client, a null {@code audit}
 * a JSONL file at the settings' audit path. {@code env} and {@code keychainArgv} are seams for
 * environment variables and the OS keychain command (tests pass a map / a different command);
 * {@code interactiveAuthorizer} (null = none) lets oauth2 authorizationCode secrets ask a person.
 */
public record ExecutionSetup(
        UpstreamClient upstream,
        AuditSink audit,
        ExecutionSettings execution,
        Function<String, String> env,
        Function<String, List<String>> keychainArgv,
        InteractiveAuthorizer interactiveAuthorizer) {

    public ExecutionSetup(UpstreamClient upstream, AuditSink audit, ExecutionSettings execution, Function<String, String> env,
                          Function<String, List<String>> keychainArgv) {
        this(upstream, audit, execution, env, keychainArgv, null);
    }

    public static ExecutionSetup defaults() {
        return new ExecutionSetup(null, null, ExecutionSettings.defaults(), System::getenv, SecretResolver.osKeychain(), null);
    }

    /** Who can sign in interactively for oauth2 authorizationCode secrets (ocli embedded on a terminal); null = nobody. */
    public ExecutionSetup withInteractiveAuthorizer(InteractiveAuthorizer a) {
        return new ExecutionSetup(upstream, audit, execution, env, keychainArgv, a);
    }

    public ExecutionSetup withUpstream(UpstreamClient u) {
        return new ExecutionSetup(u, audit, execution, env, keychainArgv, interactiveAuthorizer);
    }

    public ExecutionSetup withAudit(AuditSink a) {
        return new ExecutionSetup(upstream, a, execution, env, keychainArgv, interactiveAuthorizer);
    }

    public ExecutionSetup withExecution(ExecutionSettings s) {
        return new ExecutionSetup(upstream, audit, s, env, keychainArgv, interactiveAuthorizer);
    }

    public ExecutionSetup withEnv(Function<String, String> e) {
        return new ExecutionSetup(upstream, audit, execution, e, keychainArgv, interactiveAuthorizer);
    }

    public ExecutionSetup withKeychainArgv(Function<String, List<String>> k) {
        return new ExecutionSetup(upstream, audit, execution, env, k, interactiveAuthorizer);
    }
}
