package dev.fabric.events.schema;

import java.util.ArrayList;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.SchemaValidationException;
import org.apache.avro.SchemaValidator;
import org.apache.avro.SchemaValidatorBuilder;

/**
 * Decides whether a new schema may replace the released ones: consumers on the new schema must
 * read everything already on the topics (backward compatibility against every released version),
 * and every enum must fall back to {@code UNKNOWN} so old readers survive new symbols.
 */
public final class CompatibilityCheck {

    private static final SchemaValidator READS_ALL_PREVIOUS = new SchemaValidatorBuilder().canReadStrategy().validateAll();

    private CompatibilityCheck() {
    }

    /** Problems found; empty when {@code candidate} may be released. */
    public static List<String> problems(Schema candidate, List<Schema> released) {
        List<String> problems = new ArrayList<>();
        try {
            READS_ALL_PREVIOUS.validate(candidate, released);
        } catch (SchemaValidationException e) {
            problems.add(candidate.getFullName() + " cannot read data written with a released version: " + e.getMessage());
        }
        collectEnumProblems(candidate, new ArrayList<>(), problems);
        return problems;
    }

    private static void collectEnumProblems(Schema schema, List<String> seen, List<String> problems) {
        switch (schema.getType()) {
            case RECORD -> {
                if (seen.contains(schema.getFullName())) {
                    return;
                }
                seen.add(schema.getFullName());
                schema.getFields().forEach(f -> collectEnumProblems(f.schema(), seen, problems));
            }
            case UNION -> schema.getTypes().forEach(t -> collectEnumProblems(t, seen, problems));
            case ARRAY -> collectEnumProblems(schema.getElementType(), seen, problems);
            case MAP -> collectEnumProblems(schema.getValueType(), seen, problems);
            case ENUM -> {
                if (!"UNKNOWN".equals(schema.getEnumDefault()) || !schema.getEnumSymbols().contains("UNKNOWN")) {
                    problems.add("enum " + schema.getFullName() + " must have an UNKNOWN symbol and default");
                }
            }
            default -> {
                // primitives and fixed need no rule
            }
        }
    }
}
