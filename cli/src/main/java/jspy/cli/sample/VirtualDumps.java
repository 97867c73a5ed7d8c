package jspy.cli.sample;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import jspy.agent.Protocol;
import jspy.cli.dump.VirtualDump;
import jspy.cli.profile.ThreadState;

/**
 * Turns the agent's JSON thread dumps (JDK 21+) into windows of unmounted virtual threads. A dump
 * stands for the time since the previous one, so each parked virtual thread weighs rate x that
 * time: a virtual thread waiting 1 s counts like a platform thread waiting 1 s.
 */
final class VirtualDumps {
    private final long pid;
    private final Path dir;
    private final double rateHz;
    private final Carriers carriers;
    private static final long LIST_EVERY_NANOS = 250_000_000L;
    private int lastSeq;
    private long lastList = Long.MIN_VALUE / 2;
    private long dumps;
    private long skipped;

    VirtualDumps(long pid, Path dir, double rateHz, Carriers carriers) {
        this.pid = pid;
        this.dir = dir;
        this.rateHz = rateHz;
        this.carriers = carriers;
    }

    /** Dumps read so far, and dumps the agent deleted before we read them or that were unreadable. */
    long dumps() {
        return dumps;
    }

    long skipped() {
        return skipped;
    }

    /** force: list the dumps whatever the throttle (the stream is draining, or a chunk is complete). */
    List<Window> read(boolean force) {
        long now = System.nanoTime();
        if (!force && now - lastList < LIST_EVERY_NANOS) {
            return List.of(); // a directory listing per poll cost the CLI CPU for nothing: dumps come >= 1 s apart
        }
        lastList = now;
        Map<Integer, Path> fresh = new TreeMap<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, Protocol.VTHREADS_PREFIX + "*"
                + Protocol.VTHREADS_SUFFIX)) {
            for (Path f : files) {
                int seq = seq(f.getFileName().toString());
                if (seq > lastSeq) {
                    fresh.put(seq, f);
                }
            }
        } catch (IOException e) {
            return List.of(); // the target is gone, or no dump yet
        }
        List<Window> out = new ArrayList<>();
        for (Map.Entry<Integer, Path> e : fresh.entrySet()) {
            skipped += Math.max(0, e.getKey() - lastSeq - 1);
            lastSeq = e.getKey();
            Window w = window(e.getValue());
            if (w != null) {
                out.add(w);
            }
        }
        return out;
    }

    private Window window(Path file) {
        String[] parts = file.getFileName().toString().split("[-.]");
        try {
            long from = Long.parseLong(parts[2]);
            long to = Long.parseLong(parts[3]);
            byte[] bytes = Files.readAllBytes(file);
            String json = new String(bytes, StandardCharsets.UTF_8);
            carriers.update(json);
            long weight = Math.max(1, Math.round(rateHz * (to - from) / 1000.0));
            List<StackSample> samples = new ArrayList<>();
            for (VirtualDump.Parked p : VirtualDump.unmounted(json)) {
                samples.add(new StackSample(p.id(), ThreadState.UNKNOWN, from * 1_000_000, weight, p.frames()));
            }
            dumps++;
            // each unmounted virtual thread stands for the whole time since the last dump
            return new Window(pid, from * 1_000_000, to * 1_000_000, samples.size(), samples.size() * (to - from) / 1000.0,
                    samples, true);
        } catch (IOException | RuntimeException e) {
            skipped++; // deleted meanwhile (we fell more than 3 dumps behind) or damaged
            return null;
        }
    }

    private static int seq(String name) {
        try {
            return Integer.parseInt(name.substring(Protocol.VTHREADS_PREFIX.length(), name.indexOf('-',
                    Protocol.VTHREADS_PREFIX.length())));
        } catch (RuntimeException e) {
            return -1;
        }
    }
}
