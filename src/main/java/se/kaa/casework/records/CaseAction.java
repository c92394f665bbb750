package se.kaa.casework.records;

/**
 * What the action bar opens: its forms ({@code param} in the URL, {@code form} the form's name in
 * the page's model). Occupations and measures are refused on a closed case, so not offered there;
 * contact attempts and notes are still taken (docs/casework.md).
 */
public enum CaseAction {
    CONTACT("kontakt", "contact", true), OCCUPATION("sysselsattning", "occupation", false),
    MEASURE("insats", "measure", false), NOTE("anteckning", "note", true);

    private final String param;
    private final String form;
    private final boolean whenClosed;

    CaseAction(String param, String form, boolean whenClosed) {
        this.param = param;
        this.form = form;
        this.whenClosed = whenClosed;
    }

    public String param() {
        return param;
    }

    public String form() {
        return form;
    }

    public boolean offered(boolean open) {
        return open || whenClosed;
    }

    public static CaseAction of(String param, boolean open) {
        for (CaseAction a : values()) {
            if (a.param.equals(param) && a.offered(open)) {
                return a;
            }
        }
        return null;
    }

    public static CaseAction ofForm(String form) {
        for (CaseAction a : values()) {
            if (a.form.equals(form)) {
                return a;
            }
        }
        return null;
    }
}

