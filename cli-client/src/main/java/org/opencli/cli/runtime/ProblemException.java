package org.opencli.cli.runtime;

import org.opencli.cli.CliException;
import org.opencli.cli.ExitCodes;
import org.opencli.core.error.Problem;

/** A problem+json answer from the runtime (HTTP or embedded); exit code follows its status. */
public class ProblemException extends CliException {
    public ProblemException(Problem problem) {
        super(ExitCodes.forRuntimeProblem(problem.status(), problem.code()), problem);
    }
}
