package se.kaa.demo;

import java.util.List;
import java.util.Random;

/** Names and addresses for the demo: common Swedish names, invented streets in the fictional Demostad. */
final class DemoNames {

    static final String CITY = "Demostad";

    private static final List<String> FEMALE = List.of(
            "Alice", "Maja", "Elsa", "Astrid", "Wilma", "Ebba", "Alma", "Saga", "Agnes", "Olivia", "Freja",
            "Selma", "Ella", "Signe", "Clara", "Stella", "Vera", "Ellen", "Nora", "Julia", "Ida", "Linnea",
            "Emma", "Matilda", "Elin", "Hanna", "Moa", "Tilda", "Felicia", "Isabelle", "Klara", "Tuva",
            "Lova", "Hedda", "Thea", "Elvira", "Minna", "Sofia", "Emilia", "Alva");
    private static final List<String> MALE = List.of(
            "William", "Liam", "Noah", "Hugo", "Lucas", "Oliver", "Elias", "Adam", "Alexander", "Viktor",
            "Axel", "Leo", "Oscar", "Filip", "Theo", "Isak", "Vincent", "Emil", "Melvin", "Anton", "Albin",
            "Arvid", "Ludvig", "Erik", "Gustav", "Edvin", "Sixten", "Olle", "Malte", "Casper", "Jonathan",
            "Sebastian", "Samuel", "Elton", "Love", "Hampus", "Jack", "Nils", "Måns", "Viggo");
    private static final List<String> FAMILY = List.of(
            "Andersson", "Johansson", "Karlsson", "Nilsson", "Eriksson", "Larsson", "Olsson", "Persson",
            "Svensson", "Gustafsson", "Pettersson", "Jonsson", "Jansson", "Hansson", "Bengtsson", "Jönsson",
            "Lindberg", "Jakobsson", "Magnusson", "Olofsson", "Lindström", "Lindqvist", "Lindgren", "Berg",
            "Axelsson", "Bergström", "Lundberg", "Lundgren", "Lind", "Lundqvist", "Mattsson", "Berglund",
            "Fredriksson", "Sandberg", "Henriksson", "Forsberg", "Sjöberg", "Wallin", "Engström", "Eklund",
            "Danielsson", "Lundin", "Håkansson", "Björk", "Bergman", "Gunnarsson", "Holm", "Wikström",
            "Samuelsson", "Isaksson", "Fransson", "Bergqvist", "Nyström", "Holmberg", "Arvidsson", "Löfgren",
            "Söderberg", "Nyberg", "Blomqvist", "Claesson", "Nordström", "Mårtensson", "Lundström", "Viklund",
            "Ali", "Mohammed", "Ahmed", "Hassan", "Nguyen", "Yilmaz", "Kovačević", "Virtanen", "Nowak", "Haddad");
    private static final List<String> NEWCOMER_FEMALE = List.of(
            "Amina", "Fatima", "Maryam", "Sara", "Hiba", "Aisha", "Yasmin", "Helen", "Samira", "Hawa",
            "Olena", "Lina", "Nour", "Rahel", "Zahra");
    private static final List<String> NEWCOMER_MALE = List.of(
            "Mohammed", "Ahmad", "Yusuf", "Ali", "Omar", "Hamza", "Abdi", "Mustafa", "Hassan", "Ibrahim",
            "Dawit", "Mykola", "Karim", "Said", "Tesfay");
    private static final List<String> NEWCOMER_FAMILY = List.of(
            "Abdullahi", "Hussein", "Osman", "Jama", "Rahimi", "Haidari", "Tesfaye", "Ghebremariam", "Al-Hassan",
            "Khalil", "Shevchenko", "Bondarenko", "Sultani", "Farah", "Mahmoud");

    /** Invented street names of Demostad, each with its postnummer in the fictional 999 xx range. */
    private static final List<String> STREETS = List.of(
            "Glimmerstigen", "Kvarnstensgatan", "Ugglemossvägen", "Demotorget", "Lingonbrinken",
            "Tallmogatan", "Fjärilsbacken", "Rönnbärsgränd", "Sjöbrinksvägen", "Provgatan",
            "Kråkvinkelns väg", "Järnvägsallén", "Bryggarbacken", "Humlegårdsstigen", "Skolbacksgatan",
            "Ekbladsvägen", "Vindskeppsgatan", "Smedjegränd", "Kastanjeslingan", "Mossgårdsvägen");

    private DemoNames() {
    }

    static String givenName(Random random, boolean female, boolean newcomer) {
        List<String> names = newcomer ? (female ? NEWCOMER_FEMALE : NEWCOMER_MALE) : (female ? FEMALE : MALE);
        return pick(random, names);
    }

    static String familyName(Random random, boolean newcomer) {
        return pick(random, newcomer ? NEWCOMER_FAMILY : FAMILY);
    }

    /** An address line and its postnummer (five digits, 999 xx). */
    static String[] address(Random random) {
        int street = random.nextInt(STREETS.size());
        StringBuilder line = new StringBuilder(STREETS.get(street)).append(' ').append(1 + random.nextInt(48));
        if (random.nextInt(10) < 4) {
            line.append(" LGH ").append(1001 + 100 * random.nextInt(4) + random.nextInt(4));
        }
        String postalCode = String.valueOf(99930 + street);
        return new String[] {line.toString(), postalCode};
    }

    private static String pick(Random random, List<String> list) {
        return list.get(random.nextInt(list.size()));
    }
}
