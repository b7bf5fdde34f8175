package dev.fabric.ingest.domain.cbor;

/** Bytes that are not the CBOR a reader expected; the message names the byte offset. */
public final class CborException extends RuntimeException {

    private final int offset;

    public CborException(String problem, int offset) {
        super(problem + " at byte " + offset);
        this.offset = offset;
    }

    public int offset() {
        return offset;
    }
}
