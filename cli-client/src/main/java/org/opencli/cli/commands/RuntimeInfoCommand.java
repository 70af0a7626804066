package org.opencli.cli.commands;

import com.fasterxml.jackson.databind.JsonNode;
import org.opencli.cli.output.Table;
import picocli.CommandLine.Command;

/** {@code ocli runtime info}: the runtime's {@code /v1/runtime/info} answer. */
@Command(name = "info", mixinStandardHelpOptions = true,
        footerHeading = "%nExample:%n",
        footer = {"  ocli --demo runtime info --format yaml"},
        description = "Show the runtime's info (contract version, capabilities, instance, paths, lifecycle).")
public class RuntimeInfoCommand extends BaseCommand {

    @Override
    public Integer call() {
        JsonNode info = session().runtime().client().runtimeInfo();
        output().write(info, () -> fields(info));
        return 0;
    }

    /** One row per field; an object's fields (lifecycle, auth) one row each, as {@code lifecycle.managed}. */
    static Table fields(JsonNode info) {
        Table table = new Table("FIELD", "VALUE");
        info.fields().forEachRemaining(field -> {
            if (field.getValue().isObject()) {
                field.getValue().fields().forEachRemaining(inner -> table.row(field.getKey() + "." + inner.getKey(), text(inner.getValue())));
            } else {
                table.row(field.getKey(), text(field.getValue()));
            }
        });
        return table;
    }

    private static String text(JsonNode value) {
        if (value.isArray()) {
            StringBuilder joined = new StringBuilder();
            value.forEach(v -> joined.append(joined.length() == 0 ? "" : ", ").append(v.isValueNode() ? v.asText() : v.toString()));
            return joined.toString();
        }
        return value.isValueNode() ? value.asText() : value.toString();
    }
}
