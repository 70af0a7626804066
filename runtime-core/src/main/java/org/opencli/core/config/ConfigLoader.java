package org.opencli.core.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.InputCoercionException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.opencli.core.error.ProblemItem;
import org.opencli.core.json.Json;
import org.opencli.core.json.ParseErrors;

/**
 * Loads and merges the four config scopes (managed, user, project, local), validating each file
 * leniently and the merged result strictly (CONTRACT.md §2). Steps:
 * <ol>
 *   <li>read each existing scope file; per-file schema check without presence rules;</li>
 *   <li>merge ({@link ScopeMerger}); the managed scope's {@code policy.deny} is kept apart;</li>
 *   <li>normalize {@code mcpServers} and the legacy server auth mode;</li>
 *   <li>strict schema check, fill empty sections, bind to {@link CliConfig}, cross-field rules.</li>
 * </ol>
 * Every stage collects all of its problems and throws one {@link ConfigException}.
 */
public final class ConfigLoader {
    static final String PROJECT_FILE = ".cli.json";
    static final String LOCAL_FILE = ".cli.local.json";

    private final ConfigScopes scopes;

    public ConfigLoader(ConfigScopes scopes) {
        this.scopes = scopes;
    }

    /** Managed {@code /etc/oas-cli/.cli.json}; user from XDG_CONFIG_HOME or ~/.config. */
    public static ConfigLoader standard() {
        return new ConfigLoader(ConfigScopes.standard());
    }

    /**
     * Loads the project config at {@code projectConfig} (its sibling {@code .cli.local.json} too) on
     * top of the managed and user scopes.
     *
     * @throws ConfigException naming file, JSON path and what was expected
     */
    public LoadedConfig load(Path projectConfig) {
        Merged merged = merge(projectConfig);
        return merged.loaded(finish(merged.merger.result(), merged.merger.provenance()));
    }

    /**
     * Loads the scopes at {@code projectConfig} as a client config when the merged result is one
     * ({@link ClientConfigRules}: only {@code runtime} and the {@code mode}/{@code agents} choices,
     * no sources); empty when it is not, so the caller loads it as a project config instead.
     *
     * @throws ConfigException when it is a client config with problems
     */
    public Optional<LoadedConfig> loadClient(Path projectConfig) {
        Merged merged = merge(projectConfig);
        if (!ClientConfigRules.isClientConfig(merged.merger.result())) return Optional.empty();
        return Optional.of(merged.loaded(ClientConfigRules.finish(merged.merger.result(), merged.merger.provenance())));
    }

    /** The scope files read and merged, not yet validated as a whole. */
    private record Merged(Path project, Path local, List<ConfigFileReader.ReadFile> files, ScopeMerger merger) {
        LoadedConfig loaded(CliConfig config) {
            Path baseDir = Files.isRegularFile(local) ? local.getParent() : project.getParent();
            if (baseDir == null) baseDir = Path.of("").toAbsolutePath();
            List<Path> paths = files.stream().map(ConfigFileReader.ReadFile::path).toList();
            return new LoadedConfig(config, baseDir, paths, merger.managedDeny(), ConfigFingerprint.of(files));
        }
    }

    private Merged merge(Path projectConfig) {
        Path project = projectConfig.toAbsolutePath().normalize();
        if (!Files.isRegularFile(project)) {
            throw new ConfigException(project.toString(), JsonPaths.ROOT, "config file not found",
                    "an existing " + PROJECT_FILE + " file");
        }
        Path local = project.resolveSibling(LOCAL_FILE);
        List<ConfigFileReader.ReadFile> files = readScopes(project, local);

        ScopeMerger merger = new ScopeMerger(project.toString());
        for (ConfigFileReader.ReadFile file : files) {
            merger.add(file.root(), file.name(), isManaged(file.path()));
        }
        return new Merged(project, local, files, merger);
    }

    /** Reads and leniently checks every existing scope file, reporting all files' problems together. */
    private List<ConfigFileReader.ReadFile> readScopes(Path project, Path local) {
        List<ConfigFileReader.ReadFile> files = new ArrayList<>();
        List<ProblemItem> problems = new ArrayList<>();
        for (Path candidate : ConfigFiles.scopeFiles(scopes, project, local)) {
            try {
                ConfigFileReader.ReadFile file = ConfigFileReader.read(candidate);
                Problems fileProblems = Problems.forFile(file.name());
                fileProblems.addAll(ConfigSchema.lenient().validate(file.root()));
                problems.addAll(fileProblems.items());
                files.add(file);
            } catch (ConfigException e) {
                problems.addAll(e.items());
            }
        }
        if (!problems.isEmpty()) throw new ConfigException(problems);
        return files;
    }

    /** Normalizes, validates strictly and binds the merged tree. */
    private static CliConfig finish(ObjectNode merged, Provenance provenance) {
        Problems problems = new Problems(provenance::fileFor);
        Set<String> fromMcpServers = McpServersNormalizer.normalize(merged, provenance, problems);
        LegacyAuthNormalizer.normalize(merged, problems);
        problems.addAll(ConfigSchema.strict().validate(merged));
        CliConfig config = bind(merged, provenance, problems);
        SourceRules.check(config, fromMcpServers, problems);
        ReferenceRules.check(config, problems);
        RuntimeRules.check(config, problems);
        SecretRules.check(config, problems);
        problems.throwIfAny();
        return config;
    }

    /** Fills absent sections and binds the checked tree to {@link CliConfig}. */
    static CliConfig bind(ObjectNode merged, Provenance provenance, Problems problems) {
        ConfigDefaults.apply(merged);
        try {
            return Json.MAPPER.treeToValue(merged, CliConfig.class);
        } catch (JsonProcessingException e) {
            // The schema admits what binds, bar numbers too large for their Java type; located, never Jackson's text.
            ParseErrors.Described d = ParseErrors.describe(e, "JSON");
            String path = d.path() == null ? JsonPaths.ROOT : d.path();
            InputCoercionException range = e instanceof InputCoercionException c ? c
                    : e.getCause() instanceof InputCoercionException c ? c : null;
            if (range != null) {
                problems.add(path, "number is too large", "an integer of at most " + maxOf(range.getTargetType()));
            } else {
                problems.add(path, "value cannot be used", "a value matching the schema");
            }
            throw new ConfigException(problems.items());
        } catch (IllegalArgumentException e) {
            problems.add(JsonPaths.ROOT, "config cannot be bound (" + e.getClass().getSimpleName() + ")",
                    "a config matching the schema");
            throw new ConfigException(problems.items());
        }
    }

    private static String maxOf(Class<?> type) {
        return type == Integer.TYPE || type == Integer.class ? String.valueOf(Integer.MAX_VALUE) : String.valueOf(Long.MAX_VALUE);
    }

    private boolean isManaged(Path file) {
        return scopes.managed() != null && file.equals(absolute(scopes.managed()));
    }

    static Path absolute(Path p) {
        return p == null ? null : p.toAbsolutePath().normalize();
    }

    /** The nearest {@code .cli.json} in {@code start} or a parent directory. */
    public static Optional<Path> discover(Path start) {
        for (Path dir = start.toAbsolutePath().normalize(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve(PROJECT_FILE);
            if (Files.isRegularFile(candidate)) return Optional.of(candidate);
        }
        return Optional.empty();
    }

    public ConfigScopes scopes() {
        return scopes;
    }
}
