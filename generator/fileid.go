package generator

import "strings"

// FileID is how an id is written in the names of the files a site
// publishes (a chart's download, chart_trust_lincoln_middle_teachers.csv):
// lowercase ASCII letters and digits, any other character an underscore.
// Two ids with the same FileID ("Teachers", "teachers"; "black-students",
// "black_students") would name the same file, so the loaders refuse the
// second.
func FileID(id string) string {
	var b strings.Builder
	b.Grow(len(id))
	for _, r := range strings.ToLower(id) {
		switch {
		case r >= 'a' && r <= 'z', r >= '0' && r <= '9':
			b.WriteRune(r)
		default:
			b.WriteByte('_')
		}
	}
	return b.String()
}
