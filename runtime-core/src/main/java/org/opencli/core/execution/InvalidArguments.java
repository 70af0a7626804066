package org.opencli.core.execution;

import org.opencli.core.error.ErrorKind;
import org.opencli.core.error.OcliException;

/** 400 {@code invalid_arguments}: the caller's path args, flags or body do not fit the tool. */
public final class InvalidArguments {
    private InvalidArguments() {
    }

    public static OcliException of(String detail) {
        return new OcliException(ErrorKind.BAD_REQUEST, "invalid_arguments", "Invalid arguments", detail);
    }
}
