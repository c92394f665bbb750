package se.kaa.reporting.scb;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

import org.springframework.stereotype.Component;

import se.kaa.shared.PersonalIdentityNumber;

/** What the SCB page shows of times and stored personnummer ({@code @scbDates} in the template). */
@Component("scbDates")
class ScbDates {

    private static final DateTimeFormatter MINUTE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZoneId.of("Europe/Stockholm"));

    public String format(Instant at) {
        return MINUTE.format(at);
    }

    /** {@code YYYYMMDD-NNNC}: the manager works from the list (the page's read is audited). */
    public String shown(String personnummer) {
        return PersonalIdentityNumber.ofStored(personnummer).formatted();
    }
}
