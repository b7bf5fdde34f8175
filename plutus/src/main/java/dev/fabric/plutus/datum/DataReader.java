package dev.fabric.plutus.datum;

import com.bloxbean.cardano.client.plutus.spec.BigIntPlutusData;
import com.bloxbean.cardano.client.plutus.spec.BytesPlutusData;
import com.bloxbean.cardano.client.plutus.spec.ConstrPlutusData;
import com.bloxbean.cardano.client.plutus.spec.ListPlutusData;
import com.bloxbean.cardano.client.plutus.spec.MapPlutusData;
import com.bloxbean.cardano.client.plutus.spec.PlutusData;

import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.BiFunction;

/**
 * Strict reads of Plutus Data: every read names the field path, checks the shape (constructor
 * index and arity, byte length, integer range) and throws {@link DatumDecodingException} otherwise.
 */
final class DataReader {

    private static final BigInteger LONG_MAX = BigInteger.valueOf(Long.MAX_VALUE);

    private DataReader() {
    }

    static PlutusData parseCbor(byte[] cbor, String path) {
        return PlutusDataCbor.parse(cbor, path);
    }

    /** Fields of a constructor that must have the given index and number of fields. */
    static List<PlutusData> constr(PlutusData data, String path, long index, int arity) {
        ConstrPlutusData constr = asConstr(data, path);
        if (constr.getAlternative() != index) {
            throw new DatumDecodingException(path,
                    "expected constructor " + index + ", got constructor " + constr.getAlternative());
        }
        return fields(constr, path, arity);
    }

    static ConstrPlutusData asConstr(PlutusData data, String path) {
        if (!(data instanceof ConstrPlutusData constr)) {
            throw new DatumDecodingException(path, "expected a constructor, got " + kind(data));
        }
        return constr;
    }

    static List<PlutusData> fields(ConstrPlutusData constr, String path, int arity) {
        List<PlutusData> fields = constr.getData() == null ? List.of() : constr.getData().getPlutusDataList();
        if (fields.size() != arity) {
            throw new DatumDecodingException(path, "constructor " + constr.getAlternative() + " must have "
                    + arity + " field(s), has " + fields.size());
        }
        return fields;
    }

    static BigInteger integer(PlutusData data, String path) {
        if (!(data instanceof BigIntPlutusData integer)) {
            throw new DatumDecodingException(path, "expected an integer, got " + kind(data));
        }
        return integer.getValue();
    }

    /** An integer in [0, Long.MAX_VALUE]: counts, lovelace amounts and POSIX times. */
    static long nonNegativeLong(PlutusData data, String path) {
        BigInteger value = integer(data, path);
        if (value.signum() < 0 || value.compareTo(LONG_MAX) > 0) {
            throw new DatumDecodingException(path, "expected an integer in [0, " + Long.MAX_VALUE + "], got " + value);
        }
        return value.longValueExact();
    }

    static long longInRange(PlutusData data, String path, long min, long max) {
        BigInteger value = integer(data, path);
        if (value.compareTo(BigInteger.valueOf(min)) < 0 || value.compareTo(BigInteger.valueOf(max)) > 0) {
            throw new DatumDecodingException(path, "expected an integer in [" + min + ", " + max + "], got " + value);
        }
        return value.longValueExact();
    }

    static byte[] bytes(PlutusData data, String path) {
        if (!(data instanceof BytesPlutusData bytes)) {
            throw new DatumDecodingException(path, "expected bytes, got " + kind(data));
        }
        return bytes.getValue();
    }

    static byte[] bytesOfLength(PlutusData data, String path, int length) {
        byte[] value = bytes(data, path);
        if (value.length != length) {
            throw new DatumDecodingException(path, "expected " + length + " bytes, got " + value.length);
        }
        return value;
    }

    static String utf8(PlutusData data, String path) {
        byte[] value = bytes(data, path);
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(value))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new DatumDecodingException(path, "expected UTF-8 text", e);
        }
    }

    static <T> List<T> list(PlutusData data, String path, BiFunction<PlutusData, String, T> element) {
        if (!(data instanceof ListPlutusData list)) {
            throw new DatumDecodingException(path, "expected a list, got " + kind(data));
        }
        List<T> result = new ArrayList<>();
        List<PlutusData> items = list.getPlutusDataList();
        for (int i = 0; i < items.size(); i++) {
            result.add(element.apply(items.get(i), path + "[" + i + "]"));
        }
        return List.copyOf(result);
    }

    /** Option as the blueprint defines it: Some = constructor 0 [value], None = constructor 1 []. */
    static <T> Optional<T> option(PlutusData data, String path, BiFunction<PlutusData, String, T> value) {
        ConstrPlutusData constr = asConstr(data, path);
        if (constr.getAlternative() == 0) {
            return Optional.of(value.apply(fields(constr, path, 1).get(0), path + ".Some"));
        }
        if (constr.getAlternative() == 1) {
            fields(constr, path, 0);
            return Optional.empty();
        }
        throw new DatumDecodingException(path, "expected Some (0) or None (1), got constructor " + constr.getAlternative());
    }

    /** Runs a record constructor, turning its invariant violations into decoding errors at {@code path}. */
    static <T> T construct(String path, java.util.function.Supplier<T> constructor) {
        try {
            return constructor.get();
        } catch (IllegalArgumentException e) {
            throw new DatumDecodingException(path, e.getMessage(), e);
        }
    }

    private static String kind(PlutusData data) {
        if (data == null) {
            return "nothing";
        }
        if (data instanceof ConstrPlutusData c) {
            return "constructor " + c.getAlternative();
        }
        if (data instanceof BigIntPlutusData) {
            return "an integer";
        }
        if (data instanceof BytesPlutusData) {
            return "bytes";
        }
        if (data instanceof ListPlutusData) {
            return "a list";
        }
        if (data instanceof MapPlutusData) {
            return "a map";
        }
        return data.getClass().getSimpleName();
    }
}
