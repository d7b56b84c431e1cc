package generator_test

import (
	"testing"

	"github.com/folio-sites/folio/generator"
)

// TestStudentLevelColumn: the headers of spreadsheets exported from
// student information systems name one student per row in many ways; a
// header that counts or describes groups of students does not.
func TestStudentLevelColumn(t *testing.T) {
	for _, name := range []string{
		"student_id", "Student ID", "Student", "Student Name", "Student Last Name", "Student First",
		"Student #", "Student No", "Stu ID", "Pupil", "Pupil ID", "Learner ID", "Local ID", "State ID",
		"LAST_NAME", "First Name", "DOB", "Date of Birth", "SASID", "Email",
	} {
		if !generator.StudentLevelColumn(name) {
			t.Errorf("%q is not taken as a column of student-level data", name)
		}
	}
	for _, name := range []string{
		"Students", "Students tested", "Student count", "Pupils enrolled", "Hours", "School", "Grade", "Percent proficient", "Task",
	} {
		if generator.StudentLevelColumn(name) {
			t.Errorf("%q is taken as a column of student-level data", name)
		}
	}
}
