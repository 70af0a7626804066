package org.opencli.cli;

import java.io.PrintWriter;
import org.opencli.cli.catalog.CatalogView;
import org.opencli.cli.options.GlobalOptions;
import org.opencli.cli.output.OutputWriter;
import org.opencli.cli.runtime.ResolvedRuntime;
import org.opencli.cli.runtime.RuntimeResolver;

/**
 * One invocation's shared state: the global options, the runtime (resolved on first use, so
 * commands that need none — init, --help — never start one) and the catalog (fetched at most once).
 */
public final class CliSession implements AutoCloseable {
    private final GlobalOptions options;
    private final RuntimeResolver resolver;
    private ResolvedRuntime runtime;
    private CatalogView catalog;

    public CliSession(GlobalOptions options, RuntimeResolver resolver) {
        this.options = options;
        this.resolver = resolver;
    }

    public GlobalOptions options() {
        return options;
    }

    public RuntimeResolver resolver() {
        return resolver;
    }

    public ResolvedRuntime runtime() {
        if (runtime == null) runtime = resolver.resolve(options);
        return runtime;
    }

    /** The effective catalog and selected view for the global --mode/--agent-profile. */
    public CatalogView catalog() {
        if (catalog == null || !catalog.whole()) catalog = fetchCatalog(true);
        return catalog;
    }

    /**
     * The selected view and the services, enough to build and run service commands: a runtime may
     * leave out the rest of the catalog (see {@link org.opencli.cli.runtime.RuntimeClient#commandCatalog}).
     */
    public CatalogView commandCatalog() {
        if (catalog == null) catalog = fetchCatalog(false);
        return catalog;
    }

    /**
     * The whole catalog answer fetched again, for a command that lives on (an MCP server): a changed
     * config or a new view shows without a restart.
     */
    public com.fasterxml.jackson.databind.JsonNode freshCatalog() {
        catalog = fetchCatalog(true);
        return catalog.response();
    }

    private CatalogView fetchCatalog(boolean whole) {
        ResolvedRuntime rt = runtime();
        if (rt.embedded() && rt.configPath() == null) {
            throw new CliException(ExitCodes.USAGE, "config_not_found", "No config",
                    "no .cli.json in the current directory or its parents; use --config FILE, --runtime URL or --demo");
        }
        String config = rt.target().config();
        String mode = rt.target().mode(options.mode);
        String profile = rt.target().agentProfile(options.agentProfile, options.mode);
        return whole ? new CatalogView(rt.client().catalog(config, mode, profile), true)
                : new CatalogView(rt.client().commandCatalog(config, mode, profile), false);
    }

    /** False when nothing points at a catalog: no config, no runtime, no demo (see RuntimeResolver). */
    public boolean hasCatalogSource() {
        return runtime != null || resolver.hasCatalogSource(options);
    }

    public OutputWriter output(PrintWriter out) {
        return new OutputWriter(out, options.effectiveFormat(), options.format != null, OutputWriter.terminalWidth(GlobalOptions.stdoutIsTerminal()));
    }

    @Override
    public void close() {
        if (runtime != null) runtime.close();
    }
}
