package org.opencli.fleet.architecture;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The main code of every module (a directory of the repository with {@code src/main/java}): its
 * packages, named as the architecture map names them ({@code org.opencli.} dropped), their classes,
 * the packages each file refers to, and the REST resources with their endpoints.
 */
final class MainSources {
    static final String ROOT_PACKAGE = "org.opencli.";
    private static final Pattern OUR_REFERENCE = Pattern.compile("\\borg\\.opencli\\.((?:[a-z0-9_]+\\.)*[a-z0-9_]+)\\.(?:[A-Z]|\\*)");
    private static final Pattern CLASS_PATH = Pattern.compile("@Path\\(\\s*\"([^\"]*)\"\\s*\\)");
    private static final Pattern HTTP_METHOD = Pattern.compile("@(GET|POST|PUT|DELETE|PATCH|HEAD)\\b");
    private static final Pattern THREADING = Pattern.compile("@(Blocking|NonBlocking|RunOnVirtualThread)\\b");
    private static final Set<String> NOT_A_TYPE = Set.of("return", "new", "throw", "else", "case", "yield");

    /** One package directory of main code. */
    record Package(String name, String module, Path dir, List<Path> files) {
    }

    /**
     * A class annotated {@code @Path}: its name as the map writes it and its endpoints ({@code GET /v1/x}),
     * each with its threading annotation ({@code @Blocking}, {@code @NonBlocking}; empty when none).
     */
    record Resource(String name, Map<String, String> endpoints) {
    }

    private final Map<String, Package> packages = new TreeMap<>();

    private MainSources() {
    }

    static MainSources scan(Path repo) throws IOException {
        MainSources sources = new MainSources();
        try (Stream<Path> modules = Files.list(repo)) {
            for (Path module : modules.filter(m -> Files.isDirectory(m.resolve("src/main/java"))).sorted().toList()) {
                sources.scanModule(module.getFileName().toString(), module.resolve("src/main/java"));
            }
        }
        return sources;
    }

    private void scanModule(String module, Path javaRoot) throws IOException {
        try (Stream<Path> dirs = Files.walk(javaRoot)) {
            for (Path dir : dirs.filter(Files::isDirectory).toList()) {
                List<Path> files;
                try (Stream<Path> list = Files.list(dir)) {
                    files = list.filter(f -> f.toString().endsWith(".java")).sorted().toList();
                }
                if (files.isEmpty()) continue;
                String name = javaRoot.relativize(dir).toString().replace('/', '.');
                packages.put(shortName(name), new Package(shortName(name), module, dir, files));
            }
        }
    }

    private static String shortName(String fullName) {
        return fullName.startsWith(ROOT_PACKAGE) ? fullName.substring(ROOT_PACKAGE.length()) : fullName;
    }

    Map<String, Package> packages() {
        return packages;
    }

    /** The file declaring {@code simpleName} in package {@code pkg} (short name), if any. */
    Optional<Path> classFile(String pkg, String simpleName) {
        Package p = packages.get(pkg);
        if (p == null) return Optional.empty();
        Path file = p.dir().resolve(simpleName + ".java");
        return Files.isRegularFile(file) ? Optional.of(file) : Optional.empty();
    }

    /** Whether {@code file} declares a method named {@code method} (a type, the name, parameters, then a body). */
    static boolean declaresMethod(Path file, String method) {
        Matcher m = Pattern.compile("([\\w>\\]]+)\\s+" + Pattern.quote(method) + "\\s*\\([^;{}]*\\)\\s*(?:throws\\s[\\w.,\\s]+)?\\{")
                .matcher(code(file));
        while (m.find()) {
            if (!NOT_A_TYPE.contains(m.group(1))) return true;
        }
        return false;
    }

    /** The packages (short names) the code of {@code file} refers to, its own excluded. */
    static Set<String> referencedPackages(Path file, String ownPackage) {
        Set<String> out = new LinkedHashSet<>();
        Matcher m = OUR_REFERENCE.matcher(code(file));
        while (m.find()) {
            if (!m.group(1).equals(ownPackage)) out.add(m.group(1));
        }
        return out;
    }

    /** Whether the code of {@code file} mentions {@code prefix} followed by a dot (e.g. {@code io.vertx.}). */
    static boolean mentions(Path file, String prefix) {
        return Pattern.compile("(?<![\\w.])" + Pattern.quote(prefix) + "\\.").matcher(code(file)).find();
    }

    /** Every class with a class-level {@code @Path}, by the name the map writes ({@code service.rest.CatalogResource}). */
    List<Resource> resources() {
        List<Resource> out = new ArrayList<>();
        for (Package p : packages.values()) {
            for (Path file : p.files()) {
                String code = code(file);
                String simpleName = file.getFileName().toString().replace(".java", "");
                Matcher declaration = Pattern.compile("\\b(?:class|record|interface)\\s+" + simpleName + "\\b").matcher(code);
                if (!declaration.find()) continue;
                Matcher classPath = CLASS_PATH.matcher(original(file).substring(0, declaration.start()));
                String base = null;
                while (classPath.find()) base = classPath.group(1);
                if (base == null) continue;
                out.add(new Resource(p.name() + "." + simpleName, endpoints(original(file), declaration.end(), base)));
            }
        }
        return out;
    }

    /** {@code GET /v1/x} for each method annotated with an HTTP method, its own {@code @Path} appended to {@code base}. */
    private static Map<String, String> endpoints(String source, int bodyStart, String base) {
        Map<String, String> out = new LinkedHashMap<>();
        String[] lines = source.substring(bodyStart).split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            Matcher verb = HTTP_METHOD.matcher(lines[i].trim());
            if (!verb.lookingAt()) continue;
            int from = i;
            while (from > 0 && lines[from - 1].trim().startsWith("@")) from--;
            int to = i;
            while (to + 1 < lines.length && lines[to + 1].trim().startsWith("@")) to++;
            String sub = "";
            String threading = "";
            for (int j = from; j <= to; j++) {
                Matcher path = CLASS_PATH.matcher(lines[j]);
                if (path.find()) sub = path.group(1);
                Matcher annotation = THREADING.matcher(lines[j].trim());
                if (annotation.lookingAt()) threading = threading.isEmpty() ? annotation.group() : threading + " " + annotation.group();
            }
            out.put(verb.group(1) + " " + join(base, sub), threading);
        }
        return out;
    }

    private static String join(String base, String sub) {
        String path = ("/" + base + "/" + sub).replaceAll("/+", "/");
        return path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    }

    private static String original(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String code(Path file) {
        return JavaCode.of(original(file));
    }
}
