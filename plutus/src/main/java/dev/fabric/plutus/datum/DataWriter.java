package dev.fabric.plutus.datum;

import com.bloxbean.cardano.client.plutus.spec.BigIntPlutusData;
import com.bloxbean.cardano.client.plutus.spec.BytesPlutusData;
import com.bloxbean.cardano.client.plutus.spec.ConstrPlutusData;
import com.bloxbean.cardano.client.plutus.spec.ListPlutusData;
import com.bloxbean.cardano.client.plutus.spec.PlutusData;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/** Builds Plutus Data in the blueprint's layouts; the inverse of {@link DataReader}. */
final class DataWriter {

    private DataWriter() {
    }

    static ConstrPlutusData constr(long index, PlutusData... fields) {
        ListPlutusData list = new ListPlutusData();
        for (PlutusData field : fields) {
            list.add(field);
        }
        return ConstrPlutusData.builder().alternative(index).data(list).build();
    }

    static PlutusData integer(long value) {
        return BigIntPlutusData.of(BigInteger.valueOf(value));
    }

    static PlutusData bytes(byte[] value) {
        return BytesPlutusData.of(value);
    }

    static PlutusData utf8(String value) {
        return BytesPlutusData.of(value.getBytes(StandardCharsets.UTF_8));
    }

    static <T> PlutusData list(List<T> items, Function<T, PlutusData> element) {
        List<PlutusData> data = new ArrayList<>();
        for (T item : items) {
            data.add(element.apply(item));
        }
        return ListPlutusData.builder().plutusDataList(data).build();
    }

    static <T> PlutusData option(Optional<T> value, Function<T, PlutusData> some) {
        return value.map(v -> (PlutusData) constr(0, some.apply(v))).orElseGet(() -> constr(1));
    }
}
