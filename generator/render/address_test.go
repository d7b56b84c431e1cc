package render

import "testing"

// A printed address may break after a slash or before an underscore, not
// inside its scheme, and stays escaped text.
func TestBreakableAddress(t *testing.T) {
	for in, want := range map[string]string{
		"https://x.org/district/chart_goal.csv": "https://x.org/<wbr>district/<wbr>chart<wbr>_goal.csv",
		"https://x.org/a_b?q=1&r=<s>":           "https://x.org/<wbr>a<wbr>_b?q=1&amp;r=&lt;s&gt;",
		"/portfolio/chart_x.csv":                "/<wbr>portfolio/<wbr>chart<wbr>_x.csv",
		`"><script>alert(1)</script>`:           "&#34;&gt;&lt;script&gt;alert(1)&lt;/<wbr>script&gt;",
	} {
		if got := breakableAddress(in); got != want {
			t.Errorf("breakableAddress(%q) = %q, want %q", in, got, want)
		}
	}
}
