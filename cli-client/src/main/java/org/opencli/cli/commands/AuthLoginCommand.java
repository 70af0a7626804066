package org.opencli.cli.commands;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.opencli.cli.auth.RemoteAuth;
import org.opencli.cli.auth.SignInPrompt;
import org.opencli.core.auth.client.CachedLogin;
import org.opencli.core.json.Json;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code ocli auth login [--device] [--no-browser]}: signs in with the configured mode and caches the tokens. */
@Command(name = "login", mixinStandardHelpOptions = true,
        footerHeading = "%nExamples:%n",
        footer = {"  ocli auth login --runtime https://oclird.example.com", "  ocli auth login --device"},
        description = "Sign in to the remote runtime (browser login, device code, or client credentials per runtime.remote.oauth.mode).")
public class AuthLoginCommand extends AuthBase {
    @Mixin
    LoginOptions login;

    @Override
    public Integer call() {
        RemoteAuth auth = remoteAuth();
        CachedLogin done = auth.login(login.device, SignInPrompt.onStderr(spec.commandLine().getErr(), login.noBrowser));
        ObjectNode result = Json.MAPPER.createObjectNode();
        result.put("runtime", done.runtime());
        result.put("mode", done.mode());
        result.put("principal", done.tokens().principal());
        result.put("expiresAt", isoOrNull(done.tokens().expiresAt()));
        String who = done.tokens().principal() == null ? "" : " as " + done.tokens().principal();
        output().writeStatus(result, "Signed in to " + done.runtime() + who + " (" + done.mode() + ")");
        return 0;
    }
}
