package dev.fabric.events;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fabric.events.schema.CompatibilityCheck;
import dev.fabric.events.schema.SchemaHistory;
import dev.fabric.topics.Topics;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class CompatibilityCheckTest {

    static List<Schema> topicValueSchemas() {
        return Topics.valueSchemas();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("topicValueSchemas")
    void shouldReadEveryReleasedVersionWithTheCurrentSchema(Schema current) {
        List<Schema> released = SchemaHistory.releasedVersions(current.getFullName());

        assertThat(released).as("released versions of %s (run SchemaRelease)", current.getFullName()).isNotEmpty();
        assertThat(CompatibilityCheck.problems(current, released)).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("topicValueSchemas")
    void shouldHaveReleasedTheCurrentSchema(Schema current) {
        List<Schema> released = SchemaHistory.releasedVersions(current.getFullName());

        assertThat(released.get(released.size() - 1))
                .as("%s changed since its last release: run ./mvnw -pl schemas -Prelease-schemas process-classes", current.getFullName())
                .isEqualTo(current);
    }

    @Test
    void shouldRejectARequiredFieldAddedWithoutDefault() {
        Schema released = record(SchemaBuilder.record("Probe").namespace("dev.fabric.test").fields()
                .requiredString("eventId"));
        Schema candidate = record(SchemaBuilder.record("Probe").namespace("dev.fabric.test").fields()
                .requiredString("eventId").requiredLong("price"));

        assertThat(CompatibilityCheck.problems(candidate, List.of(released)))
                .singleElement().asString().contains("cannot read data written with a released version");
    }

    @Test
    void shouldAcceptAFieldAddedWithDefault() {
        Schema released = record(SchemaBuilder.record("Probe").namespace("dev.fabric.test").fields()
                .requiredString("eventId"));
        Schema candidate = record(SchemaBuilder.record("Probe").namespace("dev.fabric.test").fields()
                .requiredString("eventId").name("price").type().longType().longDefault(0));

        assertThat(CompatibilityCheck.problems(candidate, List.of(released))).isEmpty();
    }

    @Test
    void shouldRejectAFieldWhoseTypeNarrows() {
        Schema released = record(SchemaBuilder.record("Probe").namespace("dev.fabric.test").fields()
                .requiredLong("price"));
        Schema candidate = record(SchemaBuilder.record("Probe").namespace("dev.fabric.test").fields()
                .requiredInt("price"));

        assertThat(CompatibilityCheck.problems(candidate, List.of(released))).hasSize(1);
    }

    @Test
    void shouldRejectAnEnumWithoutUnknownDefault() {
        Schema candidate = record(SchemaBuilder.record("Probe").namespace("dev.fabric.test").fields()
                .name("kind").type().enumeration("Kind").symbols("A", "B").noDefault());

        assertThat(CompatibilityCheck.problems(candidate, List.of()))
                .singleElement().asString().contains("enum dev.fabric.test.Kind must have an UNKNOWN symbol");
    }

    @Test
    void shouldCheckAgainstEveryReleasedVersionNotOnlyTheLatest() {
        Schema v1 = record(SchemaBuilder.record("Probe").namespace("dev.fabric.test").fields()
                .requiredString("eventId"));
        Schema v2 = record(SchemaBuilder.record("Probe").namespace("dev.fabric.test").fields()
                .requiredString("eventId").requiredLong("price"));
        // v3 reads v2's data but not v1's: price became required in v2 (already a broken release)
        Schema v3 = record(SchemaBuilder.record("Probe").namespace("dev.fabric.test").fields()
                .requiredString("eventId").requiredLong("price"));

        assertThat(CompatibilityCheck.problems(v3, List.of(v2))).isEmpty();
        assertThat(CompatibilityCheck.problems(v3, List.of(v1, v2))).hasSize(1);
    }

    private static Schema record(SchemaBuilder.FieldAssembler<Schema> fields) {
        return fields.endRecord();
    }
}
