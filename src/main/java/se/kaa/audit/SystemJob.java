package se.kaa.audit;

import java.util.function.Supplier;

/**
 * Names the system job (e.g. {@code demo-loader}, {@code recompute}) on whose behalf the current
 * thread reads or writes personal data when no user is signed in; the audit log records it as actor.
 */
public final class SystemJob {

    private static final ThreadLocal<String> CURRENT = new ThreadLocal<>();

    private SystemJob() {
    }

    public static <T> T run(String job, Supplier<T> work) {
        String outer = CURRENT.get();
        CURRENT.set(job);
        try {
            return work.get();
        } finally {
            if (outer == null) {
                CURRENT.remove();
            } else {
                CURRENT.set(outer);
            }
        }
    }

    public static void run(String job, Runnable work) {
        run(job, () -> {
            work.run();
            return null;
        });
    }

    /** The job running on this thread, or {@code null}. */
    public static String current() {
        return CURRENT.get();
    }
}
