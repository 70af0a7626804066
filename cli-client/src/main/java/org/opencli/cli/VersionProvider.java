package org.opencli.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import picocli.CommandLine;

/** {@code ocli --version}: the Maven project version, filtered into a resource at build time. */
public final class VersionProvider implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
        Properties props = new Properties();
        try (InputStream in = VersionProvider.class.getResourceAsStream("/META-INF/ocli/version.properties")) {
            if (in != null) props.load(in);
        } catch (IOException ignored) {
            // fall back to "unknown"
        }
        return new String[] {"ocli " + props.getProperty("version", "unknown")};
    }
}
