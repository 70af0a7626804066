package org.opencli.service.rest;

import static org.assertj.core.api.Assertions.assertThat;

import io.smallrye.common.annotation.Blocking;
import io.smallrye.common.annotation.NonBlocking;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.Path;
import java.io.IOException;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The threading rule of {@code package-info.java}: every resource method carries exactly one of
 * {@code @Blocking} and {@code @NonBlocking}; a non-blocking one returns a stage ({@code Multi} only for
 * the audit stream); no resource imports Vert.x or hops threads itself, except the named audit stream.
 */
class ResourceThreadingRuleTest {
    private static final java.nio.file.Path SOURCES = java.nio.file.Path.of("src/main/java/org/opencli/service/rest");
    private static final String NAMED_EXCEPTION = "AuditResource.java";

    @Test
    void everyResourceMethodSaysWhereItRuns() throws Exception {
        List<Class<?>> resources = resources();
        assertThat(resources).as("resources found under " + SOURCES).hasSizeGreaterThanOrEqualTo(7);
        List<String> broken = new ArrayList<>();
        for (Class<?> resource : resources) {
            for (Method method : resource.getDeclaredMethods()) {
                if (!isResourceMethod(method)) continue;
                String name = resource.getSimpleName() + "#" + method.getName();
                boolean blocking = method.isAnnotationPresent(Blocking.class);
                boolean nonBlocking = method.isAnnotationPresent(NonBlocking.class);
                if (blocking == nonBlocking) broken.add(name + ": needs exactly one of @Blocking and @NonBlocking");
                Class<?> returns = method.getReturnType();
                boolean stage = CompletionStage.class.isAssignableFrom(returns) || Uni.class.isAssignableFrom(returns)
                        || Multi.class.isAssignableFrom(returns);
                if (nonBlocking && !stage) broken.add(name + ": @NonBlocking but returns " + returns.getSimpleName());
            }
        }
        assertThat(broken).isEmpty();
    }

    @Test
    void noResourceImportsVertxOrHopsThreads() throws IOException {
        List<String> broken = new ArrayList<>();
        try (Stream<java.nio.file.Path> files = Files.list(SOURCES)) {
            for (java.nio.file.Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                String source = Files.readString(file);
                String name = file.getFileName().toString();
                if (name.equals("package-info.java")) continue; // the rule's own text
                if (source.contains("import io.vertx") || source.contains("io.vertx.")) broken.add(name + " uses Vert.x types");
                if (source.contains("executeBlocking")) broken.add(name + " calls executeBlocking");
                if (source.contains(".runSubscriptionOn(") && !name.equals(NAMED_EXCEPTION)) broken.add(name + " calls runSubscriptionOn");
            }
        }
        assertThat(broken).isEmpty();
    }

    @Test
    void theRuleCatchesAMethodWithoutAnnotation() throws Exception {
        Method bare = Unannotated.class.getDeclaredMethod("get");
        assertThat(isResourceMethod(bare)).isTrue();
        assertThat(bare.isAnnotationPresent(Blocking.class) || bare.isAnnotationPresent(NonBlocking.class)).isFalse();
    }

    /** A resource method: one whose annotations include an HTTP method (@GET, @POST, ...). */
    private static boolean isResourceMethod(Method method) {
        for (Annotation a : method.getAnnotations()) {
            if (a.annotationType().isAnnotationPresent(HttpMethod.class)) return true;
        }
        return false;
    }

    private static List<Class<?>> resources() throws IOException, ClassNotFoundException {
        List<Class<?>> found = new ArrayList<>();
        try (Stream<java.nio.file.Path> files = Files.list(SOURCES)) {
            for (java.nio.file.Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                String simple = file.getFileName().toString().replace(".java", "");
                if (simple.equals("package-info")) continue;
                Class<?> type = Class.forName("org.opencli.service.rest." + simple);
                if (type.isAnnotationPresent(Path.class)) found.add(type);
            }
        }
        return found;
    }

    /** Not a {@code @Path} class: Quarkus would serve it in every test application. */
    static class Unannotated {
        @jakarta.ws.rs.GET
        public String get() {
            return "";
        }
    }
}
