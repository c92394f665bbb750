package se.kaa.targetgroup.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static se.kaa.intake.CredentialType.GYEX_HOG;
import static se.kaa.intake.CredentialType.GYSBEVIS;
import static se.kaa.intake.CredentialType.MOTSV_FULLFOLJD;
import static se.kaa.intake.CredentialType.STUDIEBEVIS;
import static se.kaa.intake.EnrolmentEndReason.AVBROTT;
import static se.kaa.intake.EnrolmentEndReason.BYTE;
import static se.kaa.intake.EnrolmentEndReason.FULLFOLJT;
import static se.kaa.targetgroup.EntryKind.IMMIGRATED;
import static se.kaa.targetgroup.EntryKind.LEFT_SCHOOL;
import static se.kaa.targetgroup.EntryKind.MOVED_IN;
import static se.kaa.targetgroup.EntryKind.RULES_CHANGED;
import static se.kaa.targetgroup.EntryKind.SKOLPLIKT_ENDED;
import static se.kaa.targetgroup.ExitReason.AVLIDEN;
import static se.kaa.targetgroup.ExitReason.EXAMEN;
import static se.kaa.targetgroup.ExitReason.FYLLT_20;
import static se.kaa.targetgroup.ExitReason.PABORJAT_UTBILDNING;
import static se.kaa.targetgroup.ExitReason.UTFLYTTAD;
import static se.kaa.targetgroup.ExitReason.UTVANDRAD;
import static se.kaa.targetgroup.RuleSetVersion.V2015;
import static se.kaa.targetgroup.RuleSetVersion.V2018;
import static se.kaa.targetgroup.RuleSetVersion.V2023;
import static se.kaa.testdata.Personas.ALVA;
import static se.kaa.testdata.Personas.BERTIL;
import static se.kaa.testdata.Personas.CELINE;
import static se.kaa.testdata.Personas.DAVID;
import static se.kaa.testdata.Personas.HAMPUS;
import static se.kaa.testdata.Personas.PETTER;
import static se.kaa.testdata.Personas.QUINTUS;
import static se.kaa.testdata.Personas.RUT;
import static se.kaa.testdata.Personas.SIXTEN;
import static se.kaa.testdata.Personas.TILDA;
import static se.kaa.testdata.Personas.ULF;
import static se.kaa.testdata.Personas.VERA;
import static se.kaa.testdata.Personas.WILMA;
import static se.kaa.testdata.Personas.XENIA;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import se.kaa.intake.AdmissionDecision;
import se.kaa.intake.PersonFacts;
import se.kaa.intake.RegistrationStatus;
import se.kaa.intake.SchoolType;
import se.kaa.shared.MunicipalityCode;
import se.kaa.targetgroup.EntryKind;
import se.kaa.targetgroup.Episode;
import se.kaa.targetgroup.ExitReason;
import se.kaa.targetgroup.ReasonForRegistration;
import se.kaa.targetgroup.RuleSetVersion;
import se.kaa.targetgroup.TargetGroupSettings;
import se.kaa.testdata.FactsBuilder;

/**
 * Person histories with their exact membership episodes (skollagen 29 kap. 9 §, as amended by
 * SFS 2018:608; PRODUCT.md "The target group"). Each story is also checked against a naive
 * day-by-day evaluation, so the engine's change points are known to be complete.
 */
@se.kaa.testsupport.ProcessLane
class EpisodeScenariosTest {

    static final String OSTERSUND = "2380";
    static final String STOCKHOLM = "0180";
    static final String UNTIL = "2028-12-31";

    record Scenario(PersonFacts facts, String municipality, String until, TargetGroupSettings settings,
            List<Episode> expected) {
    }

    static Named<Scenario> story(String story, FactsBuilder facts, String municipality, Episode... expected) {
        return story(story, facts, municipality, UNTIL, TargetGroupSettings.defaults(), expected);
    }

    static Named<Scenario> story(String story, FactsBuilder facts, String municipality, String until,
            TargetGroupSettings settings, Episode... expected) {
        return Named.of(story, new Scenario(facts.build(), municipality, until, settings, List.of(expected)));
    }

    static Episode ep(String m, String entered, ReasonForRegistration reason, EntryKind kind, RuleSetVersion v,
            String exited, ExitReason why) {
        return new Episode(MunicipalityCode.of(m), LocalDate.parse(entered), reason, kind, v,
                exited == null ? null : LocalDate.parse(exited), why);
    }

    static Episode open(String m, String entered, ReasonForRegistration reason, EntryKind kind, RuleSetVersion v) {
        return ep(m, entered, reason, kind, v, null, null);
    }

    /** Alva, born 2008-01-17, folkbokförd in Östersund since birth, grade 9 until 2024-06-12. */
    static FactsBuilder alva() {
        return FactsBuilder.person(ALVA)
                .listed(OSTERSUND, "2024-09-01", "2008-01-17")
                .gr("2014-08-18", "2024-06-12");
    }

    static Stream<Named<Scenario>> scenarios() {
        String m = OSTERSUND;
        return Stream.of(
                // ---- never started, compulsory schooling
                story("grade 9 leaver with no admission is a member from the day after GR ends",
                        alva(), m,
                        ep(m, "2024-06-13", ReasonForRegistration.EJ_PABORJAT, SKOLPLIKT_ENDED, V2023, "2028-01-17", FYLLT_20)),
                story("GR enrolment ending 10 February: out of school and a member from 11 February",
                        FactsBuilder.person(ALVA).listed(m, "2024-09-01", "2008-01-17").gr("2014-08-18", "2024-02-10"), m,
                        ep(m, "2024-02-11", ReasonForRegistration.EJ_PABORJAT, SKOLPLIKT_ENDED, V2023, "2028-01-17", FYLLT_20)),
                story("open GR enrolment nobody closed: the default end of the spring term applies (15 June)",
                        FactsBuilder.person(ALVA).listed(m, "2024-09-01", "2008-01-17").gr("2014-08-18", null), m,
                        ep(m, "2024-06-16", ReasonForRegistration.EJ_PABORJAT, SKOLPLIKT_ENDED, V2023, "2028-01-17", FYLLT_20)),
                story("GR enrolment ended by a school change (BYTE) in year 8 does not end skolplikt",
                        FactsBuilder.person(ALVA).listed(m, "2024-09-01", "2008-01-17")
                                .enrolment(SchoolType.GR, null, "2014-08-18", "2023-03-01", BYTE), m,
                        ep(m, "2024-06-16", ReasonForRegistration.EJ_PABORJAT, SKOLPLIKT_ENDED, V2023, "2028-01-17", FYLLT_20)),
                story("an extra GR year begun in the autumn moves the end of compulsory schooling",
                        alva().gr("2024-08-19", "2025-06-10"), m,
                        ep(m, "2025-06-11", ReasonForRegistration.EJ_PABORJAT, SKOLPLIKT_ENDED, V2023, "2028-01-17", FYLLT_20)),
                story("anpassad grundskola, open enrolment: compulsory schooling ends a year later (15 June 2025)",
                        FactsBuilder.person(CELINE).listed(m, "2024-09-01", "2008-02-02").grs("2014-08-18", null), m,
                        ep(m, "2025-06-16", ReasonForRegistration.EJ_PABORJAT, SKOLPLIKT_ENDED, V2023, "2028-02-02", FYLLT_20)),
                story("anpassad grundskola with an end date: the enrolment's end is the real one",
                        FactsBuilder.person(CELINE).listed(m, "2024-09-01", "2008-02-02").grs("2014-08-18", "2025-06-11"), m,
                        ep(m, "2025-06-12", ReasonForRegistration.EJ_PABORJAT, SKOLPLIKT_ENDED, V2023, "2028-02-02", FYLLT_20)),
                story("GYS pupil who gets a gymnasiebevis is never in the group",
                        FactsBuilder.person(CELINE).listed(m, "2024-09-01", "2008-02-02").grs("2014-08-18", "2025-06-11")
                                .admitted("GSHAN", "2025-08-18").gys("GSHAN", "2025-08-18", "2027-12-15", FULLFOLJT)
                                .credential(GYSBEVIS, "2027-12-15"), m),

                // ---- summer transition
                story("admitted to NA and enrolled on the first day: never in the group",
                        alva().admitted("NA", "2024-08-19").gy("NA", "2024-08-19", null, null), m),
                story("admitted to NA, never enrolled: member the day after start + 14 days",
                        alva().admitted("NA", "2024-08-19"), m,
                        ep(m, "2024-09-03", ReasonForRegistration.EJ_PABORJAT, SKOLPLIKT_ENDED, V2023, "2028-01-17", FYLLT_20)),
                story("admitted, enrolled on the last day of grace (start + 14): never in the group",
                        alva().admitted("NA", "2024-08-19").gy("NA", "2024-09-02", null, null), m),
                story("admitted, enrolled one day after grace ended: a one-day episode",
                        alva().admitted("NA", "2024-08-19").gy("NA", "2024-09-04", null, null), m,
                        ep(m, "2024-09-03", ReasonForRegistration.EJ_PABORJAT, SKOLPLIKT_ENDED, V2023, "2024-09-04", PABORJAT_UTBILDNING)),
                story("grace period set to 0 days: member the day after the programme start",
                        alva().admitted("NA", "2024-08-19"), m, UNTIL,
                        TargetGroupSettings.defaults().withGraceDays(0),
                        ep(m, "2024-08-20", ReasonForRegistration.EJ_PABORJAT, SKOLPLIKT_ENDED, V2023, "2028-01-17", FYLLT_20)),
                story("grade 9 leaver with no admission record who started NA in August: never in the group",
                        alva().gy("NA", "2024-08-19", null, null), m),
                story("grade 9 leaver with no admission record who started NA only in October: member from June",
                        alva().gy("NA", "2024-10-01", null, null), m,
                        ep(m, "2024-06-13", ReasonForRegistration.EJ_PABORJAT, SKOLPLIKT_ENDED, V2023, "2024-10-01", PABORJAT_UTBILDNING)),
                story("only on the reserve list (RESERV): not held back",
                        alva().admission("NA", AdmissionDecision.RESERV, "2024-08-19"), m,
                        ep(m, "2024-06-13", ReasonForRegistration.EJ_PABORJAT, SKOLPLIKT_ENDED, V2023, "2028-01-17", FYLLT_20)),
                story("starts NA, drops out after a week: a member at once, not held back again",
                        alva().admitted("NA", "2024-08-19").gy("NA", "2024-08-19", "2024-08-26", AVBROTT), m,
                        ep(m, "2024-08-27", ReasonForRegistration.AVBROTT, LEFT_SCHOOL, V2023, "2028-01-17", FYLLT_20)),
                story("programme changer: leaves NA in June, starts TE in August, never in the group",
                        alva().gy("NA", "2024-08-19", "2025-06-10", BYTE).admitted("TE", "2025-08-18")
                                .gy("TE", "2025-08-18", null, null), m),
                story("programme changer who never starts TE: member after the grace period, reason AVBROTT",
                        alva().gy("NA", "2024-08-19", "2025-06-10", BYTE).admitted("TE", "2025-08-18"), m,
                        ep(m, "2025-09-02", ReasonForRegistration.AVBROTT, LEFT_SCHOOL, V2023, "2028-01-17", FYLLT_20)),
                story("dropped out in February, admitted to TE for the autumn: an existing member is not held back",
                        alva().gy("NA", "2024-08-19", "2025-02-14", AVBROTT).admitted("TE", "2025-08-18")
                                .gy("TE", "2025-08-18", null, null), m,
                        ep(m, "2025-02-15", ReasonForRegistration.AVBROTT, LEFT_SCHOOL, V2023, "2025-08-18", PABORJAT_UTBILDNING)),
                story("moves to Östersund in July while expected to start, never enrols: member there after grace",
                        FactsBuilder.person(ALVA).listed(STOCKHOLM, "2024-03-01", "2008-01-17")
                                .listed(m, "2024-09-01", "2024-07-20").snapshots(STOCKHOLM, "2024-09-01")
                                .gr("2014-08-18", "2024-06-12").admitted("NA", "2024-08-19"), m,
                        ep(m, "2024-09-03", ReasonForRegistration.EJ_PABORJAT, SKOLPLIKT_ENDED, V2023, "2028-01-17", FYLLT_20)),
                story("... and in Stockholm, which she left while expected to start, she never was a member",
                        FactsBuilder.person(ALVA).listed(STOCKHOLM, "2024-03-01", "2008-01-17")
                                .listed(m, "2024-09-01", "2024-07-20").snapshots(STOCKHOLM, "2024-09-01")
                                .gr("2014-08-18", "2024-06-12").admitted("NA", "2024-08-19"), STOCKHOLM),

                // ---- hindsight must not erase a drop-out: a later enrolment holds back only a grade 9 leaver
                story("drop-out re-enrolling after 2 weeks, no admission: a member for the gap",
                        alva().gy("NA", "2024-08-19", "2025-10-10", AVBROTT).gy("EK", "2025-10-24", null, null), m,
                        ep(m, "2025-10-11", ReasonForRegistration.AVBROTT, LEFT_SCHOOL, V2023, "2025-10-24", PABORJAT_UTBILDNING)),
                story("drop-out re-enrolling after 6 weeks, no admission: a member for the gap",
                        alva().gy("NA", "2024-08-19", "2025-10-10", AVBROTT).gy("EK", "2025-11-21", null, null), m,
                        ep(m, "2025-10-11", ReasonForRegistration.AVBROTT, LEFT_SCHOOL, V2023, "2025-11-21", PABORJAT_UTBILDNING)),
                story("drop-out re-enrolling after 12 weeks, no admission: a member for the gap",
                        alva().gy("NA", "2024-08-19", "2025-09-26", AVBROTT).gy("EK", "2025-12-19", null, null), m,
                        ep(m, "2025-09-27", ReasonForRegistration.AVBROTT, LEFT_SCHOOL, V2023, "2025-12-19", PABORJAT_UTBILDNING)),
                story("drop-out at the end of the autumn term, re-enrolling in January, no admission: a member over the new year",
                        alva().gy("NA", "2024-08-19", "2025-12-19", AVBROTT).gy("EK", "2026-01-12", null, null), m,
                        ep(m, "2025-12-20", ReasonForRegistration.AVBROTT, LEFT_SCHOOL, V2023, "2026-01-12", PABORJAT_UTBILDNING)),
                story("drop-out in June, re-enrolling in August, no admission: a member over the summer",
                        alva().gy("NA", "2024-08-19", "2025-06-10", AVBROTT).gy("TE", "2025-08-18", null, null), m,
                        ep(m, "2025-06-11", ReasonForRegistration.AVBROTT, LEFT_SCHOOL, V2023, "2025-08-18", PABORJAT_UTBILDNING)),
                story("drop-out re-enrolling after 2 weeks, admitted to the new programme: held back, no episode",
                        alva().gy("NA", "2024-08-19", "2025-10-10", AVBROTT).admitted("EK", "2025-10-24")
                                .gy("EK", "2025-10-24", null, null), m),
                story("drop-out re-enrolling after 6 weeks, admitted to the new programme: held back, no episode",
                        alva().gy("NA", "2024-08-19", "2025-10-10", AVBROTT).admitted("EK", "2025-11-21")
                                .gy("EK", "2025-11-21", null, null), m),
                story("drop-out re-enrolling after 12 weeks, admitted (start within the 90-day window): held back, no episode",
                        alva().gy("NA", "2024-08-19", "2025-09-26", AVBROTT).admitted("EK", "2025-12-19")
                                .gy("EK", "2025-12-19", null, null), m),
                story("drop-out at the end of the autumn term, admitted for January: held back over the new year",
                        alva().gy("NA", "2024-08-19", "2025-12-19", AVBROTT).admitted("EK", "2026-01-12")
                                .gy("EK", "2026-01-12", null, null), m),
                story("drop-out in June, admitted to TE for August and starting: held back over the summer",
                        alva().gy("NA", "2024-08-19", "2025-06-10", AVBROTT).admitted("TE", "2025-08-18")
                                .gy("TE", "2025-08-18", null, null), m),
                story("drop-out in June, admitted for August, enrolled only in mid-September: a member after the grace period",
                        alva().gy("NA", "2024-08-19", "2025-06-10", AVBROTT).admitted("TE", "2025-08-18")
                                .gy("TE", "2025-09-15", null, null), m,
                        ep(m, "2025-09-02", ReasonForRegistration.AVBROTT, LEFT_SCHOOL, V2023, "2025-09-15", PABORJAT_UTBILDNING)),
                story("newcomer after school age starting language introduction within weeks, no admission: a member until she starts",
                        FactsBuilder.person(BERTIL).immigrant(STOCKHOLM, "2025-09-01", "2025-06-20", "2025-06-20")
                                .gy("IMSPR", "2025-08-18", null, null), STOCKHOLM,
                        ep(STOCKHOLM, "2025-06-20", ReasonForRegistration.INVANDRAD, IMMIGRATED, V2023, "2025-08-18", PABORJAT_UTBILDNING)),

                // ---- a school change (BYTE) is not a drop-out (window: 14 days after the end)
                story("school change (BYTE), new school 10 days later: no episode",
                        alva().gy("NA", "2024-08-19", "2025-10-10", BYTE).gy("EK", "2025-10-20", null, null), m),
                story("... the same dates ended as AVBROTT: a member for the gap",
                        alva().gy("NA", "2024-08-19", "2025-10-10", AVBROTT).gy("EK", "2025-10-20", null, null), m,
                        ep(m, "2025-10-11", ReasonForRegistration.AVBROTT, LEFT_SCHOOL, V2023, "2025-10-20", PABORJAT_UTBILDNING)),
                story("school change (BYTE), new school on the window's last day (end + 14): no episode",
                        alva().gy("NA", "2024-08-19", "2025-10-10", BYTE).gy("EK", "2025-10-24", null, null), m),
                story("school change (BYTE), new school a day after the window: a member for the whole gap",
                        alva().gy("NA", "2024-08-19", "2025-10-10", BYTE).gy("EK", "2025-10-25", null, null), m,
                        ep(m, "2025-10-11", ReasonForRegistration.AVBROTT, LEFT_SCHOOL, V2023, "2025-10-25", PABORJAT_UTBILDNING)),
                story("school change (BYTE), no new school yet, known while the window runs: not (yet) a member",
                        alva().gy("NA", "2024-08-19", "2025-10-10", BYTE), m, "2025-10-24", TargetGroupSettings.defaults()),
                story("school change (BYTE), no new school by the window's end: a member from the day after she left",
                        alva().gy("NA", "2024-08-19", "2025-10-10", BYTE), m, "2025-10-25", TargetGroupSettings.defaults(),
                        open(m, "2025-10-11", ReasonForRegistration.AVBROTT, LEFT_SCHOOL, V2023)),
                story("school change window set to 0 days: a BYTE counts like a drop-out",
                        alva().gy("NA", "2024-08-19", "2025-10-10", BYTE).gy("EK", "2025-10-20", null, null), m, UNTIL,
                        TargetGroupSettings.defaults().withSchoolChangeDays(0),
                        ep(m, "2025-10-11", ReasonForRegistration.AVBROTT, LEFT_SCHOOL, V2023, "2025-10-20", PABORJAT_UTBILDNING)),
                story("school change (BYTE) reported by a STOP notice, new school a week later: no episode",
                        alva().enrolmentStoppedByNotice(SchoolType.GY, "NA", "2024-08-19", "2025-10-10", BYTE, 7)
                                .gy("EK", "2025-10-17", null, null), m),
                story("school change (BYTE) in June, new school in August without an admission: a member over the summer",
                        alva().gy("NA", "2024-08-19", "2025-06-10", BYTE).gy("TE", "2025-08-18", null, null), m,
                        ep(m, "2025-06-11", ReasonForRegistration.AVBROTT, LEFT_SCHOOL, V2023, "2025-08-18", PABORJAT_UTBILDNING)),

                // ---- drop-out, studiebevis, examen, other education
                story("drops out of NA in March 2026, moves out in May (missing from the May snapshot)",
                        alva().gy("NA", "2024-08-19", "2026-03-13", AVBROTT).snapshots(m, "2026-05-01"), m,
                        ep(m, "2026-03-14", ReasonForRegistration.AVBROTT, LEFT_SCHOOL, V2023, "2026-05-01", UTFLYTTAD)),
                story("drop-out reported by a STOP notice from the school organiser",
                        alva().enrolmentStoppedByNotice(SchoolType.GY, "NA", "2024-08-19", "2026-03-13", AVBROTT, 7), m,
                        ep(m, "2026-03-14", ReasonForRegistration.AVBROTT, LEFT_SCHOOL, V2023, "2028-01-17", FYLLT_20)),
                story("re-entry after a second drop-out: two episodes",
                        alva().gy("NA", "2024-08-19", "2024-12-13", AVBROTT).gy("EK", "2025-08-18", "2026-02-27", AVBROTT), m,
                        ep(m, "2024-12-14", ReasonForRegistration.AVBROTT, LEFT_SCHOOL, V2023, "2025-08-18", PABORJAT_UTBILDNING),
                        ep(m, "2026-02-28", ReasonForRegistration.AVBROTT, LEFT_SCHOOL, V2023, "2028-01-17", FYLLT_20)),
                story("completes NA with a studiebevis (2023 rules): a member, reason STUDIEBEVIS",
                        alva().gy("NA", "2024-08-19", "2027-06-11", FULLFOLJT).credential(STUDIEBEVIS, "2027-06-11"), m,
                        ep(m, "2027-06-12", ReasonForRegistration.STUDIEBEVIS, LEFT_SCHOOL, V2023, "2028-01-17", FYLLT_20)),
                story("completes NA with a gymnasieexamen: never in the group",
                        alva().gy("NA", "2024-08-19", "2027-06-11", FULLFOLJT).credential(GYEX_HOG, "2027-06-11"), m),
                story("completes NA on 11 June, the examen is dated 20 June: no drop-out episode in between",
                        alva().gy("NA", "2024-08-19", "2027-06-11", FULLFOLJT).credential(GYEX_HOG, "2027-06-20"), m),
                story("completes NA, the studiebevis is dated later: in the group from the day after completion",
                        alva().gy("NA", "2024-08-19", "2027-06-11", FULLFOLJT).credential(STUDIEBEVIS, "2027-06-28"), m,
                        ep(m, "2027-06-12", ReasonForRegistration.STUDIEBEVIS, LEFT_SCHOOL, V2023, "2028-01-17", FYLLT_20)),
                story("drop-out studies at komvux (VUX does not exclude) and gets an examen there",
                        alva().gy("NA", "2024-08-19", "2026-03-13", AVBROTT).vux("2026-08-17", null)
                                .credential(GYEX_HOG, "2027-06-10"), m,
                        ep(m, "2026-03-14", ReasonForRegistration.AVBROTT, LEFT_SCHOOL, V2023, "2027-06-10", EXAMEN)),
                story("grade 9 leaver at folkhögskola (FHS does not exclude)",
                        alva().fhs("2024-08-19", "2025-06-05"), m,
                        ep(m, "2024-06-13", ReasonForRegistration.EJ_PABORJAT, SKOLPLIKT_ENDED, V2023, "2028-01-17", FYLLT_20)),
                story("drop-out starts an IB programme abroad (MOTSV excludes), completes it",
                        alva().gy("NA", "2024-08-19", "2026-03-13", AVBROTT).motsv("IB", "2026-08-20", "2027-06-30", FULLFOLJT)
                                .credential(MOTSV_FULLFOLJD, "2027-06-30"), m,
                        ep(m, "2026-03-14", ReasonForRegistration.AVBROTT, LEFT_SCHOOL, V2023, "2026-08-20", PABORJAT_UTBILDNING)),
                story("IM pupil under the 2023 rules is out of the group; leaving IM makes her a member (AVBROTT)",
                        alva().admitted("IMPRO", "2024-08-19").gy("IMPRO", "2024-08-19", "2025-04-30", AVBROTT), m,
                        ep(m, "2025-05-01", ReasonForRegistration.AVBROTT, LEFT_SCHOOL, V2023, "2028-01-17", FYLLT_20)),

                // ---- folkbokföring
                story("moves to Stockholm: the later listing there (since 20 April) beats the missing snapshot (1 May)",
                        alva().gy("NA", "2024-08-19", "2026-03-13", AVBROTT).snapshots(m, "2026-05-01")
                                .listed(STOCKHOLM, "2026-05-01", "2026-04-20"), m,
                        ep(m, "2026-03-14", ReasonForRegistration.AVBROTT, LEFT_SCHOOL, V2023, "2026-04-20", UTFLYTTAD)),
                story("... and in Stockholm, also served by the installation, she enters as MOVED_IN",
                        alva().gy("NA", "2024-08-19", "2026-03-13", AVBROTT).snapshots(m, "2026-05-01")
                                .listed(STOCKHOLM, "2026-05-01", "2026-04-20"), STOCKHOLM,
                        ep(STOCKHOLM, "2026-04-20", ReasonForRegistration.AVBROTT, MOVED_IN, V2023, "2028-01-17", FYLLT_20)),
                story("moves into Östersund in January while out of school",
                        FactsBuilder.person(ALVA).listed(STOCKHOLM, "2025-09-01", "2008-01-17")
                                .gr("2014-08-18", "2024-06-12").gy("NA", "2024-08-19", "2025-03-13", AVBROTT)
                                .listed(m, "2026-03-01", "2026-01-15").snapshots(STOCKHOLM, "2026-03-01"), m,
                        ep(m, "2026-01-15", ReasonForRegistration.AVBROTT, MOVED_IN, V2023, "2028-01-17", FYLLT_20)),
                story("moves out (missing from the September snapshot) and back in January: two episodes",
                        alva().gy("NA", "2024-08-19", "2025-03-13", AVBROTT).snapshots(m, "2025-09-01")
                                .listed(m, "2026-03-01", "2026-01-10"), m,
                        ep(m, "2025-03-14", ReasonForRegistration.AVBROTT, LEFT_SCHOOL, V2023, "2025-09-01", UTFLYTTAD),
                        ep(m, "2026-01-10", ReasonForRegistration.AVBROTT, MOVED_IN, V2023, "2028-01-17", FYLLT_20)),
                story("grows past the snapshot age range (missing at 21): not a move, the episode ended at 20",
                        FactsBuilder.person(PETTER).listed(m, "2022-09-01", "2005-01-12").listed(m, "2024-09-01", "2005-01-12")
                                .snapshots(m, "2026-03-01")
                                .gr("2011-08-15", "2021-06-10").gy("NA", "2021-08-16", "2023-02-28", AVBROTT), m,
                        ep(m, "2023-03-01", ReasonForRegistration.AVBROTT, LEFT_SCHOOL, V2018, "2025-01-12", FYLLT_20)),
                story("deceased: status AVLIDEN on the September snapshot",
                        alva().gy("NA", "2024-08-19", "2026-03-13", AVBROTT)
                                .listed(m, "2026-09-01", "2008-01-17", RegistrationStatus.AVLIDEN).snapshots(m, "2027-03-01"), m,
                        ep(m, "2026-03-14", ReasonForRegistration.AVBROTT, LEFT_SCHOOL, V2023, "2026-09-01", AVLIDEN)),
                story("emigrated: status UTVANDRAD on the September snapshot",
                        alva().gy("NA", "2024-08-19", "2026-03-13", AVBROTT)
                                .listed(m, "2026-09-01", "2008-01-17", RegistrationStatus.UTVANDRAD), m,
                        ep(m, "2026-03-14", ReasonForRegistration.AVBROTT, LEFT_SCHOOL, V2023, "2026-09-01", UTVANDRAD)),
                story("emigrates and comes back in February: a second episode that begins IMMIGRATED",
                        alva().gy("NA", "2024-08-19", "2026-03-13", AVBROTT)
                                .listed(m, "2026-09-01", "2008-01-17", RegistrationStatus.UTVANDRAD)
                                .immigrant(m, "2027-03-01", "2027-02-10", "2027-02-10"), m,
                        ep(m, "2026-03-14", ReasonForRegistration.AVBROTT, LEFT_SCHOOL, V2023, "2026-09-01", UTVANDRAD),
                        ep(m, "2027-02-10", ReasonForRegistration.AVBROTT, IMMIGRATED, V2023, "2028-01-17", FYLLT_20)),
                story("protected identity: folkbokförd in Stockholm, placed in Östersund for a year by decision",
                        FactsBuilder.person(ALVA).listedProtected(STOCKHOLM, "2025-09-01", "2008-01-17")
                                .gr("2014-08-18", "2024-06-12").gy("NA", "2024-08-19", "2025-05-30", AVBROTT)
                                .placed(m, "2025-09-01", "2026-08-31"), m,
                        ep(m, "2025-09-01", ReasonForRegistration.AVBROTT, MOVED_IN, V2023, "2026-09-01", UTFLYTTAD)),
                story("resident but not registered: placed in Östersund until further notice",
                        FactsBuilder.person(BERTIL).gr("2014-08-18", "2024-06-12").placed(m, "2024-10-01", null), m,
                        ep(m, "2024-10-01", ReasonForRegistration.EJ_PABORJAT, MOVED_IN, V2023, "2028-02-01", FYLLT_20)),

                // ---- age
                story("born on 29 February 2008: leaves on 29 February 2028",
                        FactsBuilder.person(HAMPUS).listed(m, "2024-09-01", "2008-02-29").gr("2014-08-18", "2024-06-12"), m,
                        ep(m, "2024-06-13", ReasonForRegistration.EJ_PABORJAT, SKOLPLIKT_ENDED, V2023, "2028-02-29", FYLLT_20)),
                story("samordningsnummer (born 2004-01-03): drop-out under the 2018 rules until her 20th birthday",
                        FactsBuilder.person(XENIA).listed(STOCKHOLM, "2022-09-01", "2019-05-02")
                                .gr("2019-05-06", "2020-06-10").gy("NA", "2020-08-17", "2022-11-30", AVBROTT), STOCKHOLM,
                        ep(STOCKHOLM, "2022-12-01", ReasonForRegistration.AVBROTT, LEFT_SCHOOL, V2018, "2024-01-03", FYLLT_20)),
                story("drop-out before the 2023 rename: one episode runs across 2023-07-02",
                        FactsBuilder.person(PETTER).listed(m, "2022-09-01", "2005-01-12")
                                .gr("2011-08-15", "2021-06-10").gy("NA", "2021-08-16", "2023-02-28", AVBROTT), m,
                        ep(m, "2023-03-01", ReasonForRegistration.AVBROTT, LEFT_SCHOOL, V2018, "2025-01-12", FYLLT_20)),

                // ---- immigration
                story("immigrant after school age (2025, rules 2023): member from the immigration date, INVANDRAD",
                        FactsBuilder.person(BERTIL).immigrant(STOCKHOLM, "2025-09-01", "2025-03-10", "2025-03-10"), STOCKHOLM,
                        ep(STOCKHOLM, "2025-03-10", ReasonForRegistration.INVANDRAD, IMMIGRATED, V2023, "2028-02-01", FYLLT_20)),
                story("immigrant after school age starts language introduction (IMSPR) in September: out while on it, AVBROTT after",
                        FactsBuilder.person(BERTIL).immigrant(STOCKHOLM, "2025-09-01", "2025-03-10", "2025-03-10")
                                .gy("IMSPR", "2025-09-01", "2026-06-12", AVBROTT), STOCKHOLM,
                        ep(STOCKHOLM, "2025-03-10", ReasonForRegistration.INVANDRAD, IMMIGRATED, V2023, "2025-09-01", PABORJAT_UTBILDNING),
                        ep(STOCKHOLM, "2026-06-13", ReasonForRegistration.AVBROTT, LEFT_SCHOOL, V2023, "2028-02-01", FYLLT_20)),
                story("immigrated as a child and went to GR: the ordinary compulsory-school rules",
                        FactsBuilder.person(DAVID).immigrant(m, "2024-09-01", "2019-05-02", "2019-05-02")
                                .gr("2019-05-06", "2024-06-12"), m,
                        ep(m, "2024-06-13", ReasonForRegistration.EJ_PABORJAT, SKOLPLIKT_ENDED, V2023, "2028-02-17", FYLLT_20)),
                story("immigrant after school age in 2017 (rules 2015: no clause): enters on 2018-07-01",
                        FactsBuilder.person(ULF).immigrant(m, "2017-09-01", "2017-03-01", "2017-03-01"), m,
                        ep(m, "2018-07-01", ReasonForRegistration.INVANDRAD, RULES_CHANGED, V2018, "2020-02-06", FYLLT_20)),

                // ---- rule set 2015 and the 2018 switch
                story("out of school since 2013: the register's history starts on 2015-01-01 (RULES_CHANGED)",
                        FactsBuilder.person(QUINTUS).listed(m, "2015-03-01", "1997-01-09").gr("2003-08-18", "2013-06-11"), m,
                        ep(m, "2015-01-01", ReasonForRegistration.EJ_PABORJAT, RULES_CHANGED, V2015, "2017-01-09", FYLLT_20)),
                story("studiebevis after a full national programme: complete under 2015, a member from 2018-07-01",
                        FactsBuilder.person(RUT).listed(m, "2017-09-01", "1999-01-10").gr("2006-08-21", "2015-06-10")
                                .gy("NA", "2015-08-17", "2018-06-08", FULLFOLJT).credential(STUDIEBEVIS, "2018-06-08"), m,
                        ep(m, "2018-07-01", ReasonForRegistration.STUDIEBEVIS, RULES_CHANGED, V2018, "2019-01-10", FYLLT_20)),
                story("studiebevis after dropping out under 2015: a member (STUDIEBEVIS) through the 2018 switch",
                        FactsBuilder.person(SIXTEN).listed(m, "2017-09-01", "1999-02-01").gr("2006-08-21", "2015-06-10")
                                .gy("NA", "2015-08-17", "2016-12-16", AVBROTT).credential(STUDIEBEVIS, "2016-12-16"), m,
                        ep(m, "2016-12-17", ReasonForRegistration.STUDIEBEVIS, LEFT_SCHOOL, V2015, "2019-02-01", FYLLT_20)),
                story("admitted to IM under 2015: a member with reason IM from the IM start, out on 2018-07-01",
                        FactsBuilder.person(VERA).listed(m, "2017-09-01", "2001-01-09").gr("2007-08-20", "2017-06-09")
                                .admitted("IMPRO", "2017-08-21").gy("IMPRO", "2017-08-21", null, null), m,
                        ep(m, "2017-08-21", ReasonForRegistration.IM, SKOLPLIKT_ENDED, V2015, "2018-07-01", PABORJAT_UTBILDNING)),
                story("IM under 2015 with no admission record: member from the IM start, out on 2018-07-01, AVBROTT in 2019",
                        FactsBuilder.person(WILMA).listed(m, "2017-09-01", "2001-04-18").gr("2007-08-20", "2017-06-09")
                                .gy("IMPRO", "2017-08-21", "2019-06-10", AVBROTT), m,
                        ep(m, "2017-08-21", ReasonForRegistration.IM, SKOLPLIKT_ENDED, V2015, "2018-07-01", PABORJAT_UTBILDNING),
                        ep(m, "2019-06-11", ReasonForRegistration.AVBROTT, LEFT_SCHOOL, V2018, "2021-04-18", FYLLT_20)),
                story("IM from August 2016, left IM in spring 2018: a member (IM) under 2015 and still one after the switch",
                        FactsBuilder.person(TILDA).listed(m, "2017-09-01", "2000-01-20").gr("2006-08-21", "2016-06-10")
                                .gy("IMPRO", "2016-08-22", "2018-03-16", AVBROTT), m,
                        ep(m, "2016-08-22", ReasonForRegistration.IM, SKOLPLIKT_ENDED, V2015, "2020-01-20", FYLLT_20)),
                story("national programme pupil under 2015 is out; drop-out in 2017 enters as AVBROTT under 2015",
                        FactsBuilder.person(TILDA).listed(m, "2017-09-01", "2000-01-20").gr("2006-08-21", "2016-06-10")
                                .admitted("SA", "2016-08-22").gy("SA", "2016-08-22", "2017-10-13", AVBROTT), m,
                        ep(m, "2017-10-14", ReasonForRegistration.AVBROTT, LEFT_SCHOOL, V2015, "2020-01-20", FYLLT_20)),
                story("evaluated only up to a date: an episode still running then is open",
                        alva().gy("NA", "2024-08-19", "2026-03-13", AVBROTT), m, "2026-06-30",
                        TargetGroupSettings.defaults(),
                        open(m, "2026-03-14", ReasonForRegistration.AVBROTT, LEFT_SCHOOL, V2023)),
                story("evaluated up to the day before her 20th birthday: still open",
                        alva(), m, "2028-01-16", TargetGroupSettings.defaults(),
                        open(m, "2024-06-13", ReasonForRegistration.EJ_PABORJAT, SKOLPLIKT_ENDED, V2023)),
                story("evaluated up to her 20th birthday: closed FYLLT_20 on it",
                        alva(), m, "2028-01-17", TargetGroupSettings.defaults(),
                        ep(m, "2024-06-13", ReasonForRegistration.EJ_PABORJAT, SKOLPLIKT_ENDED, V2023, "2028-01-17", FYLLT_20)),
                story("never folkbokförd in the municipality: no episodes",
                        alva(), "1480"));
    }

    final TargetGroupEngine engine = new TargetGroupEngine();

    @ParameterizedTest(name = "{0}")
    @MethodSource("scenarios")
    void episodesAreExactlyTheExpectedOnes(Scenario s) {
        TargetGroupEngine e = new TargetGroupEngine(s.settings());
        List<Episode> actual = e.episodes(s.facts(), MunicipalityCode.of(s.municipality()), LocalDate.parse(s.until()));
        assertThat(actual).containsExactlyElementsOf(s.expected());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scenarios")
    void changePointsAgreeWithADayByDayEvaluation(Scenario s) {
        MunicipalityCode m = MunicipalityCode.of(s.municipality());
        LocalDate until = LocalDate.parse(s.until());
        List<Episode> actual = new TargetGroupEngine(s.settings()).episodes(s.facts(), m, until);
        List<String> fromEngine = new ArrayList<>();
        actual.forEach(ep -> fromEngine.add(ep.entered() + "/" + ep.exited()));
        List<String> fromOracle = new ArrayList<>();
        DayByDayOracle.memberships(s.facts(), m, until, s.settings()).forEach(p -> fromOracle.add(p[0] + "/" + p[1]));
        assertThat(fromEngine).isEqualTo(fromOracle);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scenarios")
    void assessAgreesWithTheEpisodesAroundEveryBoundary(Scenario s) {
        MunicipalityCode m = MunicipalityCode.of(s.municipality());
        TargetGroupEngine e = new TargetGroupEngine(s.settings());
        LocalDate knownOn = LocalDate.parse(s.until()); // the episodes are computed as known on that day
        for (Episode ep : s.expected()) {
            for (LocalDate d : List.of(ep.entered().minusDays(1), ep.entered(), ep.entered().plusDays(1))) {
                assertThat(e.assess(s.facts(), m, d, knownOn).member()).as("member on %s", d)
                        .isEqualTo(coveredBy(s.expected(), d));
            }
            if (ep.exited() != null) {
                assertThat(e.assess(s.facts(), m, ep.exited().minusDays(1), knownOn).member()).isTrue();
                assertThat(e.assess(s.facts(), m, ep.exited(), knownOn).member())
                        .isEqualTo(coveredBy(s.expected(), ep.exited()));
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scenarios")
    void assessAsKnownOnTheDayAgreesWithTheEpisodesUpToThatDay(Scenario s) {
        MunicipalityCode m = MunicipalityCode.of(s.municipality());
        TargetGroupEngine e = new TargetGroupEngine(s.settings());
        for (Episode ep : s.expected()) {
            List<LocalDate> days = new ArrayList<>(List.of(ep.entered().minusDays(1), ep.entered(), ep.entered().plusDays(1)));
            if (ep.exited() != null) {
                days.addAll(List.of(ep.exited().minusDays(1), ep.exited()));
            }
            for (LocalDate d : days) {
                assertThat(e.assess(s.facts(), m, d).member()).as("member on %s as known that day", d)
                        .isEqualTo(coveredBy(e.episodes(s.facts(), m, d), d));
            }
        }
    }

    /**
     * The daily recomputation recomputes a person only on her due day ({@link TargetGroupEngine#compute}'s
     * next change point): walked day by day from her 12th birthday to her 22nd, what that leaves stored
     * equals, every single day, her episodes computed afresh for that day, in every municipality of the
     * story – so skipping her on the other days never leaves a wrong episode.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("scenarios")
    void recomputedOnlyOnHerDueDaysTheStoredEpisodesAreRightEveryDay(Scenario s) {
        TargetGroupEngine e = new TargetGroupEngine(s.settings());
        LocalDate first = s.facts().pin().birthDate().plusYears(12);
        LocalDate last = s.facts().pin().birthDate().plusYears(22);
        TargetGroupEngine.Computed stored = e.compute(s.facts(), first, m -> true);
        int recomputed = 1;
        for (LocalDate d = first.plusDays(1); !d.isAfter(last); d = d.plusDays(1)) {
            TargetGroupEngine.Computed fresh = e.compute(s.facts(), d, m -> true);
            if (stored.nextChange() != null && !d.isBefore(stored.nextChange())) {
                stored = fresh; // due: the daily job recomputes her
                recomputed++;
            } else {
                assertThat(stored.episodes()).as("episodes stored, not recomputed on %s", d).isEqualTo(fresh.episodes());
            }
        }
        assertThat(recomputed).as("days she was due, of %d", java.time.temporal.ChronoUnit.DAYS.between(first, last))
                .isLessThan(200);
    }

    private static boolean coveredBy(List<Episode> episodes, LocalDate d) {
        return episodes.stream().anyMatch(ep -> ep.covers(d));
    }

    @Test
    void thereAreAtLeastFortyStories() {
        assertThat(scenarios().count()).isGreaterThanOrEqualTo(40);
    }

    @Test
    void theSameFactsInAnyOrderGiveTheSameEpisodes() {
        PersonFacts facts = alva().gy("NA", "2024-08-19", "2024-12-13", AVBROTT)
                .gy("EK", "2025-08-18", "2026-02-27", AVBROTT).snapshots(OSTERSUND, "2026-09-01")
                .listed(STOCKHOLM, "2026-09-01", "2026-06-01").build();
        PersonFacts reversed = new PersonFacts(facts.personId(), facts.pin(), reverse(facts.population()),
                reverse(facts.snapshots()), reverse(facts.enrolments()), reverse(facts.credentials()),
                reverse(facts.admissions()), reverse(facts.placements()));
        LocalDate until = LocalDate.parse(UNTIL);
        assertThat(engine.episodesByMunicipality(reversed, until)).isEqualTo(engine.episodesByMunicipality(facts, until));
        assertThat(engine.episodesByMunicipality(facts, until)).containsOnlyKeys(
                MunicipalityCode.of(OSTERSUND), MunicipalityCode.of(STOCKHOLM));
        assertThat(engine.municipalitiesOf(facts)).containsExactly(MunicipalityCode.of(STOCKHOLM), MunicipalityCode.of(OSTERSUND));
    }

    private static <T> List<T> reverse(List<T> list) {
        List<T> copy = new ArrayList<>(list);
        java.util.Collections.reverse(copy);
        return copy;
    }
}
