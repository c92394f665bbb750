package se.kaa.casework.lifecycle;

import java.util.List;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;

import se.kaa.retention.RetentionClass;
import se.kaa.retention.RetentionParticipant;

/**
 * The four retention classes casework keeps, each applied by a {@link CaseRetention} (docs/security.md,
 * "Retention"; docs/casework.md). The contact details found by the case worker go with the contact log.
 */
@Configuration(proxyBeanMethods = false)
class CaseRetentionParticipants {

    @Bean
    RetentionParticipant caseContactLogRetention(JdbcClient jdbc) {
        return new CaseRetention(RetentionClass.CONTACT_LOG,
                List.of("casework_contact_attempt", "casework_contact_details"), jdbc);
    }

    @Bean
    RetentionParticipant caseNotesRetention(JdbcClient jdbc) {
        return new CaseRetention(RetentionClass.NOTES, List.of("casework_note"), jdbc);
    }

    @Bean
    RetentionParticipant caseOccupationsRetention(JdbcClient jdbc) {
        return new CaseRetention(RetentionClass.OCCUPATIONS, List.of("casework_occupation"), jdbc);
    }

    @Bean
    RetentionParticipant caseMeasuresAndPlansRetention(JdbcClient jdbc) {
        return new CaseRetention(RetentionClass.MEASURES_AND_PLANS,
                List.of("casework_plan_revision", "casework_measure", "casework_plan"), jdbc);
    }
}
