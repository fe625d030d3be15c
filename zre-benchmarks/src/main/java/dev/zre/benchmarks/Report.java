package dev.zre.benchmarks;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The results of one run: one row per measured quantity (ZRE next to raw JeroMQ), plus free-form
 * details per scenario. Renders a Markdown table for stdout and a map for the JSON file.
 */
public final class Report {

    /**
     * One measured quantity.
     *
     * @param raw the raw JeroMQ baseline, NaN when there is none
     * @param met whether the target was met; {@code null} when the row has no target
     */
    public record Row(String scenario, String metric, String unit, double zre, double raw, @Nullable String target,
            @Nullable Boolean met) {

        /** ZRE / raw; NaN without a positive baseline. */
        public double ratio() {
            return raw > 0 ? Stats.ratio(zre, raw) : Double.NaN;
        }
    }

    private final List<Row> rows = new ArrayList<>();
    private final Map<String, Object> details = new LinkedHashMap<>();
    private final Map<String, Object> environment = new LinkedHashMap<>();

    public synchronized void add(Row row) {
        rows.add(row);
    }

    public synchronized void add(String scenario, String metric, String unit, double zre, double raw, @Nullable String target,
            @Nullable Boolean met) {
        add(new Row(scenario, metric, unit, zre, raw, target, met));
    }

    public synchronized void detail(String key, Object value) {
        details.put(key, value);
    }

    public synchronized void environment(String key, Object value) {
        environment.put(key, value);
    }

    public synchronized List<Row> rows() {
        return List.copyOf(rows);
    }

    /** The result table in Markdown. */
    public synchronized String markdown() {
        StringBuilder sb = new StringBuilder();
        sb.append("| Scenario | Metric | ZRE | raw JeroMQ | ZRE / raw | Target | Met |\n");
        sb.append("|---|---|---:|---:|---:|---|:-:|\n");
        for (Row r : rows) {
            sb.append("| ").append(r.scenario())
                    .append(" | ").append(r.metric())
                    .append(" | ").append(format(r.zre(), r.unit()))
                    .append(" | ").append(Double.isNaN(r.raw()) ? "–" : format(r.raw(), r.unit()))
                    .append(" | ").append(Double.isNaN(r.ratio()) ? "–" : String.format(Locale.ROOT, "%.2f×", r.ratio()))
                    .append(" | ").append(r.target() == null || r.target().isEmpty() ? "–" : r.target())
                    .append(" | ").append(r.met() == null ? "–" : r.met() ? "yes" : "**no**")
                    .append(" |\n");
        }
        return sb.toString();
    }

    /** Everything as plain maps and lists, for {@link Json}. */
    public synchronized Map<String, Object> toMap() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("environment", environment);
        List<Object> list = new ArrayList<>();
        for (Row r : rows) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("scenario", r.scenario());
            m.put("metric", r.metric());
            m.put("unit", r.unit());
            m.put("zre", r.zre());
            m.put("raw", r.raw());
            m.put("ratio", r.ratio());
            m.put("target", r.target());
            m.put("met", r.met());
            list.add(m);
        }
        out.put("results", list);
        out.put("details", details);
        return out;
    }

    /** A value with its unit, rounded for reading. */
    public static String format(double value, String unit) {
        if (Double.isNaN(value)) {
            return "n/a";
        }
        String number;
        double a = Math.abs(value);
        if (unit.equals("msg/s")) {
            number = a >= 1e6 ? String.format(Locale.ROOT, "%.2f M", value / 1e6)
                    : a >= 1e3 ? String.format(Locale.ROOT, "%.0f k", value / 1e3)
                    : String.format(Locale.ROOT, "%.0f", value);
            return number + " " + unit;
        }
        if (a >= 100 || a == Math.rint(a)) {
            number = String.format(Locale.ROOT, "%,.0f", value);
        } else if (a >= 10) {
            number = String.format(Locale.ROOT, "%.1f", value);
        } else {
            number = String.format(Locale.ROOT, "%.2f", value);
        }
        return unit.isEmpty() ? number : number + " " + unit;
    }
}
