package org.opencli.cli.config;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.opencli.cli.CliException;
import org.opencli.cli.ExitCodes;
import org.opencli.core.config.ConfigException;
import org.opencli.core.error.ProblemItem;
import org.opencli.core.io.BoundedFiles;
import org.opencli.core.json.Json;

/**
 * A config file opened for editing. Keys keep their order (Jackson's object nodes are ordered) and
 * the file keeps its indentation unit; whatever else JSON cannot carry through a parse (spacing
 * inside lines) becomes the usual pretty print. {@link #save} writes the new text next to the file,
 * has it checked there as the real file would be, and only then moves it over the original — an
 * edit that would leave the config invalid leaves the file byte for byte as it was.
 */
public final class ConfigFile {
    static final long MAX_BYTES = 4L * 1024 * 1024;
    private static final Pattern FIRST_INDENT = Pattern.compile("\\{\\s*?\\n([ \\t]+)\\S");

    private final Path path;
    private final ObjectNode root;
    private final String indent;

    private ConfigFile(Path path, ObjectNode root, String indent) {
        this.path = path;
        this.root = root;
        this.indent = indent;
    }

    /**
     * Reads {@code path}; one that does not parse is reported by {@code check}, the loader every
     * config command uses (file, line, column and what was expected).
     */
    public static ConfigFile open(Path path, Consumer<Path> check) {
        byte[] bytes;
        try {
            bytes = BoundedFiles.read(path, MAX_BYTES);
        } catch (IOException e) {
            check.accept(path); // names the file and why it cannot be read
            throw new CliException(ExitCodes.USAGE, "config_unreadable", "Cannot read config", path + ": cannot be read");
        }
        JsonNode node;
        try {
            node = Json.MAPPER.reader().with(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
                    .with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS).readTree(bytes);
        } catch (IOException e) {
            node = null;
        }
        if (!(node instanceof ObjectNode root)) {
            check.accept(path);
            throw new CliException(ExitCodes.USAGE, "invalid_config", "Invalid configuration", path + ": $: not a JSON object");
        }
        return new ConfigFile(path, root, indentOf(new String(bytes, StandardCharsets.UTF_8)));
    }

    public Path path() {
        return path;
    }

    /** The parsed file, to edit in place before {@link #save}. */
    public ObjectNode root() {
        return root;
    }

    /**
     * Refuses a file whose owner-write bit is off: root may write anything (access(2) says yes),
     * but a mode without it says the owner meant the file to stay as it is.
     */
    public void requireWritable() {
        try {
            Path target = path.toRealPath();
            PosixFileAttributeView view = Files.getFileAttributeView(target, PosixFileAttributeView.class);
            if (view == null) return;
            Set<PosixFilePermission> permissions = view.readAttributes().permissions();
            if (permissions.contains(PosixFilePermission.OWNER_WRITE)) return;
            throw new CliException(ExitCodes.USAGE, "config_read_only", "Config is read-only",
                    path + " is read-only (mode " + octal(permissions) + "); nothing was changed");
        } catch (IOException e) {
            throw unwritable(e);
        }
    }

    /** The object at {@code key}, created (at the end) when absent. */
    public ObjectNode section(String key) {
        JsonNode existing = root.get(key);
        if (existing instanceof ObjectNode object) return object;
        if (existing != null && !existing.isNull()) {
            throw new CliException(ExitCodes.USAGE, "invalid_config", "Invalid configuration",
                    path + ": $." + key + ": is not an object (run 'ocli config validate')");
        }
        return root.putObject(key);
    }

    /**
     * Writes the edited tree atomically after {@code check} accepted it at a temporary path beside
     * the file (so relative references and {@code .cli.local.json} resolve as they will). Problems
     * are reported against this file's real name.
     */
    public void save(Consumer<Path> check) {
        Path temp = null;
        try {
            // A linked config (dotfile managers) is edited where it lives; the link stays a link.
            Path target = Files.isSymbolicLink(path) ? path.toRealPath() : path.toAbsolutePath();
            temp = Files.createTempFile(target.getParent(), ".cli-edit-", ".json.tmp");
            Files.writeString(temp, render(), StandardCharsets.UTF_8);
            copyPermissions(target, temp);
            try {
                check.accept(temp);
            } catch (ConfigException e) {
                throw renamed(e, temp);
            }
            Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            temp = null;
        } catch (IOException e) {
            throw unwritable(e);
        } finally {
            if (temp != null) {
                try {
                    Files.deleteIfExists(temp);
                } catch (IOException ignored) {
                    // a leftover hidden temp file is harmless; the config itself is untouched
                }
            }
        }
    }

    /** The tree as this file's style writes it: its indentation unit, {@code "key": value}, a final newline. */
    String render() {
        DefaultIndenter indenter = new DefaultIndenter(indent, "\n");
        DefaultPrettyPrinter printer = new DefaultPrettyPrinter(
                Separators.createDefaultInstance().withObjectFieldValueSpacing(Separators.Spacing.AFTER))
                .withObjectIndenter(indenter).withArrayIndenter(indenter);
        try {
            return Json.MAPPER.writer(printer).writeValueAsString(root) + "\n";
        } catch (IOException e) {
            throw new IllegalStateException("a parsed tree always serializes", e);
        }
    }

    /** The whitespace before the first nested key, else two spaces. */
    static String indentOf(String text) {
        Matcher m = FIRST_INDENT.matcher(text);
        return m.find() ? m.group(1) : "  ";
    }

    /** Why a write failed, in words (a usage error: the user chose where the config lives). */
    private CliException unwritable(IOException e) {
        String why = e instanceof AccessDeniedException ? "permission denied"
                : e instanceof NoSuchFileException ? "no such file or directory"
                : e instanceof FileSystemException fs && fs.getReason() != null ? fs.getReason()
                : "an I/O error";
        return new CliException(ExitCodes.USAGE, "write_failed", "Cannot write config",
                path + ": cannot write in " + path.toAbsolutePath().getParent() + " (" + why + "); nothing was changed");
    }

    static String octal(Set<PosixFilePermission> permissions) {
        int mode = 0;
        for (PosixFilePermission p : permissions) mode |= 1 << (8 - p.ordinal());
        return String.format("%04o", mode);
    }

    private static void copyPermissions(Path from, Path to) throws IOException {
        PosixFileAttributeView source = Files.getFileAttributeView(from, PosixFileAttributeView.class);
        if (source == null) return;
        Set<PosixFilePermission> permissions = source.readAttributes().permissions();
        Files.setPosixFilePermissions(to, permissions);
    }

    private ConfigException renamed(ConfigException e, Path temp) {
        String tempName = temp.toString();
        List<ProblemItem> items = e.items().stream()
                .map(i -> tempName.equals(i.file()) ? new ProblemItem(path.toString(), i.path(), i.message(), i.expected()) : i)
                .toList();
        return new ConfigException(items);
    }
}
