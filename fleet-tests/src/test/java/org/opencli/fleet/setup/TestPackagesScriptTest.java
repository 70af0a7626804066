package org.opencli.fleet.setup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code scripts/test-packages.sh} as a user who is not root meets it on a machine lacking a
 * package: it must stop at once and name the exact apt-get line, installing nothing.
 */
class TestPackagesScriptTest {
    private static final Path SCRIPT = Path.of(System.getProperty("ocli.repo.root", ".."))
            .toAbsolutePath().normalize().resolve("scripts/test-packages.sh");

    @TempDir
    Path dir;

    @Test
    void notRootAndAPackageMissingNamesTheAptGetLine() throws Exception {
        // a PATH holding every tool the script looks for except script(1), from bsdutils
        Path bin = Files.createDirectories(dir.resolve("bin"));
        for (String tool : List.of("bash", "dirname", "id", "dpkg-query", "java", "mvn", "python3", "npm", "openssl", "zsh", "fish")) {
            Path real = which(tool);
            Files.createSymbolicLink(bin.resolve(tool), real);
        }
        Path script = dir.resolve("test-packages.sh");
        Files.copy(SCRIPT, script);
        for (Path p : List.of(dir, bin, script)) {
            Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
        ProcessBuilder builder = new ProcessBuilder("setpriv", "--reuid=65534", "--regid=65534", "--clear-groups",
                bin.resolve("bash").toString(), script.toString())
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(dir.resolve("err").toFile());
        builder.environment().put("PATH", bin.toString());
        Process process = builder.start();
        process.getOutputStream().close();
        // the script needs no network and no lock on this path: it answers at once
        assertTrue(process.waitFor(30, TimeUnit.SECONDS), "test-packages.sh did not stop");
        String err = Files.readString(dir.resolve("err"), StandardCharsets.UTF_8);
        assertEquals(1, process.exitValue(), err);
        assertTrue(err.contains("  sudo apt-get install -y bsdutils\n"), err);
        assertTrue(!err.contains("installing"), "nothing may be installed: " + err);
    }

    /** The links point outside the temporary directory: removed here, so its clean-up has none to warn about. */
    @org.junit.jupiter.api.AfterEach
    void removeLinks() throws IOException {
        Path bin = dir.resolve("bin");
        if (!Files.isDirectory(bin)) return;
        try (var links = Files.list(bin)) {
            for (Path link : links.toList()) Files.deleteIfExists(link);
        }
    }

    /** System directories first: the other user must be able to run it (a tool under /root is not). */
    private static Path which(String tool) throws IOException {
        for (String entry : ("/usr/local/bin:/usr/bin:/bin:" + System.getenv("PATH")).split(":")) {
            Path candidate = Path.of(entry, tool);
            if (Files.isExecutable(candidate)) return candidate.toRealPath();
        }
        throw new AssertionError(tool + " is not on the PATH of this test");
    }
}
