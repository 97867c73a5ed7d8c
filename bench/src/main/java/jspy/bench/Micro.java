package jspy.bench;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.runner.options.VerboseMode;

/** The JMH micro-benchmarks of the hot paths, in one forked JVM each, JMH printing nothing. */
final class Micro {
    record Row(String name, String unit, double score, double error, double min, double max, long n) {
    }

    final List<Row> rows = new ArrayList<>();

    void run(Env env, int iterations, double iterationSec) throws Exception {
        Options opts = new OptionsBuilder().include("jspy\\.bench\\.jmh\\..*").forks(1)
                .warmupIterations(2).warmupTime(TimeValue.milliseconds((long) (iterationSec * 1000)))
                .measurementIterations(iterations).measurementTime(TimeValue.milliseconds((long) (iterationSec * 1000)))
                .jvm(env.java.toString()).verbosity(VerboseMode.SILENT).build();
        Collection<RunResult> results = new Runner(opts).run();
        for (RunResult r : results) {
            var primary = r.getPrimaryResult();
            var stats = primary.getStatistics();
            String name = r.getParams().getBenchmark().replace("jspy.bench.jmh.", "");
            StringBuilder params = new StringBuilder();
            for (String k : r.getParams().getParamsKeys()) {
                params.append(params.length() == 0 ? " (" : ", ").append(k).append('=').append(r.getParams().getParam(k));
            }
            if (params.length() > 0) {
                params.append(')');
            }
            rows.add(new Row(name + params, primary.getScoreUnit(), primary.getScore(), primary.getScoreError(),
                    stats.getMin(), stats.getMax(), stats.getN()));
        }
    }
}
