package dev.fabric.deployer.domain;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A container image reference, parsed by the grammar of the OCI distribution reference
 * ({@code [registry[:port]/]path[:tag][@sha256:digest]}). Parsing is strict because the string
 * comes from an untrusted bid and ends up in a pod spec.
 *
 * @param registry the registry host, {@code docker.io} when the reference names none
 */
public record ImageReference(String registry, String path, Optional<String> tag, Optional<String> digest) {

    public static final String DEFAULT_REGISTRY = "docker.io";

    private static final String PATH_COMPONENT = "[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*";
    private static final String DOMAIN_COMPONENT = "(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])";
    private static final String DOMAIN = DOMAIN_COMPONENT + "(?:\\." + DOMAIN_COMPONENT + ")*(?::[0-9]{1,5})?";
    private static final Pattern REFERENCE = Pattern.compile(
            "^(?:(" + DOMAIN + ")/)?(" + PATH_COMPONENT + "(?:/" + PATH_COMPONENT + ")*)"
                    + "(?::([\\w][\\w.-]{0,127}))?(?:@(sha256:[0-9a-f]{64}))?$");
    private static final int MAX_LENGTH = 512;
    private static final int MAX_NAME_LENGTH = 255;

    /** Parses a reference, or explains why it is not one. */
    public static Parsed parse(String text) {
        if (text == null || text.isEmpty()) {
            return new Parsed.Invalid("image reference is empty");
        }
        if (text.length() > MAX_LENGTH) {
            return new Parsed.Invalid("image reference is longer than " + MAX_LENGTH + " characters");
        }
        Matcher m = REFERENCE.matcher(text);
        if (!m.matches()) {
            return new Parsed.Invalid("not a valid image reference: '" + text + "'");
        }
        String first = m.group(1);
        String path = m.group(2);
        // "a/b" is a path on Docker Hub; only a first component that looks like a host is a registry.
        String registry;
        if (first == null) {
            registry = DEFAULT_REGISTRY;
        } else if (first.contains(".") || first.contains(":") || first.equals("localhost")) {
            registry = first;
        } else {
            return parseAsHubPath(text, first, path, m);
        }
        if (registry.length() + 1 + path.length() > MAX_NAME_LENGTH) {
            return new Parsed.Invalid("image name is longer than " + MAX_NAME_LENGTH + " characters");
        }
        return new Parsed.Valid(new ImageReference(registry, path, Optional.ofNullable(m.group(3)), Optional.ofNullable(m.group(4))));
    }

    private static Parsed parseAsHubPath(String text, String first, String path, Matcher m) {
        if (!first.matches(PATH_COMPONENT)) {
            return new Parsed.Invalid("not a valid image reference: '" + text + "' (uppercase repository names are not allowed)");
        }
        String full = first + "/" + path;
        if (full.length() > MAX_NAME_LENGTH) {
            return new Parsed.Invalid("image name is longer than " + MAX_NAME_LENGTH + " characters");
        }
        return new Parsed.Valid(new ImageReference(DEFAULT_REGISTRY, full, Optional.ofNullable(m.group(3)), Optional.ofNullable(m.group(4))));
    }

    /** Result of {@link #parse}. */
    public sealed interface Parsed {
        record Valid(ImageReference reference) implements Parsed {
        }

        record Invalid(String reason) implements Parsed {
        }
    }
}
