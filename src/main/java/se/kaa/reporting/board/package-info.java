/**
 * The board report (kommunstyrelsen, twice a year): the headline figures of a half-year computed from
 * casework's period records ({@link se.kaa.casework.PeriodRecords}), small-cell suppression, the
 * national figures beside them and server-side SVG charts. Plain Java, no Spring: a page, a JSON API
 * and a PDF wire it. docs/board-report.md.
 */
package se.kaa.reporting.board;
