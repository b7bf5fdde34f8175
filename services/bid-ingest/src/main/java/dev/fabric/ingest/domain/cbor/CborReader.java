package dev.fabric.ingest.domain.cbor;

import java.math.BigInteger;
import java.util.Arrays;

/**
 * A forward-only reader over CBOR bytes (RFC 8949) with just what a Conway transaction needs. It
 * reads in place (no object tree) because ingest parses every confirmed transaction on the hot path;
 * every malformation throws {@link CborException} with the byte offset, never anything else.
 */
public final class CborReader {

    public static final int UNSIGNED = 0;
    public static final int NEGATIVE = 1;
    public static final int BYTES = 2;
    public static final int TEXT = 3;
    public static final int ARRAY = 4;
    public static final int MAP = 5;
    public static final int TAG = 6;
    public static final int SIMPLE = 7;

    /** Marks an indefinite length (major types 2-5) as returned by the header readers. */
    public static final long INDEFINITE = -1;

    /** Nesting deeper than this is not a transaction; refusing it keeps skip() off the stack limit. */
    private static final int MAX_DEPTH = 256;

    private final byte[] data;
    private final int end;
    private int pos;

    public CborReader(byte[] data) {
        this(data, 0, data.length);
    }

    public CborReader(byte[] data, int from, int to) {
        if (from < 0 || to > data.length || from > to) {
            throw new IllegalArgumentException("bad range " + from + ".." + to + " of " + data.length + " bytes");
        }
        this.data = data;
        this.pos = from;
        this.end = to;
    }

    public int position() {
        return pos;
    }

    public boolean atEnd() {
        return pos >= end;
    }

    public byte[] data() {
        return data;
    }

    /** Major type of the next item, without consuming it. */
    public int peekMajor() {
        require(1);
        return (data[pos] & 0xff) >>> 5;
    }

    /** True (and consumed) if the next item is the break byte of an indefinite container. */
    public boolean tryBreak() {
        require(1);
        if ((data[pos] & 0xff) == 0xff) {
            pos++;
            return true;
        }
        return false;
    }

    /** True (and consumed) if the next item is CBOR null. */
    public boolean tryNull() {
        require(1);
        if ((data[pos] & 0xff) == 0xf6) {
            pos++;
            return true;
        }
        return false;
    }

    public long readUnsigned() {
        expectMajor(UNSIGNED, "an unsigned integer");
        return argument(false);
    }

    /** An unsigned integer that fits in a non-negative {@code long}. */
    public long readUnsignedLong() {
        int at = pos;
        long value = readUnsigned();
        if (value < 0) {
            throw new CborException("integer above 2^63-1", at);
        }
        return value;
    }

    public int readUnsignedInt() {
        int at = pos;
        long value = readUnsignedLong();
        if (value > Integer.MAX_VALUE) {
            throw new CborException("integer " + Long.toUnsignedString(value) + " does not fit an int", at);
        }
        return (int) value;
    }

    /** An unsigned or negative integer (major 0 or 1) or a bignum tag (2, 3). */
    public BigInteger readInteger() {
        int major = peekMajor();
        int at = pos;
        if (major == UNSIGNED) {
            return new BigInteger(Long.toUnsignedString(argument(false)));
        }
        if (major == NEGATIVE) {
            long n = argumentOf(NEGATIVE);
            return new BigInteger(Long.toUnsignedString(n)).negate().subtract(BigInteger.ONE);
        }
        if (major == TAG) {
            long tag = readTag();
            if (tag == 2 || tag == 3) {
                BigInteger magnitude = new BigInteger(1, readBytes());
                return tag == 2 ? magnitude : magnitude.negate().subtract(BigInteger.ONE);
            }
            throw new CborException("expected an integer, got tag " + tag, at);
        }
        throw new CborException("expected an integer, got major type " + major, at);
    }

    public boolean readBoolean() {
        require(1);
        int b = data[pos] & 0xff;
        if (b == 0xf4 || b == 0xf5) {
            pos++;
            return b == 0xf5;
        }
        throw new CborException("expected a boolean", pos);
    }

    /** A definite or indefinite (chunked) byte string. */
    public byte[] readBytes() {
        expectMajor(BYTES, "a byte string");
        int at = pos;
        long length = argument(true);
        if (length != INDEFINITE) {
            int n = checkedLength(length, at);
            byte[] out = Arrays.copyOfRange(data, pos, pos + n);
            pos += n;
            return out;
        }
        java.io.ByteArrayOutputStream chunks = new java.io.ByteArrayOutputStream();
        while (!tryBreak()) {
            byte[] chunk = readBytes();
            chunks.writeBytes(chunk);
        }
        return chunks.toByteArray();
    }

    public String readText() {
        expectMajor(TEXT, "a text string");
        int at = pos;
        long length = argument(true);
        if (length == INDEFINITE) {
            StringBuilder text = new StringBuilder();
            while (!tryBreak()) {
                text.append(readText());
            }
            return text.toString();
        }
        int n = checkedLength(length, at);
        String out = new String(data, pos, n, java.nio.charset.StandardCharsets.UTF_8);
        pos += n;
        return out;
    }

    /** Array header: the element count, or {@link #INDEFINITE}. */
    public long readArrayHeader() {
        expectMajor(ARRAY, "an array");
        return argument(true);
    }

    /** Map header: the pair count, or {@link #INDEFINITE}. */
    public long readMapHeader() {
        expectMajor(MAP, "a map");
        return argument(true);
    }

    public long readTag() {
        expectMajor(TAG, "a tag");
        return argument(false);
    }

    /**
     * Reads an array header, also accepting the Conway set form {@code #6.258([...])}, which the
     * ledger writes for inputs and required signers.
     */
    public long readArrayOrSetHeader() {
        if (peekMajor() == TAG) {
            int at = pos;
            long tag = readTag();
            if (tag != 258) {
                throw new CborException("expected an array or a set (tag 258), got tag " + tag, at);
            }
        }
        return readArrayHeader();
    }

    /** True while a container of {@code count} items (or indefinite) has more items after {@code read}. */
    public boolean hasNext(long count, long read) {
        if (count == INDEFINITE) {
            return !tryBreak();
        }
        return read < count;
    }

    /** Skips one complete item (with everything nested in it) and returns where it started. */
    public int skip() {
        int start = pos;
        skip(0);
        return start;
    }

    private void skip(int depth) {
        if (depth > MAX_DEPTH) {
            throw new CborException("nesting deeper than " + MAX_DEPTH, pos);
        }
        int major = peekMajor();
        int at = pos;
        switch (major) {
            case UNSIGNED, NEGATIVE -> argumentOf(major);
            case BYTES, TEXT -> {
                long length = argumentOf(major);
                if (length == INDEFINITE) {
                    while (!tryBreak()) {
                        if (peekMajor() != major) {
                            throw new CborException("chunk of the wrong type in an indefinite string", pos);
                        }
                        skip(depth + 1);
                    }
                } else {
                    pos += checkedLength(length, at);
                }
            }
            case ARRAY, MAP -> {
                long count = argumentOf(major);
                long items = major == MAP && count != INDEFINITE ? count * 2 : count;
                if (count != INDEFINITE && (count > end || items < 0)) {
                    throw new CborException("container of " + count + " items exceeds the input", at);
                }
                if (items == INDEFINITE) {
                    while (!tryBreak()) {
                        skip(depth + 1);
                        if (major == MAP) {
                            skip(depth + 1);
                        }
                    }
                } else {
                    for (long i = 0; i < items; i++) {
                        skip(depth + 1);
                    }
                }
            }
            case TAG -> {
                argumentOf(TAG);
                skip(depth + 1);
            }
            default -> skipSimple();
        }
    }

    private void skipSimple() {
        int b = data[pos] & 0xff;
        int info = b & 0x1f;
        if (info < 24) {
            pos += 1;
        } else if (info == 24) {
            require(2);
            pos += 2;
        } else if (info == 25) {
            require(3);
            pos += 3;
        } else if (info == 26) {
            require(5);
            pos += 5;
        } else if (info == 27) {
            require(9);
            pos += 9;
        } else {
            throw new CborException("unexpected simple value / break 0x" + Integer.toHexString(b), pos);
        }
    }

    /** Copies the bytes of the next complete item (e.g. an inline datum or a redeemer's data). */
    public byte[] readRaw() {
        int start = skip();
        return Arrays.copyOfRange(data, start, pos);
    }

    private void expectMajor(int major, String what) {
        int actual = peekMajor();
        if (actual != major) {
            throw new CborException("expected " + what + ", got major type " + actual, pos);
        }
    }

    private long argumentOf(int major) {
        require(1);
        if (((data[pos] & 0xff) >>> 5) != major) {
            throw new CborException("expected major type " + major, pos);
        }
        return argument(major >= BYTES && major <= MAP);
    }

    /** Consumes the initial byte and its argument; an unsigned 64-bit value (may look negative). */
    private long argument(boolean indefiniteAllowed) {
        require(1);
        int at = pos;
        int info = data[pos++] & 0x1f;
        if (info < 24) {
            return info;
        }
        switch (info) {
            case 24 -> {
                require(1);
                return data[pos++] & 0xffL;
            }
            case 25 -> {
                require(2);
                long v = ((data[pos] & 0xffL) << 8) | (data[pos + 1] & 0xffL);
                pos += 2;
                return v;
            }
            case 26 -> {
                require(4);
                long v = 0;
                for (int i = 0; i < 4; i++) {
                    v = (v << 8) | (data[pos + i] & 0xffL);
                }
                pos += 4;
                return v;
            }
            case 27 -> {
                require(8);
                long v = 0;
                for (int i = 0; i < 8; i++) {
                    v = (v << 8) | (data[pos + i] & 0xffL);
                }
                pos += 8;
                return v;
            }
            case 31 -> {
                if (!indefiniteAllowed) {
                    throw new CborException("indefinite length not allowed here", at);
                }
                return INDEFINITE;
            }
            default -> throw new CborException("reserved additional information " + info, at);
        }
    }

    private int checkedLength(long length, int at) {
        if (length < 0 || length > end - pos) {
            throw new CborException("length " + Long.toUnsignedString(length) + " runs past the end of the input", at);
        }
        return (int) length;
    }

    private void require(int n) {
        if (pos + n > end) {
            throw new CborException("unexpected end of input", pos);
        }
    }
}
