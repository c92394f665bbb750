package se.kaa.audit.internal;

import java.io.PrintStream;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

import se.kaa.audit.AuditTrail;

/**
 * {@code java -jar kaa.jar --kaa.audit.verify}: verifies the chain, prints the result and exits
 * with 0 (valid) or 1 (broken) before any other start-up work (demo data, recomputation). The web
 * server opens no port in that mode ({@code KaaApplication} adds {@code --server.port=-1}).
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class AuditVerifyRunner implements ApplicationRunner {

    static final String OPTION = "kaa.audit.verify";

    private final AuditTrail trail;
    private final ConfigurableApplicationContext context;

    AuditVerifyRunner(AuditTrail trail, ConfigurableApplicationContext context) {
        this.trail = trail;
        this.context = context;
    }

    @Override
    public void run(ApplicationArguments args) {
        if (!args.containsOption(OPTION)) {
            return;
        }
        int status = verifyAndPrint(System.out);
        System.exit(SpringApplication.exit(context, () -> status));
    }

    /** Prints the verification as one line of JSON and returns the exit status. */
    int verifyAndPrint(PrintStream out) {
        AuditTrail.Verification v = trail.verify();
        out.println("{\"entries\": " + v.entries() + ", \"valid\": " + v.valid() + ", \"firstBrokenId\": "
                + v.firstBrokenId() + ", \"lastHash\": " + (v.lastHash() == null ? "null" : "\"" + v.lastHash() + "\"")
                + ", \"heads\": {" + v.heads().entrySet().stream().map(h -> "\"" + h.getKey() + "\": \"" + h.getValue() + "\"")
                        .collect(java.util.stream.Collectors.joining(", ")) + "}}");
        out.flush();
        return v.valid() ? 0 : 1;
    }
}
