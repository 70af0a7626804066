package org.opencli.core.config;

import java.nio.file.Path;
import java.util.List;

/**
 * The result of loading: the merged config, the directory relative refs resolve against, the
 * files that contributed (in merge order), the managed scope's denies (never overridable), and a
 * fingerprint of the files' bytes (changes whenever any contributing file changes).
 */
public record LoadedConfig(
        CliConfig config,
        Path baseDir,
        List<Path> files,
        List<String> managedDeny,
        String fingerprint) {
}
