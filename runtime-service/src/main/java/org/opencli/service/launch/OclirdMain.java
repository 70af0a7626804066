package org.opencli.service.launch;

import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.annotations.QuarkusMain;
import java.util.Arrays;
import java.util.Map;
import org.opencli.service.http.RequestLimits;

/** {@code oclird}: parses the command line, then runs the Quarkus application until stopped. */
@QuarkusMain
public class OclirdMain {

    public static void main(String... args) {
        if (Arrays.asList(args).contains("--help") || Arrays.asList(args).contains("-h")) {
            System.out.println(OclirdArguments.USAGE);
            return;
        }
        if (Arrays.asList(args).contains("--version") || Arrays.asList(args).contains("-V")) {
            System.out.println("oclird " + OclirdMain.class.getPackage().getImplementationVersion());
            return;
        }
        Map<String, String> props;
        try {
            props = OclirdArguments.toProperties(args);
        } catch (OclirdArguments.UsageException e) {
            System.err.println("oclird: " + e.getMessage());
            System.err.println(OclirdArguments.USAGE);
            System.exit(2);
            return;
        }
        String refused = InstanceGuard.refusal(props);
        if (refused != null) {
            System.err.println("oclird: " + refused);
            System.exit(2);
            return;
        }
        props.forEach(System::setProperty);
        // RequestLimits checks the request target itself and answers a problem, not Quarkus' bare 400
        System.setProperty(RequestLimits.QUARKUS_URI_CHECK_OFF, "true");
        Quarkus.run(OclirdApplication.class, (code, failure) -> {
            if (failure != null) System.err.println("oclird: failed to start: " + rootMessage(failure));
            System.exit(code);
        }, args);
    }

    /** The innermost message: Quarkus wraps start failures several times. */
    static String rootMessage(Throwable failure) {
        Throwable t = failure;
        while (t.getCause() != null && t.getCause() != t) t = t.getCause();
        return t.getMessage() == null ? t.toString() : t.getMessage();
    }
}
