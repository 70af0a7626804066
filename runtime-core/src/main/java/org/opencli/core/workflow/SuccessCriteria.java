package org.opencli.core.workflow;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Arazzo {@code successCriteria}: every criterion must hold. Simple conditions only —
 * {@code <expression> <op> <literal>} with {@code == != < > <= >=}, literals being numbers, quoted
 * strings, true, false or null — plus {@code type: regex} against a {@code context} expression.
 * Without criteria a step succeeds on 2xx.
 */
public final class SuccessCriteria {
    private static final Pattern SIMPLE = Pattern.compile("^\\s*(\\$\\S+)\\s*(==|!=|<=|>=|<|>)\\s*(.+?)\\s*$");

    private SuccessCriteria() {
    }

    /** Null when the step succeeded, else the first criterion that did not hold. */
    public static String firstFailed(JsonNode criteria, ExpressionContext ctx) {
        if (criteria == null || !criteria.isArray() || criteria.isEmpty()) {
            int s = ctx.statusCode() == null ? 0 : ctx.statusCode();
            return s >= 200 && s < 300 ? null : "default criterion: 2xx status";
        }
        for (JsonNode c : criteria) {
            String condition = c.path("condition").asText("");
            if (!holds(c, condition, ctx)) return condition;
        }
        return null;
    }

    private static boolean holds(JsonNode criterion, String condition, ExpressionContext ctx) {
        String type = criterion.path("type").asText("simple");
        if (type.equals("regex")) {
            JsonNode value = RuntimeExpressions.resolve(criterion.path("context").asText(), ctx);
            return Pattern.compile(condition).matcher(value.asText()).find();
        }
        if (!type.equals("simple")) throw new UnresolvedExpression(condition, "criterion type " + type + " is not supported");
        Matcher m = SIMPLE.matcher(condition);
        if (!m.matches()) throw new UnresolvedExpression(condition, "not a simple condition (<expression> <op> <literal>)");
        JsonNode left = RuntimeExpressions.resolve(m.group(1), ctx);
        return compare(left, m.group(2), literal(m.group(3)));
    }

    private static Object literal(String raw) {
        if ((raw.startsWith("'") && raw.endsWith("'") || raw.startsWith("\"") && raw.endsWith("\"")) && raw.length() >= 2) {
            return raw.substring(1, raw.length() - 1);
        }
        if (raw.equals("true") || raw.equals("false")) return Boolean.valueOf(raw);
        if (raw.equals("null")) return null;
        try {
            return new BigDecimal(raw);
        } catch (NumberFormatException e) {
            return raw;
        }
    }

    private static boolean compare(JsonNode left, String op, Object right) {
        int cmp;
        if (right instanceof BigDecimal number && (left.isNumber() || isNumeric(left.asText()))) {
            cmp = new BigDecimal(left.asText()).compareTo(number);
        } else if (right == null) {
            cmp = left.isNull() ? 0 : 1;
        } else {
            cmp = left.asText().compareTo(right.toString());
        }
        return switch (op) {
            case "==" -> cmp == 0;
            case "!=" -> cmp != 0;
            case "<" -> cmp < 0;
            case ">" -> cmp > 0;
            case "<=" -> cmp <= 0;
            default -> cmp >= 0;
        };
    }

    private static boolean isNumeric(String s) {
        try {
            new BigDecimal(s);
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }
}
