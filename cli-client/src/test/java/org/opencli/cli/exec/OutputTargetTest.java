package org.opencli.cli.exec;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.opencli.cli.ExitCodes;
import org.opencli.cli.FileKind;
import org.opencli.cli.support.CliRunner.CliResult;

/**
 * {@code --output} onto what is not a plain file: a symbolic link is followed (the link stays), a
 * character device is written in place (never replaced), FIFOs and files in directories that
 * refuse a temporary file ({@code /proc}) are refused before anything is sent. Devices are made
 * with mknod in the test's directory (the suite runs as root, like .ci/run), so a regression could
 * only ever replace those, never the machine's /dev/null.
 */
class OutputTargetTest extends ExecFixture {

    @Test
    void aSymbolicLinkIsFollowedItsTargetWrittenAndTheLinkKept() throws Exception {
        Files.createDirectory(dir.resolve("real"));
        Files.writeString(dir.resolve("real/ticket.json"), "old");
        Files.createSymbolicLink(dir.resolve("link.json"), Path.of("real/ticket.json"));
        CliResult r = ocli("hd", "tickets", "get-ticket", "42", "--output", "link.json");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(Files.isSymbolicLink(dir.resolve("link.json"))).isTrue();
        assertThat(Files.readString(dir.resolve("real/ticket.json"))).isNotEqualTo("old").contains("\"ok\"");
        assertThat(r.err()).contains("to " + dir.resolve("link.json"));
        try (var left = Files.list(dir.resolve("real"))) {
            assertThat(left).containsExactly(dir.resolve("real/ticket.json"));
        }
    }

    @Test
    void aDanglingSymbolicLinkIsRefusedAndNothingIsSent() throws Exception {
        Files.createSymbolicLink(dir.resolve("dangling.json"), Path.of("missing/ticket.json"));
        CliResult r = ocli("hd", "tickets", "get-ticket", "42", "--output=dangling.json");
        assertThat(r.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.err()).contains("symbolic link to a file that does not exist", "nothing was sent");
        assertThat(runtime.executions()).isEmpty();
    }

    @Test
    void aCharacterDeviceIsWrittenInPlaceAndStaysADevice() throws Exception {
        Path nullDevice = device("null", 3);
        CliResult r = ocli("hd", "tickets", "get-ticket", "42", "--output", nullDevice.toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(FileKind.of(nullDevice)).isEqualTo(FileKind.CHARACTER_DEVICE);
        assertThat(runtime.executions()).hasSize(1);
        try (var left = Files.list(dir)) {
            assertThat(left).containsExactly(nullDevice);
        }
    }

    @Test
    void aDeviceThatRefusesTheWriteNamesThePathAndTheReasonInWords() throws Exception {
        Path full = device("full", 7);
        CliResult r = ocli("hd", "tickets", "get-ticket", "42", "--output=" + full);
        assertThat(r.exitCode()).isEqualTo(ExitCodes.INTERNAL);
        assertThat(r.err()).contains(full.toString(), "No space left on device", "the call was made")
                .doesNotContain("Exception");
        assertThat(FileKind.of(full)).isEqualTo(FileKind.CHARACTER_DEVICE);
    }

    @Test
    void theMachinesDevNullWorksAndIsNotReplaced() {
        CliResult r = ocli("hd", "tickets", "get-ticket", "42", "--output", "/dev/null");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(FileKind.of(Path.of("/dev/null"))).isEqualTo(FileKind.CHARACTER_DEVICE);
    }

    @Test
    void aFifoIsRefusedAndNothingIsSent() throws Exception {
        Path fifo = dir.resolve("pipe");
        run("mkfifo", fifo.toString());
        CliResult r = ocli("hd", "tickets", "get-ticket", "42", "--output", "pipe");
        assertThat(r.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.err()).contains(fifo.toString(), "named pipe (FIFO), not a regular file", "nothing was sent");
        assertThat(FileKind.of(fifo)).isEqualTo(FileKind.FIFO);
        assertThat(runtime.executions()).isEmpty();
    }

    @Test
    void aFileWhoseDirectoryRefusesATemporaryFileIsRefusedBeforeSending() {
        CliResult r = ocli("hd", "tickets", "get-ticket", "42", "--output", "/proc/version");
        assertThat(r.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.err()).contains("--output /proc/version", "a temporary file cannot be created in /proc", "nothing was sent")
                .doesNotContain("Exception");
        assertThat(runtime.executions()).isEmpty();
    }

    /** A character device with major 1 (memory devices): minor 3 is null, 7 is full. */
    private Path device(String name, int minor) throws Exception {
        Path node = dir.resolve(name);
        run("mknod", node.toString(), "c", "1", String.valueOf(minor));
        return node;
    }

    private static void run(String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor()).as(String.join(" ", command) + ": " + output).isZero();
    }
}
