package org.opencli.cli.commands;

import picocli.CommandLine.Option;

/** How an interactive sign-in reaches the user (a mixin: login today, any future re-auth prompt tomorrow). */
public class LoginOptions {
    @Option(names = "--device", description = "Use the device flow (RFC 8628): sign in on another device with a code.")
    boolean device;

    @Option(names = "--no-browser", description = "Do not try to open a browser; only print the sign-in URL.")
    boolean noBrowser;
}
