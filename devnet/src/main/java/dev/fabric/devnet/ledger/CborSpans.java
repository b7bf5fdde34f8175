package dev.fabric.devnet.ledger;

/**
 * Finds where CBOR items start and end in a byte array, without decoding them.
 *
 * <p>The ledger hashes and measures the bytes exactly as the submitter serialised them (the
 * transaction id is blake2b-256 of the body bytes as sent, min-ADA uses each output's own size, the
 * script data hash covers the redeemers and datums as sent); a decode-and-re-encode round trip could
 * change them, so the ledger reads these spans from the original bytes.
 */
final class CborSpans {

    static final int UNSIGNED = 0;
    static final int BYTES = 2;
    static final int ARRAY = 4;
    static final int MAP = 5;
    static final int TAG = 6;
    static final int SIMPLE = 7;

    private CborSpans() {
    }

    /** The head of the item at {@code offset}: its major type, argument and where its content starts. */
    record Head(int majorType, long argument, boolean indefinite, int contentStart) {
    }

    static Head head(byte[] cbor, int offset) {
        checkBounds(cbor, offset, 1);
        int initial = cbor[offset] & 0xff;
        int majorType = initial >>> 5;
        int info = initial & 0x1f;
        if (info < 24) {
            return new Head(majorType, info, false, offset + 1);
        }
        int length = switch (info) {
            case 24 -> 1;
            case 25 -> 2;
            case 26 -> 4;
            case 27 -> 8;
            case 31 -> 0;
            default -> throw new MalformedCborException("reserved additional information " + info + " at byte " + offset);
        };
        if (info == 31) {
            if (majorType == UNSIGNED || majorType == 1 || majorType == TAG) {
                throw new MalformedCborException("indefinite length on major type " + majorType + " at byte " + offset);
            }
            return new Head(majorType, -1, true, offset + 1);
        }
        checkBounds(cbor, offset + 1, length);
        long argument = 0;
        for (int i = 1; i <= length; i++) {
            argument = (argument << 8) | (cbor[offset + i] & 0xff);
        }
        if (argument < 0 && majorType != SIMPLE) {
            throw new MalformedCborException("argument beyond 2^63 at byte " + offset);
        }
        return new Head(majorType, argument, false, offset + 1 + length);
    }

    /** The offset just after the item starting at {@code offset}. */
    static int end(byte[] cbor, int offset) {
        Head head = head(cbor, offset);
        switch (head.majorType()) {
            case UNSIGNED, 1, SIMPLE:
                if (head.majorType() == SIMPLE && head.indefinite()) {
                    throw new MalformedCborException("unexpected break at byte " + offset);
                }
                return head.contentStart();
            case BYTES, 3:
                if (head.indefinite()) {
                    int at = head.contentStart();
                    while (!isBreak(cbor, at)) {
                        at = end(cbor, at);
                    }
                    return at + 1;
                }
                long stringEnd = head.contentStart() + head.argument();
                checkBounds(cbor, head.contentStart(), head.argument());
                return (int) stringEnd;
            case ARRAY, MAP:
                int at = head.contentStart();
                if (head.indefinite()) {
                    while (!isBreak(cbor, at)) {
                        at = end(cbor, at);
                    }
                    return at + 1;
                }
                long items = head.majorType() == MAP ? head.argument() * 2 : head.argument();
                if (items > cbor.length) {
                    throw new MalformedCborException("collection of " + items + " items cannot fit at byte " + offset);
                }
                for (long i = 0; i < items; i++) {
                    at = end(cbor, at);
                }
                return at;
            case TAG:
                return end(cbor, head.contentStart());
            default:
                throw new MalformedCborException("unknown major type at byte " + offset);
        }
    }

    static boolean isBreak(byte[] cbor, int offset) {
        checkBounds(cbor, offset, 1);
        return (cbor[offset] & 0xff) == 0xff;
    }

    static byte[] slice(byte[] cbor, int from, int to) {
        byte[] out = new byte[to - from];
        System.arraycopy(cbor, from, out, 0, out.length);
        return out;
    }

    private static void checkBounds(byte[] cbor, int offset, long length) {
        if (offset < 0 || offset + length > cbor.length) {
            throw new MalformedCborException("truncated: needs " + length + " byte(s) at " + offset + " of " + cbor.length);
        }
    }

    /** The bytes are not well-formed CBOR. */
    static final class MalformedCborException extends RuntimeException {
        MalformedCborException(String message) {
            super(message);
        }
    }
}
