package generator

import "strings"

// studentColumns are header names (lower case, without spaces, "_" or
// "-") that identify individual students; studentParts are parts of names
// that do. folio publishes aggregates only, so a table with such a column
// is refused, not published: the file should not be in the site at all.
var (
	studentColumns = []string{
		"student", "studentid", "studentname", "studentnumber", "studentemail", "studentno", "student#",
		"stuid", "stuno", "stunumber", "stu#", "pupil", "pupilid", "pupilname", "pupilnumber", "learnerid", "learnername",
		"localid", "stateid", "firstname", "lastname", "middlename", "fullname",
		"dob", "birthdate", "dateofbirth", "ssn", "sasid", "lasid", "email",
	}
	studentParts = []string{
		"studentid", "studentname", "studentnumber", "studentfirst", "studentlast", "studentmiddle",
		"birth", "socialsecurity",
	}
)

// columnSeparators are left out of a column name before it is compared.
var columnSeparators = strings.NewReplacer(" ", "", "_", "", "-", "", ".", "")

// StudentLevelColumn reports whether a table column named name looks like
// data about individual students ("student_id", "Date of Birth", "SASID").
func StudentLevelColumn(name string) bool {
	squeezed := columnSeparators.Replace(strings.ToLower(strings.TrimSpace(name)))
	for _, c := range studentColumns {
		if squeezed == c {
			return true
		}
	}
	for _, p := range studentParts {
		if strings.Contains(squeezed, p) {
			return true
		}
	}
	return false
}
