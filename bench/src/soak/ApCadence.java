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
 * A fourth argument "json" adds what jspy's agent does on JDK 21+ at each window besides: the JVM's
 * JSON thread dump (HotSpotDiagnosticMXBean.dumpThreads), written to DIR/vt.json; "json-backoff"
 * the same, but a dump that shows no virtual thread doubles the wait for the next one, up to 60 s.
 */
public final class ApCadence {
    /** Loaded late, with jattach (bench/idle-memory), as jspy loads its agent. */
    public static void agentmain(String args) {
        premain(args);
    }

    public static void premain(String args) {
        String[] a = args.split(",");
        File dir = new File(a[0]);
        long interval = Long.parseLong(a[1]);
        long period = Long.parseLong(a[2]);
        boolean json = a.length > 3 && a[3].startsWith("json");
        boolean backoff = a.length > 3 && a[3].equals("json-backoff");
        Thread t = new Thread(() -> {
            try {
                loop(AsyncProfiler.getInstance(), dir, interval, period, json, backoff);
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

    static void loop(AsyncProfiler p, File dir, long interval, long period, boolean json, boolean backoff)
            throws Exception {
        String start = "start,wall=" + interval + ",jfr,log=" + new File(dir, "profiler.log") + ",file=";
        int n = 1;
        p.execute(start + rec(dir, n));
        long started = System.currentTimeMillis();
        long nextWindow = started + period;
        long jsonWait = period;
        long nextJson = started + period;
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
            if (json && now >= nextJson) {
                File vt = new File(dir, "vt.json");
                dumpThreads(vt);
                boolean virtual = new String(java.nio.file.Files.readAllBytes(vt.toPath()), "UTF-8")
                        .contains("java.lang.VirtualThread");
                jsonWait = backoff && !virtual ? Math.min(60_000, 2 * jsonWait) : period;
                nextJson = now + jsonWait;
            }
            for (int k = n - 2; k >= 1 && rec(dir, k).exists(); k--) {
                rec(dir, k).delete();
            }
            long took = (System.nanoTime() - t0) / 1_000_000;
            nextWindow = Math.max(Math.max(nextWindow + period, now + period / 2), now + 100 * took);
        }
    }

    /** By reflection: compiled for Java 17, run on 25. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    static void dumpThreads(File file) throws Exception {
        file.delete(); // dumpThreads refuses an existing file
        Class bean = Class.forName("com.sun.management.HotSpotDiagnosticMXBean");
        Class format = Class.forName("com.sun.management.HotSpotDiagnosticMXBean$ThreadDumpFormat");
        Object mx = java.lang.management.ManagementFactory.getPlatformMXBean(bean);
        bean.getMethod("dumpThreads", String.class, format).invoke(mx, file.getAbsolutePath(), Enum.valueOf(format, "JSON"));
    }
}
