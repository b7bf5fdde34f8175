package dev.fabric.hydra.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Writes a tagged-union record as {@code {"tag": ..., <components>}}, honouring {@link JsonProperty}
 * names and {@link JsonInclude} {@code NON_NULL} on components; {@link RawJson} variants are written
 * exactly as they were received.
 *
 * <p>Written by hand rather than with {@code @JsonTypeInfo} because the unknown variants must
 * round-trip their raw JSON, which Jackson's polymorphic handling cannot do.
 */
final class TaggedRecordSerializer extends StdSerializer<Tagged> {

    private record Component(String name, Method accessor, boolean omitWhenNull) {
    }

    private static final ClassValue<List<Component>> COMPONENTS = new ClassValue<>() {
        @Override
        protected List<Component> computeValue(Class<?> type) {
            if (!type.isRecord()) {
                throw new IllegalArgumentException(type.getName() + " is tagged but not a record");
            }
            List<Component> components = new ArrayList<>();
            for (RecordComponent component : type.getRecordComponents()) {
                Method accessor = component.getAccessor();
                JsonProperty property = accessor.getAnnotation(JsonProperty.class);
                JsonInclude include = accessor.getAnnotation(JsonInclude.class);
                String name = property != null && !property.value().isEmpty() ? property.value() : component.getName();
                boolean omitWhenNull = include != null && include.value() == JsonInclude.Include.NON_NULL;
                components.add(new Component(name, accessor, omitWhenNull));
            }
            return List.copyOf(components);
        }
    };

    TaggedRecordSerializer() {
        super(Tagged.class);
    }

    @Override
    public void serialize(Tagged value, JsonGenerator gen, SerializerProvider provider) throws IOException {
        gen.writeStartObject();
        writeFields(value, gen, provider);
        gen.writeEndObject();
    }

    /** Writes the value's fields into an object the caller has opened (used to flatten seq/timestamp in). */
    static void writeFields(Tagged value, JsonGenerator gen, SerializerProvider provider) throws IOException {
        if (value instanceof RawJson raw) {
            for (Map.Entry<String, JsonNode> field : raw.json().properties()) {
                gen.writeFieldName(field.getKey());
                gen.writeTree(field.getValue());
            }
            return;
        }
        gen.writeStringField("tag", value.tag());
        for (Component component : COMPONENTS.get(value.getClass())) {
            Object fieldValue = read(component, value);
            if (fieldValue == null && component.omitWhenNull()) {
                continue;
            }
            provider.defaultSerializeField(component.name(), fieldValue, gen);
        }
    }

    private static Object read(Component component, Object record) {
        try {
            return component.accessor().invoke(record);
        } catch (IllegalAccessException | InvocationTargetException e) {
            throw new IllegalStateException("cannot read " + component.name() + " of " + record.getClass().getName(), e);
        }
    }
}
