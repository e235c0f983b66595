package dev.switchboard.harness.plot;

import java.util.Locale;

/** Tick and value labels. */
final class Formats {
    private Formats() {
    }

    /** @return 0, 500, 20k, 150k, 1.5M */
    static String count(double v) {
        double a = Math.abs(v);
        if (a >= 1e6) {
            return trim(v / 1e6) + "M";
        }
        if (a >= 1e3) {
            return trim(v / 1e3) + "k";
        }
        return trim(v);
    }

    /** @return three significant digits: 352k, 58.8k, 1.5M, 950 */
    static String count3(double v) {
        double a = Math.abs(v);
        double scale = a >= 1e6 ? 1e6 : a >= 1e3 ? 1e3 : 1;
        String suffix = a >= 1e6 ? "M" : a >= 1e3 ? "k" : "";
        double scaled = v / scale;
        double digits = Math.abs(scaled) >= 100 ? 0 : Math.abs(scaled) >= 10 ? 1 : 2;
        double factor = Math.pow(10, digits);
        return trim(Math.round(scaled * factor) / factor) + suffix;
    }

    /** @return a duration given in microseconds: 1 us, 100 us, 1 ms, 10 ms, 1 s */
    static String micros(double us) {
        if (us >= 1e6) {
            return trim(us / 1e6) + " s";
        }
        if (us >= 1e3) {
            return trim(us / 1e3) + " ms";
        }
        if (us >= 1) {
            return trim(us) + " us";
        }
        return trim(us * 1e3) + " ns";
    }

    private static String trim(double v) {
        if (Math.abs(v - Math.rint(v)) < 1e-6) {
            return Long.toString(Math.round(v));
        }
        String s = String.format(Locale.ROOT, "%.2f", v);
        while (s.endsWith("0")) {
            s = s.substring(0, s.length() - 1);
        }
        return s.endsWith(".") ? s.substring(0, s.length() - 1) : s;
    }
}
