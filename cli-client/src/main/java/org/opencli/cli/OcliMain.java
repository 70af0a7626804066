package org.opencli.cli;

import io.quarkus.runtime.QuarkusApplication;
import io.quarkus.runtime.annotations.QuarkusMain;
import jakarta.inject.Inject;
import org.opencli.cli.runtime.RuntimeResolver;
import picocli.CommandLine;

/** The {@code ocli} entry point: our own main (not the extension's runner) so the tree can grow from the catalog. */
@QuarkusMain
public class OcliMain implements QuarkusApplication {
    @Inject
    CommandLine.IFactory factory;

    @Override
    public int run(String... args) {
        return OcliLauncher.run(factory, RuntimeResolver.standard(), args);
    }
}
