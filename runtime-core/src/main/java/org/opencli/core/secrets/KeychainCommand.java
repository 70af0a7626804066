package org.opencli.core.secrets;

import java.util.List;
import java.util.Locale;

/** The OS keychain lookup command: libsecret's {@code secret-tool} on Linux, {@code security} on macOS. */
public final class KeychainCommand {
    private KeychainCommand() {
    }

    public static List<String> argv(String osName, String service) {
        String os = osName.toLowerCase(Locale.ROOT);
        if (os.contains("mac") || os.contains("darwin")) {
            return List.of("security", "find-generic-password", "-s", service, "-w");
        }
        if (os.contains("linux")) return List.of("secret-tool", "lookup", "service", service);
        throw new SecretUnresolvedException("no OS keychain support on " + osName);
    }
}
