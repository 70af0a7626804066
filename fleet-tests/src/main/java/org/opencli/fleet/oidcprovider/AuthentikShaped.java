package org.opencli.fleet.oidcprovider;

import java.util.List;

/**
 * The Authentik shape the lanes run: an OAuth2/OpenID provider for application slug
 * {@link #SLUG} (issuer {@code <origin>/application/o/ocli/}), whose tokens carry the user's
 * Authentik groups in {@code groups} and {@code preferred_username}; {@code aud} is the provider's
 * client id {@link #CLIENT}, as Authentik sets it.
 */
public final class AuthentikShaped {
    public static final String SLUG = "ocli";
    public static final String CLIENT = "ocli-authentik";
    public static final String HELPDESK_GROUP = "helpdesk-agents";
    public static final String AUDITORS_GROUP = "runtime-auditors";
    public static final String AGENT = "akadia";
    public static final String AGENT_PASSWORD = "akadia-password";
    public static final String AUDITOR = "bruno";
    public static final String AUDITOR_PASSWORD = "bruno-password";

    private AuthentikShaped() {
    }

    public static ProviderSetup setup() {
        return new ProviderSetup("urn:authentik:ocli", CLIENT, List.of("goauthentik.io/api"))
                .authentikApplication(SLUG)
                .publicClient(CLIENT)
                .user(AGENT, AGENT_PASSWORD, null, "ak-uid-akadia", null, "akadia@corp.example", List.of(HELPDESK_GROUP, "everyone"))
                .user(AUDITOR, AUDITOR_PASSWORD, null, "ak-uid-bruno", null, "bruno@corp.example", List.of(AUDITORS_GROUP, "everyone"));
    }

    public static String issuer(OidcProviderFixture idp) {
        return idp.origin() + "/application/o/" + SLUG + "/";
    }
}
