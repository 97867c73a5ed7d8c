import java.io.File;
import one.profiler.AsyncProfiler;

/**
 * async-profiler alone, driven with jspy's agent's exact cadence and nothing else of jspy's: the
 * control for "is it async-profiler or jspy" (bench/memory-soak). Loaded with
 * -agentpath:libasyncProfiler.so (no start) and -javaagent:ap-cadence.jar=DIR,INTERVAL_NS,PERIOD_MS.
 * Like agent/src/main/java/jspy/agent/Session.java: start,wall=INTERVAL,jfr,file=DIR/rec-1.jfr,log=...;
 * a 100 ms loop; at each window a dump,jfr into the same file, the next window one period later but
 * stretched so that dumping takes at most 1% of a core; a stop and a start into rec-N+1 once the
 * file holds 16 MB or is 60 s old; rec-N-1 deleted then (jspy's CLI acknowledges a recording once
 * the next exists, and the agent deletes it at its next window).
 */
public final class ApCadence {
    public static void premain(String args) {
        String[] a = args.split(",");
        File dir = new File(a[0]);
        long interval = Long.parseLong(a[1]);
        long period = Long.parseLong(a[2]);
        Thread t = new Thread(() -> {
            try {
                loop(AsyncProfiler.getInstance(), dir, interval, period);
            } catch (Exception e) {
                try {
                    java.nio.file.Files.writeString(new File(dir, "ap-cadence.error").toPath(), e.toString());
                } catch (Exception ignored) {
                    // nowhere to say it
                }
            }
        }, "ap-cadence");
        t.setDaemon(true);
        t.start();
    }

    static File rec(File dir, int n) {
        return new File(dir, "rec-" + n + ".jfr");
    }

    static void loop(AsyncProfiler p, File dir, long interval, long period) throws Exception {
        String start = "start,wall=" + interval + ",jfr,log=" + new File(dir, "profiler.log") + ",file=";
        int n = 1;
        p.execute(start + rec(dir, n));
        long started = System.currentTimeMillis();
        long nextWindow = started + period;
        while (true) {
            Thread.sleep(100);
            long now = System.currentTimeMillis();
            if (now < nextWindow) {
                continue;
            }
            long t0 = System.nanoTime();
            File file = rec(dir, n);
            p.execute("dump,jfr,file=" + file);
            if (file.length() >= (16L << 20) || now - started >= 60_000) {
                p.execute("stop");
                n++;
                p.execute(start + rec(dir, n));
                started = System.currentTimeMillis();
            }
            for (int k = n - 2; k >= 1 && rec(dir, k).exists(); k--) {
                rec(dir, k).delete();
            }
            long took = (System.nanoTime() - t0) / 1_000_000;
            nextWindow = Math.max(Math.max(nextWindow + period, now + period / 2), now + 100 * took);
        }
    }
}
