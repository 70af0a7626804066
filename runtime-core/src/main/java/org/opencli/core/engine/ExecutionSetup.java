package org.opencli.core.engine;

import java.util.List;
import java.util.function.Function;
import org.opencli.core.audit.AuditExporter;
import org.opencli.core.audit.AuditSink;
import org.opencli.core.config.AuditConfig;
import org.opencli.core.execution.ExecutionSettings;
import org.opencli.core.execution.UpstreamClient;
import org.opencli.core.secrets.SecretResolver;

/**
 * What an engine executes with. A null {@code upstream} means the JDK client, a null {@code audit}
 * a JSONL file at the settings' audit path. {@code env} and {@code keychainArgv} are seams for
 * environment variables and the OS keychain command (tests pass a map / a different command).
 * {@code auditExporters} builds the push exporters (syslog, ...) of the default audit store from the
 * starting config's {@code audit} block (null when absent); unused when {@code audit} is given.
 */
public record ExecutionSetup(
        UpstreamClient upstream,
        AuditSink audit,
        ExecutionSettings execution,
        Function<String, String> env,
        Function<String, List<String>> keychainArgv,
        Function<AuditConfig, List<AuditExporter>> auditExporters) {

    public static ExecutionSetup defaults() {
        return new ExecutionSetup(null, null, ExecutionSettings.defaults(), System::getenv, SecretResolver.osKeychain(),
                config -> List.of());
    }

    public ExecutionSetup withUpstream(UpstreamClient u) {
        return new ExecutionSetup(u, audit, execution, env, keychainArgv, auditExporters);
    }

    public ExecutionSetup withAudit(AuditSink a) {
        return new ExecutionSetup(upstream, a, execution, env, keychainArgv, auditExporters);
    }

    public ExecutionSetup withExecution(ExecutionSettings s) {
        return new ExecutionSetup(upstream, audit, s, env, keychainArgv, auditExporters);
    }

    public ExecutionSetup withEnv(Function<String, String> e) {
        return new ExecutionSetup(upstream, audit, execution, e, keychainArgv, auditExporters);
    }

    public ExecutionSetup withKeychainArgv(Function<String, List<String>> k) {
        return new ExecutionSetup(upstream, audit, execution, env, k, auditExporters);
    }

    public ExecutionSetup withAuditExporters(Function<AuditConfig, List<AuditExporter>> e) {
        return new ExecutionSetup(upstream, audit, execution, env, keychainArgv, e);
    }
}
