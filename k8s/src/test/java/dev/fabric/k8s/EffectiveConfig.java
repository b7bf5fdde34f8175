package dev.fabric.k8s;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.stream.IntStream;

/**
 * What a Fabric service reads from the files its Deployment mounts: the files named by
 * {@code QUARKUS_CONFIG_LOCATIONS}, resolved through the volume mounts to ConfigMap keys and
 * merged the way SmallRye Config does (higher {@code config_ordinal} first, then location order).
 * A file without {@code config_ordinal} takes the ordinal of environment variables (300), where
 * the locations come from. Files of ConfigMaps not in the render (the installer's site settings)
 * are listed as external.
 */
final class EffectiveConfig {

    static final String LOCATIONS = "QUARKUS_CONFIG_LOCATIONS";
    private static final int ENVIRONMENT_ORDINAL = 300;

    private final Map<String, String> values;
    private final List<String> externalConfigMaps;
    private final List<String> problems;

    private EffectiveConfig(Map<String, String> values, List<String> externalConfigMaps, List<String> problems) {
        this.values = values;
        this.externalConfigMaps = externalConfigMaps;
        this.problems = problems;
    }

    static EffectiveConfig of(RenderedManifests manifests, Deployment deployment) {
        Container container = deployment.getSpec().getTemplate().getSpec().getContainers().get(0);
        List<String> problems = new ArrayList<>();
        List<String> external = new ArrayList<>();
        Optional<String> locations = env(container, LOCATIONS).map(EnvVar::getValue);
        if (locations.isEmpty()) {
            problems.add("no " + LOCATIONS);
            return new EffectiveConfig(Map.of(), external, problems);
        }
        record Layer(int ordinal, int position, Properties properties) {
        }
        List<Layer> layers = new ArrayList<>();
        String[] paths = locations.get().split(",");
        for (int position = 0; position < paths.length; position++) {
            String path = paths[position].trim();
            int slash = path.lastIndexOf('/');
            String directory = path.substring(0, slash);
            String file = path.substring(slash + 1);
            Optional<VolumeMount> mount = container.getVolumeMounts().stream()
                    .filter(m -> m.getMountPath().equals(directory)).findFirst();
            if (mount.isEmpty()) {
                problems.add(path + " is not on a mounted volume");
                continue;
            }
            Optional<Volume> volume = deployment.getSpec().getTemplate().getSpec().getVolumes().stream()
                    .filter(v -> v.getName().equals(mount.get().getName())).findFirst();
            if (volume.isEmpty() || volume.get().getConfigMap() == null) {
                problems.add(path + " is not from a ConfigMap");
                continue;
            }
            String configMapName = volume.get().getConfigMap().getName();
            Optional<ConfigMap> configMap = manifests.configMap(configMapName);
            if (configMap.isEmpty()) {
                external.add(configMapName);
                continue;
            }
            String text = configMap.get().getData() == null ? null : configMap.get().getData().get(file);
            if (text == null) {
                // SmallRye skips a missing file; the overlays decide whether it exists.
                continue;
            }
            Properties properties = load(text);
            int ordinal = Integer.parseInt(properties.getProperty("config_ordinal", Integer.toString(ENVIRONMENT_ORDINAL)));
            layers.add(new Layer(ordinal, position, properties));
        }
        layers.sort(Comparator.comparingInt(Layer::ordinal).reversed().thenComparingInt(Layer::position));
        Map<String, String> values = new LinkedHashMap<>();
        for (Layer layer : layers) {
            layer.properties().stringPropertyNames().forEach(key -> values.putIfAbsent(key, layer.properties().getProperty(key)));
        }
        values.remove("config_ordinal");
        return new EffectiveConfig(values, external, problems);
    }

    static Optional<EnvVar> env(Container container, String name) {
        return container.getEnv() == null ? Optional.empty()
                : container.getEnv().stream().filter(e -> e.getName().equals(name)).findFirst();
    }

    /** Index of an env var in the container, or -1 (Kubernetes expands $(VAR) only from earlier ones). */
    static int envIndex(Container container, String name) {
        return IntStream.range(0, container.getEnv().size())
                .filter(i -> container.getEnv().get(i).getName().equals(name)).findFirst().orElse(-1);
    }

    static Properties load(String text) {
        Properties properties = new Properties();
        try {
            properties.load(new StringReader(text));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return properties;
    }

    Optional<String> get(String key) {
        return Optional.ofNullable(values.get(key));
    }

    Map<String, String> values() {
        return values;
    }

    List<String> externalConfigMaps() {
        return externalConfigMaps;
    }

    List<String> problems() {
        return problems;
    }
}
