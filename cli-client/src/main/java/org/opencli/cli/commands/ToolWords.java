package org.opencli.cli.commands;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.opencli.cli.catalog.CatalogView;
import org.opencli.cli.catalog.ToolLookup;
import picocli.CommandLine.Parameters;

/** The tool argument {@code explain} and {@code tool schema} share (a picocli mixin): a tool id or the command words. */
public class ToolWords {
    @Parameters(index = "0..2", paramLabel = "TOOL", arity = "1..3",
            description = "A tool id (helpdesk:listTickets) or the command words (helpdesk tickets list-tickets).")
    List<String> words;

    JsonNode find(CatalogView catalog) {
        return new ToolLookup(catalog).find(words);
    }
}
