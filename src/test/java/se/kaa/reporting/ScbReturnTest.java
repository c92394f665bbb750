package se.kaa.reporting;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import tools.jackson.databind.JsonNode;

import se.kaa.casework.PeriodRecords;
import se.kaa.casework.cases.CaseStates;
import se.kaa.demo.internal.DemoLoading;
import se.kaa.reporting.board.NationalFigures;
import se.kaa.security.Role;
import se.kaa.shared.HalfYear;
import se.kaa.shared.MunicipalityCode;
import se.kaa.testsupport.DatabaseCleaner;
import se.kaa.testsupport.KaaIntegrationTest;
import se.kaa.testsupport.TestClock;
import se.kaa.testsupport.TestUsers;
import se.kaa.testsupport.WebSession;

/**
 * The SCB half-year return on the demo municipality (two years of worked cases, loaded through the
 * import pipeline once for the class): its population is exactly the union of the daily members, it
 * agrees with the case's clocks, and it goes through validation, export, a correction, a re-export with
 * its diff, the lock and the reopening – over the API, as the manager.
 */
@KaaIntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ScbReturnTest {

    static final String DEMO = "9999";

    @LocalServerPort int port;
    @Autowired DatabaseCleaner database;
    @Autowired TestClock clock;
    @Autowired JdbcClient jdbc;
    @Autowired TestUsers users;
    @Autowired org.springframework.context.ApplicationContext context;
    @Autowired PeriodRecords periodRecords;
    @Autowired CaseStates caseStates;
    @Autowired se.kaa.platform.PlatformProperties platform;

    WebSession manager;
    HalfYear lastEnded;

    @BeforeAll
    void demoMunicipality() {
        database.clean();
        clock.reset();
        // the demo's case workers: without them the demo has no casework history
        for (String[] u : new String[][] {{"demo-anna", "HANDLAGGARE"}, {"demo-erik", "HANDLAGGARE"}}) {
            long id = jdbc.sql("INSERT INTO app_user (username, password_hash, display_name) VALUES (?, 'x', ?) RETURNING id")
                    .params(u[0], u[0]).query(Long.class).single();
            jdbc.sql("INSERT INTO user_role (user_id, role) VALUES (?, ?)").params(id, u[1]).update();
            jdbc.sql("INSERT INTO user_municipality (user_id, municipality) VALUES (?, '9999')").param(id).update();
        }
        assertThat(DemoLoading.load(context)).isTrue();
        assertThat(jdbc.sql("SELECT count(*) FROM casework_contact_attempt").query(Long.class).single()).isPositive();
        var ids = users.ensure();
        jdbc.sql("INSERT INTO user_municipality (user_id, municipality) VALUES (?, ?) ON CONFLICT DO NOTHING")
                .params(ids.get(Role.ENHETSCHEF), DEMO).update();
        manager = WebSession.api(port, TestUsers.basic(Role.ENHETSCHEF));
        lastEnded = HalfYear.of(clock.today()).previous();
    }

    /** Other classes list the users of a municipality: the demo's case workers and the manager's grant go. */
    @org.junit.jupiter.api.AfterAll
    void withoutTheDemoUsers() {
        jdbc.sql("DELETE FROM app_user WHERE username IN ('demo-anna', 'demo-erik')").update();
        jdbc.sql("DELETE FROM user_municipality WHERE municipality = ? AND user_id = (SELECT id FROM app_user WHERE username = ?)")
                .params(DEMO, TestUsers.username(Role.ENHETSCHEF)).update();
    }

    String base(HalfYear period) {
        return "/api/v1/reports/scb/" + DEMO + "/" + period;
    }

    @Test
    @Order(1)
    void thePeriodPopulationIsTheUnionOfTheMembersOnEachDayOfTheHalfYear() {
        // the last ended half-year: a member leaving, one entering, both on some day only (the union is what counts)
        for (HalfYear period : List.of(lastEnded)) {
            Set<String> union = new TreeSet<>();
            for (LocalDate d = period.first(); !d.isAfter(period.last()); d = d.plusDays(1)) {
                JsonNode members = WebSession.json(manager.get("/api/v1/target-group/members?municipality=" + DEMO + "&date=" + d));
                members.get("members").forEach(m -> union.add(m.get("personnummer").asString()));
            }
            HttpResponse<String> response = manager.get(base(period));
            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            Set<String> reported = new TreeSet<>();
            WebSession.json(response).get("records").forEach(r -> reported.add(r.get("personnummer").asString()));
            assertThat(union).as("members during %s", period).hasSizeGreaterThan(20);
            assertThat(reported).as("the return of %s", period).isEqualTo(union);
        }
    }

    @Test
    @Order(2)
    void theReturnAgreesWithTheCaseClocksAndEveryRecordIsFilledFromItsFacts() {
        HalfYear now = HalfYear.of(clock.today());
        List<PeriodRecords.PeriodRecord> records = periodRecords.of(MunicipalityCode.of(DEMO), now.first(), clock.today());
        int compared = 0;
        int contacted = 0;
        for (PeriodRecords.PeriodRecord r : records) {
            if (r.caseId() == null || r.exited() != null) {
                continue;
            }
            Boolean open = jdbc.sql("SELECT status = 'OPEN' AND entered = ? FROM casework_case WHERE id = ?")
                    .params(r.registered(), r.caseId()).query(Boolean.class).single();
            if (!open) {
                continue;
            }
            CaseStates.CaseState state = caseStates.of(r.caseId());
            assertThat(r.firstContact()).as("first contact of case %s", r.caseId()).isEqualTo(state.firstContact().doneOn());
            compared++;
            if (r.contactDuringPeriod()) {
                contacted++;
                assertThat(r.latestContact()).isBetween(now.first(), clock.today());
                assertThat(r.occupationAtLatestContact()).isNotNull();
            } else {
                assertThat(r.occupationAtLatestContact()).isNull();
            }
        }
        assertThat(compared).as("open cases compared").isGreaterThan(10);
        assertThat(contacted).as("cases with a contact this half-year").isPositive();
        assertThat(records).anySatisfy(r -> assertThat(r.measures()).isNotEmpty());
    }

    @Test
    @Order(3)
    void validateExportCorrectReExportDiffLockAndReopen() throws Exception {
        JsonNode built = WebSession.json(manager.get(base(lastEnded)));
        assertThat(built.get("provisional").asBoolean()).isTrue();
        assertThat(built.get("spec").get("specId").asString()).isEqualTo("kaa-provisional");
        int records = built.get("records").size();
        long errors = built.get("errors").asLong();
        String override = errors > 0 ? "{\"overrideReason\": \"Kända fel i demodata\"}" : "{}";

        HttpResponse<String> first = manager.request("POST", base(lastEnded) + "/exports", override);
        assertThat(first.statusCode()).as(first.body()).isEqualTo(201);
        assertThat(WebSession.location(first)).endsWith(base(lastEnded) + "/exports/1");

        // the xlsx: a header and a row per person; the text file: its checksum is the stored one
        HttpResponse<byte[]> xlsx = manager.getBytes(base(lastEnded) + "/exports/1");
        assertThat(xlsx.statusCode()).isEqualTo(200);
        assertThat(xlsx.headers().firstValue("Content-Disposition").orElse("")).contains("KAA_9999_" + lastEnded + "_v1_PRELIMINAR.xlsx");
        try (XSSFWorkbook book = new XSSFWorkbook(new ByteArrayInputStream(xlsx.body()))) {
            Sheet sheet = book.getSheetAt(0);
            assertThat(sheet.getRow(0).getCell(2).getStringCellValue()).isEqualTo("personnummer");
            assertThat(sheet.getLastRowNum()).isEqualTo(records);
        }
        HttpResponse<byte[]> text = manager.getBytes(base(lastEnded) + "/exports/1?format=text");
        String sha = java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(text.body()));
        assertThat(WebSession.json(manager.get(base(lastEnded) + "/exports")).get(0).get("sha256").asString()).isEqualTo(sha);
        assertThat(new String(text.body(), StandardCharsets.UTF_8).lines().count()).isEqualTo(records + 1);

        // a correction: a person without a contact in the half-year turns out to have been reached
        String pnr = null;
        for (JsonNode r : built.get("records")) {
            if (r.get("kontakt").asString().equals("N") && jdbc.sql("""
                    SELECT count(*) FROM casework_case c JOIN person p ON p.id = c.person_id WHERE p.pnr = ? AND c.municipality = ?""")
                    .params(r.get("personnummer").asString(), DEMO).query(Long.class).single() == 1) {
                pnr = r.get("personnummer").asString();
                break;
            }
        }
        assertThat(pnr).as("a person of the return with a case and no contact").isNotNull();
        LocalDate day = jdbc.sql("""
                SELECT GREATEST(c.entered, CAST(? AS date)) + 1 FROM casework_case c JOIN person p ON p.id = c.person_id WHERE p.pnr = ?""")
                .params(lastEnded.first(), pnr).query(LocalDate.class).single();
        jdbc.sql("""
                INSERT INTO casework_contact_attempt (case_id, attempted_at, channel, outcome, recorded_by, recorded_at)
                SELECT c.id, CAST(? AS date) + time '10:00', 'PHONE', 'REACHED', 'test', now()
                FROM casework_case c JOIN person p ON p.id = c.person_id WHERE p.pnr = ?""").params(day, pnr).update();

        // and an imported correction: the school's file shows another young person started upper secondary in
        // the half-year – her membership, and so her record, ends that day
        String started = null;
        for (JsonNode r : built.get("records")) {
            String p = r.get("personnummer").asString();
            if (!p.equals(pnr) && r.get("avreg_datum").asString().isEmpty()
                    && LocalDate.parse(r.get("reg_datum").asString()).isBefore(lastEnded.first().plusDays(30))) {
                started = p;
                break;
            }
        }
        assertThat(started).as("a person of the return registered early in the half-year, still in the group").isNotNull();
        LocalDate start = lastEnded.first().plusDays(90);
        HttpResponse<String> imported = manager.upload("/api/v1/imports/inskrivningar?municipality=" + DEMO, "rattelse.csv",
                (se.kaa.demo.DemoData.INSKRIVNINGAR_HEADER + "\n" + started + ";12345678;Friskolan AB;GY;EK;" + start + ";;\n")
                        .getBytes(StandardCharsets.UTF_8));
        assertThat(imported.statusCode()).as(imported.body()).isIn(200, 201);

        HttpResponse<String> second = manager.request("POST", base(lastEnded) + "/exports", override);
        assertThat(second.statusCode()).as(second.body()).isEqualTo(201);
        JsonNode diff = WebSession.json(manager.get(base(lastEnded) + "/exports/2/diff/1"));
        assertThat(diff.get("added")).isEmpty();
        assertThat(diff.get("removed")).isEmpty();
        java.util.Map<String, List<String>> changed = new java.util.TreeMap<>();
        diff.get("changed").forEach(c -> {
            List<String> fields = new ArrayList<>();
            c.get("fields").forEach(f -> fields.add(f.get("column").asString() + ":"
                    + (f.has("before") ? f.get("before").asString() : "") + "->" + (f.has("after") ? f.get("after").asString() : "")));
            changed.put(c.get("personnummer").asString(), fields);
        });
        assertThat(changed).containsOnlyKeys(pnr, started);
        assertThat(changed.get(pnr)).contains("kontakt:N->J");
        assertThat(changed.get(started)).contains("avreg_datum:->" + start);
        assertThat(changed.get(started)).anyMatch(f -> f.startsWith("avreg_orsak:->"));
        // the first version is as it was: later facts do not change a stored export
        assertThat(new String(manager.getBytes(base(lastEnded) + "/exports/1?format=text").body(), StandardCharsets.UTF_8))
                .isEqualTo(new String(text.body(), StandardCharsets.UTF_8));

        // locked once submitted: no export; reopening needs a reason
        assertThat(manager.request("POST", base(lastEnded) + "/lock", "").statusCode()).isEqualTo(204);
        HttpResponse<String> refused = manager.request("POST", base(lastEnded) + "/exports", override);
        assertThat(refused.statusCode()).isEqualTo(409);
        assertThat(WebSession.json(refused).get("detail").asString()).contains("låst");
        HttpResponse<String> noReason = manager.request("POST", base(lastEnded) + "/reopen", "{}");
        assertThat(noReason.statusCode()).isEqualTo(400);
        assertThat(noReason.body()).contains("reason");
        assertThat(manager.request("POST", base(lastEnded) + "/reopen", "{\"reason\": \"SCB begärde en rättelse\"}").statusCode())
                .isEqualTo(204);
        assertThat(manager.request("POST", base(lastEnded) + "/exports", override).statusCode()).isEqualTo(201);
        assertThat(jdbc.sql("SELECT kind || ':' || coalesce(reason, '') FROM reporting_scb_period_event ORDER BY id")
                .query(String.class).list()).containsExactly("LOCKED:", "REOPENED:SCB begärde en rättelse");
        // every export and download is audited with the persons in it
        assertThat(jdbc.sql("SELECT count(*) FROM audit_entry WHERE action = 'SCB_RETURN_EXPORTED' AND cardinality(person_ids) = ?")
                .param(records).query(Long.class).single()).isEqualTo(3);
        assertThat(jdbc.sql("SELECT count(*) FROM audit_entry WHERE action = 'SCB_EXPORT_READ'").query(Long.class).single())
                .isGreaterThanOrEqualTo(3);
    }

    @Test
    @Order(4)
    void anUnmappedValueIsAnErrorNamingTheCaseAndOnlyAManagerExportsWithErrorsGivingAReason() {
        HalfYear period = lastEnded.previous();
        JsonNode before = WebSession.json(manager.get(base(period)));
        String reason = before.get("records").get(0).get("reg_orsak").asString();
        // the municipality's mapping loses the code of her reason
        jdbc.sql("DELETE FROM reporting_code_mapping WHERE municipality = ? AND code_list = 'orsak' AND code = ?")
                .params(DEMO, reason).update();
        JsonNode after = WebSession.json(manager.get(base(period)));
        List<JsonNode> unmapped = new ArrayList<>();
        after.get("problems").forEach(p -> {
            if (p.get("kind").asString().equals("unmapped")) {
                unmapped.add(p);
            }
        });
        assertThat(unmapped).isNotEmpty();
        assertThat(unmapped.get(0).get("severity").asString()).isEqualTo("ERROR");
        assertThat(unmapped.get(0).get("column").asString()).isEqualTo("reg_orsak");
        assertThat(unmapped.get(0).get("message").asString()).contains("Orsak till registrering").contains("ingen kod");
        assertThat(after.get("errors").asLong()).isGreaterThanOrEqualTo(unmapped.size());

        HttpResponse<String> refused = manager.request("POST", base(period) + "/exports", "{}");
        assertThat(refused.statusCode()).isEqualTo(409);
        assertThat(WebSession.json(refused).get("detail").asString()).contains("fel");
        WebSession admin = WebSession.api(port);
        HttpResponse<String> notManager = admin.request("POST", base(period) + "/exports", "{\"overrideReason\": \"Vi skickar ändå\"}");
        assertThat(notManager.statusCode()).isEqualTo(403);
        HttpResponse<String> overridden = manager.request("POST", base(period) + "/exports", "{\"overrideReason\": \"Koden saknas hos SCB\"}");
        assertThat(overridden.statusCode()).as(overridden.body()).isEqualTo(201);
        assertThat(WebSession.json(overridden).get("overrideReason").asString()).isEqualTo("Koden saknas hos SCB");
    }

    @Test
    @Order(7)
    void anAdministratorUploadsASpecEveryProblemIsNamedByLineAndAConfirmedSpecIsUsed() {
        WebSession admin = WebSession.api(port);
        String broken = "{\n  \"id\": \"scb\",\n  \"version\": \"2026H2\",\n  \"provisional\": false,\n  \"titel\": \"fel\"\n}\n";
        HttpResponse<String> rejected = admin.upload("/api/v1/reports/scb/specs", "spec.json", broken.getBytes(StandardCharsets.UTF_8));
        assertThat(rejected.statusCode()).as(rejected.body()).isEqualTo(400);
        JsonNode errors = WebSession.json(rejected).get("errors");
        assertThat(errors.size()).isGreaterThan(1);
        assertThat(errors.toString()).contains("Rad 5");

        String confirmed = new String(se.kaa.reporting.scb.ScbSpecsAccess.shipped(), StandardCharsets.UTF_8)
                .replace("\"version\": \"1\"", "\"version\": \"2\"").replace("\"provisional\": true", "\"provisional\": false");
        HttpResponse<String> stored = admin.upload("/api/v1/reports/scb/specs", "spec.json", confirmed.getBytes(StandardCharsets.UTF_8));
        assertThat(stored.statusCode()).as(stored.body()).isEqualTo(201);
        assertThat(admin.upload("/api/v1/reports/scb/specs", "spec.json", confirmed.getBytes(StandardCharsets.UTF_8)).statusCode())
                .isEqualTo(409);
        JsonNode built = WebSession.json(manager.get(base(lastEnded)));
        assertThat(built.get("provisional").asBoolean()).isFalse();
        assertThat(built.get("spec").get("version").asString()).isEqualTo("2");
        // the manager may not upload a spec
        assertThat(manager.upload("/api/v1/reports/scb/specs", "spec.json", confirmed.getBytes(StandardCharsets.UTF_8)).statusCode())
                .isEqualTo(403);
        Set<String> specs = new HashSet<>();
        WebSession.json(manager.get("/api/v1/reports/scb/specs")).forEach(s -> specs.add(s.get("version").asString()));
        assertThat(specs).containsExactlyInAnyOrder("1", "2");
    }

    /**
     * The manager's page in a real browser: she sees the provisional spec, the problems with links to
     * the cases, creates a file, compares it with the previous one and locks the half-year – at 1280 and
     * 768 px without sideways scrolling, axe-checked.
     */
    @Test
    @Order(6)
    void theManagersPageValidatesExportsComparesAndLocks() {
        HalfYear period = lastEnded.previous().previous();
        try (com.microsoft.playwright.BrowserContext context = se.kaa.testsupport.Browser.shared().newContext(
                new com.microsoft.playwright.Browser.NewContextOptions().setViewportSize(1280, 900))) {
            com.microsoft.playwright.Page page = context.newPage();
            String base = "http://localhost:" + port;
            signIn(page, base, TestUsers.username(Role.ENHETSCHEF), TestUsers.PASSWORD);
            // the manager lands on her overview; every number is the count of the worklist behind its link
            page.waitForURL("**/oversikt");
            page.getByLabel("Kommun").selectOption(DEMO);
            page.getByRole(com.microsoft.playwright.options.AriaRole.BUTTON,
                    new com.microsoft.playwright.Page.GetByRoleOptions().setName("Visa")).click();
            se.kaa.testsupport.Browser.assertAccessible(page);
            assertThat(Integer.parseInt(page.locator("#tile-open .tile-number").innerText().strip())).isGreaterThan(20);
            // each tile's link lists exactly its number of cases (followed in the same session, without the browser)
            WebSession same = new WebSession(port);
            same.login(TestUsers.username(Role.ENHETSCHEF), TestUsers.PASSWORD);
            for (String tile : List.of("tile-open", "tile-overdue", "tile-unassigned", "tile-not-contacted", "tile-turning-20",
                    "tile-occupation-stale", "tile-attempt-due")) {
                String shown = page.locator("#" + tile + " .tile-number").innerText().strip();
                String worklist = same.get(page.locator("#" + tile).getAttribute("href")).body();
                assertThat(worklist).as(tile).containsPattern("Urval och filter: " + shown + " ärenden? av");
            }
            page.locator("#tile-not-contacted").click();
            page.waitForURL("**/arenden?**");
            page.goBack();
            assertThat(page.locator("#stages tfoot td").first().innerText()).isNotBlank();
            // the half-year's figures are the reported facts' (the return's own definition), counted again here
            HalfYear now = HalfYear.of(clock.today());
            List<PeriodRecords.PeriodRecord> sofar = periodRecords.of(MunicipalityCode.of(DEMO), now.first(), clock.today());
            List<Long> days = sofar.stream().filter(r -> !r.registered().isBefore(now.first()) && r.firstContact() != null)
                    .map(r -> Math.max(0, java.time.temporal.ChronoUnit.DAYS.between(r.registered(), r.firstContact()))).sorted().toList();
            assertThat(page.locator("#intake-members").innerText().strip()).isEqualTo(String.valueOf(sofar.size()));
            assertThat(page.locator("#intake-registered").innerText().strip()).isEqualTo(String.valueOf(
                    sofar.stream().filter(r -> !r.registered().isBefore(now.first())).count()));
            assertThat(days).isNotEmpty();
            // the board report's median: between the two middle values, rounded half up
            long median = days.size() % 2 == 1 ? days.get(days.size() / 2)
                    : (days.get(days.size() / 2 - 1) + days.get(days.size() / 2) + 1) / 2;
            assertThat(page.locator("#intake-median").innerText().strip()).isEqualTo(median + (median == 1 ? " dag" : " dagar"));
            page.setViewportSize(768, 1024);
            assertThat((Boolean) page.evaluate("() => document.documentElement.scrollWidth > document.documentElement.clientWidth"))
                    .as("sideways scroll of the overview at 768 px").isFalse();
            se.kaa.testsupport.Browser.assertAccessible(page);
            page.setViewportSize(1280, 900);
            page.getByRole(com.microsoft.playwright.options.AriaRole.LINK,
                    new com.microsoft.playwright.Page.GetByRoleOptions().setName("Rapporter")).click();
            page.getByLabel("Kommun").selectOption(DEMO);
            page.getByLabel("Halvår").selectOption(period.toString());
            page.getByRole(com.microsoft.playwright.options.AriaRole.BUTTON,
                    new com.microsoft.playwright.Page.GetByRoleOptions().setName("Visa")).click();
            com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat(page.locator("h1"))
                    .hasText("Halvårsrapport till SCB, " + period);
            com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat(page.locator("#provisional")).containsText("Preliminär");
            int records = Integer.parseInt(page.locator("#record-count").innerText().strip());
            assertThat(records).isPositive();
            assertThat(page.locator("#problems a").count()).as("problems linked to their cases").isPositive();
            se.kaa.testsupport.Browser.assertAccessible(page);

            create(page);
            com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat(page.locator("#exported"))
                    .hasText("Version 1 är skapad och sparad.");
            create(page);
            page.getByRole(com.microsoft.playwright.options.AriaRole.LINK,
                    new com.microsoft.playwright.Page.GetByRoleOptions().setName("Version 2 mot 1")).click();
            com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat(page.locator("#diff-summary"))
                    .hasText("Inga tillkomna, inga borttagna, inga ändrade.");
            se.kaa.testsupport.Browser.assertAccessible(page);

            // locking asks her to confirm that the file was sent
            page.getByRole(com.microsoft.playwright.options.AriaRole.BUTTON,
                    new com.microsoft.playwright.Page.GetByRoleOptions().setName("Lås halvåret")).click();
            com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat(page.locator("#problem"))
                    .containsText("Bekräfta");
            page.getByLabel("Version 2 är inskickad till SCB").check();
            page.getByRole(com.microsoft.playwright.options.AriaRole.BUTTON,
                    new com.microsoft.playwright.Page.GetByRoleOptions().setName("Lås halvåret")).click();
            com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat(page.locator("#lock-state"))
                    .hasText("Låst – inskickad till SCB");
            com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat(page.locator("#export-form")).hasCount(0);
            page.setViewportSize(768, 1024);
            assertThat((Boolean) page.evaluate("() => document.documentElement.scrollWidth > document.documentElement.clientWidth"))
                    .as("sideways scroll at 768 px").isFalse();
            se.kaa.testsupport.Browser.assertAccessible(page);
        }
    }

    /**
     * The administrator's page: which spec each half-year uses, an upload refused with every problem and
     * its line, and a code taken away from one of our values – the return then has an error for it.
     */
    @Test
    @Order(8)
    void theAdministratorSeesTheSpecsUploadsAndMapsCodes() {
        try (com.microsoft.playwright.BrowserContext context = se.kaa.testsupport.Browser.shared().newContext(
                new com.microsoft.playwright.Browser.NewContextOptions().setViewportSize(1280, 900))) {
            com.microsoft.playwright.Page page = context.newPage();
            String base = "http://localhost:" + port;
            signIn(page, base, KaaIntegrationTest.USER, KaaIntegrationTest.PASSWORD);
            page.navigate(base + "/admin/rapporter/scb?municipality=" + DEMO);
            com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat(page.locator("#specs tbody tr")).hasCount(2);
            com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat(page.locator("#used-by"))
                    .containsText("kaa-provisional 2");
            se.kaa.testsupport.Browser.assertAccessible(page);

            page.locator("#spec-file").setInputFiles(new com.microsoft.playwright.options.FilePayload("spec.json", "application/json",
                    "{\n  \"id\": \"scb\",\n  \"versionn\": 3\n}\n".getBytes(StandardCharsets.UTF_8)));
            page.getByRole(com.microsoft.playwright.options.AriaRole.BUTTON,
                    new com.microsoft.playwright.Page.GetByRoleOptions().setName("Ladda upp")).click();
            com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat(page.locator("#upload-problems")).containsText("Rad 3");

            page.getByLabel("Ej påbörjat").selectOption("");
            page.getByRole(com.microsoft.playwright.options.AriaRole.BUTTON,
                    new com.microsoft.playwright.Page.GetByRoleOptions().setName("Spara koderna")).click();
            com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat(page.locator("#mapping-saved")).hasText("1 kod är sparad.");
            com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat(page.getByLabel("Ej påbörjat")).hasValue("");
            se.kaa.testsupport.Browser.assertAccessible(page);
        }
        assertThat(jdbc.sql("""
                SELECT count(*) FROM reporting_code_mapping m JOIN reporting_spec s ON s.id = m.spec
                WHERE m.municipality = ? AND s.version = '2' AND m.code_list = 'orsak' AND m.our_value = 'EJ_PABORJAT'""")
                .param(DEMO).query(Long.class).single()).isZero();
    }

    /**
     * The board report of the last ended half-year: the page (axe at 1280 and 768 px, no sideways scroll,
     * charts with text alternatives), the PDF that veraPDF accepts as PDF/UA, and the JSON where the count of
     * young people is the SCB return's – one definition – and a hidden cell is null, never the number.
     */
    @Test
    @Order(9)
    void theBoardReportAgreesWithTheReturnAndIsAnAccessiblePageAndPdf() throws Exception {
        HttpResponse<String> json = manager.get("/api/v1/reports/board/" + DEMO + "/" + lastEnded);
        assertThat(json.statusCode()).as(json.body()).isEqualTo(200);
        JsonNode report = WebSession.json(json).get("report");
        JsonNode inKaa = null;
        for (JsonNode section : report.get("sections")) {
            for (JsonNode row : section.get("rows")) {
                if (row.get("id").asString().equals("inKaa")) {
                    inKaa = row;
                }
                for (String column : List.of("current", "yearBefore", "women", "men")) {
                    JsonNode cell = row.get(column);
                    if (cell != null && cell.has("suppressed") && cell.get("suppressed").asBoolean()) {
                        assertThat(cell.has("count") && !cell.get("count").isNull()).as("hidden %s of %s", column, row.get("id")).isFalse();
                        assertThat(cell.get("note").asString()).isNotBlank();
                    }
                }
            }
        }
        assertThat(inKaa).isNotNull();
        int returned = WebSession.json(manager.get(base(lastEnded))).get("records").size();
        assertThat(inKaa.get("current").get("count").asLong()).as("young people in KAA = the return's records").isEqualTo(returned);
        // the share is of the folkbokförda 16-19 of the half-year's latest snapshot, counted here again
        long population = jdbc.sql("""
                SELECT count(*) FROM population_record r JOIN person p ON p.id = r.person_id JOIN import_batch b ON b.id = r.batch_id
                WHERE b.id = (SELECT id FROM import_batch WHERE source = 'FOLKBOKFORING' AND municipality = ? AND status = 'COMPLETED'
                              AND as_of <= ? ORDER BY as_of DESC, id DESC LIMIT 1)
                  AND r.status = 'NORMAL' AND p.birth_date > b.as_of - interval '20 years' AND p.birth_date <= b.as_of - interval '16 years'""")
                .params(DEMO, lastEnded.last()).query(Long.class).single();
        assertThat(inKaa.get("note").get("key").asString()).isEqualTo("reporting.board.note.inKaa.population");
        assertThat(inKaa.get("note").get("args").get(0).asLong()).isEqualTo(population);
        assertThat(WebSession.json(json).get("charts").size()).isGreaterThanOrEqualTo(4);

        HttpResponse<byte[]> pdf = manager.getBytes("/api/v1/reports/board/" + DEMO + "/" + lastEnded + ".pdf");
        assertThat(pdf.statusCode()).isEqualTo(200);
        assertThat(se.kaa.testsupport.PdfUa.failedRules(pdf.body())).as("PDF/UA-1").isEmpty();
        try (var doc = org.apache.pdfbox.Loader.loadPDF(pdf.body())) {
            String text = new org.apache.pdfbox.text.PDFTextStripper().getText(doc);
            assertThat(text).contains("Rapport till kommunstyrelsen").contains("Unga i aktivitetsansvaret")
                    .contains(String.valueOf(returned));
        }

        try (com.microsoft.playwright.BrowserContext context = se.kaa.testsupport.Browser.shared().newContext(
                new com.microsoft.playwright.Browser.NewContextOptions().setViewportSize(1280, 900))) {
            com.microsoft.playwright.Page page = context.newPage();
            String base = "http://localhost:" + port;
            signIn(page, base, TestUsers.username(Role.ENHETSCHEF), TestUsers.PASSWORD);
            page.waitForURL("**/oversikt");
            page.navigate(base + "/rapporter/namnd?municipality=" + DEMO + "&period=" + lastEnded);
            com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat(page.locator("#row-inKaa td.current"))
                    .containsText(String.valueOf(returned));
            assertThat(page.locator("svg.kaa-chart").count()).isGreaterThanOrEqualTo(4);
            assertThat(page.locator("svg.kaa-chart title").count()).isEqualTo(page.locator("svg.kaa-chart").count());
            se.kaa.testsupport.Browser.assertAccessible(page);
            page.setViewportSize(768, 1024);
            assertThat((Boolean) page.evaluate("() => document.documentElement.scrollWidth > document.documentElement.clientWidth"))
                    .as("sideways scroll of the board report at 768 px").isFalse();
            se.kaa.testsupport.Browser.assertAccessible(page);
        }
    }

    /**
     * The municipality sets its own suppression, writes the unit's analysis into the report, and freezes
     * it once sent (confirmed first): from then on the report, JSON and PDF, is the one frozen – a fact that
     * arrives later changes the live figures only – and its analysis is kept as it was.
     */
    @Test
    @Order(10)
    void aManagerSetsTheSuppressionWritesTheAnalysisAndFreezesTheReport() throws Exception {
        WebSession page = new WebSession(port);
        page.login(TestUsers.username(Role.ENHETSCHEF), TestUsers.PASSWORD);
        String board = "/api/v1/reports/board/" + DEMO + "/" + lastEnded;
        java.util.Map<String, String> where = java.util.Map.of("municipality", DEMO, "period", lastEnded.toString());

        java.util.Map<String, String> suppression = new java.util.HashMap<>(where);
        suppression.putAll(java.util.Map.of("minCount", "3", "minBase", "6"));
        assertThat(page.post("/rapporter/namnd/skydd", suppression).statusCode()).isEqualTo(302);
        assertThat(WebSession.json(manager.get(board)).get("report").get("suppression").get("minCount").asInt()).isEqualTo(3);
        suppression.put("minBase", "2"); // a base below the minimum count is refused
        page.post("/rapporter/namnd/skydd", suppression);
        assertThat(WebSession.json(manager.get(board)).get("report").get("suppression").get("minBase").asInt()).isEqualTo(6);

        java.util.Map<String, String> analysis = new java.util.HashMap<>(where);
        analysis.put("analysis", "Fler hembesök under hösten; samarbetet med komvux fortsätter.");
        assertThat(page.post("/rapporter/namnd/analys", analysis).statusCode()).isEqualTo(302);
        try (var doc = org.apache.pdfbox.Loader.loadPDF(manager.getBytes(board + ".pdf").body())) {
            assertThat(new org.apache.pdfbox.text.PDFTextStripper().getText(doc)).contains("Fler hembesök under hösten");
        }

        page.post("/rapporter/namnd/frys", where); // not confirmed: nothing is frozen
        assertThat(manager.get(board).headers().firstValue("X-Report-Frozen")).hasValue("false");
        java.util.Map<String, String> confirmed = new java.util.HashMap<>(where);
        confirmed.put("confirm", "true");
        assertThat(page.post("/rapporter/namnd/frys", confirmed).statusCode()).isEqualTo(302);
        HttpResponse<String> frozen = manager.get(board);
        assertThat(frozen.headers().firstValue("X-Report-Frozen").orElse("false")).isNotEqualTo("false");
        assertThat(page.get("/rapporter/namnd?municipality=" + DEMO + "&period=" + lastEnded).body()).contains("Rapporten frystes av");

        // a young person of the half-year turns out to have been reached: the live figures may move, the frozen report does not
        jdbc.sql("""
                INSERT INTO casework_contact_attempt (case_id, attempted_at, channel, outcome, recorded_by, recorded_at)
                SELECT c.id, CAST(? AS date) + time '10:00', 'PHONE', 'REACHED', 'test', now()
                FROM casework_case c WHERE c.municipality = ? AND c.entered <= ? ORDER BY c.id LIMIT 3""")
                .params(lastEnded.last().minusDays(3), DEMO, lastEnded.last().minusDays(3)).update();
        assertThat(manager.get(board).body()).isEqualTo(frozen.body());
        analysis.put("analysis", "Ändrad efteråt");
        page.post("/rapporter/namnd/analys", analysis);
        try (var doc = org.apache.pdfbox.Loader.loadPDF(manager.getBytes(board + ".pdf").body())) {
            assertThat(new org.apache.pdfbox.text.PDFTextStripper().getText(doc)).contains("Fler hembesök under hösten")
                    .doesNotContain("Ändrad efteråt");
        }
    }

    /**
     * The coverage check on the SCB page, as Skolverket reconciles: the folkbokförda 16–19 of the half-year's
     * latest snapshot, "rapporterade per 1 000" from the return, and every likely miss is one the group does
     * not hold that day although no school or examen is recorded – each checked here against the facts.
     */
    @Test
    @Order(11)
    void theCoverageCheckCountsAsSkolverketDoesAndEveryListedPersonIsExplainedByTheFacts() {
        WebSession page = new WebSession(port);
        page.login(TestUsers.username(Role.ENHETSCHEF), TestUsers.PASSWORD);
        long auditedBefore = jdbc.sql("SELECT count(*) FROM audit_entry WHERE action = 'COVERAGE_LISTED'").query(Long.class).single();
        String html = page.get("/rapporter/scb?municipality=" + DEMO + "&period=" + lastEnded).body();
        LocalDate asOf = jdbc.sql("""
                SELECT max(as_of) FROM import_batch WHERE source = 'FOLKBOKFORING' AND municipality = ? AND status = 'COMPLETED'
                  AND as_of <= ?""").params(DEMO, lastEnded.last()).query(LocalDate.class).single();
        long population = jdbc.sql("""
                SELECT count(*) FROM population_record r JOIN person p ON p.id = r.person_id
                JOIN import_batch b ON b.id = r.batch_id
                WHERE b.municipality = ? AND b.as_of = ? AND b.source = 'FOLKBOKFORING' AND r.status = 'NORMAL'
                  AND p.birth_date > CAST(? AS date) AND p.birth_date <= CAST(? AS date)""")
                .params(DEMO, asOf, asOf.minusYears(20), asOf.minusYears(16)).query(Long.class).single();
        assertThat(population).isPositive();
        assertThat(value(html, "coverage-population")).isEqualTo(String.valueOf(population));
        int records = WebSession.json(manager.get(base(lastEnded))).get("records").size();
        assertThat(value(html, "coverage-per-thousand")).isEqualTo(String.valueOf(Math.round(1000.0 * records / population)));
        java.util.regex.Matcher misses = java.util.regex.Pattern.compile("id=\"likely-misses\".*?</table>", java.util.regex.Pattern.DOTALL)
                .matcher(html);
        List<String> missed = new ArrayList<>();
        if (misses.find()) {
            java.util.regex.Matcher link = java.util.regex.Pattern.compile("/personer/([0-9a-f-]{36})").matcher(misses.group());
            while (link.find()) {
                missed.add(link.group(1));
            }
        }
        for (String id : missed) {
            assertThat(jdbc.sql("""
                    SELECT count(*) FROM membership_episode WHERE person_id = CAST(? AS uuid) AND municipality = ?
                      AND entered <= ? AND (exited IS NULL OR exited > ?)""").params(id, DEMO, asOf, asOf)
                    .query(Long.class).single()).as("a likely miss is not a member").isZero();
            assertThat(jdbc.sql("""
                    SELECT count(*) FROM enrolment WHERE person_id = CAST(? AS uuid) AND school_type IN ('GR', 'GRS', 'GY', 'GYS', 'MOTSV')
                      AND start_date <= ? AND (end_date IS NULL OR end_date >= ?)""").params(id, asOf, asOf)
                    .query(Long.class).single()).as("a likely miss is in no school").isZero();
        }
        assertThat(jdbc.sql("SELECT count(*) FROM audit_entry WHERE action = 'COVERAGE_LISTED'").query(Long.class).single())
                .as("the lists' read audited").isEqualTo(auditedBefore + (missed.isEmpty() && !html.contains("id=\"likely-false\"") ? 0 : 1));
    }

    /**
     * The aggregate tables as files for a spreadsheet: the board report's headline tables (hidden cells
     * stay ".") and the overview's numbers, as CSV and XLSX, the same as the pages show.
     */
    @Test
    @Order(12)
    void theBoardReportAndTheOverviewDownloadAsCsvAndXlsx() throws Exception {
        WebSession page = new WebSession(port);
        page.login(TestUsers.username(Role.ENHETSCHEF), TestUsers.PASSWORD);
        String csv = page.get("/rapporter/namnd.csv?municipality=" + DEMO + "&period=" + lastEnded).body();
        int records = WebSession.json(manager.get(base(lastEnded))).get("records").size();
        assertThat(csv).startsWith("\uFEFF").contains("Unga i aktivitetsansvaret under halvåret;" + records);
        JsonNode report = WebSession.json(manager.get("/api/v1/reports/board/" + DEMO + "/" + lastEnded)).get("report");
        long hidden = 0;
        for (JsonNode section : report.get("sections")) {
            for (JsonNode row : section.get("rows")) {
                if (row.get("current").has("suppressed") && row.get("current").get("suppressed").asBoolean()) {
                    hidden++;
                }
            }
        }
        long dots = csv.lines().filter(l -> l.split(";", -1).length > 1 && l.split(";", -1)[1].equals(".")).count();
        assertThat(dots).as("hidden cells of the half-year's column").isEqualTo(hidden);
        HttpResponse<byte[]> xlsx = page.getBytes("/rapporter/namnd.xlsx?municipality=" + DEMO + "&period=" + lastEnded);
        try (XSSFWorkbook book = new XSSFWorkbook(new ByteArrayInputStream(xlsx.body()))) {
            assertThat(book.getNumberOfSheets()).isEqualTo(report.get("sections").size());
        }

        String html = page.get("/oversikt?municipality=" + DEMO).body();
        String overview = page.get("/oversikt.csv?municipality=" + DEMO).body();
        java.util.regex.Matcher openTile = java.util.regex.Pattern.compile("id=\"tile-open\">\\s*<span class=\"tile-number\">(\\d+)<")
                .matcher(html);
        assertThat(openTile.find()).isTrue();
        assertThat(overview).containsPattern("öppna ärenden;" + openTile.group(1) + "\r\n");
        try (XSSFWorkbook book = new XSSFWorkbook(new ByteArrayInputStream(page.getBytes("/oversikt.xlsx?municipality=" + DEMO).body()))) {
            assertThat(book.getNumberOfSheets()).isEqualTo(2);
            assertThat(book.getSheetAt(1).getRow(0).getCell(0).getStringCellValue()).isEqualTo("Handläggare");
        }
    }

    /**
     * The list behind a tile, as a file: the worklist's filter of the tile's link, every matching case
     * (not a page of them) with its personnummer, in CSV and XLSX; the download is audited naming exactly
     * the persons in it; the handläggare may not download; a filter that cannot be read is a 400 and no
     * file, no audit entry.
     */
    @Test
    @Order(13)
    void theListBehindATileDownloadsWithPersonnummerAndIsAuditedAsAnExport() throws Exception {
        WebSession page = new WebSession(port);
        page.login(TestUsers.username(Role.ENHETSCHEF), TestUsers.PASSWORD);
        String html = page.get("/oversikt?municipality=" + DEMO).body();
        java.util.regex.Matcher tile = java.util.regex.Pattern.compile(
                "href=\"(/arenden\\?[^\"]*category=not-contacted[^\"]*)\"\\s+id=\"tile-not-contacted\">\\s*<span class=\"tile-number\">(\\d+)<")
                .matcher(html);
        assertThat(tile.find()).as("the tile of cases not contacted").isTrue();
        String link = tile.group(1).replace("&amp;", "&");
        int shown = Integer.parseInt(tile.group(2));
        assertThat(shown).isPositive();
        // the worklist the tile opens links the file of the same filter
        java.util.regex.Matcher fileLink = java.util.regex.Pattern.compile("href=\"(/arenden\\.csv\\?[^\"]*)\"")
                .matcher(page.get(link).body());
        assertThat(fileLink.find()).as("the worklist's link to its file").isTrue();
        String pageFile = fileLink.group(1).replace("&amp;", "&");
        assertThat(pageFile).contains("category=NOT_CONTACTED");

        JsonNode api = WebSession.json(manager.get("/api/v1/cases?municipality=" + DEMO + "&category=not-contacted&size=1000"));
        List<String> expected = new ArrayList<>();
        api.get("cases").forEach(c -> expected.add(c.get("personnummer").asString()));
        assertThat(expected).hasSize(shown);

        long auditsBefore = jdbc.sql("SELECT count(*) FROM audit_entry WHERE action = 'WORKLIST_EXPORTED'").query(Long.class).single();
        HttpResponse<String> csv = page.get(link.replace("/arenden?", "/arenden.csv?"));
        assertThat(csv.statusCode()).isEqualTo(200);
        assertThat(csv.headers().firstValue("Content-Disposition").orElseThrow()).contains("kaa-arenden-" + DEMO);
        List<String> lines = csv.body().lines().toList();
        assertThat(lines.get(0)).startsWith("\uFEFFÄrenden i").contains("Kategori: Ej kontaktade");
        assertThat(lines.get(1)).startsWith("Personnummer;Namn;Skyddad identitet;Ålder;Orsak;I målgruppen sedan;");
        List<String> listed = lines.subList(2, lines.size()).stream().filter(l -> !l.isBlank()).map(l -> l.split(";")[0]).toList();
        assertThat(listed).as("every case behind the tile, in the worklist's order").isEqualTo(expected);
        assertThat(lines.subList(2, 2 + shown)).allSatisfy(l -> assertThat(l).contains("Ej kontaktade").doesNotContain(";Nådd;"));

        List<String> audited = jdbc.sql("""
                SELECT p.pnr FROM audit_entry a CROSS JOIN LATERAL unnest(a.person_ids) AS u (pid) JOIN person p ON p.id = u.pid
                WHERE a.id = (SELECT max(id) FROM audit_entry WHERE action = 'WORKLIST_EXPORTED')""").query(String.class).list();
        assertThat(new TreeSet<>(audited)).isEqualTo(new TreeSet<>(expected));

        // the streamed workbook's rows (personnummer) wait under the data directory, never in the shared temp directory
        java.nio.file.Path sheets = platform.dataDir().resolve("sheets").toAbsolutePath().normalize();
        java.io.File probe = org.apache.poi.util.TempFile.createTempFile("probe", ".xml");
        try {
            assertThat(probe.toPath().toAbsolutePath().normalize()).startsWith(sheets);
        } finally {
            java.nio.file.Files.delete(probe.toPath());
        }
        assertThat(page.get(pageFile).body().lines().skip(2).filter(l -> !l.isBlank()).map(l -> l.split(";")[0]).toList())
                .as("the worklist page's file").isEqualTo(expected);
        try (XSSFWorkbook book = new XSSFWorkbook(new ByteArrayInputStream(
                page.getBytes(link.replace("/arenden?", "/arenden.xlsx?")).body()))) {
            Sheet sheet = book.getSheetAt(0);
            assertThat(sheet.getRow(0).getCell(0).getStringCellValue()).isEqualTo("Personnummer");
            List<String> rows = new ArrayList<>();
            for (int r = 1; r <= sheet.getLastRowNum(); r++) {
                rows.add(sheet.getRow(r).getCell(0).getStringCellValue());
            }
            assertThat(rows).isEqualTo(expected);
        }
        try (java.util.stream.Stream<java.nio.file.Path> left = java.nio.file.Files.walk(sheets)) {
            assertThat(left.filter(java.nio.file.Files::isRegularFile)).as("every temporary file deleted once written").isEmpty();
        }
        assertThat(jdbc.sql("SELECT count(*) FROM audit_entry WHERE action = 'WORKLIST_EXPORTED'").query(Long.class).single())
                .isEqualTo(auditsBefore + 3);

        for (String bad : List.of("category=nope", "age=99", "school=%3Cscript%3E", "reason=X", "overdue=kanske", "page=-1")) {
            HttpResponse<String> r = page.get("/arenden.csv?municipality=" + DEMO + "&" + bad);
            assertThat(r.statusCode()).as(bad).isEqualTo(400);
            assertThat(r.body()).as(bad).doesNotContain("Personnummer;").contains("<ul id=\"problems\">");
        }
        assertThat(page.get("/arenden.csv?municipality=" + DEMO + "&age=99").body()).as("the field, what is wrong and what is expected")
                .contains("Fältet Ålder ska vara ett heltal mellan 15 och 20.");
        assertThat(page.get("/arenden.csv?municipality=" + DEMO + "&category=nope").body()).as("the categories in words")
                .contains("Ej kontaktade").doesNotContain("NOT_CONTACTED");
        assertThat(page.get("/arenden.csv?municipality=0180").statusCode()).as("a municipality not granted: never another list").isEqualTo(404);
        assertThat(page.get("/arenden.csv").statusCode()).as("no municipality named").isEqualTo(404);
        assertThat(jdbc.sql("SELECT count(*) FROM audit_entry WHERE action = 'WORKLIST_EXPORTED'").query(Long.class).single())
                .isEqualTo(auditsBefore + 3);

        WebSession worker = new WebSession(port);
        worker.login(TestUsers.username(Role.HANDLAGGARE), TestUsers.PASSWORD);
        assertThat(worker.get("/arenden.csv?municipality=" + DEMO).statusCode()).isEqualTo(403);
        assertThat(worker.get("/arenden?municipality=" + DEMO).body()).doesNotContain("/arenden.csv");
    }

    /**
     * The administrator updates Skolverket's national figures: a file with problems is refused naming
     * each with its line, a version not newer than the one in use is refused, a new version is stored,
     * listed and used by the board report at once. The page passes axe.
     */
    @Test
    @Order(14)
    void theAdministratorUploadsNewNationalFiguresAndTheBoardReportUsesThem() {
        String newer = """
                {
                  "version": 2,
                  "source": "Skolverket, testsiffror",
                  "figures": [
                    {"figure": "contact", "halfYear": "%s", "value": 51.5}
                  ]
                }
                """.formatted(lastEnded);
        try (com.microsoft.playwright.BrowserContext context = se.kaa.testsupport.Browser.shared().newContext(
                new com.microsoft.playwright.Browser.NewContextOptions().setViewportSize(1280, 900))) {
            com.microsoft.playwright.Page page = context.newPage();
            String base = "http://localhost:" + port;
            signIn(page, base, KaaIntegrationTest.USER, KaaIntegrationTest.PASSWORD);
            page.navigate(base + "/admin/rapporter/scb?municipality=" + DEMO);
            page.locator("#national-link").click();
            com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat(page.locator("h2").first()).hasText("Version 1 används");
            com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat(page.locator("#national-figures tbody tr"))
                    .hasCount(NationalFigures.shipped().entries().size());
            se.kaa.testsupport.Browser.assertAccessible(page);

            upload(page, "{\n  \"version\": 2,\n  \"source\": \"x\",\n  \"figures\": [\n    {\"figure\": \"kontakt\", \"halfYear\": \"2025H3\", \"value\": 45}\n  ]\n}\n");
            com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat(page.locator("#national-problems li")).hasCount(2);
            com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat(page.locator("#national-problems"))
                    .containsText("Rad 5: Fältet \"figures[1].figure\": \"kontakt\" är inget känt tal.");
            com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat(page.locator("#national-problems"))
                    .containsText("\"2025H3\" är inget halvår");
            se.kaa.testsupport.Browser.assertAccessible(page);

            upload(page, newer.replace("\"version\": 2", "\"version\": 1"));
            com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat(page.locator("#national-problems"))
                    .containsText("Rad 2: Fältet \"version\" är 1, men version 1 används redan.");
            assertThat(jdbc.sql("SELECT count(*) FROM reporting_national_figures").query(Long.class).single()).isZero();

            upload(page, newer);
            com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat(page.locator("#national-uploaded"))
                    .hasText("Version 2 är lagrad och används från och med nu.");
            com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat(page.locator("#national-source")).hasText("Skolverket, testsiffror");
            com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat(page.locator("#national-versions tbody tr")).hasCount(2);
            com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat(page.locator("#national-versions tbody tr").nth(1))
                    .containsText("Ersatt av en senare version");
            se.kaa.testsupport.Browser.assertAccessible(page);
        }
        try {
            HalfYear now = HalfYear.of(clock.today());
            JsonNode report = WebSession.json(manager.get("/api/v1/reports/board/" + DEMO + "/" + now)).get("report");
            assertThat(report.get("national").get("version").asInt()).isEqualTo(2);
            assertThat(report.toString()).contains("Skolverket, testsiffror")
                    .contains("{\"figure\":\"CONTACT\",\"kind\":\"HALF_YEAR\",\"period\":\"" + lastEnded + "\",\"value\":51.5");
            assertThat(report.toString()).as("the shipped figures are no longer used").doesNotContain("Skolverket, statistik om");
            JsonNode frozen = WebSession.json(manager.get("/api/v1/reports/board/" + DEMO + "/" + lastEnded)).get("report");
            assertThat(frozen.get("national").get("version").asInt()).as("a frozen report keeps its figures").isEqualTo(1);
        } finally {
            jdbc.sql("DELETE FROM reporting_national_figures").update();
        }
    }

    private static void upload(com.microsoft.playwright.Page page, String json) {
        page.locator("#national-file").setInputFiles(new com.microsoft.playwright.options.FilePayload("riket.json",
                "application/json", json.getBytes(StandardCharsets.UTF_8)));
        page.getByRole(com.microsoft.playwright.options.AriaRole.BUTTON,
                new com.microsoft.playwright.Page.GetByRoleOptions().setName("Ladda upp")).click();
    }

    /**
     * One generated municipality through every consumer, person by person, for the ongoing half-year: each
     * person of the return and her case as the case page's API shows it (registration, exit, contact during
     * the half-year, the occupation at the latest contact, the measures), each open case as the worklist
     * lists it against the case page (contact state, first contact, overdue), and the manager's overview and
     * the board report counted again from those persons (members, registrations, contacts, the median days
     * to first contact).
     */
    @Test
    @Order(15)
    void theWorklistTheCasePageTheOverviewTheBoardReportAndTheReturnAgreePersonByPerson() {
        HalfYear now = HalfYear.of(clock.today());
        LocalDate today = clock.today();
        JsonNode returned = WebSession.json(manager.get(base(now)));
        long specId = returned.get("spec").get("id").asLong();
        java.util.Map<String, java.util.Map<String, String>> codes = new java.util.HashMap<>();
        jdbc.sql("SELECT code_list, our_value, code FROM reporting_code_mapping WHERE municipality = ? AND spec = ?")
                .params(DEMO, specId).query((rs, n) -> codes.computeIfAbsent(rs.getString(1), k -> new java.util.HashMap<>())
                        .put(rs.getString(2), rs.getString(3))).list();

        java.util.Map<String, JsonNode> worklist = new java.util.HashMap<>();
        WebSession.json(manager.get("/api/v1/cases?municipality=" + DEMO + "&size=1000")).get("cases")
                .forEach(c -> worklist.put(c.get("personnummer").asString(), c));

        int open = 0;
        int contactsCompared = 0;
        int occupations = 0;
        int measures = 0;
        int exits = 0;
        long registeredInPeriod = 0;
        long contacted = 0;
        List<Long> daysToFirstContact = new ArrayList<>();
        Set<String> persons = new HashSet<>();
        for (JsonNode r : returned.get("records")) {
            String pnr = r.get("personnummer").asString();
            persons.add(pnr);
            LocalDate registered = LocalDate.parse(r.get("reg_datum").asString());
            boolean contact = "J".equals(r.get("kontakt").asString());
            registeredInPeriod += registered.isBefore(now.first()) ? 0 : 1;
            contacted += contact ? 1 : 0;
            Long caseId = jdbc.sql("""
                    SELECT k.id FROM casework_case k JOIN person p ON p.id = k.person_id
                    WHERE p.pnr = ? AND k.municipality = ?""").params(pnr, DEMO).query(Long.class).optional().orElse(null);
            if (caseId == null) {
                assertThat(contact).as("no case, no contact: %s", pnr).isFalse();
                continue;
            }
            JsonNode c = WebSession.json(manager.get("/api/v1/cases/" + caseId));
            boolean isOpen = "OPEN".equals(c.get("status").asString());
            // registration and exit: the case follows her latest episode
            assertThat(registered).as("registration of case %s", caseId).isEqualTo(LocalDate.parse(c.get("entered").asString()));
            if (isOpen) {
                assertThat(text(r, "avreg_datum")).as("exit of open case %s", caseId).isEmpty();
            } else if (date(c, "closedOn") != null && !date(c, "closedOn").isAfter(now.last())) {
                assertThat(text(r, "avreg_datum")).as("exit of case %s", caseId).isEqualTo(date(c, "closedOn").toString());
                assertThat(text(r, "avreg_orsak")).isEqualTo(codes.get("avregorsak").get(c.get("exitReason").asString()));
                exits++;
            }
            // contact during the half-year, from the case's attempts (reached, not struck out)
            List<LocalDate> reached = new ArrayList<>();
            c.get("contacts").forEach(a -> {
                if ("REACHED".equals(a.get("outcome").asString()) && !a.get("struck").asBoolean()) {
                    reached.add(LocalDate.parse(a.get("attemptedAt").asString().substring(0, 10)));
                }
            });
            LocalDate from = registered.isAfter(now.first()) ? registered : now.first();
            boolean earlierEpisode = reached.stream().anyMatch(d -> !d.isBefore(now.first()) && d.isBefore(from));
            LocalDate latest = reached.stream().filter(d -> !d.isBefore(from) && !d.isAfter(today)).max(LocalDate::compareTo).orElse(null);
            if (!earlierEpisode) { // a contact during an earlier episode of the half-year is not on the case's current clock
                assertThat(contact).as("contact during %s of case %s", now, caseId).isEqualTo(latest != null);
                contactsCompared++;
                if (latest != null) {
                    LocalDate at = latest;
                    String type = null;
                    LocalDate verified = null;
                    long id = -1;
                    for (JsonNode o : c.get("occupations")) {
                        LocalDate v = date(o, "verifiedOn");
                        boolean valid = !v.isAfter(at) && (date(o, "ended") == null || !date(o, "ended").isBefore(at));
                        if (valid && (verified == null || v.isAfter(verified) || v.equals(verified) && o.get("id").asLong() > id)) {
                            type = o.get("type").asString();
                            verified = v;
                            id = o.get("id").asLong();
                        }
                    }
                    assertThat(text(r, "syss_senaste_kontakt")).as("occupation at the latest contact of case %s", caseId)
                            .isEqualTo(codes.get("sysselsattning").get(type == null ? "UNKNOWN" : type));
                    occupations++;
                }
            }
            // the first contact of the case page's clock, counted from the registration
            LocalDate first = date(c.get("state").get("clocks").get("firstContact"), "doneOn");
            if (!registered.isBefore(now.first()) && first != null) {
                daysToFirstContact.add(Math.max(0, java.time.temporal.ChronoUnit.DAYS.between(registered, first)));
            }
            // the measures overlapping the half-year, oldest first
            List<JsonNode> overlapping = new ArrayList<>();
            (c.has("plan") ? c.get("plan").get("measures") : tools.jackson.databind.node.JsonNodeFactory.instance.arrayNode()).forEach(m -> {
                LocalDate start = measureStart(m);
                if (!start.isAfter(now.last()) && (date(m, "ends") == null || !date(m, "ends").isBefore(now.first()))) {
                    overlapping.add(m);
                }
            });
            overlapping.sort(java.util.Comparator.comparing(ScbReturnTest::measureStart).thenComparing(m -> m.get("id").asLong()));
            for (int n = 1; n <= 3; n++) {
                JsonNode m = n <= overlapping.size() ? overlapping.get(n - 1) : null;
                assertThat(text(r, "atgard" + n + "_start")).as("measure %d of case %s", n, caseId)
                        .isEqualTo(m == null ? "" : measureStart(m).toString());
                measures += m == null ? 0 : 1;
            }
            // an open case as the worklist lists it
            if (isOpen) {
                JsonNode w = worklist.remove(pnr);
                assertThat(w).as("open case %s in the worklist", caseId).isNotNull();
                JsonNode state = c.get("state");
                assertThat(w.get("contactState").asString()).isEqualTo(state.get("contactState").asString());
                assertThat(date(w.get("clocks").get("firstContact"), "doneOn")).isEqualTo(first);
                assertThat(w.get("overdue").asBoolean()).as("overdue of case %s", caseId).isEqualTo(state.get("overdue").asBoolean());
                assertThat(w.get("categories").toString().contains("NOT_CONTACTED")).isEqualTo(first == null);
                open++;
            }
        }
        assertThat(worklist).as("open cases of persons not in the return").isEmpty();
        assertThat(open).isGreaterThan(20);
        assertThat(contactsCompared).isGreaterThan(20);
        assertThat(occupations).isPositive();
        assertThat(measures).isPositive();
        assertThat(exits).isPositive();
        assertThat(persons).hasSize(returned.get("records").size());

        // the overview's half-year and the board report, counted again from the same persons
        WebSession page = new WebSession(port);
        page.login(TestUsers.username(Role.ENHETSCHEF), TestUsers.PASSWORD);
        String html = page.get("/oversikt?municipality=" + DEMO).body();
        assertThat(value(html, "intake-members")).isEqualTo(String.valueOf(persons.size()));
        assertThat(value(html, "intake-registered")).isEqualTo(String.valueOf(registeredInPeriod));
        List<Long> sorted = daysToFirstContact.stream().sorted().toList();
        assertThat(sorted).hasSizeGreaterThan(3);
        int k = sorted.size();
        long median = k % 2 == 1 ? sorted.get(k / 2) : Math.round((sorted.get(k / 2 - 1) + sorted.get(k / 2)) / 2.0);
        assertThat(value(html, "intake-median")).isEqualTo(median == 1 ? "1 dag" : median + " dagar");
        assertThat(html).containsPattern("id=\"tile-open\">\\s*<span class=\"tile-number\">" + open + "<");

        // the board report without small-cell suppression (the smallest the settings allow), so that every figure shows
        jdbc.sql("""
                INSERT INTO reporting_settings (municipality, min_count, min_base, changed_by, changed_at) VALUES (?, 2, 2, 'test', now())
                ON CONFLICT (municipality) DO UPDATE SET min_count = 2, min_base = 2""").param(DEMO).update();
        JsonNode report = WebSession.json(manager.get("/api/v1/reports/board/" + DEMO + "/" + now)).get("report");
        java.util.Map<String, JsonNode> rows = new java.util.HashMap<>();
        report.get("sections").forEach(section -> section.get("rows").forEach(row -> rows.put(row.get("id").asString(), row.get("current"))));
        assertThat(rows.get("inKaa").get("count").asLong()).isEqualTo(persons.size());
        assertThat(rows.get("contact").get("count").asLong()).isEqualTo(contacted);
        assertThat(rows.get("daysToFirstContact").get("count").asLong()).isEqualTo(median);
        assertThat(rows.get("daysToFirstContact").get("base").asLong()).isEqualTo(k);
    }

    /** A date field of an API answer; null when absent or null (the API leaves nulls out). */
    private static LocalDate date(JsonNode node, String field) {
        JsonNode v = node == null ? null : node.get(field);
        return v == null || v.isNull() ? null : LocalDate.parse(v.asString().substring(0, 10));
    }

    private static LocalDate measureStart(JsonNode m) {
        return date(m, "starts") != null ? date(m, "starts") : date(m, "offeredOn");
    }

    private static String text(JsonNode record, String field) {
        JsonNode v = record.get(field);
        return v == null || v.isNull() ? "" : v.asString();
    }

    private static String value(String html, String id) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("id=\"" + id + "\">([^<]*)<").matcher(html);
        assertThat(m.find()).as(id).isTrue();
        return m.group(1).strip();
    }

    private static void signIn(com.microsoft.playwright.Page page, String base, String user, String password) {
        page.navigate(base + "/login");
        page.getByLabel("Användarnamn").fill(user);
        page.getByLabel("Lösenord").fill(password);
        page.getByRole(com.microsoft.playwright.options.AriaRole.BUTTON,
                new com.microsoft.playwright.Page.GetByRoleOptions().setName("Logga in")).click();
    }

    /** Creates a file, with a reason when the return has errors. */
    private static void create(com.microsoft.playwright.Page page) {
        if (page.locator("#overrideReason").count() > 0) {
            page.locator("#overrideReason").fill("Kända fel i demodata");
        }
        page.getByRole(com.microsoft.playwright.options.AriaRole.BUTTON,
                new com.microsoft.playwright.Page.GetByRoleOptions().setName("Skapa och spara filen")).click();
    }
}
