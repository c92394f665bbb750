package se.kaa.testsupport;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Supplier;

/** A benchmark's timed step: warm-up runs, then timed runs; prints median, p95 and max. */
public final class Timing {

    private Timing() {
    }

    /** Runs {@code run} {@code warmUp} times, then {@code runs} times timed; prints a line and returns the median in ms. */
    public static double time(String what, int warmUp, int runs, Supplier<Long> run) {
        for (int i = 0; i < warmUp; i++) {
            run.get();
        }
        List<Double> ms = new ArrayList<>();
        long result = 0;
        for (int i = 0; i < runs; i++) {
            long t = System.nanoTime();
            result = run.get();
            ms.add((System.nanoTime() - t) / 1e6);
        }
        Collections.sort(ms);
        System.out.printf("  %-75s median %7.1f ms  p95 %7.1f ms  max %7.1f ms  (result %d)%n", what,
                ms.get(runs / 2), ms.get((int) Math.ceil(runs * 0.95) - 1), ms.get(runs - 1), result);
        return ms.get(runs / 2);
    }
}
