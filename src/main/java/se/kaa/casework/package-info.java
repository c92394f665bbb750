/**
 * Casework: a case per person and municipality that follows her membership episodes, its
 * assignment, the worklist, contact attempts, occupations, measures and the plan, notes, letters
 * and messages, and the handover when she moves (docs/casework.md).
 */
package se.kaa.casework;
