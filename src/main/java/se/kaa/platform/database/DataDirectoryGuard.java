package se.kaa.platform.database;

import java.nio.file.Path;
import java.util.Optional;
import java.util.OptionalLong;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.boot.context.logging.LoggingApplicationListener;
import org.springframework.context.ApplicationListener;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;

/**
 * Before anything else starts (right after logging is set up): when another live KAA process holds
 * the embedded database's data directory, say so in one line and exit with {@value #EXIT_CODE} –
 * instead of the refresh failing deep inside the bean graph. The database's own start checks the
 * same lock again ({@link DataDirectoryInUseException}, reported without a stack trace), which
 * covers two processes starting at the same moment. Not for the backup and restore commands: they
 * connect to a running server.
 */
class DataDirectoryGuard implements ApplicationListener<ApplicationEnvironmentPreparedEvent>, Ordered {

    static final int EXIT_CODE = 2;
    private static final Logger log = LoggerFactory.getLogger(DataDirectoryGuard.class);

    @Override
    public void onApplicationEvent(ApplicationEnvironmentPreparedEvent event) {
        ConfigurableEnvironment env = event.getEnvironment();
        if (!env.getProperty("spring.datasource.url", "").isBlank() || DatabaseCommands.requested(env)
                || env.getProperty("kaa.platform.data-dir") == null) {
            return;
        }
        DataDirectory directory = new DataDirectory(Path.of(env.getProperty("kaa.platform.data-dir")));
        Optional<DataDirectory.Claim> claim = directory.tryClaim();
        if (claim.isPresent()) {
            claim.get().close(); // the database takes it for good when it starts
            return;
        }
        OptionalLong holder = DataDirectory.livePid(directory.claimantPid());
        if (holder.isPresent() && holder.getAsLong() == ProcessHandle.current().pid()) {
            return; // another context of this very JVM (a test): its database start says so
        }
        log.error(new DataDirectoryInUseException(directory.root(), holder).getMessage());
        System.exit(EXIT_CODE);
    }

    @Override
    public int getOrder() {
        return LoggingApplicationListener.DEFAULT_ORDER + 1;
    }
}
