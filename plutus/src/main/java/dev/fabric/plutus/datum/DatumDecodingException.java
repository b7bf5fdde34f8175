package dev.fabric.plutus.datum;

/**
 * A datum or redeemer that does not have the layout of the blueprint. The message starts with the
 * path of the offending field (for example {@code BidDatum.request.workloadHash}) so that a dead
 * letter tells an operator exactly what was wrong.
 */
public final class DatumDecodingException extends RuntimeException {

    private final String path;

    public DatumDecodingException(String path, String problem) {
        super(path + ": " + problem);
        this.path = path;
    }

    public DatumDecodingException(String path, String problem, Throwable cause) {
        super(path + ": " + problem, cause);
        this.path = path;
    }

    /** Dotted path of the field that failed, rooted at the type being decoded. */
    public String path() {
        return path;
    }
}
