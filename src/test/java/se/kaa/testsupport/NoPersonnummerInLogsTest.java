package se.kaa.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs after every other test class and fails when the application logged a personnummer in clear
 * anywhere during the whole test run (PersonnummerLogScanner, registered in logback-test.xml).
 */
@Order(Integer.MAX_VALUE)
// waits for the classes that run application processes beside the others: their logs are scanned too
@org.junit.jupiter.api.parallel.ResourceLock(AppProcess.RESOURCE)
class NoPersonnummerInLogsTest {

    @Test
    void theScannerWouldNoticeANumberInClear() {
        Logger self = LoggerFactory.getLogger("kaa.scanner.selftest");
        self.info("a message with 200801172388 in it");
        assertThat(PersonnummerLogScanner.findings()).anyMatch(f -> f.startsWith("kaa.scanner.selftest:"));
        PersonnummerLogScanner.forget("kaa.scanner.selftest");
        assertThat(PersonnummerLogScanner.firstPersonnummer("masked 20080117-****, batch 12345678")).isNull();
        assertThat(PersonnummerLogScanner.firstPersonnummer("ten digits 080117-2388")).isEqualTo("080117-2388");
    }

    @Test
    void noTestLoggedAPersonnummerInClear() {
        assertThat(PersonnummerLogScanner.events()).as("log events scanned").isPositive();
        assertThat(PersonnummerLogScanner.findings()).isEmpty();
    }
}
