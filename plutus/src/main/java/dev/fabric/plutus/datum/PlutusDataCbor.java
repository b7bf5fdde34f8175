package dev.fabric.plutus.datum;

import com.bloxbean.cardano.client.exception.CborDeserializationException;
import com.bloxbean.cardano.client.plutus.spec.PlutusData;

/**
 * Parses untrusted CBOR (an inline datum, a redeemer) into Plutus Data. The bytes are walked first
 * without allocating: the CBOR library sizes an array by the length its header declares, so five
 * bytes declaring 2^31 items would exhaust the heap (an {@link OutOfMemoryError} no caller catches),
 * and deep nesting would exhaust the stack. A declared length must fit in the bytes that remain.
 */
public final class PlutusDataCbor {

    /** Plutus datums nest a few levels; this bound only keeps the library's recursion safe. */
    static final int MAX_DEPTH = 128;

    private PlutusDataCbor() {
    }

    /** @throws DatumDecodingException naming {@code path} when the bytes are not one Plutus Data item */
    public static PlutusData parse(byte[] cbor, String path) {
        if (cbor == null || cbor.length == 0) {
            throw new DatumDecodingException(path, "no datum bytes");
        }
        requireLengthsWithinBounds(cbor, path);
        try {
            return PlutusData.deserialize(cbor);
        } catch (CborDeserializationException | RuntimeException e) {
            throw new DatumDecodingException(path, "not CBOR-encoded Plutus data (" + e.getMessage() + ")", e);
        }
    }

    /**
     * Checks, without allocating, that every length declared in {@code cbor} fits in its bytes, also
     * inside embedded CBOR ({@code #6.24} byte strings, e.g. a transaction's inline datums): call it
     * before handing untrusted bytes (a whole transaction too) to the CBOR library.
     *
     * @throws DatumDecodingException naming {@code path} otherwise
     */
    public static void requireLengthsWithinBounds(byte[] cbor, String path) {
        // The library decodes every item of the input, not only the first: bytes after the first item
        // get the same check (found by the datum corpus: a valid datum followed by an array header
        // declaring 2^31 items exhausted the heap).
        Walk walk = new Walk(cbor, path);
        do {
            walk.item(0);
        } while (walk.pos < cbor.length);
    }

    private static final class Walk {
        private final byte[] in;
        private final String path;
        private int pos;

        Walk(byte[] in, String path) {
            this.in = in;
            this.path = path;
        }

        private DatumDecodingException refuse(String problem, int at) {
            return new DatumDecodingException(path, "not CBOR-encoded Plutus data (" + problem + " at byte " + at + ")");
        }

        private int next() {
            if (pos >= in.length) {
                throw refuse("truncated", pos);
            }
            return in[pos++] & 0xff;
        }

        private int remaining() {
            return in.length - pos;
        }

        void item(int depth) {
            if (depth > MAX_DEPTH) {
                throw refuse("nested deeper than " + MAX_DEPTH, pos);
            }
            int at = pos;
            int initial = next();
            int major = initial >>> 5;
            int info = initial & 0x1f;
            if (info == 31) {
                if (major < 2 || major > 5) {
                    throw refuse("unexpected indefinite-length or break marker", at);
                }
                while (true) {
                    if (pos >= in.length) {
                        throw refuse("indefinite-length item without a break", at);
                    }
                    if ((in[pos] & 0xff) == 0xff) {
                        pos++;
                        return;
                    }
                    item(depth + 1);
                    if (major == 5) {
                        item(depth + 1);
                    }
                }
            }
            long argument;
            if (info < 24) {
                argument = info;
            } else if (info <= 27) {
                int n = 1 << (info - 24);
                if (remaining() < n) {
                    throw refuse("truncated header", at);
                }
                argument = 0;
                for (int i = 0; i < n; i++) {
                    argument = (argument << 8) | next();
                }
            } else {
                throw refuse("reserved additional information " + info, at);
            }
            switch (major) {
                case 2, 3 -> {
                    requireFits(argument, 1, at);
                    pos += (int) argument;
                }
                case 4 -> {
                    requireFits(argument, 1, at);
                    for (long i = 0; i < argument; i++) {
                        item(depth + 1);
                    }
                }
                case 5 -> {
                    requireFits(argument, 2, at);
                    for (long i = 0; i < argument; i++) {
                        item(depth + 1);
                        item(depth + 1);
                    }
                }
                case 6 -> {
                    int content = pos;
                    item(depth + 1);
                    if (argument == 24 && (in[content] & 0xff) >>> 5 == 2 && (in[content] & 0x1f) < 28) {
                        // Embedded CBOR: the library decodes it too, so its lengths need the same check.
                        int headerLength = (in[content] & 0x1f) < 24 ? 1 : 1 + (1 << ((in[content] & 0x1f) - 24));
                        byte[] embedded = java.util.Arrays.copyOfRange(in, content + headerLength, pos);
                        if (embedded.length > 0) {
                            new Walk(embedded, path).item(depth + 1);
                        }
                    }
                }
                default -> {
                    // integers and simple values carry no content beyond their header
                }
            }
        }

        /** Each of {@code count} declared units needs at least {@code bytesEach} of the bytes left. */
        private void requireFits(long count, int bytesEach, int at) {
            if (Long.compareUnsigned(count, remaining() / bytesEach) > 0) {
                throw refuse("declares " + Long.toUnsignedString(count) + " items or bytes, only " + remaining()
                        + " bytes remain", at);
            }
        }
    }
}
