package org.opencli.service.launch;

import io.quarkus.runtime.LaunchMode;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * The URL this daemon actually listens on. With port 0 Quarkus picks a free port and publishes it
 * as a system property once the server is up, so this is read lazily, never at injection time.
 */
@ApplicationScoped
public class ListeningAddress {

    public String url() {
        String host = ConfigProvider.getConfig().getOptionalValue("quarkus.http.host", String.class).orElse("127.0.0.1");
        String portProperty = LaunchMode.current() == LaunchMode.TEST ? "quarkus.http.test-port" : "quarkus.http.port";
        String port = System.getProperty(portProperty,
                ConfigProvider.getConfig().getOptionalValue(portProperty, String.class).orElse("8080"));
        String shownHost = host.contains(":") ? "[" + host + "]" : host;
        return "http://" + shownHost + ":" + port;
    }
}
