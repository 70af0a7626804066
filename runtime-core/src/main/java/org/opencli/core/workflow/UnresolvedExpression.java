package org.opencli.core.workflow;

import org.opencli.core.error.ErrorKind;
import org.opencli.core.error.OcliException;

/** A runtime expression that names nothing (unknown input, step, output, pointer) or is not supported. */
public final class UnresolvedExpression extends OcliException {
    public static final String CODE = "workflow_expression";

    public UnresolvedExpression(String expression, String why) {
        super(ErrorKind.BAD_REQUEST, CODE, "Unresolvable workflow expression", expression + ": " + why);
    }
}
