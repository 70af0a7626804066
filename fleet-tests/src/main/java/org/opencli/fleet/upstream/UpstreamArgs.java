package org.opencli.fleet.upstream;

/**
 * Command-line flags of {@link TestUpstream#main}: the port, the address to bind (loopback unless
 * told; the compose demo binds 0.0.0.0 inside its container) and any expected secret to override.
 */
record UpstreamArgs(String bind, int port, UpstreamCredentials credentials) {

    static final String USAGE = "usage: TestUpstream [--bind ADDR] [--port N] [--bearer-token T] [--basic-user U] [--basic-password P]"
            + " [--api-key K] [--session S] [--client-id I] [--client-secret S]   (--port 0 picks a free port)";

    static UpstreamArgs parse(String[] args) {
        int port = 0;
        String bind = "127.0.0.1";
        UpstreamCredentials d = UpstreamCredentials.defaults();
        String bearer = d.bearerToken(), user = d.basicUser(), password = d.basicPassword(), apiKey = d.apiKey(),
                session = d.sessionCookie(), clientId = d.clientId(), clientSecret = d.clientSecret();
        for (int i = 0; i < args.length; i++) {
            String flag = args[i];
            if (i + 1 >= args.length) throw new IllegalArgumentException(flag + " needs a value");
            String value = args[++i];
            switch (flag) {
                case "--port" -> port = port(value);
                case "--bind" -> bind = value;
                case "--bearer-token" -> bearer = value;
                case "--basic-user" -> user = value;
                case "--basic-password" -> password = value;
                case "--api-key" -> apiKey = value;
                case "--session" -> session = value;
                case "--client-id" -> clientId = value;
                case "--client-secret" -> clientSecret = value;
                default -> throw new IllegalArgumentException("unknown flag " + flag);
            }
        }
        return new UpstreamArgs(bind, port, new UpstreamCredentials(bearer, user, password, apiKey, session, clientId, clientSecret));
    }

    private static int port(String value) {
        try {
            int port = Integer.parseInt(value);
            if (port < 0 || port > 65535) throw new IllegalArgumentException("--port must be 0..65535");
            return port;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--port must be a number, got " + value);
        }
    }
}
