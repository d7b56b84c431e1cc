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
// "≥95%", "*", "n<10"; values.go).
//
// Counts suppressed at the source ("*", "s", "-", "–", "N/A", "NA", "<10",
// "n<10", blank) are read as not reported; a file whose every percentage
// is at most 1 is an error (fractions, not percentages).
//
// Privacy is applied here, not by later stages, so that no suppressed
// number leaves the package (privacy.go, bounds.go, protect.go). The
// values it publishes, Measure and Count (measure.go), have unexported
// fields and are made only here, after suppression; their zero value is
// "no data". The rule:
// no published number can be combined with others, adding and subtracting
// along an identity, to give the count or percentage of a group under its
// minimum (min_n, min_respondents) or the exact value behind a coded
// percentage. The identities: at one place, year and subject, all students
// = the members of each family (declared in achievement.yaml, or inferred:
// up to four subgroups whose counts add up to all students', or up to
// eight that a reader sees add up where they are shown); across
// places, the district = its schools (achievement wherever the district has
// a row; trust where the district's respondents are the schools' sum).
// Small groups are suppressed; extreme percentages coded ("≤5%", "≥95%",
// widened for a small group so that a code never means one number); then,
// in every identity with unpublished members, those must be two or more
// with students, together reach the minimum, and leave no member (and
// their combination) one number; the published member with the fewest
// students is hidden until they do. Finally what a reader knows of every
// cell is narrowed along all identities together, and every count that
// the identities added and subtracted together fix is found (combine.go);
// where a withheld value still comes out, one more member is hidden.
// Package audit checks
// the result independently, in every build.
package evidence
