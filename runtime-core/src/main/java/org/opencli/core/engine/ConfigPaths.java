package org.opencli.core.engine;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import org.opencli.core.error.ErrorKind;
import org.opencli.core.error.OcliException;

/** A config path named by a request, as an absolute normalized path; an unusable one is a 400, never a crash. */
final class ConfigPaths {
    /** Longer than any path the OS accepts (PATH_MAX is 4096 on Linux). */
    static final int MAX_LENGTH = 4096;

    private ConfigPaths() {
    }

    static Path of(String requested) {
        if (requested.length() > MAX_LENGTH) throw invalid("longer than " + MAX_LENGTH + " characters");
        for (int i = 0; i < requested.length(); i++) {
            if (Character.isISOControl(requested.charAt(i))) throw invalid("contains a control character");
        }
        try {
            return Path.of(requested).toAbsolutePath().normalize();
        } catch (InvalidPathException e) {
            throw invalid("is not a valid path on this system");
        }
    }

    private static OcliException invalid(String why) {
        return new OcliException(ErrorKind.BAD_REQUEST, "invalid_config_path", "Invalid config path",
                "the requested config path " + why + " (expected the absolute path of a .cli.json file)");
    }
}
