package org.opencli.fleet.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPort;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * What podman kube play cannot check, checked against the Kubernetes API types: every object that
 * {@code kubectl kustomize} renders from deploy/k8s (the base and the StatefulSet variant) binds to
 * its fabric8 kubernetes-model class with no field the API does not know, and the objects agree
 * with each other the way a cluster needs them to — Services route to the pods' API port,
 * NetworkPolicy and PodDisruptionBudget select the pods, probes ask the health paths, every
 * volume, claim, ConfigMap and ServiceAccount a pod names is rendered with it. No API server is
 * involved: admission, scheduling and a CNI enforcing the policy are not run (docs/deployment.md).
 */
class KubernetesSchemaTest {
    static final String LIVE = "/q/health/live";
    static final String READY = "/q/health/ready";
    static final ObjectMapper JSON = new ObjectMapper();

    /** The kinds deploy/k8s may ship, by apiVersion/kind: anything else fails the test. */
    static final Map<String, Class<? extends HasMetadata>> TYPES = Map.of(
            "v1/Namespace", Namespace.class,
            "v1/ServiceAccount", ServiceAccount.class,
            "v1/ConfigMap", ConfigMap.class,
            "v1/Secret", Secret.class,
            "v1/Service", Service.class,
            "v1/PersistentVolumeClaim", PersistentVolumeClaim.class,
            "apps/v1/Deployment", Deployment.class,
            "apps/v1/StatefulSet", StatefulSet.class,
            "policy/v1/PodDisruptionBudget", PodDisruptionBudget.class,
            "networking.k8s.io/v1/NetworkPolicy", NetworkPolicy.class);

    /** The kustomization roots a user applies. */
    static final List<String> ROOTS = List.of("deploy/k8s", "deploy/k8s/statefulset");

    @TestFactory
    Stream<DynamicTest> everyRenderedRootIsValidAgainstTheKubernetesApi() {
        Path repo = DeployTree.load().root;
        return ROOTS.stream().map(root -> DynamicTest.dynamicTest(root, () -> {
            Rendered rendered = Rendered.of(root, Kustomize.documents(Kustomize.render(repo.resolve(root))));
            rendered.check();
        }));
    }

    @Test
    void aMisspelledFieldOrAServiceMissingThePodPortFails() throws Exception {
        List<JsonNode> base = Kustomize.documents(Kustomize.render(DeployTree.load().root.resolve("deploy/k8s")));
        List<JsonNode> misspelled = edited(base, "Deployment", d -> ((ObjectNode) d.at("/spec/template/spec/containers/0"))
                .set("readinesProbe", d.at("/spec/template/spec/containers/0/readinessProbe")));
        assertThatThrownBy(() -> Rendered.of("misspelled", misspelled))
                .hasMessageContaining(".spec.template.spec.containers[0].readinesProbe");
        List<JsonNode> wrongPort = edited(base, "Service", s -> ((ObjectNode) s.at("/spec/ports/0")).put("targetPort", 8080));
        assertThatThrownBy(() -> Rendered.of("wrong-port", wrongPort).check())
                .hasMessageContaining("Service oclird port 8765 reaches Deployment oclird's API port");
    }

    static List<JsonNode> edited(List<JsonNode> docs, String kind, java.util.function.Consumer<JsonNode> edit) {
        List<JsonNode> copies = new ArrayList<>();
        for (JsonNode doc : docs) {
            JsonNode copy = doc.deepCopy();
            if (copy.path("kind").asText().equals(kind)) edit.accept(copy);
            copies.add(copy);
        }
        return copies;
    }

    /** One rendered root, every object bound to its API type. */
    record Rendered(String root, List<HasMetadata> objects) {

        static Rendered of(String root, List<JsonNode> documents) throws Exception {
            assertThat(documents).as("%s renders no object", root).isNotEmpty();
            List<HasMetadata> objects = new ArrayList<>();
            for (JsonNode doc : documents) {
                String type = doc.path("apiVersion").asText() + "/" + doc.path("kind").asText();
                String where = root + ": " + type + " " + doc.path("metadata").path("name").asText();
                Class<? extends HasMetadata> cls = TYPES.get(type);
                assertThat(cls).as("%s: not a kind deploy/k8s is expected to ship (known: %s)", where, TYPES.keySet()).isNotNull();
                HasMetadata object = JSON.treeToValue(doc, cls);
                assertThat(UnknownFields.of(object, "")).as("%s: fields the Kubernetes API does not define", where).isEmpty();
                objects.add(object);
            }
            return new Rendered(root, objects);
        }

        <T extends HasMetadata> List<T> all(Class<T> type) {
            return objects.stream().filter(type::isInstance).map(type::cast).toList();
        }

        void check() {
            namespaced();
            List<Workload> workloads = new ArrayList<>();
            all(Deployment.class).forEach(d -> workloads.add(new Workload("Deployment " + d.getMetadata().getName(),
                    d.getSpec().getSelector().getMatchLabels(), d.getSpec().getTemplate(), List.of())));
            all(StatefulSet.class).forEach(s -> workloads.add(new Workload("StatefulSet " + s.getMetadata().getName(),
                    s.getSpec().getSelector().getMatchLabels(), s.getSpec().getTemplate(),
                    s.getSpec().getVolumeClaimTemplates().stream().map(t -> t.getMetadata().getName()).toList())));
            assertThat(workloads).as("%s: workloads running oclird", root).hasSize(1);
            for (Workload w : workloads) {
                workload(w);
                services(w);
                networkPolicies(w);
                disruptionBudgets(w);
                volumes(w);
            }
            all(StatefulSet.class).forEach(this::governingService);
            for (Service s : all(Service.class)) {
                assertThat(workloads).as("%s: Service %s selects no pod", root, s.getMetadata().getName())
                        .anyMatch(w -> selects(s.getSpec().getSelector(), w.labels()));
            }
        }

        /** One namespace: rendered, and every object in it. */
        void namespaced() {
            List<Namespace> namespaces = all(Namespace.class);
            assertThat(namespaces).as("%s: one Namespace object", root).hasSize(1);
            String ns = namespaces.get(0).getMetadata().getName();
            for (HasMetadata o : objects) {
                if (o instanceof Namespace) continue;
                assertThat(o.getMetadata().getNamespace()).as("%s: %s %s namespace", root, o.getKind(), o.getMetadata().getName())
                        .isEqualTo(ns);
            }
        }

        void workload(Workload w) {
            assertThat(selects(w.selector(), w.labels())).as("%s: %s selector matches its own pod template", root, w.name()).isTrue();
            Container c = w.oclird();
            String sa = w.template().getSpec().getServiceAccountName();
            assertThat(all(ServiceAccount.class)).as("%s: %s runs as ServiceAccount %s, which is rendered", root, w.name(), sa)
                    .anyMatch(a -> a.getMetadata().getName().equals(sa));
            probe(w, c.getLivenessProbe(), "livenessProbe", LIVE);
            probe(w, c.getReadinessProbe(), "readinessProbe", READY);
            if (c.getStartupProbe() != null) probe(w, c.getStartupProbe(), "startupProbe", LIVE);
        }

        void probe(Workload w, Probe probe, String which, String path) {
            assertThat(probe).as("%s: %s has a %s", root, w.name(), which).isNotNull();
            assertThat(probe.getHttpGet()).as("%s: %s %s is an HTTP GET", root, w.name(), which).isNotNull();
            assertThat(probe.getHttpGet().getPath()).as("%s: %s %s path", root, w.name(), which).isEqualTo(path);
            assertThat(w.port(probe.getHttpGet().getPort())).as("%s: %s %s port is the API port", root, w.name(), which)
                    .isEqualTo(w.apiPort());
        }

        void services(Workload w) {
            List<Service> selecting = all(Service.class).stream().filter(s -> selects(s.getSpec().getSelector(), w.labels())).toList();
            assertThat(selecting).as("%s: a Service routes to %s", root, w.name()).isNotEmpty();
            for (Service s : selecting) {
                assertThat(s.getSpec().getPorts()).as("%s: Service %s ports", root, s.getMetadata().getName()).isNotEmpty();
                for (ServicePort p : s.getSpec().getPorts()) {
                    IntOrString target = p.getTargetPort() != null ? p.getTargetPort() : new IntOrString(p.getPort());
                    assertThat(w.port(target)).as("%s: Service %s port %s reaches %s's API port", root, s.getMetadata().getName(),
                            p.getPort(), w.name()).isEqualTo(w.apiPort());
                    assertThat(p.getProtocol()).as("%s: Service %s protocol", root, s.getMetadata().getName()).isEqualTo("TCP");
                }
            }
        }

        void networkPolicies(Workload w) {
            List<NetworkPolicy> policies = all(NetworkPolicy.class).stream()
                    .filter(p -> selects(p.getSpec().getPodSelector().getMatchLabels(), w.labels())).toList();
            assertThat(policies).as("%s: a NetworkPolicy selects %s's pods", root, w.name()).isNotEmpty();
            for (NetworkPolicy p : policies) {
                String name = p.getMetadata().getName();
                assertThat(p.getSpec().getPolicyTypes()).as("%s: NetworkPolicy %s restricts both directions", root, name)
                        .contains("Ingress", "Egress");
                assertThat(p.getSpec().getIngress()).as("%s: NetworkPolicy %s admits the API", root, name).isNotEmpty();
                p.getSpec().getIngress().forEach(rule -> {
                    assertThat(rule.getPorts()).as("%s: NetworkPolicy %s ingress names its ports", root, name).isNotEmpty();
                    for (NetworkPolicyPort port : rule.getPorts()) {
                        assertThat(w.port(port.getPort())).as("%s: NetworkPolicy %s ingress port is %s's API port", root, name, w.name())
                                .isEqualTo(w.apiPort());
                    }
                });
                boolean dns = p.getSpec().getEgress().stream().flatMap(rule -> rule.getPorts().stream())
                        .anyMatch(port -> Objects.equals(port.getPort(), new IntOrString(53)));
                assertThat(dns).as("%s: NetworkPolicy %s lets the pod resolve names (egress port 53)", root, name).isTrue();
            }
        }

        void disruptionBudgets(Workload w) {
            List<PodDisruptionBudget> budgets = all(PodDisruptionBudget.class);
            assertThat(budgets).as("%s: a PodDisruptionBudget selects %s", root, w.name())
                    .anyMatch(b -> selects(b.getSpec().getSelector().getMatchLabels(), w.labels()));
        }

        /** Every mount names a pod volume; every claim and ConfigMap a volume names is rendered here. */
        void volumes(Workload w) {
            List<Volume> volumes = w.template().getSpec().getVolumes();
            for (VolumeMount m : w.oclird().getVolumeMounts()) {
                boolean declared = volumes.stream().anyMatch(v -> v.getName().equals(m.getName())) || w.claimTemplates().contains(m.getName());
                assertThat(declared).as("%s: %s mounts '%s', which is neither a volume nor a claim template", root, w.name(), m.getName())
                        .isTrue();
            }
            for (Volume v : volumes) {
                if (v.getPersistentVolumeClaim() != null) {
                    String claim = v.getPersistentVolumeClaim().getClaimName();
                    assertThat(all(PersistentVolumeClaim.class)).as("%s: %s volume '%s' claims %s, which is rendered", root, w.name(),
                            v.getName(), claim).anyMatch(c -> c.getMetadata().getName().equals(claim));
                }
                if (v.getConfigMap() != null) {
                    String cm = v.getConfigMap().getName();
                    assertThat(all(ConfigMap.class)).as("%s: %s volume '%s' reads ConfigMap %s, which is rendered", root, w.name(),
                            v.getName(), cm).anyMatch(c -> c.getMetadata().getName().equals(cm));
                }
            }
            Set<String> used = new java.util.HashSet<>();
            volumes.stream().filter(v -> v.getPersistentVolumeClaim() != null).forEach(v -> used.add(v.getPersistentVolumeClaim().getClaimName()));
            for (PersistentVolumeClaim c : all(PersistentVolumeClaim.class)) {
                assertThat(used).as("%s: PersistentVolumeClaim %s is used by the workload", root, c.getMetadata().getName())
                        .contains(c.getMetadata().getName());
            }
        }

        /** A StatefulSet's serviceName is a rendered headless Service selecting its pods. */
        void governingService(StatefulSet s) {
            String name = s.getSpec().getServiceName();
            Service governing = all(Service.class).stream().filter(svc -> svc.getMetadata().getName().equals(name)).findFirst()
                    .orElseThrow(() -> new AssertionError(root + ": StatefulSet serviceName " + name + " is not rendered"));
            assertThat(governing.getSpec().getClusterIP()).as("%s: Service %s is headless", root, name).isEqualTo("None");
            assertThat(selects(governing.getSpec().getSelector(), s.getSpec().getTemplate().getMetadata().getLabels()))
                    .as("%s: Service %s selects the StatefulSet's pods", root, name).isTrue();
        }
    }

    /** A Deployment or StatefulSet: its selector, pod template and claim template names. */
    record Workload(String name, Map<String, String> selector, PodTemplateSpec template, List<String> claimTemplates) {
        Map<String, String> labels() {
            return template.getMetadata().getLabels();
        }

        Container oclird() {
            return template.getSpec().getContainers().stream().filter(c -> c.getName().equals("oclird")).findFirst()
                    .orElseThrow(() -> new AssertionError(name + ": no container named oclird"));
        }

        int apiPort() {
            List<ContainerPort> ports = oclird().getPorts();
            assertThat(ports).as("%s: the oclird container declares its API port", name).hasSize(1);
            return ports.get(0).getContainerPort();
        }

        /** A port given as a number or as the name of one of the container's ports; -1 when it names none. */
        int port(IntOrString port) {
            if (port == null) return -1;
            if (port.getIntVal() != null) return port.getIntVal();
            return oclird().getPorts().stream().filter(p -> port.getStrVal().equals(p.getName()))
                    .mapToInt(ContainerPort::getContainerPort).findFirst().orElse(-1);
        }
    }

    /** A label selector (matchLabels) selects a label set when every pair is in it; an empty one selects nothing here. */
    static boolean selects(Map<String, String> selector, Map<String, String> labels) {
        if (selector == null || selector.isEmpty() || labels == null) return false;
        return selector.entrySet().stream().allMatch(e -> e.getValue().equals(labels.get(e.getKey())));
    }
}
