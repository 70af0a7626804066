package org.opencli.cli.commands;

import picocli.CommandLine.Option;

/** {@code --service S}, shared by {@code catalog list} and {@code search} (a picocli mixin). */
public class ServiceFilterOption {
    @Option(names = "--service", paramLabel = "SERVICE", description = "Only tools of this service (its alias or id).")
    String service;
}
