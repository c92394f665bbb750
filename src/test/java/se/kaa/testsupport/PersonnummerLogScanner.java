package se.kaa.testsupport;

import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.StackTraceElementProxy;
import ch.qos.logback.core.AppenderBase;

import se.kaa.shared.PersonalIdentityNumber;

/**
 * A Logback appender for the whole test run (logback-test.xml): every log event of the application,
 * message and stack trace, is scanned for a personnummer in clear. {@code NoPersonnummerInLogsTest}
 * runs last and fails when any was found.
 */
public class PersonnummerLogScanner extends AppenderBase<ILoggingEvent> {

    /** 12 or 10 digits, with or without a separator, not inside a longer run of digits. */
    private static final Pattern CANDIDATE = Pattern.compile("(?<!\\d)(\\d{8}[-+]?\\d{4}|\\d{6}[-+]\\d{4})(?!\\d)");

    private static final List<String> FINDINGS = new CopyOnWriteArrayList<>();
    private static final AtomicLong EVENTS = new AtomicLong();

    @Override
    protected void append(ILoggingEvent event) {
        EVENTS.incrementAndGet();
        StringBuilder text = new StringBuilder(event.getFormattedMessage() == null ? "" : event.getFormattedMessage());
        for (IThrowableProxy t = event.getThrowableProxy(); t != null; t = t.getCause()) {
            text.append('\n').append(t.getClassName()).append(": ").append(t.getMessage());
            for (StackTraceElementProxy frame : t.getStackTraceElementProxyArray()) {
                text.append('\n').append(frame.getSTEAsString());
            }
        }
        String found = firstPersonnummer(text);
        if (found != null) {
            FINDINGS.add(event.getLoggerName() + ": …" + found.substring(0, 6) + "… (a valid personnummer in clear)");
        }
    }

    /** The first checksum-valid personnummer or samordningsnummer in the text, or null. */
    static String firstPersonnummer(CharSequence text) {
        Matcher m = CANDIDATE.matcher(text);
        while (m.find()) {
            if (PersonalIdentityNumber.isValid(m.group(1), LocalDate.now().plusYears(1))) {
                return m.group(1);
            }
        }
        return null;
    }

    public static List<String> findings() {
        return List.copyOf(FINDINGS);
    }

    public static long events() {
        return EVENTS.get();
    }

    /** Scans the log of another process (an {@code AppProcess} child) line by line. */
    public static void scanFile(String source, List<String> lines) {
        for (int i = 0; i < lines.size(); i++) {
            EVENTS.incrementAndGet();
            String found = firstPersonnummer(lines.get(i));
            if (found != null) {
                FINDINGS.add(source + " line " + (i + 1) + ": …" + found.substring(0, 6) + "… (a valid personnummer in clear)");
            }
        }
    }

    /** Forgets findings whose logger is {@code loggerName} (the scanner's own self-test). */
    static void forget(String loggerName) {
        FINDINGS.removeIf(f -> f.startsWith(loggerName + ":"));
    }
}
