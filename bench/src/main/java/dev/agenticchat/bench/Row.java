package dev.agenticchat.bench;

/**
 * One line of the results table: a measured value, the floor it is compared with (NaN: none applies), and the
 * target of issue 17 it is held to (null: reported only).
 *
 * @param higherIsBetter whether the target is a minimum (throughput, recall) rather than a maximum (latency, memory)
 */
record Row(String scenario, String metric, double value, String unit, double floorMs, Double target,
           boolean higherIsBetter) {

    static Row info(String scenario, String metric, double value, String unit) {
        return new Row(scenario, metric, value, unit, Double.NaN, null, false);
    }

    /** Reported with its floor, held to no target. */
    static Row measured(String scenario, String metric, double value, String unit, double floorMs) {
        return new Row(scenario, metric, value, unit, floorMs, null, false);
    }

    static Row atMost(String scenario, String metric, double value, String unit, double floorMs, double target) {
        return new Row(scenario, metric, value, unit, floorMs, target, false);
    }

    static Row atLeast(String scenario, String metric, double value, String unit, double target) {
        return new Row(scenario, metric, value, unit, Double.NaN, target, true);
    }

    double ratio() {
        return Double.isNaN(floorMs) || floorMs <= 0 ? Double.NaN : value / floorMs;
    }

    /** null when there is no target or nothing was measured. */
    Boolean met() {
        if (target == null || Double.isNaN(value)) {
            return null;
        }
        return higherIsBetter ? value >= target : value <= target;
    }

    String targetText() {
        if (target == null) {
            return "";
        }
        return (higherIsBetter ? "≥ " : "≤ ") + Report.number(target) + " " + unit;
    }
}
