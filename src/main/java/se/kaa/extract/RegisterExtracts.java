package se.kaa.extract;

import java.util.UUID;

/** Builds a person's register extract. */
public interface RegisterExtracts {

    /**
     * The extract of everything held about her.
     *
     * @throws se.kaa.platform.ProblemException 404 when she is unknown or was never in a municipality
     *                                          this installation serves
     */
    RegisterExtract extract(UUID personId);
}
