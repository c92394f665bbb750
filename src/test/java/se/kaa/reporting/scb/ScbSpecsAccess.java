package se.kaa.reporting.scb;

/** The shipped spec's bytes, for tests that upload a variant of it. */
public final class ScbSpecsAccess {

    private ScbSpecsAccess() {
    }

    public static byte[] shipped() {
        return ScbSpecs.shippedContent();
    }
}
