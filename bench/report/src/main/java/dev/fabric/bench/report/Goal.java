package dev.fabric.bench.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A figure's target from the issues, as conditions on the figure's value or on its ratio to the
 * same-run baseline, all of which must hold: {@code value>=100000;ratio>=0.5}. Kept as text in the
 * summary so a bench states its goal once and the report decides whether it was met.
 */
public record Goal(List<Condition> conditions) {

    /** One bound on the value or the ratio. */
    public record Condition(Subject subject, boolean atLeast, double bound) {
        boolean holds(double value, double ratio) {
            double x = subject == Subject.VALUE ? value : ratio;
            if (Double.isNaN(x)) {
                return false;
            }
            return atLeast ? x >= bound : x <= bound;
        }

        String text() {
            return subject.name().toLowerCase(Locale.ROOT) + (atLeast ? ">=" : "<=") + trim(bound);
        }
    }

    /** What a condition bounds. */
    public enum Subject { VALUE, RATIO }

    public static final Goal NONE = new Goal(List.of());

    public static Goal valueAtLeast(double bound) {
        return new Goal(List.of(new Condition(Subject.VALUE, true, bound)));
    }

    public static Goal valueAtMost(double bound) {
        return new Goal(List.of(new Condition(Subject.VALUE, false, bound)));
    }

    public Goal andRatioAtLeast(double bound) {
        List<Condition> all = new ArrayList<>(conditions);
        all.add(new Condition(Subject.RATIO, true, bound));
        return new Goal(List.copyOf(all));
    }

    public boolean isNone() {
        return conditions.isEmpty();
    }

    public boolean metBy(double value, double ratio) {
        return conditions.stream().allMatch(c -> c.holds(value, ratio));
    }

    public String text() {
        return String.join(";", conditions.stream().map(Condition::text).toList());
    }

    /** How RESULTS.md shows it: {@code ≥ 100,000 and ratio ≥ 0.5}. */
    public String display(String unit) {
        if (conditions.isEmpty()) {
            return "—";
        }
        List<String> parts = new ArrayList<>();
        for (Condition c : conditions) {
            String op = c.atLeast() ? "≥ " : "≤ ";
            parts.add(c.subject() == Subject.VALUE ? op + boundText(c.bound()) + (unit.isEmpty() ? "" : " " + unit)
                    : "ratio " + op + trim(c.bound()));
        }
        return String.join(" and ", parts);
    }

    public static Goal parse(String text) {
        if (text == null || text.isBlank()) {
            return NONE;
        }
        List<Condition> conditions = new ArrayList<>();
        for (String part : text.split(";")) {
            String p = part.trim();
            boolean atLeast = p.contains(">=");
            String[] sides = p.split(atLeast ? ">=" : "<=");
            if (sides.length != 2 || !(atLeast || p.contains("<="))) {
                throw new IllegalArgumentException("goal condition must be value|ratio >=|<= number, got '" + p + "'");
            }
            Subject subject = Subject.valueOf(sides[0].trim().toUpperCase(Locale.ROOT));
            conditions.add(new Condition(subject, atLeast, Double.parseDouble(sides[1].trim())));
        }
        return new Goal(List.copyOf(conditions));
    }

    private static String boundText(double d) {
        return d == Math.rint(d) ? String.format(Locale.ROOT, "%,d", (long) d) : Double.toString(d);
    }

    private static String trim(double d) {
        return d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d);
    }
}
