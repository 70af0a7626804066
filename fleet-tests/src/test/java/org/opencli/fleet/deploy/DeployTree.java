package org.opencli.fleet.deploy;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** Everything under {@code deploy/}: every document of every YAML file, parsed once. */
final class DeployTree {
    static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    /** One YAML document; {@code where()} names it in assertion messages. */
    record Document(Path file, int index, JsonNode node) {
        String kind() {
            return node.path("kind").asText("");
        }

        String name() {
            return node.path("metadata").path("name").asText("");
        }

        /** A strategic-merge patch such as {@code $patch: delete}, not a resource of its own. */
        boolean isPatch() {
            return node.has("$patch");
        }

        String where() {
            return file + " #" + index + " (" + kind() + " " + name() + ")";
        }
    }

    final Path root;
    final Path deploy;
    final List<Path> yamlFiles;
    final List<Document> documents;

    private DeployTree(Path root) {
        this.root = root;
        this.deploy = root.resolve("deploy");
        this.yamlFiles = yamlFilesUnder(deploy);
        this.documents = new ArrayList<>();
        for (Path file : yamlFiles) documents.addAll(parse(file));
    }

    static DeployTree load() {
        return new DeployTree(Path.of(System.getProperty("ocli.repo.root", "..")).toAbsolutePath().normalize());
    }

    static List<Path> yamlFilesUnder(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile)
                    .filter(p -> p.getFileName().toString().endsWith(".yaml") || p.getFileName().toString().endsWith(".yml"))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir, e);
        }
    }

    /** Every non-empty document of a (possibly multi-document) YAML file; a parse error names the file. */
    static List<Document> parse(Path file) {
        List<Document> docs = new ArrayList<>();
        try (JsonParser parser = YAML.getFactory().createParser(file.toFile())) {
            int index = 0;
            for (JsonNode node : YAML.readValues(parser, JsonNode.class).readAll()) {
                if (node != null && !node.isNull() && !node.isMissingNode()) docs.add(new Document(file, index, node));
                index++;
            }
        } catch (IOException e) {
            throw new AssertionError(file + " is not valid YAML: " + e.getMessage(), e);
        }
        return docs;
    }

    /** Kubernetes resources (not patches) of one kind under deploy/k8s. */
    List<Document> kubernetes(String kind) {
        Path k8s = deploy.resolve("k8s");
        return documents.stream()
                .filter(d -> d.file().startsWith(k8s) && d.kind().equals(kind) && !d.isPatch())
                .toList();
    }

    /** Deployments and StatefulSets: the documents that run oclird. */
    List<Document> workloads() {
        List<Document> all = new ArrayList<>(kubernetes("Deployment"));
        all.addAll(kubernetes("StatefulSet"));
        return all;
    }

    Path compose() {
        return deploy.resolve("compose/compose.yaml");
    }

    Path containerfile() {
        return deploy.resolve("container/Containerfile");
    }
}
