// Package evidence loads and validates the data/ folder: the standards
// catalogs (standards.yaml), the leadership framework (framework.yaml) and
// the evidence recorded against them. Every problem is reported with its
// file and line; loading goes on after errors so that one run lists them all.
//
// Each X.yaml defines and each X.csv records; every file is optional, but a
// CSV needs its definition:
//
//	installation.csv  school,indicator,date,status,value,evidence,note  (needs framework.yaml)
//	trust.yaml        scale {min,max,labels}, facets, groups, min_respondents (5)
//	trust.csv         school,year,group,facet,mean,respondents[,invited][,favorable_pct]
//	achievement.yaml  subjects, subgroups, families, min_n (10), top_bottom {low: 5, high: 95}
//	achievement.csv   school,year,subject,subgroup,tested,proficient_pct
//
// CSV files are read as spreadsheets export them: with or without a UTF-8
// BOM, CRLF or LF, quoted fields, blank trailing rows, spaces around
// fields, header names in any case and order, and semicolon-separated with
// decimal commas (61,5). Extra columns are ignored with a warning; columns
// that look like student records (student_id, dob…) are an error. Years are
// school years, 2023-24 (or 2024, or 2023-2024); dates are YYYY-MM-DD.
// Percentages and means may be coded or suppressed at the source ("<5",
// "≥95%", "*", "n<10"): see [ParseMeasure].
//
// Privacy is applied here, not by later stages, so that no suppressed
// number leaves the package: achievement groups with fewer than min_n
// students (or none) and trust groups with fewer than min_respondents are
// suppressed, with their counts; a second member of a family of subgroups
// is suppressed when exactly one is hidden (complementary suppression); and
// percentages at or beyond top_bottom are shown only as "≤5%" or "≥95%".
package evidence
