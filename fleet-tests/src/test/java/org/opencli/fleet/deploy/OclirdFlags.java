package org.opencli.fleet.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

/**
 * oclird's own command-line parser, run on the arguments the manifests pass. fleet-tests does not
 * depend on runtime-service (a Quarkus application), but {@code OclirdArguments} uses nothing but
 * java.util, so its source is compiled here and its {@code toProperties} called: a flag the daemon
 * would refuse fails the test with the daemon's own message.
 */
final class OclirdFlags {
    static final String SOURCE = "runtime-service/src/main/java/org/opencli/service/launch/OclirdArguments.java";
    private final Method toProperties;

    private OclirdFlags(Method toProperties) {
        this.toProperties = toProperties;
    }

    static OclirdFlags compile(Path repoRoot, Path scratch) {
        Path source = repoRoot.resolve(SOURCE);
        if (!Files.isRegularFile(source)) throw new AssertionError("oclird argument parser not found at " + source);
        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        if (compiler == null) throw new AssertionError("no Java compiler in this JDK (tests need a JDK, not a JRE)");
        Path out = scratch.resolve("oclird-arguments");
        try {
            Files.createDirectories(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        int rc = compiler.run(null, null, null, "-d", out.toString(), source.toString());
        if (rc != 0) throw new AssertionError("cannot compile " + source + " (javac exit " + rc + ")");
        try {
            URLClassLoader loader = new URLClassLoader(new java.net.URL[] {out.toUri().toURL()},
                    OclirdFlags.class.getClassLoader());
            Class<?> type = loader.loadClass("org.opencli.service.launch.OclirdArguments");
            return new OclirdFlags(type.getMethod("toProperties", String[].class));
        } catch (ReflectiveOperationException | IOException e) {
            throw new AssertionError("cannot load the compiled oclird argument parser: " + e, e);
        }
    }

    /**
     * The config properties oclird derives from {@code args} (e.g. {@code quarkus.http.port},
     * {@code oclird.state-dir}).
     *
     * @throws AssertionError with oclird's usage message when it would refuse the arguments
     */
    @SuppressWarnings("unchecked")
    Map<String, String> parse(List<String> args, String where) {
        try {
            return (Map<String, String>) toProperties.invoke(null, (Object) args.toArray(String[]::new));
        } catch (InvocationTargetException e) {
            throw new AssertionError(where + ": oclird refuses " + args + ": " + e.getCause().getMessage(), e.getCause());
        } catch (IllegalAccessException e) {
            throw new AssertionError(e);
        }
    }
}
