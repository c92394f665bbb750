package se.kaa.casework;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.junit.jupiter.api.Test;
import org.springframework.context.support.ResourceBundleMessageSource;

import se.kaa.casework.cases.OccupationExpiry.OccupationType;
import se.kaa.casework.letters.LetterKind;
import se.kaa.casework.letters.MessageService;
import se.kaa.casework.records.CaseRecords;
import se.kaa.casework.settings.MeasureReportingCategory;
import se.kaa.targetgroup.ExitReason;
import se.kaa.targetgroup.ReasonForRegistration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every code {@link PersonCaseworkLookup} hands the register extract has its Swedish label: the
 * lookup fails rather than show a young person an enum constant, so a new code without a label
 * fails here first.
 */
class PersonCaseworkLabelsTest {

    static final Locale SWEDISH = Locale.forLanguageTag("sv-SE");

    @Test
    void everyCodeHasASwedishLabel() {
        ResourceBundleMessageSource messages = new ResourceBundleMessageSource();
        messages.setBasenames("i18n/caserecords", "i18n/letters", "i18n/register");
        messages.setDefaultEncoding("UTF-8");
        messages.setFallbackToSystemLocale(false);
        List<String> keys = new ArrayList<>();
        add(keys, "caserecords.channel.", se.kaa.casework.cases.ContactAttempt.Channel.values());
        add(keys, "caserecords.outcome.", se.kaa.casework.cases.ContactAttempt.Outcome.values());
        keys.add("caserecords.outcome.SENT"); // written by letters and messages
        add(keys, "caserecords.occupation.", OccupationType.values());
        add(keys, "caserecords.source.", se.kaa.casework.cases.Occupation.Source.values());
        add(keys, "caserecords.responsible.", se.kaa.casework.cases.Measure.Responsible.values());
        add(keys, "caserecords.measureStatus.", se.kaa.casework.cases.Measure.Status.values());
        add(keys, "caserecords.category.", MeasureReportingCategory.values());
        add(keys, "letters.kind.", LetterKind.values());
        add(keys, "letters.channel.", MessageService.Channel.values());
        for (String status : new String[] {"QUEUED", "SENDING", "SENT", "DELIVERED", "FAILED", "MANUAL"}) {
            keys.add("letters.status." + status); // casework_outbox.status (V015)
        }
        for (String kind : new String[] {"OPENED", "CLOSED", "REOPENED", "ASSIGNED", "HANDOVER"}) {
            keys.add("caserecords.event." + kind); // casework_case_event.kind (V011, V015)
        }
        add(keys, "reason.", ReasonForRegistration.values());
        add(keys, "exitReason.", ExitReason.values());
        keys.add("caserecords.status.OPEN");
        keys.add("caserecords.status.CLOSED");
        List<String> missing = keys.stream()
                .filter(k -> messages.getMessage(k, null, null, SWEDISH) == null).toList();
        assertThat(missing).isEmpty();
    }

    private static void add(List<String> keys, String prefix, Enum<?>[] values) {
        for (Enum<?> v : values) {
            keys.add(prefix + v.name());
        }
    }
}
