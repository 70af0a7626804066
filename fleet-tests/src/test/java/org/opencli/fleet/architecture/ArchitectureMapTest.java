package org.opencli.fleet.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.opencli.fleet.architecture.ArchitectureDoc.Name;
import org.opencli.fleet.architecture.ArchitectureDoc.Row;

/**
 * Keeps docs/architecture.md a true map of the code: every main package has a row, every REST
 * resource and endpoint is listed, every class and method the map names exists where it says, and
 * no package refers to what its row says it must not depend on, every link reaches a document and
 * heading (the rules are listed in the doc's "Keeping this map true"). Names marked pending (†) are
 * accepted only while the footnote's class still exists, i.e. until the change they wait for is in.
 */
class ArchitectureMapTest {
    private static final String PACKAGES = "Packages";
    private static final String MODULES = "Modules and topologies";
    private static final String RESOURCES = "REST resources";
    private static final String WHERE = "Where is X decided?";
    /** {@code core.secrets.Credentials} or {@code core.secrets.Credentials#apply}. */
    private static final Pattern CLASS_REF = Pattern.compile("((?:[a-z][a-z0-9]*\\.)*[a-z][a-z0-9]*)\\.([A-Z]\\w*)(?:#(\\w+))?");
    private static final Pattern ENDPOINT = Pattern.compile("(GET|POST|PUT|DELETE|PATCH|HEAD) /\\S*");

    static Path repo;
    static ArchitectureDoc doc;
    static MainSources code;
    static boolean pendingAllowed;

    @BeforeAll
    static void read() throws Exception {
        repo = Path.of(System.getProperty("ocli.repo.root", "..")).toAbsolutePath().normalize();
        doc = ArchitectureDoc.read(repo.resolve("docs/architecture.md"));
        code = MainSources.scan(repo);
        pendingAllowed = doc.footnoteNames().stream().map(n -> classOf(n.text())).flatMap(Optional::stream).findFirst()
                .isPresent();
    }

    @Test
    void everyMainPackageHasARow() {
        assertThat(code.packages()).as("main packages found").hasSizeGreaterThan(10);
        List<String> named = packageRows().stream().map(r -> r.names(0)).filter(n -> !n.isEmpty())
                .map(n -> n.get(0).text()).toList();
        List<String> missing = code.packages().values().stream()
                .filter(p -> !named.contains(p.name()))
                .map(p -> p.name() + " (" + p.module() + ")").toList();
        assertThat(missing).as("main packages without a row under '## %s' in docs/architecture.md (first cell, in backticks,"
                + " without 'org.opencli.')", PACKAGES).isEmpty();
        List<String> twice = named.stream().filter(n -> named.indexOf(n) != named.lastIndexOf(n)).distinct().toList();
        assertThat(twice).as("packages with more than one row").isEmpty();
    }

    @Test
    void everyPackageRowNamesAPackageAndClassesThatExist() {
        List<String> wrong = new ArrayList<>();
        for (Row row : packageRows()) {
            Name pkg = row.names(0).isEmpty() ? null : row.names(0).get(0);
            if (pkg == null) {
                wrong.add(row.where() + ": no package in backticks in the first cell");
                continue;
            }
            if (pkg.pending()) continue;
            if (!code.packages().containsKey(pkg.text())) {
                wrong.add(row.where() + ": package " + pkg.text() + " has no .java file in any module's src/main/java");
                continue;
            }
            for (Name cls : row.names(2)) {
                if (!cls.pending() && code.classFile(pkg.text(), cls.text()).isEmpty()) {
                    wrong.add(row.where() + ": " + cls.text() + " is not a class of " + pkg.text());
                }
            }
        }
        assertThat(wrong).as("rows under '## %s' naming what does not exist", PACKAGES).isEmpty();
    }

    @Test
    void everyClassAndMethodOfTheWhereTableExists() {
        List<Row> rows = doc.rows(WHERE);
        assertThat(rows).as("rows of '## %s'", WHERE).hasSizeGreaterThan(10);
        List<String> wrong = new ArrayList<>();
        for (Row row : rows) {
            List<Name> refs = row.names(2).stream().filter(n -> CLASS_REF.matcher(n.text()).matches()).toList();
            if (refs.isEmpty()) wrong.add(row.where() + ": no `package.Class#method` in the answer");
            for (Name ref : refs) {
                if (ref.pending()) continue;
                String problem = checkClassRef(ref.text(), row.cell(1));
                if (problem != null) wrong.add(row.where() + ": " + problem);
            }
        }
        assertThat(wrong).as("answers of '## %s' that no longer hold", WHERE).isEmpty();
    }

    @Test
    void everyRestResourceAndEndpointIsListed() {
        List<MainSources.Resource> resources = code.resources();
        assertThat(resources).as("classes annotated @Path").isNotEmpty();
        Map<String, List<Row>> listed = new LinkedHashMap<>();
        for (Row row : doc.rows(RESOURCES)) {
            if (!row.names(0).isEmpty()) listed.computeIfAbsent(row.names(0).get(0).text(), k -> new ArrayList<>()).add(row);
        }
        List<String> wrong = new ArrayList<>();
        for (MainSources.Resource resource : resources) {
            List<Row> rows = listed.remove(resource.name());
            if (rows == null) {
                wrong.add(resource.name() + " (a @Path class) has no row");
                continue;
            }
            Map<String, Row> documented = new LinkedHashMap<>();
            for (Row row : rows) {
                row.names(1).stream().map(Name::text).filter(t -> ENDPOINT.matcher(t).matches()).forEach(e -> documented.put(e, row));
            }
            resource.endpoints().forEach((endpoint, threading) -> {
                Row row = documented.remove(endpoint);
                if (row == null) {
                    wrong.add(resource.name() + " serves `" + endpoint + "`, which has no row");
                    return;
                }
                List<Name> said = row.names(2).stream().filter(n -> n.text().startsWith("@")).toList();
                boolean pending = said.stream().anyMatch(Name::pending);
                String documentedThreading = String.join(" ", said.stream().map(Name::text).toList());
                if (!pending && !documentedThreading.equals(threading)) {
                    wrong.add(row.where() + ": `" + endpoint + "` is " + (threading.isEmpty() ? "not annotated" : threading)
                            + " in the code, the row says " + (documentedThreading.isEmpty() ? "nothing" : documentedThreading));
                }
            });
            documented.forEach((endpoint, row) -> wrong.add(row.where() + ": `" + endpoint + "` is not served by " + resource.name()));
        }
        listed.forEach((name, rows) -> wrong.add(rows.get(0).where() + ": " + name + " is not a @Path class of the main code"));
        assertThat(wrong).as("'## %s' in docs/architecture.md against the @Path classes", RESOURCES).isEmpty();
    }

    @Test
    void noPackageDependsOnWhatItsRowForbids() {
        List<String> wrong = new ArrayList<>();
        for (Row row : packageRows()) {
            if (row.names(0).isEmpty() || row.names(0).get(0).pending()) continue;
            MainSources.Package pkg = code.packages().get(row.names(0).get(0).text());
            if (pkg == null) continue; // reported by everyPackageRowNamesAPackageAndClassesThatExist
            for (Path file : pkg.files()) wrong.addAll(violations(row, file, pkg.name(), row.names(3)));
        }
        for (Row row : doc.rows(MODULES)) {
            String module = row.cell(0);
            for (MainSources.Package pkg : code.packages().values()) {
                if (!pkg.module().equals(module)) continue;
                for (Path file : pkg.files()) wrong.addAll(violations(row, file, pkg.name(), row.names(3)));
            }
        }
        assertThat(wrong).as("references the map's 'must not depend on' columns forbid").isEmpty();
    }

    @Test
    void everyLinkReachesADocumentAndHeading() throws Exception {
        List<String> broken = new ArrayList<>();
        for (String[] link : doc.links()) {
            Path target = repo.resolve("docs").resolve(link[1]).normalize();
            if (!Files.isRegularFile(target)) {
                broken.add(link[0] + ": " + link[1] + " does not exist");
                continue;
            }
            if (link[2] == null) continue;
            boolean found = Files.readAllLines(target).stream().filter(l -> l.matches("#{1,6} .*"))
                    .map(l -> ArchitectureDoc.anchor(l.replaceFirst("#{1,6} ", ""))).anyMatch(link[2]::equals);
            if (!found) broken.add(link[0] + ": " + link[1] + " has no heading #" + link[2]);
        }
        assertThat(broken).as("links of docs/architecture.md").isEmpty();
    }

    @Test
    void pendingMarksOnlyWhileTheirChangeIsOutstanding() {
        if (pendingAllowed) return;
        assertThat(doc.pendingLines())
                .as("'%s' marks left although the footnote's class (%s) is gone, or there is no footnote: check each name"
                        + " against the code, then drop the mark (and the footnote once none is left)", ArchitectureDoc.PENDING,
                        doc.footnoteNames().stream().map(Name::text).toList())
                .isEmpty();
    }

    private static List<Row> packageRows() {
        return doc.rows(PACKAGES);
    }

    /** Null when {@code ref} ({@code pkg.Class} or {@code pkg.Class#method}) exists in a module the row names. */
    private static String checkClassRef(String ref, String modules) {
        Matcher m = CLASS_REF.matcher(ref);
        if (!m.matches()) return ref + " is not `package.Class` or `package.Class#method`";
        MainSources.Package pkg = code.packages().get(m.group(1));
        Optional<Path> file = code.classFile(m.group(1), m.group(2));
        if (pkg == null || file.isEmpty()) return ref + ": no class " + m.group(2) + " in package " + m.group(1);
        if (!modules.contains(pkg.module())) return ref + " lives in " + pkg.module() + ", the row names " + modules;
        if (m.group(3) != null && !MainSources.declaresMethod(file.get(), m.group(3))) {
            return ref + ": " + m.group(2) + " declares no method " + m.group(3);
        }
        return null;
    }

    private static Optional<Path> classOf(String ref) {
        Matcher m = CLASS_REF.matcher(ref);
        return m.matches() ? code.classFile(m.group(1), m.group(2)) : Optional.empty();
    }

    /** What {@code file} refers to among {@code forbidden}: our packages by prefix, anything else as a dotted prefix. */
    private static List<String> violations(Row row, Path file, String ownPackage, List<Name> forbidden) {
        List<String> out = new ArrayList<>();
        var referenced = MainSources.referencedPackages(file, ownPackage);
        for (Name f : forbidden) {
            if (f.pending()) continue;
            String name = f.text();
            boolean ours = name.matches("(core|service|cli|fleet)(\\.[a-z0-9]+)*");
            boolean hit = ours
                    ? referenced.stream().anyMatch(p -> !p.startsWith(ownPackage + ".") && (p.equals(name) || p.startsWith(name + ".")))
                    : MainSources.mentions(file, name);
            if (hit) out.add(row.where() + ": " + file.getFileName() + " (" + ownPackage + ") refers to " + name);
        }
        return out;
    }
}
