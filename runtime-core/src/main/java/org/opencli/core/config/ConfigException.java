package org.opencli.core.config;

import java.util.List;
import org.opencli.core.error.ErrorKind;
import org.opencli.core.error.OcliException;
import org.opencli.core.error.ProblemItem;

/** A config that cannot be used. Every item names the file, the JSON path and what was expected. */
public class ConfigException extends OcliException {

    public ConfigException(List<ProblemItem> items) {
        super(ErrorKind.CONFIG, "invalid_config", "Invalid configuration", summarize(items), items);
    }

    public ConfigException(String file, String path, String message, String expected) {
        this(List.of(new ProblemItem(file, path, message, expected)));
    }

    private static String summarize(List<ProblemItem> items) {
        if (items.isEmpty()) return "configuration is invalid";
        String first = items.get(0).describe();
        return items.size() == 1 ? first : first + " (and " + (items.size() - 1) + " more)";
    }
}
