package dev.fabric.hydra.api;

/**
 * A frame that is not a hydra-node message at all (not JSON, not an object, no tag, a bad
 * {@code seq} or {@code timestamp}). Such frames are counted, logged and skipped.
 *
 * @param excerpt the frame's start, at most {@value #EXCERPT_LENGTH} characters
 * @param length  the frame's full length in characters
 */
public record MalformedFrame(String excerpt, int length, String problem) implements FrameDecoding {

    public static final int EXCERPT_LENGTH = 512;

    public static MalformedFrame of(CharSequence frame, String problem) {
        String text = frame.length() <= EXCERPT_LENGTH ? frame.toString() : frame.subSequence(0, EXCERPT_LENGTH) + "…";
        return new MalformedFrame(text, frame.length(), problem);
    }
}
