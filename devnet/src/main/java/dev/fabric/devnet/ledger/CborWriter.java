package dev.fabric.devnet.ledger;

import java.io.ByteArrayOutputStream;

/** Writes CBOR heads and byte strings; enough to assemble outputs and signed messages byte by byte. */
final class CborWriter {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    CborWriter head(int majorType, long argument) {
        int major = majorType << 5;
        if (argument < 24) {
            out.write(major | (int) argument);
        } else if (argument < 0x100) {
            out.write(major | 24);
            out.write((int) argument);
        } else if (argument < 0x10000) {
            out.write(major | 25);
            writeBigEndian(argument, 2);
        } else if (argument < 0x100000000L) {
            out.write(major | 26);
            writeBigEndian(argument, 4);
        } else {
            out.write(major | 27);
            writeBigEndian(argument, 8);
        }
        return this;
    }

    CborWriter unsigned(long value) {
        return head(CborSpans.UNSIGNED, value);
    }

    CborWriter bytes(byte[] value) {
        head(CborSpans.BYTES, value.length);
        out.writeBytes(value);
        return this;
    }

    CborWriter raw(byte[] encoded) {
        out.writeBytes(encoded);
        return this;
    }

    byte[] toByteArray() {
        return out.toByteArray();
    }

    private void writeBigEndian(long value, int length) {
        for (int i = length - 1; i >= 0; i--) {
            out.write((int) (value >>> (8 * i)) & 0xff);
        }
    }
}
