package dev.fabric.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingAdmissionPolicy;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingAdmissionPolicyBinding;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The deployer's RBAC is exactly the documented set: namespaces and nodes cluster-wide, the lease
 * objects through a ClusterRole bound only inside lease namespaces, nothing else, and nobody else
 * in the suite gets any.
 */
class OperatorRbacTest {

    static final String CLUSTER_ROLE = "fabric-deployer-cluster";
    static final String LEASE_ROLE = "fabric-deployer-lease";
    static final String SERVICE_ACCOUNT = "fabric-deployer";

    /** role|apiGroup|resource|resourceName|verb, one line per permission. */
    static final Set<String> EXPECTED = permissions(
            rule(CLUSTER_ROLE, "", "namespaces", "", "get,list,create,patch,update,delete"),
            rule(CLUSTER_ROLE, "", "nodes", "", "get,list"),
            rule(CLUSTER_ROLE, "rbac.authorization.k8s.io", "rolebindings", "", "get,create,update"),
            rule(CLUSTER_ROLE, "rbac.authorization.k8s.io", "clusterroles", LEASE_ROLE, "bind"),
            rule(LEASE_ROLE, "", "serviceaccounts,resourcequotas,limitranges", "", "get,create,update"),
            rule(LEASE_ROLE, "networking.k8s.io", "networkpolicies", "", "get,create,update"),
            rule(LEASE_ROLE, "apps", "deployments", "", "get,create,update"),
            rule(LEASE_ROLE, "batch", "jobs", "", "get,list,watch,create,delete"));

    @ParameterizedTest
    @ValueSource(strings = {"operator", "overlays/dev"})
    void shouldGrantExactlyTheDocumentedPermissions(String dir) {
        RenderedManifests rendered = Kustomize.render(dir);

        assertThat(rendered.all(ClusterRole.class)).extracting(r -> r.getMetadata().getName())
                .containsExactlyInAnyOrder(CLUSTER_ROLE, LEASE_ROLE);
        assertThat(rendered.all(Role.class)).isEmpty();
        assertThat(granted(rendered)).as(dir + ": role|apiGroup|resource|resourceName|verb").containsExactlyInAnyOrderElementsOf(EXPECTED);
    }

    @ParameterizedTest
    @ValueSource(strings = {"operator", "overlays/dev"})
    void shouldBindOnlyTheNamespaceRoleClusterWideAndOnlyToTheDeployer(String dir) {
        RenderedManifests rendered = Kustomize.render(dir);
        String namespace = rendered.deployment("fabric-deployer").orElseThrow().getMetadata().getNamespace();

        List<ClusterRoleBinding> bindings = rendered.all(ClusterRoleBinding.class);
        assertThat(bindings).hasSize(1);
        assertThat(bindings.get(0).getRoleRef().getName()).isEqualTo(CLUSTER_ROLE);
        assertThat(bindings.get(0).getSubjects()).singleElement().satisfies(subject -> {
            assertThat(subject.getKind()).isEqualTo("ServiceAccount");
            assertThat(subject.getName()).isEqualTo(SERVICE_ACCOUNT);
            assertThat(subject.getNamespace()).isEqualTo(namespace);
        });
        // The lease role is bound by the deployer itself, inside each namespace it creates.
        assertThat(rendered.all(RoleBinding.class)).isEmpty();
        assertThat(rendered.deployment("fabric-deployer").orElseThrow().getSpec().getTemplate().getSpec().getServiceAccountName())
                .isEqualTo(SERVICE_ACCOUNT);
    }

    @Test
    void shouldGiveTheGridsOwnServicesNoRbacAtAll() {
        RenderedManifests prod = Kustomize.render("overlays/prod");

        assertThat(prod.objects()).extracting(HasMetadata::getKind)
                .doesNotContain("Role", "RoleBinding", "ClusterRole", "ClusterRoleBinding");
    }

    @Test
    void shouldConfineTheDeployerToItsNamespacesAtAdmission() {
        RenderedManifests rendered = Kustomize.render("operator");
        ValidatingAdmissionPolicy policy = rendered.all(ValidatingAdmissionPolicy.class).stream().findFirst().orElseThrow();
        ValidatingAdmissionPolicyBinding binding = rendered.all(ValidatingAdmissionPolicyBinding.class).stream().findFirst().orElseThrow();

        assertThat(binding.getSpec().getPolicyName()).isEqualTo(policy.getMetadata().getName());
        assertThat(binding.getSpec().getValidationActions()).containsExactly("Deny");
        assertThat(policy.getSpec().getFailurePolicy()).isEqualTo("Fail");
        assertThat(policy.getSpec().getMatchConstraints().getResourceRules())
                .flatExtracting(r -> r.getResources()).containsExactlyInAnyOrder("namespaces", "rolebindings");
        assertThat(policy.getSpec().getMatchConditions()).singleElement()
                .satisfies(c -> assertThat(c.getExpression()).contains("':" + SERVICE_ACCOUNT + "'"));
        String validations = policy.getSpec().getValidations().stream().map(v -> v.getExpression()).collect(Collectors.joining("\n"));
        assertThat(validations).contains("'" + LEASE_ROLE + "'", "'fabric-'");
        assertThat(policy.getSpec().getVariables()).anySatisfy(v -> assertThat(v.getExpression()).isEqualTo("'fabric.dev/managed-by'"));
    }

    @Test
    void shouldDocumentTheSamePermissionsInDeployMd() throws IOException {
        String deploy = Files.readString(Kustomize.ROOT.resolve("docs/DEPLOY.md"));
        String section = deploy.substring(deploy.indexOf("### Deployer RBAC"));
        int next = section.indexOf("\n## ");
        section = next < 0 ? section : section.substring(0, next);
        List<String[]> rows = new ArrayList<>();
        for (String line : section.lines().toList()) {
            String[] cells = line.split("\\|", -1);
            if (cells.length >= 7 && cells[1].contains("fabric-deployer-")) {
                rows.add(Arrays.stream(cells).map(c -> c.replace("`", "").trim()).toArray(String[]::new));
            }
        }
        Set<String> documented = permissions(rows.stream()
                .map(c -> rule(c[1], c[2].equals("\"\"") ? "" : c[2], c[3], c[4], c[5])).toArray(String[][]::new));

        assertThat(documented).as("docs/DEPLOY.md, Deployer RBAC table").containsExactlyInAnyOrderElementsOf(EXPECTED);
    }

    private static Set<String> granted(RenderedManifests rendered) {
        Set<String> out = new TreeSet<>();
        for (ClusterRole role : rendered.all(ClusterRole.class)) {
            for (PolicyRule rule : role.getRules()) {
                List<String> names = rule.getResourceNames() == null || rule.getResourceNames().isEmpty() ? List.of("") : rule.getResourceNames();
                for (String group : rule.getApiGroups()) {
                    for (String resource : rule.getResources()) {
                        for (String name : names) {
                            for (String verb : rule.getVerbs()) {
                                out.add(String.join("|", role.getMetadata().getName(), group, resource, name, verb));
                            }
                        }
                    }
                }
            }
        }
        return out;
    }

    private static String[] rule(String role, String group, String resources, String resourceNames, String verbs) {
        return new String[] {role, group, resources, resourceNames, verbs};
    }

    private static Set<String> permissions(String[]... rules) {
        Set<String> out = new TreeSet<>();
        for (String[] r : rules) {
            for (String resource : split(r[2])) {
                for (String name : r[3].isBlank() ? List.of("") : split(r[3])) {
                    for (String verb : split(r[4])) {
                        out.add(String.join("|", r[0], r[1], resource, name, verb));
                    }
                }
            }
        }
        return out;
    }

    private static List<String> split(String list) {
        return Arrays.stream(list.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }
}
