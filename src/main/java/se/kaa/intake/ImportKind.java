package se.kaa.intake;

/** The four canonical CSV formats; {@link #path()} is the name used in URLs. */
public enum ImportKind {
    FOLKBOKFORING("folkbokforing"),
    INSKRIVNINGAR("inskrivningar"),
    EXAMINA("examina"),
    ANTAGNING("antagning");

    private final String path;

    ImportKind(String path) {
        this.path = path;
    }

    public String path() {
        return path;
    }

    public FactSource source() {
        return FactSource.valueOf(name());
    }

    public static java.util.Optional<ImportKind> fromPath(String path) {
        for (ImportKind k : values()) {
            if (k.path.equals(path)) {
                return java.util.Optional.of(k);
            }
        }
        return java.util.Optional.empty();
    }
}
