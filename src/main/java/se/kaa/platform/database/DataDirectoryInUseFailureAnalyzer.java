package se.kaa.platform.database;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** The start-up failure report says only why: another instance uses the data directory (no stack trace). */
class DataDirectoryInUseFailureAnalyzer extends AbstractFailureAnalyzer<DataDirectoryInUseException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, DataDirectoryInUseException cause) {
        return new FailureAnalysis(cause.getMessage(),
                "Stop the other instance, or give this one its own KAA_DATA_DIR. / Stoppa den andra instansen, "
                        + "eller ge den här en egen KAA_DATA_DIR.", cause);
    }
}
