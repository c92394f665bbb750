/**
 * The register extract (registerutdrag): everything held about a person, with who has accessed her
 * data, as JSON and as a PDF. Reads person, intake and targetgroup through their APIs and the access
 * history through the {@link se.kaa.extract.AccessHistory} port the audit module implements.
 */
package se.kaa.extract;
