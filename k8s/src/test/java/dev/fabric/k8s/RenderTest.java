package dev.fabric.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Secret;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Every kustomization renders, every object parses, and what is applied lands where it should. */
class RenderTest {

    static List<String> kustomizations() {
        return Kustomize.kustomizations();
    }

    @ParameterizedTest
    @MethodSource("kustomizations")
    void shouldRenderIntoObjectsFabric8CanRead(String dir) {
        RenderedManifests rendered = Kustomize.render(dir);

        assertThat(rendered.objects()).as(dir).isNotEmpty();
        assertThat(rendered.objects()).as("%s: every object has a kind, a name and an API version", dir)
                .allSatisfy(o -> assertThat(o.getKind()).isNotBlank())
                .allSatisfy(o -> assertThat(o.getMetadata().getName()).isNotBlank())
                .allSatisfy(o -> assertThat(o.getApiVersion()).isNotBlank());
    }

    @ParameterizedTest
    @ValueSource(strings = {"overlays/dev", "overlays/prod", "operator"})
    void shouldPutEveryNamespacedObjectIntoTheNamespaceItCreates(String dir) {
        RenderedManifests rendered = Kustomize.render(dir);
        List<Namespace> namespaces = rendered.all(Namespace.class);

        assertThat(namespaces).as("%s creates exactly one namespace", dir).hasSize(1);
        String namespace = namespaces.get(0).getMetadata().getName();
        assertThat(namespaces.get(0).getMetadata().getLabels())
                .as("%s: the namespace enforces the restricted Pod Security profile", dir)
                .containsEntry("pod-security.kubernetes.io/enforce", "restricted");
        assertThat(rendered.objects().stream().filter(o -> !RenderedManifests.CLUSTER_SCOPED.contains(o.getKind()))
                .filter(o -> !namespace.equals(o.getMetadata().getNamespace())).map(RenderTest::id))
                .as("%s: namespaced objects outside %s", dir, namespace).isEmpty();
    }

    @ParameterizedTest
    @MethodSource("kustomizations")
    void shouldCarryNoSecretMaterial(String dir) {
        // Keys and certificates are referenced by name (Strimzi's secrets, the installer's keys),
        // never rendered: the repository must not hold any.
        List<Secret> secrets = Kustomize.render(dir).secrets();

        assertThat(secrets.stream()
                .filter(s -> (s.getData() != null && !s.getData().isEmpty()) || (s.getStringData() != null && !s.getStringData().isEmpty()))
                .map(RenderTest::id))
                .as("%s: Secrets with data", dir).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"overlays/dev", "overlays/prod"})
    void shouldLabelEverythingAsPartOfFabric(String dir) {
        assertThat(Kustomize.render(dir).objects().stream().filter(o -> !(o instanceof Namespace))
                .filter(o -> o.getMetadata().getLabels() == null || !"fabric".equals(o.getMetadata().getLabels().get("app.kubernetes.io/part-of")))
                .map(RenderTest::id))
                .as("%s: objects without app.kubernetes.io/part-of=fabric", dir).isEmpty();
    }

    static String id(HasMetadata object) {
        return object.getKind() + "/" + object.getMetadata().getName();
    }
}
