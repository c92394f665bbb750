/**
 * The register extract (registerutdrag): everything held about a person, with who has accessed her
 * data, as JSON and as a PDF. Reads person, intake, targetgroup and casework through their APIs, the
 * access history through the {@link se.kaa.extract.AccessHistory} port, and says each access as a
 * Swedish sentence with the actor named by role ({@link se.kaa.security.ActorDirectory}).
 */
package se.kaa.extract;
