package org.opencli.cli.options;

import java.util.Locale;
import picocli.CommandLine;

/** How command output is rendered. */
public enum OutputFormat {
    JSON, YAML, PRETTY, TABLE;

    /** Table for a person at a terminal, JSON when piped or captured. */
    public static OutputFormat defaultFor(boolean terminal) {
        return terminal ? TABLE : JSON;
    }

    /** Accepts json|yaml|pretty|table in any case; anything else is a usage error. */
    public static final class Converter implements CommandLine.ITypeConverter<OutputFormat> {
        @Override
        public OutputFormat convert(String value) {
            try {
                return OutputFormat.valueOf(value.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new CommandLine.TypeConversionException(
                        "'" + value + "' is not a format; expected one of json, yaml, pretty, table");
            }
        }
    }
}
