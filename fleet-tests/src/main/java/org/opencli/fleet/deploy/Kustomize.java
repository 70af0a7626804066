package org.opencli.fleet.deploy;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * {@code kubectl kustomize DIR}: the objects a {@code kubectl apply -k DIR} would send, rendered
 * offline. The manifest checks and the kube-play lane both read what this renders, so both see
 * exactly what a cluster would get.
 */
public final class Kustomize {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    /** kubectl's location; {@code OCLI_KUBECTL} overrides it. */
    public static final String KUBECTL = System.getenv().getOrDefault("OCLI_KUBECTL", "kubectl");

    private Kustomize() {
    }

    /** The rendered multi-document YAML. */
    public static String render(Path dir) throws IOException, InterruptedException {
        Path out = Files.createTempFile("kustomize", ".yaml");
        Path err = Files.createTempFile("kustomize", ".err");
        try {
            Process p;
            try {
                p = new ProcessBuilder(KUBECTL, "kustomize", dir.toString())
                        .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            } catch (IOException e) {
                throw new IOException("cannot run '" + KUBECTL + " kustomize' (kubectl is needed to render deploy/k8s; "
                        + "put it on the PATH or set OCLI_KUBECTL): " + e.getMessage(), e);
            }
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IOException(KUBECTL + " kustomize " + dir + " did not finish within 60 s");
            }
            if (p.exitValue() != 0) {
                throw new IOException(KUBECTL + " kustomize " + dir + " exited " + p.exitValue() + ": "
                        + Files.readString(err, StandardCharsets.UTF_8).strip());
            }
            return Files.readString(out, StandardCharsets.UTF_8);
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }

    /** Every non-empty document of a rendered stream. */
    public static List<JsonNode> documents(String yaml) throws IOException {
        List<JsonNode> docs = new ArrayList<>();
        try (JsonParser parser = YAML.getFactory().createParser(yaml)) {
            for (JsonNode node : YAML.readValues(parser, JsonNode.class).readAll()) {
                if (node != null && node.isObject()) docs.add(node);
            }
        }
        return docs;
    }
}
