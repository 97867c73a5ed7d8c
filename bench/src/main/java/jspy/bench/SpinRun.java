package jspy.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/** What one overhead run measured: {@link Spin}'s out file as key → value (moved out of Overhead to keep it under 300 lines). */
record SpinRun(Map<String, Double> values, String topThreads) {
    double get(String key) {
        return values.getOrDefault(key, Double.NaN);
    }

    /** Spin's out file: one "key value" per line, top_threads as text. */
    static SpinRun read(Path out) throws java.io.IOException {
        Map<String, Double> values = new HashMap<>();
        String topThreads = "";
        for (String line : Files.readAllLines(out)) {
            String[] kv = line.split(" ");
            if (kv[0].equals("top_threads")) {
                topThreads = kv[1];
            } else {
                values.put(kv[0], Double.parseDouble(kv[1]));
            }
        }
        return new SpinRun(values, topThreads);
    }
}
