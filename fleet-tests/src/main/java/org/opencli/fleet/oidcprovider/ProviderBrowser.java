package org.opencli.fleet.oidcprovider;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.htmlunit.BrowserVersion;
import org.htmlunit.Page;
import org.htmlunit.WebClient;
import org.htmlunit.html.HtmlElement;
import org.htmlunit.html.HtmlForm;
import org.htmlunit.html.HtmlPage;

/**
 * A headless browser (HtmlUnit, JavaScript off) signing in on {@link OidcProviderFixture}'s pages
 * as a person would: the login form (username, password), the device confirmation, then the
 * redirect to the client's callback. Each instance has its own cookie jar (its own session).
 */
public final class ProviderBrowser implements AutoCloseable {
    private static final int MAX_STEPS = 10;

    private final WebClient web = new WebClient(BrowserVersion.FIREFOX);
    private final List<String> visited = new ArrayList<>();

    public ProviderBrowser() {
        web.getOptions().setJavaScriptEnabled(false);
        web.getOptions().setCssEnabled(false);
        web.getOptions().setThrowExceptionOnFailingStatusCode(false);
        web.getOptions().setRedirectEnabled(true);
        web.getOptions().setTimeout(30_000);
    }

    /** Opens an authorization URL, signs in, and answers the text of the page it ends on (the client's callback). */
    public String login(String authorizationUrl, String user, String password) throws IOException {
        return text(drive(web.getPage(authorizationUrl), user, password));
    }

    /** Opens a device flow's {@code verification_uri_complete}, confirms the code and signs in; answers the final page's text. */
    public String approveDevice(String verificationUriComplete, String user, String password) throws IOException {
        Page page = drive(web.getPage(verificationUriComplete), user, password);
        String text = text(page);
        if (!text.contains("Success")) throw new IllegalStateException("device sign-in did not succeed; pages " + visited + ": " + text);
        return text;
    }

    /** The pages visited, without query strings (codes stay out of transcripts). */
    public List<String> visited() {
        return List.copyOf(visited);
    }

    @Override
    public void close() {
        web.close();
    }

    private Page drive(Page page, String user, String password) throws IOException {
        boolean signedIn = false;
        for (int step = 0; step < MAX_STEPS; step++) {
            visited.add(page.getUrl().getProtocol() + "://" + page.getUrl().getAuthority() + page.getUrl().getPath());
            if (!(page instanceof HtmlPage html)) return page;
            HtmlForm login = html.getFirstByXPath("//form[@id='login']");
            if (login != null) {
                if (signedIn) throw new IllegalStateException("the provider refused the sign-in of " + user + ": " + text(page));
                login.getInputByName("username").setValue(user);
                login.getInputByName("password").setValue(password);
                signedIn = true;
                page = submit(login);
                continue;
            }
            HtmlForm confirm = html.getFirstByXPath("//form[@id='op.deviceConfirmForm']");
            if (confirm == null && "Submitting Callback".equals(html.getTitleText())) {
                confirm = html.getFirstByXPath("//form"); // response_mode form_post: a script submits it in a real browser
            }
            if (confirm != null) {
                page = submit(confirm);
                continue;
            }
            return page;
        }
        throw new IllegalStateException("the provider kept asking after " + MAX_STEPS + " pages; last " + page.getUrl().getPath());
    }

    private static Page submit(HtmlForm form) throws IOException {
        HtmlElement button = form.getFirstByXPath(".//button[@type='submit']");
        if (button == null) throw new IllegalStateException("form " + form.getId() + " has no submit button");
        return button.click();
    }

    private static String text(Page page) {
        return page instanceof HtmlPage html ? html.asNormalizedText() : page.getWebResponse().getContentAsString();
    }
}
