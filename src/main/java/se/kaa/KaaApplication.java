package se.kaa;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.scheduling.annotation.EnableScheduling;

import se.kaa.platform.DatabaseCommandLine;

@SpringBootApplication
@ConfigurationPropertiesScan
@EnableScheduling
public class KaaApplication {

    public static void main(String[] args) {
        if (DatabaseCommandLine.requested(args)) {
            // --kaa.backup, --kaa.restore, --kaa.backup-verify: commands without the application (no HTTP
            // port, no schedulers, no demo data), docs/operations.md
            System.exit(DatabaseCommandLine.run(args));
        }
        if (java.util.Arrays.asList(args).contains("--kaa.audit.verify")) {
            // Verifying the audit chain is a command: no HTTP port is opened, and it exits when done.
            args = java.util.stream.Stream.concat(java.util.Arrays.stream(args), java.util.stream.Stream.of("--server.port=-1"))
                    .toArray(String[]::new);
        }
        SpringApplication.run(KaaApplication.class, args);
    }
}
