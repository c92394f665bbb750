package se.kaa.casework.records;

import java.util.Map;

import se.kaa.casework.cases.CaseAccess;

/**
 * A section of the case page contributed by one part of casework (assignment, contacts, letters, …),
 * so that each part owns its template and model without touching the others. The case page asks
 * every bean of this type, in {@link #order()}, for its model and renders the fragment
 * {@code ~{<template> :: panel}} with those attributes (and {@code caseRef}) in scope.
 */
public interface CasePagePanel {

    /** The Thymeleaf template holding a fragment named {@code panel}, e.g. {@code casework/panel-assignment}. */
    String template();

    /** Lower first. */
    int order();

    /** The attributes the fragment needs, for this case; read with the current user's access. */
    Map<String, Object> model(CaseAccess.CaseRef caseRef);
}
