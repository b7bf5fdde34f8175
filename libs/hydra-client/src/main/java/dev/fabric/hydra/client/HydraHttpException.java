package dev.fabric.hydra.client;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fabric.hydra.api.HydraJson;
import java.net.URI;

/**
 * A hydra-node HTTP endpoint answered with a status the call does not accept, or could not be
 * reached. The node's error bodies are usually a JSON string such as {@code "Head is not open"}.
 *
 * @param statusCode the HTTP status, or -1 when there was no response
 */
public class HydraHttpException extends RuntimeException {

    private final String method;
    private final URI uri;
    private final int statusCode;
    private final String body;

    public HydraHttpException(String method, URI uri, int statusCode, String body) {
        super(method + " " + uri.getPath() + " answered " + statusCode + ": " + abbreviate(body));
        this.method = method;
        this.uri = uri;
        this.statusCode = statusCode;
        this.body = body;
    }

    public HydraHttpException(String method, URI uri, Throwable cause) {
        super(method + " " + uri + " failed: " + cause, cause);
        this.method = method;
        this.uri = uri;
        this.statusCode = -1;
        this.body = "";
    }

    public String method() {
        return method;
    }

    public URI uri() {
        return uri;
    }

    public int statusCode() {
        return statusCode;
    }

    /** The raw response body. */
    public String body() {
        return body;
    }

    /** The body as the node's message: the JSON string unquoted, else the body as it is. */
    public String errorMessage() {
        try {
            JsonNode node = HydraJson.mapper().readTree(body);
            return node != null && node.isTextual() ? node.asText() : body;
        } catch (java.io.IOException notJson) {
            return body;
        }
    }

    private static String abbreviate(String body) {
        return body.length() <= 500 ? body : body.substring(0, 500) + "…";
    }
}
