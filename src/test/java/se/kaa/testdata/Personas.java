package se.kaa.testdata;

import se.kaa.shared.PersonalIdentityNumber;

/**
 * Named test persons. Every number is one of Skatteverket's test personnummer or
 * samordningsnummer (../shared/testdata/), never a number that could belong to a real person.
 */
public final class Personas {

    private Personas() {
    }

    // Born 2008: grade 9 in spring 2024, 20 in 2028 (rule set 2023).
    /** born 2008-01-17 */
    public static final PersonalIdentityNumber ALVA = pin("200801172388");
    /** born 2008-02-01 */
    public static final PersonalIdentityNumber BERTIL = pin("200802012385");
    /** born 2008-02-02 */
    public static final PersonalIdentityNumber CELINE = pin("200802022392");
    /** born 2008-02-17 */
    public static final PersonalIdentityNumber DAVID = pin("200802172395");
    /** born 2008-02-22 */
    public static final PersonalIdentityNumber EBBA = pin("200802222380");
    /** born 2008-02-26 */
    public static final PersonalIdentityNumber FILIP = pin("200802262386");
    /** born 2008-02-28 */
    public static final PersonalIdentityNumber GRETA = pin("200802282384");
    /** born 2008-02-29: turns 20 on 2028-02-29 (a leap year) */
    public static final PersonalIdentityNumber HAMPUS = pin("200802292383");
    /** born 2008-04-13 */
    public static final PersonalIdentityNumber IDA = pin("200804132397");
    /** born 2008-05-04 */
    public static final PersonalIdentityNumber JONAS = pin("200805042397");
    /** born 2008-05-17 */
    public static final PersonalIdentityNumber KARIN = pin("200805172392");
    /** born 2008-06-08 */
    public static final PersonalIdentityNumber LEO = pin("200806082392");
    /** born 2008-12-28 */
    public static final PersonalIdentityNumber MAJA = pin("200812282390");
    /** born 2009-01-08 */
    public static final PersonalIdentityNumber NILS = pin("200901082396");
    /** born 2007-01-12 */
    public static final PersonalIdentityNumber OLIVIA = pin("200701122384");
    /** born 2005-01-12: an episode across the 2023-07-02 rename */
    public static final PersonalIdentityNumber PETTER = pin("200501122386");

    // Born 1997–2001: the 2015 rule set and the 2018 switch.
    /** born 1997-01-09: out of school before the register's history starts (2015-01-01) */
    public static final PersonalIdentityNumber QUINTUS = pin("199701092398");
    /** born 1999-01-10 */
    public static final PersonalIdentityNumber RUT = pin("199901102385");
    /** born 1999-02-01 */
    public static final PersonalIdentityNumber SIXTEN = pin("199902012385");
    /** born 2000-01-20 */
    public static final PersonalIdentityNumber TILDA = pin("200001202399");
    /** born 2000-02-06 */
    public static final PersonalIdentityNumber ULF = pin("200002062388");
    /** born 2001-01-09 */
    public static final PersonalIdentityNumber VERA = pin("200101092385");
    /** born 2001-04-18 */
    public static final PersonalIdentityNumber WILMA = pin("200104182399");

    // Samordningsnummer (day of birth + 60).
    /** samordningsnummer, born 2004-01-03 */
    public static final PersonalIdentityNumber XENIA = pin("200401632385");
    /** samordningsnummer, born 2005-05-02 */
    public static final PersonalIdentityNumber YUSUF = pin("200505622399");

    public static PersonalIdentityNumber pin(String twelveDigits) {
        return PersonalIdentityNumber.ofStored(twelveDigits);
    }
}
