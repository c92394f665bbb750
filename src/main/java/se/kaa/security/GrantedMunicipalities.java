package se.kaa.security;

import java.util.List;
import java.util.Optional;

import org.springframework.stereotype.Component;

import se.kaa.platform.Installation;
import se.kaa.platform.ProblemException;
import se.kaa.platform.ProblemException.FieldProblem;
import se.kaa.shared.MunicipalityCode;

/**
 * The one decision which municipality a request may be about: one the installation serves and the
 * signed-in user is granted. A page's {@link Granted} parameter and the API's {@code municipality}
 * query parameter both come here.
 */
@Component
public class GrantedMunicipalities {

    private final CurrentAccess access;
    private final Installation installation;

    GrantedMunicipalities(CurrentAccess access, Installation installation) {
        this.access = access;
        this.installation = installation;
    }

    /**
     * For a page ({@link Granted}): the municipality {@code value} names when it is hers; otherwise,
     * unless {@code exactly}, her first; none – {@code 404}.
     */
    public MunicipalityCode forPage(String value, boolean exactly) {
        List<MunicipalityCode> granted = access.scope().granted(installation.servedMunicipalities());
        String wanted = value == null ? "" : value.strip();
        return granted.stream().filter(m -> m.value().equals(wanted)).findFirst()
                .or(() -> exactly ? Optional.empty() : granted.stream().findFirst())
                .orElseThrow(() -> ProblemException.notFound("Municipality"));
    }

    /**
     * For the API: the municipality {@code value} names, or null with a field problem added – missing,
     * not a code, or not served or not granted (refused alike, naming nothing).
     */
    public MunicipalityCode forApi(String value, List<FieldProblem> problems) {
        if (value == null || value.isBlank()) {
            problems.add(new FieldProblem("municipality", "problem.field.missing", "municipality"));
            return null;
        }
        if (!MunicipalityCode.isValid(value)) {
            problems.add(new FieldProblem("municipality", "municipality.invalid"));
            return null;
        }
        MunicipalityCode code = MunicipalityCode.of(value);
        if (!installation.serves(code) || !access.scope().grants(code)) {
            problems.add(new FieldProblem("municipality", "municipality.not-served", code.value()));
            return null;
        }
        return code;
    }
}
