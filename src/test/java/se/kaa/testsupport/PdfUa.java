package se.kaa.testsupport;

import java.io.ByteArrayInputStream;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

import org.verapdf.gf.foundry.VeraGreenfieldFoundryProvider;
import org.verapdf.pdfa.Foundries;
import org.verapdf.pdfa.PDFAParser;
import org.verapdf.pdfa.PDFAValidator;
import org.verapdf.pdfa.flavours.PDFAFlavour;
import org.verapdf.pdfa.results.TestAssertion;
import org.verapdf.pdfa.results.ValidationResult;

/** PDF/UA-1 validation of a PDF with veraPDF (the machine-checkable part of the Matterhorn Protocol). */
public final class PdfUa {

    static {
        VeraGreenfieldFoundryProvider.initialise();
    }

    private PdfUa() {
    }

    /**
     * The failed PDF/UA-1 rules, one line per rule (clause-test, how often, the first place, description), or an
     * empty string when veraPDF finds the PDF compliant.
     */
    public static String failedRules(byte[] pdf) throws Exception {
        try (PDFAParser parser = Foundries.defaultInstance().createParser(new ByteArrayInputStream(pdf), PDFAFlavour.PDFUA_1);
                PDFAValidator validator = Foundries.defaultInstance().createValidator(PDFAFlavour.PDFUA_1, false)) {
            ValidationResult result = validator.validate(parser);
            if (result.isCompliant()) {
                return "";
            }
            Map<String, List<TestAssertion>> byRule = result.getTestAssertions().stream()
                    .filter(assertion -> assertion.getStatus() == TestAssertion.Status.FAILED)
                    .collect(Collectors.groupingBy(
                            assertion -> assertion.getRuleId().getClause() + "-" + assertion.getRuleId().getTestNumber(),
                            TreeMap::new, Collectors.toList()));
            String failures = byRule.entrySet().stream()
                    .map(rule -> rule.getKey() + " (" + rule.getValue().size() + "x, first at "
                            + rule.getValue().get(0).getLocation().getContext() + "): " + rule.getValue().get(0).getMessage())
                    .collect(Collectors.joining("\n"));
            return failures.isEmpty() ? "not compliant (" + result.getJobEndStatus() + ")" : failures;
        }
    }
}
