package org.opencli.core.engine;

import java.util.List;
import java.util.function.Function;
import org.opencli.core.audit.AuditSink;
import org.opencli.core.execution.ExecutionSettings;
import org.opencli.core.execution.UpstreamClient;
import org.opencli.core.secrets.SecretResolver;

/**
 * What an engine executes with. A null {@code upstream} means the JDK client, a null {@code audit}
 * a JSONL file at the settings' audit path. {@code env} and {@code keychainArgv} are seams for
 * environment variables and the OS keychain command (tests pass a map / a different command).
 */
public record ExecutionSetup(
        UpstreamClient upstream,
        AuditSink audit,
        ExecutionSettings execution,
        Function<String, String> env,
        Function<String, List<String>> keychainArgv) {

    public static ExecutionSetup defaults() {
        return new ExecutionSetup(null, null, ExecutionSettings.defaults(), System::getenv, SecretResolver.osKeychain());
    }

    public ExecutionSetup withUpstream(UpstreamClient u) {
        return new ExecutionSetup(u, audit, execution, env, keychainArgv);
    }

    public ExecutionSetup withAudit(AuditSink a) {
        return new ExecutionSetup(upstream, a, execution, env, keychainArgv);
    }

    public ExecutionSetup withExecution(ExecutionSettings s) {
        return new ExecutionSetup(upstream, audit, s, env, keychainArgv);
    }

    public ExecutionSetup withEnv(Function<String, String> e) {
        return new ExecutionSetup(upstream, audit, execution, e, keychainArgv);
    }

    public ExecutionSetup withKeychainArgv(Function<String, List<String>> k) {
        return new ExecutionSetup(upstream, audit, execution, env, k);
    }
}
