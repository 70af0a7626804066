package org.opencli.fleet.oidcprovider;

import java.util.List;

/**
 * The Entra ID shape the lanes run: an app registration "oclird" (application id {@link #APP_ID},
 * identifier URI {@code api://<APP_ID>}) exposing delegated scopes {@code Helpdesk.Read} and
 * {@code Helpdesk.ReadWrite} and app roles; a multi-tenant app seen from tenants
 * {@link #TENANT_A} and {@link #TENANT_B} (allowed by the runtime) and {@link #TENANT_OTHER}
 * (not allowed). Access tokens: {@code aud} the application id (a GUID), {@code iss}
 * {@code <origin>/<tid>/v2.0}, {@code tid}, {@code oid}; people's tokens {@code scp} and
 * {@code upn}, client-credentials tokens {@code roles}.
 */
public final class EntraShaped {
    public static final String APP_ID = "6d0c5a8e-3b1f-4c52-9a7e-2f4b8c1d9e07";
    public static final String RESOURCE = "api://" + APP_ID;
    public static final String TENANT_A = "72f988bf-86f1-41af-91ab-2d7cd011db47";
    public static final String TENANT_B = "3c1e9a40-5d2b-4f7e-8a61-0b9d4e2c7f15";
    public static final String TENANT_OTHER = "f00dcafe-0000-4000-8000-00000000beef";
    /** The CI pipeline's app registration (client credentials), granted app role Helpdesk.Read.All. */
    public static final String CI_CLIENT = "a3b1c2d4-e5f6-4789-8abc-def012345678";
    public static final String CI_CLIENT_SECRET = "ci-app-secret-Q7v~not-a-real-one";
    public static final String CI_CLIENT_OID = "9b8a7c6d-5e4f-4321-8fed-cba987654321";
    /** An app registration in the tenant the runtime does not allow, with the same app role. */
    public static final String OTHER_CLIENT = "0d1e2f3a-4b5c-4d6e-8f70-8192a3b4c5d6";
    public static final String OTHER_CLIENT_SECRET = "other-tenant-secret-not-real";
    /** ocli's public client registration (device code, authorization code + PKCE). */
    public static final String PUBLIC_CLIENT = "04b07795-8ddb-461a-bbee-02f9e1bf7b46";
    public static final String USER = "adele";
    public static final String USER_PASSWORD = "adele-password";
    public static final String USER_UPN = "adele.vance@contoso.example";
    public static final String USER_OID = "4f2d8e1a-7b3c-4e5f-9a0b-1c2d3e4f5a6b";
    public static final String SCOPE_READ = "Helpdesk.Read";
    public static final String SCOPE_READ_WRITE = "Helpdesk.ReadWrite";
    public static final String ROLE_READ_ALL = "Helpdesk.Read.All";
    public static final String ROLE_AUDITOR = "Runtime.Auditor";

    private EntraShaped() {
    }

    public static ProviderSetup setup() {
        return new ProviderSetup(RESOURCE, APP_ID,
                List.of(RESOURCE + "/.default", RESOURCE + "/" + SCOPE_READ, RESOURCE + "/" + SCOPE_READ_WRITE))
                .entraTenant(TENANT_A).entraTenant(TENANT_B).entraTenant(TENANT_OTHER)
                .confidentialClient(CI_CLIENT, CI_CLIENT_SECRET, List.of(ROLE_READ_ALL, ROLE_AUDITOR), CI_CLIENT_OID)
                .confidentialClient(OTHER_CLIENT, OTHER_CLIENT_SECRET, List.of(ROLE_READ_ALL), "e1e2e3e4-0000-4000-8000-0000000000aa")
                .publicClient(PUBLIC_CLIENT)
                .user(USER, USER_PASSWORD, TENANT_A, USER_OID, USER_UPN, USER_UPN, List.of());
    }

    /** The issuer of {@code tenant}: what the runtime's {@code {tenantid}} template becomes for it. */
    public static String issuer(OidcProviderFixture idp, String tenant) {
        return idp.origin() + "/" + tenant + "/v2.0";
    }

    /** The runtime's {@code issuer} for this multi-tenant app. */
    public static String issuerTemplate(OidcProviderFixture idp) {
        return idp.origin() + "/{tenantid}/v2.0";
    }
}
