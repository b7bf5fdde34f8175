package dev.fabric.settlement.topology;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.fabric.settlement.domain.BidSettlement;
import dev.fabric.settlement.domain.ChainFact;
import dev.fabric.settlement.domain.LeaseTerms;
import java.io.IOException;
import java.util.Map;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Encoding of settlement's own state (stores, changelogs) and of the chain facts it repartitions.
 * Private to this service, so it is JSON of the domain records rather than a published Avro
 * schema; the version field lets a later release read what an earlier one wrote, and unknown
 * fields are ignored so a rollback can read a newer release's state.
 */
public final class StateCodec {

    static final int VERSION = 1;
    private static final ObjectMapper JSON = new ObjectMapper()
            .registerModule(new Jdk8Module())
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    private static final Map<String, Class<? extends ChainFact>> FACTS = Map.of(
            "LeaseCreated", ChainFact.LeaseCreated.class,
            "LeaseSpent", ChainFact.LeaseSpent.class,
            "BidClosed", ChainFact.BidClosed.class);

    private StateCodec() {
    }

    public static Serde<BidSettlement> settlementSerde() {
        return serde(BidSettlement.class);
    }

    public static Serde<LeaseTerms> leaseSerde() {
        return serde(LeaseTerms.class);
    }

    public static Serde<ChainFact> chainFactSerde() {
        Serializer<ChainFact> serializer = (topic, fact) -> {
            if (fact == null) {
                return null;
            }
            ObjectNode node = JSON.createObjectNode();
            node.put("v", VERSION);
            node.put("type", fact.getClass().getSimpleName());
            node.set("fact", JSON.valueToTree(fact));
            return write(node);
        };
        Deserializer<ChainFact> deserializer = (topic, bytes) -> {
            if (bytes == null) {
                return null;
            }
            JsonNode node = read(bytes);
            Class<? extends ChainFact> type = FACTS.get(node.path("type").asText());
            if (type == null) {
                throw new SerializationException("unknown chain fact type " + node.path("type"));
            }
            return convert(node.path("fact"), type);
        };
        return Serdes.serdeFrom(serializer, deserializer);
    }

    static <T> Serde<T> serde(Class<T> type) {
        Serializer<T> serializer = (topic, value) -> {
            if (value == null) {
                return null;
            }
            ObjectNode node = JSON.createObjectNode();
            node.put("v", VERSION);
            node.set("value", JSON.valueToTree(value));
            return write(node);
        };
        Deserializer<T> deserializer = (topic, bytes) -> bytes == null ? null : convert(read(bytes).path("value"), type);
        return Serdes.serdeFrom(serializer, deserializer);
    }

    private static byte[] write(JsonNode node) {
        try {
            return JSON.writeValueAsBytes(node);
        } catch (IOException e) {
            throw new SerializationException("cannot encode settlement state", e);
        }
    }

    private static JsonNode read(byte[] bytes) {
        try {
            JsonNode node = JSON.readTree(bytes);
            int version = node.path("v").asInt(-1);
            if (version < 1 || version > VERSION) {
                throw new SerializationException("settlement state version " + version + " is not readable by this release");
            }
            return node;
        } catch (IOException e) {
            throw new SerializationException("unreadable settlement state", e);
        }
    }

    private static <T> T convert(JsonNode node, Class<T> type) {
        try {
            return JSON.treeToValue(node, type);
        } catch (IOException | IllegalArgumentException e) {
            throw new SerializationException("unreadable " + type.getSimpleName() + ": " + e.getMessage(), e);
        }
    }
}
