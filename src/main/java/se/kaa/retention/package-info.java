/**
 * Retention (gallring): policies per municipality and data class, the daily job that deletes or
 * pseudonymises what is past its time, its dry run, and the log of every run.
 */
package se.kaa.retention;
