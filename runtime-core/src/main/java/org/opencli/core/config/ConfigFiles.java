package org.opencli.core.config;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The files a project config merges — managed, user, project ({@code .cli.json}), local
 * ({@code .cli.local.json}), the ones that exist, in merge order — and their fingerprint, without
 * loading or validating anything. {@link ConfigLoader} reads exactly this list, and its
 * {@link LoadedConfig#fingerprint()} is the same SHA-256, so a client can tell whether a daemon runs
 * the config it has on disk by reading at most four small files.
 */
public final class ConfigFiles {
    private ConfigFiles() {
    }

    /**
     * The fingerprint {@link ConfigLoader#load} would give the config at {@code projectConfig} with
     * the standard scopes ({@code /etc/oas-cli/.cli.json}, {@code $XDG_CONFIG_HOME/oas-cli} or
     * {@code ~/.config/oas-cli}).
     *
     * @throws ConfigException when the project file does not exist or a scope file cannot be read
     */
    public static String fingerprint(Path projectConfig) {
        return fingerprint(projectConfig, ConfigScopes.standard());
    }

    /**
     * SHA-256 (lower-case hex) over each existing scope file's absolute path and bytes, in merge order:
     * equal to {@link LoadedConfig#fingerprint()} of {@code new ConfigLoader(scopes).load(projectConfig)}
     * whenever that load succeeds. Files are read bounded (4 MiB each) and not parsed.
     *
     * @throws ConfigException when the project file does not exist or a scope file cannot be read
     */
    public static String fingerprint(Path projectConfig, ConfigScopes scopes) {
        Path project = projectConfig.toAbsolutePath().normalize();
        if (!Files.isRegularFile(project)) {
            throw new ConfigException(project.toString(), JsonPaths.ROOT, "config file not found",
                    "an existing " + ConfigLoader.PROJECT_FILE + " file");
        }
        List<ConfigFingerprint.Content> contents = new ArrayList<>();
        for (Path file : scopeFiles(scopes, project, project.resolveSibling(ConfigLoader.LOCAL_FILE))) {
            contents.add(new ConfigFingerprint.Content(file.toString(), ConfigFileReader.readBytes(file)));
        }
        return ConfigFingerprint.ofContents(contents);
    }

    /** The scope files that exist as regular files, in merge order, each once (one file may fill two scopes). */
    static List<Path> scopeFiles(ConfigScopes scopes, Path project, Path local) {
        List<Path> files = new ArrayList<>();
        for (Path candidate : Arrays.asList(absolute(scopes.managed()), absolute(scopes.user()),
                project, local)) {
            if (candidate == null || !Files.isRegularFile(candidate) || files.contains(candidate)) continue;
            files.add(candidate);
        }
        return files;
    }

    /** Not ConfigLoader's: a client computing a fingerprint before each call must not load the loader (docs/cli.md, lean start). */
    private static Path absolute(Path p) {
        return p == null ? null : p.toAbsolutePath().normalize();
    }
}
