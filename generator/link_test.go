package generator_test

import (
	"testing"

	"github.com/folio-sites/folio/generator"
)

// TestLink: links within the site, relative without a base path, under it
// with one; a relative link whose first part holds a colon starts with
// "./", which a browser would otherwise read as an address of its own
// ("http:evil.zip", a file at the top of content/, led to http://evil.zip/).
func TestLink(t *testing.T) {
	tests := []struct {
		base, page, target, want string
	}{
		{"", "/", "/schools/", "schools/index.html"},
		{"", "/schools/oak/", "/schools/", "../../schools/index.html"},
		{"", "/schools/oak/", "/css/folio.css", "../../css/folio.css"},
		{"", "/", "/", "index.html"},
		{"", "/", "/http:evil.zip", "./http:evil.zip"},
		{"", "/", "/javascript:alert(1).pdf", "./javascript:alert(1).pdf"},
		{"", "/schools/oak/", "/http:evil.zip", "../../http:evil.zip"},
		{"", "/", "/a/b:c.pdf", "a/b:c.pdf"},
		{"/district/", "/", "/http:evil.zip", "/district/http:evil.zip"},
		{"", "/", "https://example.org/", "https://example.org/"},
	}
	for _, tt := range tests {
		if got := generator.Link(tt.base, tt.page, tt.target); got != tt.want {
			t.Errorf("Link(%q, %q, %q) = %q, want %q", tt.base, tt.page, tt.target, got, tt.want)
		}
	}
}
