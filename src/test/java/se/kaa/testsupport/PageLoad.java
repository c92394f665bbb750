package se.kaa.testsupport;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Signed-in users (one {@link WebSession} each, possibly on different instances) asking for a page
 * over and over: a warm-up of 5 s, then {@code seconds} measured; pages per second and latency
 * percentiles over all requests. With {@code thinkMs} 0 each asks again the moment a page arrives
 * (the server's capacity: the latency is the queue); otherwise each waits an exponentially distributed
 * time averaging {@code thinkMs} between pages, as people working at once do. Client and server share
 * the machine's cores.
 */
public final class PageLoad {

    public record Result(double pagesPerSecond, double median, double p95, double p99, int pages, int failed) {
    }

    private PageLoad() {
    }

    /** Runs the load and prints one line starting with {@code label}. */
    public static Result run(String label, List<WebSession> sessions, String path, int thinkMs, int seconds) {
        Result result = null;
        for (int round = 0; round < 2; round++) {
            boolean measured = round == 1;
            List<Double> ms = Collections.synchronizedList(new ArrayList<>());
            long duration = measured ? seconds : 5;
            long end = System.nanoTime() + duration * 1_000_000_000L;
            AtomicInteger failures = new AtomicInteger();
            List<Thread> threads = new ArrayList<>();
            for (WebSession s : sessions) {
                Thread thread = new Thread(() -> {
                    while (System.nanoTime() < end) {
                        if (thinkMs > 0) {
                            try { // exponentially distributed, so that the users do not march in step
                                double u = ThreadLocalRandom.current().nextDouble();
                                Thread.sleep((long) (-Math.log(1 - u) * thinkMs));
                            } catch (InterruptedException e) {
                                return;
                            }
                            if (System.nanoTime() >= end) {
                                return;
                            }
                        }
                        long t = System.nanoTime();
                        HttpResponse<String> r = s.get(path);
                        if (r.statusCode() != 200) {
                            failures.incrementAndGet();
                        }
                        ms.add((System.nanoTime() - t) / 1e6);
                    }
                });
                thread.start();
                threads.add(thread);
            }
            for (Thread t : threads) {
                try {
                    t.join();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException(e);
                }
            }
            if (measured) {
                List<Double> sorted = new ArrayList<>(ms);
                Collections.sort(sorted);
                int n = sorted.size();
                if (n == 0) {
                    throw new IllegalStateException("No page was asked for in " + seconds + " s");
                }
                result = new Result(n / (double) duration, sorted.get(n / 2), sorted.get((int) Math.ceil(n * 0.95) - 1),
                        sorted.get((int) Math.ceil(n * 0.99) - 1), n, failures.get());
                System.out.printf("  %-75s %6.1f pages/s  median %6.1f ms  p95 %6.1f ms  p99 %6.1f ms  (%d pages, %d failed)%n",
                        label + (thinkMs > 0 ? ", think time " + thinkMs / 1000.0 + " s" : ", no think time"),
                        result.pagesPerSecond(), result.median(), result.p95(), result.p99(), n, failures.get());
            }
        }
        return result;
    }
}
