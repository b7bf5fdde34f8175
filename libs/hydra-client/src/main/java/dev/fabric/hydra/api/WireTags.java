package dev.fabric.hydra.api;

/** Computes each class's wire tag once; tags are looked up for every encoded message. */
final class WireTags {

    private static final ClassValue<String> TAGS = new ClassValue<>() {
        @Override
        protected String computeValue(Class<?> type) {
            WireTag explicit = type.getAnnotation(WireTag.class);
            return explicit != null ? explicit.value() : type.getSimpleName();
        }
    };

    private WireTags() {
    }

    static String of(Class<?> type) {
        return TAGS.get(type);
    }
}
