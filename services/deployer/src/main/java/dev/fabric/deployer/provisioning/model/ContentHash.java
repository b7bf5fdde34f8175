package dev.fabric.deployer.provisioning.model;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Hash of a desired object as rendered. Stored on the applied object, it tells the reconciler
 * whether the object already is what the model wants without comparing against fields the API
 * server defaults or rewrites.
 */
public final class ContentHash {

    private static final KubernetesSerialization JSON = new KubernetesSerialization();

    private ContentHash() {
    }

    public static String of(HasMetadata desired) {
        String json = JSON.asJson(desired);
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(json.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java runtime", e);
        }
    }
}
