package se.kaa.casework.records;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds words in free text that suggest sensitive personal data (känsliga personuppgifter, GDPR art.
 * 9–10), which förordning (2006:39) om register och dokumentation vid fullgörandet av kommunernas
 * aktivitetsansvar för ungdomar does not allow in
 * the register: health, ethnic origin, religion, political opinion, sexual orientation, trade-union
 * membership and criminal offences. A Swedish word list of stems: a word of the text matches a stem
 * when it starts with it (so {@code sjuk} finds {@code sjukskriven}, {@code sjukdomen}); short or
 * ambiguous words match only whole ({@code ras} is not {@code rast}). It is a warning, not a filter:
 * the case worker may save anyway.
 */
public final class SensitiveTextDetector {

    /** The kinds of sensitive data; the Swedish label is {@code caserecords.sensitive.<name>}. */
    public enum Category { HEALTH, ETHNICITY, RELIGION, POLITICS, SEXUALITY, TRADE_UNION, CRIME, GENETIC_BIOMETRIC }

    /** One word of the text and the category it suggests. */
    public record Finding(Category category, String word) {
    }

    private record Entry(Category category, String stem, boolean whole) {
    }

    private static final List<Entry> ENTRIES = new ArrayList<>();
    private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{N}]+");

    static {
        // health (hälsa), including disability, pregnancy, addiction
        prefix(Category.HEALTH, "sjuk", "diagnos", "adhd", "add-", "autism", "autist", "asperger", "npf", "depression",
                "deprimerad", "ångest", "psykisk", "psykiat", "psykos", "psykolog", "bup", "medicin", "läkemedel",
                "cancer", "diabetes", "epilepsi", "gravid", "missbruk", "narkoman", "drogmissbruk",
                "alkoholi", "alkoholmissbruk", "beroendeproblem", "beroendevård", "funktionsnedsätt", "funktionshinder", "handikapp", "självmord",
                "suicid", "självskad", "ätstörning", "anorexi", "bulimi", "dyslexi", "utbrändhet", "utmattning",
                "vårdcentral", "läkare", "hiv", "abort", "schizofren", "bipolär", "tourette",
                "rehabilitering", "hälsotillstånd", "hälsoproblem", "habilitering");
        whole(Category.HEALTH, "add", "lss", "ont");
        // ethnic origin (etnicitet, ras)
        prefix(Category.ETHNICITY, "etnisk", "etnicitet", "hudfärg", "romsk", "samisk",
                "härkomst", "invandrarbakgrund", "utländsk bakgrund");
        whole(Category.ETHNICITY, "ras", "romer", "rom", "same", "samer", "resande");
        // religion or belief (religion, övertygelse)
        prefix(Category.RELIGION, "religi", "muslim", "islam", "kristen", "kristna", "kristendom", "judisk", "judendom",
                "katolsk", "ortodox", "hindu", "buddis", "moské", "synagog", "församling", "troende", "frikyrk",
                "jehovas", "ateist", "pingstkyrk", "koran", "bibel", "ramadan", "slöja");
        whole(Category.RELIGION, "jude", "judar", "kyrka", "kyrkan");
        // political opinion (politisk åsikt)
        prefix(Category.POLITICS, "politisk", "partimedlem", "partipolitisk", "socialdemokrat", "sverigedemokrat",
                "vänsterpartie", "miljöpartie", "centerpartie", "kristdemokrat", "liberalerna", "moderaterna",
                "kommunist", "nazist", "anarkist", "fascist", "extremis");
        whole(Category.POLITICS, "parti", "partiet", "sd", "kd");
        // sexual orientation and sex life (sexuell läggning, sexualliv)
        prefix(Category.SEXUALITY, "sexuell", "sexualitet", "homosexu", "bisexu", "heterosexu", "hbtq", "lesbisk",
                "transperson", "queer", "könsidentitet", "sexliv");
        whole(Category.SEXUALITY, "gay", "bög", "flata", "trans");
        // trade-union membership (fackligt medlemskap)
        prefix(Category.TRADE_UNION, "fackförbund", "fackförening", "facklig", "fackmedlem", "fackets");
        whole(Category.TRADE_UNION, "facket", "fack", "lo", "tco", "saco");
        // criminal offences (lagöverträdelser, brott)
        prefix(Category.CRIME, "brott", "kriminell", "dömd", "åtal", "polisanmäl", "misstänkt",
                "gripen", "häktad", "fängelse", "anstalt", "frivård", "ungdomsvård", "ungdomstjänst",
                "stöld", "snatt", "misshandel", "rånade", "rånet", "langning", "narkotikabrott", "skadegörelse",
                "inbrott", "hotade", "hotfull", "olaga hot", "våldtäkt", "sexualbrott", "lvu");
        whole(Category.CRIME, "polisen", "polis", "stal", "rån", "sis", "hot");
        // genetic and biometric data
        prefix(Category.GENETIC_BIOMETRIC, "genetisk", "dna", "biometri", "fingeravtryck", "ärftlig");
    }

    private SensitiveTextDetector() {
    }

    private static void prefix(Category category, String... stems) {
        for (String s : stems) {
            ENTRIES.add(new Entry(category, s, false));
        }
    }

    private static void whole(Category category, String... words) {
        for (String w : words) {
            ENTRIES.add(new Entry(category, w, true));
        }
    }

    /** What in the text looks sensitive, each word once, in the order found; empty when nothing does. */
    public static List<Finding> find(String text) {
        if (text == null || text.isBlank()) {
            return List.of();
        }
        String normal = Normalizer.normalize(text, Normalizer.Form.NFC).toLowerCase(Locale.ROOT);
        Map<String, Finding> found = new LinkedHashMap<>();
        // multi-word stems ("utländsk bakgrund") are matched on the text, word-initially
        for (Entry e : ENTRIES) {
            if (e.stem().contains(" ") && Pattern.compile("(?<![\\p{L}\\p{N}])" + Pattern.quote(e.stem()))
                    .matcher(normal).find()) {
                found.putIfAbsent(e.stem(), new Finding(e.category(), e.stem()));
            }
        }
        Matcher m = WORD.matcher(normal);
        while (m.find()) {
            String word = m.group();
            for (Entry e : ENTRIES) {
                if (e.stem().contains(" ")) {
                    continue;
                }
                String stem = e.stem().endsWith("-") ? e.stem().substring(0, e.stem().length() - 1) : e.stem();
                boolean hit = e.whole() || e.stem().endsWith("-") ? word.equals(stem) : word.startsWith(stem);
                if (hit) {
                    found.putIfAbsent(word, new Finding(e.category(), word));
                    break;
                }
            }
        }
        return List.copyOf(found.values());
    }

    /** The categories found, in the enum's order. */
    public static Set<Category> categories(List<Finding> findings) {
        Set<Category> categories = new LinkedHashSet<>();
        for (Category c : Category.values()) {
            if (findings.stream().anyMatch(f -> f.category() == c)) {
                categories.add(c);
            }
        }
        return categories;
    }
}
