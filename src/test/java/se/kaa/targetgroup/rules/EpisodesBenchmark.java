package se.kaa.targetgroup.rules;

import static se.kaa.intake.EnrolmentEndReason.AVBROTT;
import static se.kaa.intake.EnrolmentEndReason.BYTE;
import static se.kaa.intake.EnrolmentEndReason.FULLFOLJT;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import se.kaa.intake.CredentialType;
import se.kaa.intake.PersonFacts;
import se.kaa.shared.MunicipalityCode;
import se.kaa.shared.PersonalIdentityNumber;
import se.kaa.testdata.FactsBuilder;
import se.kaa.testdata.Personas;

/**
 * Not a unit test (surefire skips *Benchmark): reports the cost of {@link TargetGroupEngine#episodes}
 * for a mix of typical histories. Run after {@code ./mvnw test-compile}:
 * {@code java -cp target/classes:target/test-classes se.kaa.targetgroup.rules.EpisodesBenchmark}
 */
public final class EpisodesBenchmark {

    public static void main(String[] args) {
        int persons = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        List<PersonFacts> facts = generate(persons, new Random(42));
        TargetGroupEngine engine = new TargetGroupEngine();
        MunicipalityCode m = MunicipalityCode.of("2380");
        LocalDate until = LocalDate.parse("2028-12-31");
        long sink = 0;
        for (int round = 0; round < 10; round++) {
            long t0 = System.nanoTime();
            for (PersonFacts f : facts) {
                sink += engine.episodes(f, m, until).size();
            }
            long t1 = System.nanoTime();
            System.out.printf("round %d: %d persons, %.2f µs per person (episodes of one municipality)%n",
                    round, persons, (t1 - t0) / 1000.0 / persons);
        }
        long t0 = System.nanoTime();
        for (PersonFacts f : facts) {
            sink += engine.episodesByMunicipality(f, until).size();
        }
        System.out.printf("episodesByMunicipality: %.2f µs per person%n", (System.nanoTime() - t0) / 1000.0 / persons);
        System.out.println("(" + sink + ")");
    }

    static List<PersonFacts> generate(int n, Random r) {
        PersonalIdentityNumber[] pins = {Personas.ALVA, Personas.BERTIL, Personas.DAVID, Personas.EBBA, Personas.FILIP,
                Personas.GRETA, Personas.IDA, Personas.JONAS, Personas.KARIN, Personas.LEO};
        List<PersonFacts> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            PersonalIdentityNumber pin = pins[i % pins.length];
            String born = pin.birthDate().toString();
            FactsBuilder b = FactsBuilder.person(pin)
                    .listed("2380", "2024-03-01", born).listed("2380", "2024-09-01", born)
                    .listed("2380", "2025-03-01", born)
                    .gr("2014-08-18", "2024-06-" + (10 + r.nextInt(5)))
                    .admitted("NA", "2024-08-19");
            switch (r.nextInt(6)) {
                case 0 -> b.gy("NA", "2024-08-19", "2027-06-11", FULLFOLJT).credential(CredentialType.GYEX_HOG, "2027-06-11");
                case 1 -> b.gy("NA", "2024-08-19", "2025-0" + (2 + r.nextInt(7)) + "-13", AVBROTT).vux("2025-10-01", null);
                case 2 -> b.gy("NA", "2024-08-19", "2025-06-10", BYTE).admitted("TE", "2025-08-18")
                        .gy("TE", "2025-08-18", "2027-06-11", FULLFOLJT).credential(CredentialType.STUDIEBEVIS, "2027-06-11");
                case 3 -> b.snapshots("2380", "2025-09-01").listed("0180", "2025-09-01", "2025-0" + (1 + r.nextInt(8)) + "-01");
                case 4 -> b.gy("IMPRO", "2024-08-19", "2025-06-10", AVBROTT).gy("EK", "2025-08-18", null, null);
                default -> { }
            }
            out.add(b.build());
        }
        return out;
    }
}
