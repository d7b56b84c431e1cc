package content

import "testing"

// TestSiteLink: links written beside a file point where the files are
// published, from the page its body is shown on, in a relative build and
// under a base path; what is not a path of the site is left alone.
func TestSiteLink(t *testing.T) {
	narrative := "content/schools/lincoln/walks.md"
	for _, tc := range []struct {
		file, dest, relative, under string
	}{
		{narrative, "agenda.pdf", "../../../schools/lincoln/agenda.pdf", "/p/schools/lincoln/agenda.pdf"},
		{narrative, "walk photo.jpg", "../../../schools/lincoln/walk photo.jpg", "/p/schools/lincoln/walk photo.jpg"},
		{narrative, "getting-started.md", "../../../schools/lincoln/getting-started/index.html", "/p/schools/lincoln/getting-started/"},
		{narrative, "getting-started.md#results", "../../../schools/lincoln/getting-started/index.html#results", "/p/schools/lincoln/getting-started/#results"},
		{narrative, "_index.md", "../../../schools/lincoln/index.html", "/p/schools/lincoln/"},
		{narrative, "../oak/plan.md", "../../../schools/oak/plan/index.html", "/p/schools/oak/plan/"},
		{narrative, "../../district/vision.md", "../../../district/vision/index.html", "/p/district/vision/"},
		{narrative, "../../../../../etc/passwd", "../../../etc/passwd", "/p/etc/passwd"},
		{narrative, "/", "../../../index.html", "/p/"},
		{narrative, "/schools/oak/", "../../../schools/oak/index.html", "/p/schools/oak/"},
		{narrative, "/board/?print=1", "../../../board/index.html?print=1", "/p/board/?print=1"},
		{narrative, "#why", "#why", "#why"},
		{narrative, "https://example.org/a.pdf", "https://example.org/a.pdf", "https://example.org/a.pdf"},
		{narrative, "//cdn.example.org/x", "//cdn.example.org/x", "//cdn.example.org/x"},
		{narrative, "mailto:office@example.org", "mailto:office@example.org", "mailto:office@example.org"},
		{narrative, "javascript:alert(1)", "javascript:alert(1)", "javascript:alert(1)"},
		{narrative, "", "", ""},
		{"content/schools/lincoln/_index.md", "agenda.pdf", "../../schools/lincoln/agenda.pdf", "/p/schools/lincoln/agenda.pdf"},
		{"content/schools/lincoln/_index.md", "walks.md", "../../schools/lincoln/walks/index.html", "/p/schools/lincoln/walks/"},
		{"content/_index.md", "schools/lincoln/agenda.pdf", "schools/lincoln/agenda.pdf", "/p/schools/lincoln/agenda.pdf"},
		{"content/_index.md", "district/vision.md", "district/vision/index.html", "/p/district/vision/"},
		{"content/district/vision.md", "plan.pdf", "../../district/plan.pdf", "/p/district/plan.pdf"},
	} {
		pageURL, dir := bodyPage(tc.file)
		if got, _ := siteLink(tc.dest, dir, pageURL, ""); got != tc.relative {
			t.Errorf("%s: %q relative = %q, want %q", tc.file, tc.dest, got, tc.relative)
		}
		if got, _ := siteLink(tc.dest, dir, pageURL, "/p/"); got != tc.under {
			t.Errorf("%s: %q under /p/ = %q, want %q", tc.file, tc.dest, got, tc.under)
		}
	}
}
