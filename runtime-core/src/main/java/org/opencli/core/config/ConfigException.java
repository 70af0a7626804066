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

    /**
     * Only a count: the items themselves name file, path and expectation, and every renderer lists
     * them under this line (repeating the first one here printed it twice).
     */
    private static String summarize(List<ProblemItem> items) {
        if (items.isEmpty()) return "configuration is invalid";
        return items.size() == 1 ? "1 problem" : items.size() + " problems";
    }
}
