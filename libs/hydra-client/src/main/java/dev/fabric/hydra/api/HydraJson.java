package dev.fabric.hydra.api;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The one Jackson configuration for hydra-node JSON, shared by the codec, the HTTP client and the
 * schema checks.
 *
 * <ul>
 *   <li>Unknown properties are ignored, so a newer node's extra fields never break decoding.</li>
 *   <li>Integers keep full precision and decimals are {@link BigDecimal} (no double anywhere near
 *       money); trailing zeros of raw decimals are kept so pass-through JSON is unchanged.</li>
 *   <li>Tagged unions write {@code "tag"} first; unknown tags decode to the union's {@code Unknown}
 *       variant with the raw JSON.</li>
 *   <li>Timestamps parse leniently ({@link HydraTimestamps}); durations are seconds as numbers.</li>
 * </ul>
 */
public final class HydraJson {

    private static final ObjectMapper MAPPER = createMapper();

    private HydraJson() {
    }

    /** The shared, thread-safe mapper. Do not reconfigure it; call {@link #createMapper()} for a copy to change. */
    public static ObjectMapper mapper() {
        return MAPPER;
    }

    public static ObjectMapper createMapper() {
        return JsonMapper.builder()
                .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false)
                .configure(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS, true)
                .configure(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES, false)
                .configure(SerializationFeature.FAIL_ON_EMPTY_BEANS, false)
                .configure(StreamWriteFeature.WRITE_BIGDECIMAL_AS_PLAIN, true)
                .addModule(module())
                .build();
    }

    private static SimpleModule module() {
        SimpleModule module = new SimpleModule("hydra-api");
        module.addSerializer(Tagged.class, new TaggedRecordSerializer());
        module.addSerializer(RawJson.class, new RawJsonSerializer());
        module.addSerializer(TimedServerOutput.class, new TimedServerOutputSerializer());
        module.addSerializer(Instant.class, new InstantSerializer());
        module.addDeserializer(Instant.class, new InstantDeserializer());
        module.addSerializer(Duration.class, new SecondsSerializer());
        module.addDeserializer(Duration.class, new SecondsDeserializer());
        module.addSerializer(Value.class, new ValueSerializer());
        module.addDeserializer(Value.class, new ValueDeserializer());
        module.addSerializer(Utxo.class, new UtxoSerializer());
        module.addDeserializer(Utxo.class, new UtxoDeserializer());
        module.addSerializer(TxOut.class, new TxOutSerializer());

        module.addDeserializer(ServerOutput.class, new TaggedUnionDeserializer<>(ServerOutput.class));
        module.addDeserializer(ClientInput.class, new TaggedUnionDeserializer<>(ClientInput.class));
        module.addDeserializer(ClientMessage.class, new TaggedUnionDeserializer<>(ClientMessage.class));
        module.addDeserializer(ConfirmedSnapshot.class, new TaggedUnionDeserializer<>(ConfirmedSnapshot.class));
        module.addDeserializer(SeenSnapshot.class, new TaggedUnionDeserializer<>(SeenSnapshot.class));
        module.addDeserializer(HeadState.class, new TaggedUnionDeserializer<>(HeadState.class));
        module.addDeserializer(NodeState.class, new TaggedUnionDeserializer<>(NodeState.class));
        module.addDeserializer(DecommitInvalidReason.class, new TaggedUnionDeserializer<>(DecommitInvalidReason.class));
        module.addDeserializer(SubmitTxResult.class, new TaggedUnionDeserializer<>(SubmitTxResult.class));
        return module;
    }

    private static final class RawJsonSerializer extends StdSerializer<RawJson> {
        RawJsonSerializer() {
            super(RawJson.class);
        }

        @Override
        public void serialize(RawJson value, JsonGenerator gen, SerializerProvider provider) throws IOException {
            gen.writeTree(value.json());
        }
    }

    private static final class TimedServerOutputSerializer extends StdSerializer<TimedServerOutput> {
        TimedServerOutputSerializer() {
            super(TimedServerOutput.class);
        }

        @Override
        public void serialize(TimedServerOutput value, JsonGenerator gen, SerializerProvider provider) throws IOException {
            gen.writeStartObject();
            TaggedRecordSerializer.writeFields(value.output(), gen, provider);
            gen.writeNumberField("seq", value.seq());
            gen.writeStringField("timestamp", HydraTimestamps.format(value.timestamp()));
            gen.writeEndObject();
        }
    }

    private static final class InstantSerializer extends StdSerializer<Instant> {
        InstantSerializer() {
            super(Instant.class);
        }

        @Override
        public void serialize(Instant value, JsonGenerator gen, SerializerProvider provider) throws IOException {
            gen.writeString(HydraTimestamps.format(value));
        }
    }

    private static final class InstantDeserializer extends StdDeserializer<Instant> {
        InstantDeserializer() {
            super(Instant.class);
        }

        @Override
        public Instant deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            if (p.currentToken() != JsonToken.VALUE_STRING) {
                return (Instant) ctxt.handleUnexpectedToken(Instant.class, p);
            }
            String text = p.getText();
            try {
                return HydraTimestamps.parse(text);
            } catch (DateTimeException e) {
                return (Instant) ctxt.handleWeirdStringValue(Instant.class, text, "not an ISO-8601 UTC time: %s", e.getMessage());
            }
        }
    }

    /** Durations are seconds as JSON numbers: whole seconds as integers, fractions exactly. */
    private static final class SecondsSerializer extends StdSerializer<Duration> {
        SecondsSerializer() {
            super(Duration.class);
        }

        @Override
        public void serialize(Duration value, JsonGenerator gen, SerializerProvider provider) throws IOException {
            if (value.getNano() == 0) {
                gen.writeNumber(value.getSeconds());
            } else {
                gen.writeNumber(BigDecimal.valueOf(value.getSeconds()).add(BigDecimal.valueOf(value.getNano(), 9)).stripTrailingZeros());
            }
        }
    }

    private static final class SecondsDeserializer extends StdDeserializer<Duration> {
        SecondsDeserializer() {
            super(Duration.class);
        }

        @Override
        public Duration deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            if (!p.currentToken().isNumeric()) {
                return (Duration) ctxt.handleUnexpectedToken(Duration.class, p);
            }
            // Haskell's NominalDiffTime has picosecond precision; nanoseconds are plenty here.
            BigDecimal seconds = p.getDecimalValue().setScale(9, RoundingMode.DOWN);
            BigInteger nanos = seconds.unscaledValue();
            BigInteger[] split = nanos.divideAndRemainder(BigInteger.valueOf(1_000_000_000L));
            return Duration.ofSeconds(split[0].longValueExact(), split[1].longValueExact());
        }
    }

    private static final class ValueSerializer extends StdSerializer<Value> {
        ValueSerializer() {
            super(Value.class);
        }

        @Override
        public void serialize(Value value, JsonGenerator gen, SerializerProvider provider) throws IOException {
            gen.writeStartObject();
            // cardano-api leaves lovelace out when it is zero.
            if (value.lovelace().signum() != 0) {
                gen.writeFieldName("lovelace");
                gen.writeNumber(value.lovelace());
            }
            for (Map.Entry<String, Map<String, BigInteger>> policy : value.assets().entrySet()) {
                gen.writeObjectFieldStart(policy.getKey());
                for (Map.Entry<String, BigInteger> asset : policy.getValue().entrySet()) {
                    gen.writeFieldName(asset.getKey());
                    gen.writeNumber(asset.getValue());
                }
                gen.writeEndObject();
            }
            gen.writeEndObject();
        }
    }

    private static final class ValueDeserializer extends StdDeserializer<Value> {
        ValueDeserializer() {
            super(Value.class);
        }

        @Override
        public Value deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            JsonNode node = ctxt.readTree(p);
            if (!node.isObject()) {
                return (Value) ctxt.handleUnexpectedToken(Value.class, JsonToken.START_OBJECT, p, "a value must be an object, got %s", node.getNodeType());
            }
            BigInteger lovelace = BigInteger.ZERO;
            Map<String, Map<String, BigInteger>> assets = new LinkedHashMap<>();
            for (Map.Entry<String, JsonNode> field : node.properties()) {
                if (field.getKey().equals("lovelace")) {
                    lovelace = quantity(field.getValue(), "lovelace", ctxt);
                } else if (field.getValue().isObject()) {
                    Map<String, BigInteger> names = new LinkedHashMap<>();
                    for (Map.Entry<String, JsonNode> asset : field.getValue().properties()) {
                        names.put(asset.getKey(), quantity(asset.getValue(), field.getKey() + "." + asset.getKey(), ctxt));
                    }
                    assets.put(field.getKey(), names);
                } else {
                    ctxt.reportInputMismatch(Value.class, "asset policy %s must map asset names to quantities", field.getKey());
                }
            }
            return new Value(lovelace, assets);
        }

        private static BigInteger quantity(JsonNode node, String where, DeserializationContext ctxt) throws IOException {
            if (!node.isIntegralNumber()) {
                ctxt.reportInputMismatch(Value.class, "quantity %s must be an integer, got %s", where, node);
            }
            return node.bigIntegerValue();
        }
    }

    private static final class UtxoSerializer extends StdSerializer<Utxo> {
        UtxoSerializer() {
            super(Utxo.class);
        }

        @Override
        public void serialize(Utxo value, JsonGenerator gen, SerializerProvider provider) throws IOException {
            gen.writeStartObject();
            for (Map.Entry<TxIn, TxOut> entry : value.outputs().entrySet()) {
                gen.writeFieldName(entry.getKey().toString());
                provider.defaultSerializeValue(entry.getValue(), gen);
            }
            gen.writeEndObject();
        }
    }

    private static final class UtxoDeserializer extends StdDeserializer<Utxo> {
        UtxoDeserializer() {
            super(Utxo.class);
        }

        @Override
        public Utxo deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            if (p.currentToken() != JsonToken.START_OBJECT) {
                return (Utxo) ctxt.handleUnexpectedToken(Utxo.class, p);
            }
            Map<TxIn, TxOut> outputs = new LinkedHashMap<>();
            for (String name = p.nextFieldName(); name != null; name = p.nextFieldName()) {
                TxIn in;
                try {
                    in = TxIn.parse(name);
                } catch (IllegalArgumentException e) {
                    return (Utxo) ctxt.handleWeirdKey(TxIn.class, name, "%s", e.getMessage());
                }
                p.nextToken();
                outputs.put(in, ctxt.readValue(p, TxOut.class));
            }
            return new Utxo(outputs);
        }
    }

    /** Writes the key set cardano-api writes for each kind of datum (see {@link TxOut}). */
    private static final class TxOutSerializer extends StdSerializer<TxOut> {
        TxOutSerializer() {
            super(TxOut.class);
        }

        @Override
        public void serialize(TxOut value, JsonGenerator gen, SerializerProvider provider) throws IOException {
            gen.writeStartObject();
            gen.writeStringField("address", value.address());
            provider.defaultSerializeField("value", value.value(), gen);
            provider.defaultSerializeField("datum", value.datum(), gen);
            if (value.hasInlineDatum()) {
                gen.writeFieldName("inlineDatum");
                gen.writeTree(value.inlineDatum());
                gen.writeStringField("inlineDatumRaw", value.inlineDatumRaw());
                gen.writeStringField("inlineDatumhash", value.inlineDatumHash());
            } else {
                gen.writeStringField("datumhash", value.datumHash());
                gen.writeNullField("inlineDatum");
                gen.writeNullField("inlineDatumRaw");
            }
            provider.defaultSerializeField("referenceScript", value.referenceScript(), gen);
            gen.writeEndObject();
        }
    }
}
